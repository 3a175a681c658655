#!/usr/bin/env bash
# HTTP load benchmark: start `meridian serve` on a free loopback port, drive each scenario
# (bench/scenarios/*.lua) with wrk, print requests/s and latency percentiles, stop the server.
#
#   bench/run_http.sh [--workers N] [--duration S] [--warmup S] [--threads T]
#                     [--connections C] [--smoke] [SCENARIO ...]
#
# SCENARIO is a file name under bench/scenarios without .lua (default: all of them).
# --smoke: 2 s per scenario, 1 s warm-up, for CI. Exit status 1 if any scenario saw a
# non-2xx/3xx response, a socket error or a failed body check.
# Environment: DATABASE_URL, REDIS_URL (defaults below), WRK (path to wrk).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$BENCH_DIR")
SCENARIO_DIR="$BENCH_DIR/scenarios"
RESULTS_DIR="$BENCH_DIR/results"
WRK=${WRK:-wrk}

workers=2 duration=20 warmup=5 threads=2 connections=50 smoke=0
scenarios=()
while (($#)); do
  case $1 in
    --workers) workers=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --smoke) smoke=1 duration=2 warmup=1; shift ;;
    -h | --help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "unknown option: $1" >&2; exit 2 ;;
    *) scenarios+=("$1"); shift ;;
  esac
done
if ((${#scenarios[@]} == 0)); then
  for f in "$SCENARIO_DIR"/*.lua; do scenarios+=("$(basename "$f" .lua)"); done
fi
for s in "${scenarios[@]}"; do
  [[ -f "$SCENARIO_DIR/$s.lua" ]] || { echo "no scenario $SCENARIO_DIR/$s.lua" >&2; exit 2; }
done
command -v "$WRK" >/dev/null || { echo "wrk not found (apt-get install wrk)" >&2; exit 2; }
[[ -x "$ROOT/.venv/bin/meridian" ]] || { echo "no .venv: run 'make .venv/.installed'" >&2; exit 2; }

export DATABASE_URL=${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/meridian_bench}
export REDIS_URL=${REDIS_URL:-redis://127.0.0.1:6379/0}
export REDIS_NAMESPACE=${REDIS_NAMESPACE:-meridian_bench}
# wrk plays the proxy: its X-Forwarded-For spreads the logins over many client addresses
export FORWARDED_ALLOW_IPS=${FORWARDED_ALLOW_IPS:-127.0.0.1}
export LOG_LEVEL=WARNING

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$RESULTS_DIR"
result="$RESULTS_DIR/http-$stamp-w$workers$( ((smoke)) && echo -smoke || true).txt"
server_log="${result%.txt}.server.log"

# One run at a time on this machine: concurrent runs would share the CPUs and skew each other.
lock="${TMPDIR:-/tmp}/meridian-bench-http.lock"
exec 9>"$lock"
if ! flock -n 9; then
  echo "another bench/run_http.sh is running; waiting (at most 15 min)" >&2
  flock -w 900 9 || { echo "gave up waiting for $lock" >&2; exit 1; }
fi

# Start the server in its own process group so the trap can stop uvicorn and its workers.
cd "$ROOT"
setsid .venv/bin/meridian serve --host 127.0.0.1 --port "$port" --workers "$workers" \
  >"$server_log" 2>&1 9>&- &
server_pid=$!
cleanup() {
  [[ -z ${wrk_pid:-} ]] || kill -TERM "$wrk_pid" 2>/dev/null || true
  rm -f "${wrk_out:-}"
  kill -TERM -- "-$server_pid" 2>/dev/null || return 0
  for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL -- "-$server_pid" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM

for _ in $(seq 120); do  # migrations + start-up: at most 60 s
  curl -fsS -o /dev/null --max-time 1 "$base/healthz" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { echo "server exited:" >&2; tail -20 "$server_log" >&2; exit 1; }
  sleep 0.5
done
curl -fsS -o /dev/null --max-time 1 "$base/healthz" || { echo "server not ready after 60 s" >&2; exit 1; }

# Other load on the machine skews everything: measure how busy the CPUs are (1 s) and say so.
cpu_busy() {
  local a b
  read -ra a </proc/stat; sleep 1; read -ra b </proc/stat
  awk -v a="${a[*]}" -v b="${b[*]}" 'BEGIN { split(a, x); split(b, y)
    for (i = 2; i <= 9; i++) { t += y[i] - x[i]; if (i == 5 || i == 6) idle += y[i] - x[i] }
    printf "%.0f", 100 * (t - idle) / t }'
}
busy=$(cpu_busy)
((busy < 10)) || echo "warning: CPUs ${busy}% busy before the run; figures will be low" >&2

{
  echo "# bench/run_http.sh $(date -u +%FT%TZ) git $(git describe --always --dirty 2>/dev/null || echo '?')${PYTHONPATH:+ PYTHONPATH=$PYTHONPATH}"
  echo "# workers=$workers threads=$threads connections=$connections duration=${duration}s warmup=${warmup}s smoke=$smoke"
  echo "# $(nproc) CPUs, $(lscpu | sed -n 's/^Model name: *//p'), $(free -h | awk '/^Mem:/ {print $2}') RAM, $("$WRK" -v 2>&1 | head -1 | cut -d' ' -f1-2), CPUs ${busy}% busy before the run"
} >"$result"

wrk_out="${result%.txt}.wrk.tmp"
wrk_pid=
wrk_run() {  # wrk_run SCENARIO SECONDS: output in $wrk_out; bounded even if wrk hangs
  # In the background with `wait`, so a signal reaches the trap at once, not after the run.
  timeout $(($2 + 30)) "$WRK" --latency --timeout 5s -t "$threads" -c "$connections" -d "${2}s" \
    -s "$SCENARIO_DIR/$1.lua" "$base" >"$wrk_out" 9>&- &
  wrk_pid=$!
  wait "$wrk_pid"
  wrk_pid=
}

failed=0
rows=()
for s in "${scenarios[@]}"; do
  ((warmup > 0)) && wrk_run "$s" "$warmup"
  wrk_run "$s" "$duration"
  out=$(<"$wrk_out")
  printf '\n## %s\n%s\n' "$s" "$out" >>"$result"
  line=$(grep '^BENCH ' <<<"$out") || { echo "$out" >&2; echo "no BENCH line for $s" >&2; exit 1; }
  declare -A m=()
  for kv in ${line#BENCH }; do m[${kv%%=*}]=${kv#*=}; done
  errors=$((m[non2xx] + m[socket_errors] + m[failed_checks]))
  ((errors == 0)) || failed=1
  rows+=("$(printf '%-16s %10s %9s %9s %9s %9s %8s' "$s" "${m[rps]}" "${m[p50_ms]}" \
    "${m[p90_ms]}" "${m[p99_ms]}" "${m[max_ms]}" "$errors")")
  unset m
done

server_errors=$(grep -cE '"level": *"(ERROR|CRITICAL)"|Traceback' "$server_log" || true)
{
  echo
  printf '%-16s %10s %9s %9s %9s %9s %8s\n' scenario req/s p50_ms p90_ms p99_ms max_ms errors
  printf '%s\n' "${rows[@]}"
  echo
  echo "server log: $server_log ($server_errors error lines)"
  echo "results:    $result"
} | tee -a "$result"
((server_errors == 0)) || failed=1
exit "$failed"
