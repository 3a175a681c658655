-- Authenticated reads: GET /api/v1/users/me with a real access token (JWT verification, three
-- denylist/access-cache lookups in Redis, two primary-key reads in PostgreSQL). Run it next to
-- healthz to see what authentication and the profile read cost on top of the bare HTTP stack.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local token_file = here .. "../results/.identity-access-token"

function init(args)
  local file = assert(io.open(token_file, "r"), "no token: bench/identity_seed.py did not run")
  wrk.headers["Authorization"] = "Bearer " .. file:read("*a")
  file:close()
end

wrk.path = "/api/v1/users/me"

function check(status, headers, body)
  return status == 200 and body:find('"email":"bench-0@example.com"', 1, true) ~= nil
end

dofile(here .. "lib/report.lua")

local report_setup, seeded = setup, false
function setup(thread)
  if not seeded then
    seeded = true
    os.execute("mkdir -p " .. here .. "../results")
    assert(os.execute(here .. "../../.venv/bin/python " .. here .. "../identity_seed.py --accounts 1"
      .. " --token-file " .. token_file) == 0, "bench/identity_seed.py failed")
  end
  report_setup(thread)
end
