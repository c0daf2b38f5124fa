#!/usr/bin/env bash
# Instructions per request (user space: aicostd, libmicrohttpd, libc; not
# the kernel), counted by callgrind, for the benchmark's three computed
# cases. Deterministic where req/s on a shared machine is not.
#
#   bash bench/callgrind.sh [AICOSTD...]   # default: build/release's, built here
#
# For each binary and case: aicostd --threads 1 under callgrind, 20 warm-up
# requests on one kept-alive connection, counters zeroed, 200 more, a dump;
# the figure is the dump's total divided by 200. With several binaries
# (an A/B: build the other commit in a worktree of its own) the cases
# alternate between them. Results: docs/benchmarks.md.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
WARMUP=${WARMUP:-20}
REQUESTS=${REQUESTS:-200}

for tool in valgrind callgrind_control python3; do
  command -v "$tool" >/dev/null 2>&1 || { echo "bench: $tool is missing" >&2; exit 1; }
done
if [ $# -eq 0 ]; then
  if [ ! -f "$root/build/release/build.ninja" ]; then
    meson setup "$root/build/release" "$root" -Dbuildtype=release -Dtests=false -Dwerror=true >/dev/null
  fi
  ninja -C "$root/build/release" cmd/aicostd/aicostd >/dev/null
  set -- "$root/build/release/cmd/aicostd/aicostd"
fi

tmp=$(mktemp -d)
pid=
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

cases=(
  "projection-article /v1/projections $here/scenarios/article.json"
  "projection-self-hosted-daily /v1/projections $here/scenarios/self_hosted_daily.json"
  "comparison-4-way /v1/comparisons $here/scenarios/comparison4.json"
)

# post PORT PATH BODY N: N POSTs on one kept-alive connection, each a 200.
post() {
  python3 - "$@" <<'PY'
import http.client, sys
port, path, body, n = int(sys.argv[1]), sys.argv[2], open(sys.argv[3], "rb").read(), int(sys.argv[4])
c = http.client.HTTPConnection("127.0.0.1", port)
for _ in range(n):
    c.request("POST", path, body, {"Content-Type": "application/json"})
    r = c.getresponse()
    r.read()
    if r.status != 200:
        sys.exit(f"bench: {path} answered {r.status}")
PY
}

i=0
for bin in "$@"; do i=$((i + 1)); printf '# [%s] %s (%s)\n' "$i" "$bin" "$("$bin" --version 2>&1 | head -n 1)"; done
printf '%-30s' case
for i in $(seq $#); do printf ' %14s' "[$i]"; done
printf '\n'
for c in "${cases[@]}"; do
  read -r name path body <<<"$c"
  printf '%-30s' "$name"
  for bin in "$@"; do
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    out="$tmp/callgrind.out"
    rm -f "$out"*
    valgrind --tool=callgrind --callgrind-out-file="$out" \
      "$bin" --listen "127.0.0.1:$port" --threads 1 --access-log off 2>"$tmp/valgrind.log" &
    pid=$!
    for _ in $(seq 600); do
      python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.2).close()" 2>/dev/null && break
      sleep 0.1
    done
    post "$port" "$path" "$body" "$WARMUP"
    callgrind_control --zero "$pid" >/dev/null 2>&1
    post "$port" "$path" "$body" "$REQUESTS"
    callgrind_control --dump "$pid" >/dev/null 2>&1
    kill "$pid"
    wait "$pid" 2>/dev/null || true
    pid=
    # the dump made after zeroing is the one with the highest part number
    dump=$(ls -v "$out".* | tail -n 1)
    ir=$(awk '/^(summary|totals):/ { print $2; exit }' "$dump")
    printf ' %14s' "$(python3 -c "print(f'{$ir / $REQUESTS:,.0f}')")"
  done
  printf '\n'
done
