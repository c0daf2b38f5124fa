#!/usr/bin/env bash
# The cost of a /metrics scrape with 50 named scenarios against one with
# none, in one run (a ratio, docs/benchmarks.md "Cost gauges"): the gauges
# are rendered at load, so a scrape should cost about the same either way.
#
#   bash bench/gauges.sh                 # build/gcc's aicostd, 5 s per side
#   AICOSTD=path DURATION=10s ROUNDS=5 bash bench/gauges.sh
#
# Both servers stay on 127.0.0.1 and are stopped when the script ends.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
AICOSTD=${AICOSTD:-$root/build/gcc/cmd/aicostd/aicostd}
DURATION=${DURATION:-5s}
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/fifty" "$work/none"
for i in $(seq -w 0 49); do
  printf '{"training":{"cost_usd":500},"inference":{"cost_per_request_usd":0.01},"traffic":{"requests_per_day":%d}%s}\n' \
    $((1000 * (10#$i + 1))) "$([ "$i" = 00 ] && echo ',"budget_usd":1000')" >"$work/fifty/s$i.json"
done

# serve NAME DIR: starts aicostd on a free port, written to $work/NAME.port
# (not in a $(...): the server would hold its pipe open)
serve() {
  "$AICOSTD" --listen 127.0.0.1:0 --port-file "$work/$1.port" --access-log off \
    --threads 1 --scenarios "$2" >/dev/null 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do [ -s "$work/$1.port" ] && break; sleep 0.05; done
}
serve fifty "$work/fifty"
serve none "$work/none"
p50=$(cat "$work/fifty.port")
p0=$(cat "$work/none.port")
[ "$(curl -s "http://127.0.0.1:$p50/metrics" | grep -c '^aicost_scenario_daily_usd{')" = 50 ]

# rps NAME PORT: requests per second of one connection scraping /metrics
rps() {
  wrk -t1 -c1 -d"$DURATION" "http://127.0.0.1:$2/metrics" |
    awk -v n="$1" '/Requests\/sec/ {print $2} /Latency/ {print n " latency " $2 > "/dev/stderr"}'
}
bytes50=$(curl -s "http://127.0.0.1:$p50/metrics" | wc -c)
bytes0=$(curl -s "http://127.0.0.1:$p0/metrics" | wc -c)
echo "bytes per scrape: $bytes50 with 50 scenarios, $bytes0 with none"
# Alternating rounds, so that a busy neighbour weighs on both sides alike.
for round in $(seq "${ROUNDS:-3}"); do
  r50=$(rps "50 scenarios" "$p50")
  r0=$(rps "no scenario" "$p0")
  awk -v r="$round" -v a="$r50" -v b="$r0" \
    'BEGIN { printf "round %d: %s scrapes/s with 50 scenarios, %s with none, ratio %.2f\n", r, a, b, a / b }'
done
