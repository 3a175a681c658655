-- Shared by every scenario: at the end of a run, print one machine-readable line
--   BENCH requests=N rps=X p50_ms=X p90_ms=X p99_ms=X max_ms=X non2xx=N socket_errors=N checked=N failed_checks=N
-- run_http.sh parses it; wrk's own report is printed above it and kept in the results file.
-- A scenario sets wrk.path (or wrk.method/body/headers), may define
-- check(status, headers, body) -> boolean to validate the body of 2xx/3xx responses (wrk
-- already counts the others; checks cost client CPU, so only where needed), and loads this
-- file last.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

checked, failed_checks = 0, 0

if check ~= nil then -- without check, wrk skips the per-response callback entirely
  function response(status, headers, body)
    if status >= 400 then return end
    checked = checked + 1
    if not check(status, headers, body) then
      failed_checks = failed_checks + 1
    end
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  local checked_total, failed_total = 0, 0
  for _, t in ipairs(threads) do
    checked_total = checked_total + (t:get("checked") or 0)
    failed_total = failed_total + (t:get("failed_checks") or 0)
  end
  local ms = function(us) return string.format("%.2f", us / 1000) end
  io.write(string.format(
    "BENCH requests=%d rps=%.1f p50_ms=%s p90_ms=%s p99_ms=%s max_ms=%s non2xx=%d "
      .. "socket_errors=%d checked=%d failed_checks=%d\n",
    summary.requests, summary.requests / (summary.duration / 1e6),
    ms(latency:percentile(50)), ms(latency:percentile(90)), ms(latency:percentile(99)),
    ms(latency.max), e.status, e.connect + e.read + e.write + e.timeout,
    checked_total, failed_total))
end

