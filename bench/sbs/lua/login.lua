-- POST /api/v1/auth/login over the $BENCH_ACCOUNTS accounts bench/identity_seed.py made, from
-- spread X-Forwarded-For addresses (the bench is a trusted proxy), so rate limits stay out.
local accounts = tonumber(os.getenv("BENCH_ACCOUNTS") or "1000")
local password = os.getenv("BENCH_PASSWORD") or "bench kettle orbit sandal"

local counter = 0
function request()
  counter = counter + 1
  local i = counter % accounts
  local body = string.format(
    '{"identifier":"bench-%d@example.com","password":"%s","device_id":"bench-%d"}', i, password, i)
  local headers = {
    ["Content-Type"] = "application/json",
    ["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.random(0, 255),
      math.random(0, 255), math.random(1, 254)),
  }
  return wrk.format("POST", "/api/v1/auth/login", headers, body)
end

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "../../scenarios/lib/report.lua")
