-- POST /api/v1/banking/deposits as the KYC-3 investors of $BENCH_TOKENS_FILE (one access token
-- a line, rotated), each request with its own Idempotency-Key ($BENCH_RUN, thread, counter).
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
local tokens = {}
for line in io.lines(os.getenv("BENCH_TOKENS_FILE")) do
  if #line > 0 then table.insert(tokens, line) end
end
local run = os.getenv("BENCH_RUN") or "run"
local body = '{"amount":"100.00","currency":"INR","method":"upi"}'

dofile(here .. "../../scenarios/lib/report.lua")

local report_setup, next_id = setup, 0
function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  report_setup(thread)
end

local counter = 0
function request()
  counter = counter + 1
  local headers = {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. tokens[counter % #tokens + 1],
    ["Idempotency-Key"] = string.format("%s-%d-%d", run, id or 0, counter),
  }
  return wrk.format("POST", "/api/v1/banking/deposits", headers, body)
end
