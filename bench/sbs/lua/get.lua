-- GET $BENCH_PATH; bench/side_by_side.py passes the bearer token with wrk -H. No body check, so
-- Meridian and the DRF peer are driven alike (wrk counts non-2xx/3xx answers).
wrk.path = os.getenv("BENCH_PATH") or "/healthz"

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "../../scenarios/lib/report.lua")
