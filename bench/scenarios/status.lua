-- Status page: a PostgreSQL round trip (SELECT 1 through the pool) and two Redis calls per request.
-- It answers 200 even when a dependency is down, so the body is checked too.
wrk.path = "/api/v1/status"

function check(status, headers, body)
  return status == 200
    and body:find('"database":{"status":"ok"', 1, true) ~= nil
    and body:find('"redis":{"status":"ok"', 1, true) ~= nil
end

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "lib/report.lua")
