-- Logins/s: POST /api/v1/auth/login with the right password, one Argon2id verification each
-- (plus a session, a refresh token and a login activity row). Requests rotate over 1000 seeded
-- accounts and X-Forwarded-For addresses (the bench connects from a trusted proxy address), so
-- the per-account and per-IP rate limits stay out of the measurement, as with many real users.
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local accounts = 1000

local counter = 0
function request()
  counter = counter + 1
  local i = counter % accounts
  local body = string.format(
    '{"identifier":"bench-%d@example.com","password":"%s","device_id":"bench-%d"}',
    i, os.getenv("BENCH_PASSWORD") or "bench kettle orbit sandal", i)
  local headers = {
    ["Content-Type"] = "application/json",
    ["X-Forwarded-For"] = string.format("10.%d.%d.%d", math.random(0, 255),
      math.random(0, 255), math.random(1, 254)),
  }
  return wrk.format("POST", "/api/v1/auth/login", headers, body)
end

function check(status, headers, body)
  return status == 200 and body:find('"access_token"', 1, true) ~= nil
end

dofile(here .. "lib/report.lua")

-- Seed the accounts once, before any thread starts (idempotent; settings from the environment).
local report_setup, seeded = setup, false
function setup(thread)
  if not seeded then
    seeded = true
    assert(os.execute(here .. "../../.venv/bin/python " .. here .. "../identity_seed.py --accounts "
      .. accounts) == 0, "bench/identity_seed.py failed")
  end
  report_setup(thread)
end
