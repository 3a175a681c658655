-- Liveness probe: no I/O behind it, so this measures the HTTP stack and middleware.
wrk.path = "/healthz"

dofile((debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "lib/report.lua")
