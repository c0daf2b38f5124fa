#!/usr/bin/env bash
# Throughput and latency of aicostd on loopback, against nginx serving a
# static file of the same size as each response (the ceiling for those bytes
# on this machine). Builds a release aicostd, starts it and nginx, drives
# each with wrk, prints a table and the server's peak RSS.
#
#   bash bench/run.sh                      # 64 connections, 3 rounds of 10 s per server
#   DURATION=30s CONNECTIONS=64 THREADS=2 WRK_THREADS=2 bash bench/run.sh
#   PIN=1 bash bench/run.sh                # servers on the last core, wrk on the others
#   BASELINE=/other/build/cmd/aicostd/aicostd bash bench/run.sh
#                                          # an A/B: that aicostd too, in the same rounds
#   QUERY='?bands=false' bash bench/run.sh # a query string on the projection and
#                                          # comparison cases (issue 14's A/B without bands)
#
# Everything stays on 127.0.0.1; every wrk run is bounded by DURATION and
# the script stops both servers when it ends. Results: docs/benchmarks.md.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-$(nproc)}         # aicostd worker threads
WRK_THREADS=${WRK_THREADS:-2}
ROUNDS=${ROUNDS:-3}                  # alternating aicostd/nginx runs per case
PIN=${PIN:-0}
if [ "$PIN" = 1 ]; then
  # The load generator off the servers' core: each server gets the last core
  # (one thread, one worker), wrk the others, so the ratio compares the two
  # servers' work per request and not how the scheduler shares the cores.
  last=$(($(nproc) - 1))
  if [ "$last" -lt 1 ]; then
    echo "bench: PIN=1 needs at least two cores" >&2
    exit 1
  fi
  THREADS=1
  WRK_THREADS=${WRK_THREADS_PINNED:-$last}
  server_cpu=(taskset -c "$last")
  wrk_cpu=(taskset -c "0-$((last - 1))")
else
  server_cpu=()
  wrk_cpu=()
fi
NGINX_WORKERS=${NGINX_WORKERS:-$THREADS}
# Another aicostd binary (another commit's, built elsewhere) run in the same
# rounds as this one (before it in even rounds, after nginx in odd ones), and
# the "vs baseline" ratio is the median of the rounds' own ratios.
BASELINE=${BASELINE:-}
QUERY=${QUERY:-}                    # appended to the POST cases' paths
ACCESS_LOG=${ACCESS_LOG:-off}       # aicostd's JSON access log (to /dev/null when on)

for tool in wrk nginx curl meson ninja; do
  if ! command -v "$tool" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$tool" ]; then
    echo "bench: $tool is missing (apt-get install wrk nginx curl meson ninja-build)" >&2
    exit 1
  fi
done
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

# --- release build ----------------------------------------------------------
if [ ! -f "$root/build/release/build.ninja" ]; then
  rm -rf "$root/build/release"
  meson setup "$root/build/release" "$root" -Dbuildtype=release -Dtests=false -Dwerror=true >/dev/null
fi
ninja -C "$root/build/release" cmd/aicostd/aicostd >/dev/null
aicostd="$root/build/release/cmd/aicostd/aicostd"

tmp=$(mktemp -d)
chmod 755 "$tmp"   # nginx's workers run as an unprivileged user when started as root
aicostd_pid=
nginx_pid=
baseline_pid=
# shellcheck disable=SC2317  # called by the EXIT trap
cleanup() {
  [ -n "$aicostd_pid" ] && kill "$aicostd_pid" 2>/dev/null && wait "$aicostd_pid" 2>/dev/null
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
  [ -n "$baseline_pid" ] && kill "$baseline_pid" 2>/dev/null && wait "$baseline_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# --- aicostd (and the baseline) ---------------------------------------------
# start_server BIN: starts BIN on a free port; sets server_pid and server_base.
start_server() {
  local port
  port=$(free_port)
  "${server_cpu[@]}" "$1" --listen "127.0.0.1:$port" --threads "$THREADS" --access-log "$ACCESS_LOG" 2>/dev/null &
  server_pid=$!
  for _ in $(seq 100); do
    curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break
    sleep 0.05
  done
  server_base="http://127.0.0.1:$port"
}
start_server "$aicostd"
aicostd_pid=$server_pid
base=$server_base
if [ -n "$BASELINE" ]; then
  start_server "$BASELINE"
  baseline_pid=$server_pid
  bbase=$server_base
fi

# --- the cases: name method path body-file -----------------------------------
cases=(
  "projection-article POST /v1/projections$QUERY $here/scenarios/article.json"
  "projection-self-hosted-daily POST /v1/projections$QUERY $here/scenarios/self_hosted_daily.json"
  "comparison-4-way POST /v1/comparisons$QUERY $here/scenarios/comparison4.json"
  "catalogue GET /v1/catalogue -"
  "healthz GET /healthz -"
)

# Each response is fetched once: it must be a 200, and its exact bytes become
# the static file nginx serves for that case.
mkdir -p "$tmp/www"
for c in "${cases[@]}"; do
  read -r name method path body <<<"$c"
  args=(-s -o "$tmp/www/$name.json" -w '%{http_code}')
  if [ "$method" = POST ]; then
    args+=(-X POST -H 'Content-Type: application/json' --data-binary "@$body")
  fi
  code=$(curl "${args[@]}" "$base$path")
  if [ "$code" != 200 ]; then
    echo "bench: $method $path answered $code:" >&2
    head -c 600 "$tmp/www/$name.json" >&2
    exit 1
  fi
  if [ "$method" = POST ]; then
    # wrk's Lua needs the body as a string literal: %q-style escaping via python.
    python3 - "$body" "$tmp/$name.lua" <<'EOF'
import json, sys
body = open(sys.argv[1], "rb").read().decode()
with open(sys.argv[2], "w") as f:
    f.write('wrk.method = "POST"\n')
    f.write('wrk.headers["Content-Type"] = "application/json"\n')
    f.write("wrk.body = " + json.dumps(body) + "\n")
EOF
  fi
done

# --- nginx ------------------------------------------------------------------
nport=$(free_port)
mkdir -p "$tmp/nginx/logs"
cat >"$tmp/nginx/nginx.conf" <<EOF
worker_processes $NGINX_WORKERS;
daemon off;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  # Without it nginx opens, stats and closes the file on every request,
  # work that aicostd does not do: the ceiling would be lower than it is.
  open_file_cache max=64 inactive=600s;
  open_file_cache_valid 600s;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path $tmp/nginx/body;
  proxy_temp_path $tmp/nginx/proxy;
  fastcgi_temp_path $tmp/nginx/fastcgi;
  uwsgi_temp_path $tmp/nginx/uwsgi;
  scgi_temp_path $tmp/nginx/scgi;
  types { application/json json; }
  server {
    listen 127.0.0.1:$nport;
    root $tmp/www;
  }
}
EOF
"${server_cpu[@]}" "$nginx_bin" -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" 2>"$tmp/nginx/logs/stderr" &
nginx_pid=$!
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$nport/healthz.json" >/dev/null && break
  sleep 0.05
done
# The baseline must answer the same bytes too (a case it answers otherwise
# is named: its ratio then compares different work).
if [ -n "$BASELINE" ]; then
  for c in "${cases[@]}"; do
    read -r name method path body <<<"$c"
    args=(-s)
    if [ "$method" = POST ]; then
      args+=(-X POST -H 'Content-Type: application/json' --data-binary "@$body")
    fi
    if ! curl "${args[@]}" "$bbase$path" | cmp -s - "$tmp/www/$name.json"; then
      echo "bench: the baseline answers $name with other bytes" >&2
    fi
  done
fi
# The ceiling must serve the very same bytes, or the comparison means nothing.
for c in "${cases[@]}"; do
  read -r name _ <<<"$c"
  if ! curl -sf "http://127.0.0.1:$nport/$name.json" | cmp -s - "$tmp/www/$name.json"; then
    echo "bench: nginx does not serve $name.json as expected:" >&2
    cat "$tmp/nginx/logs/error.log" "$tmp/nginx/logs/stderr" >&2
    exit 1
  fi
done

# The CPU time (user + system, in clock ticks) a process has used.
cpu_ticks() {
  awk '{ print $14 + $15 }' "/proc/$1/stat"
}
clk_tck=$(getconf CLK_TCK)

# wrk_run URL [LUA [PID]] -> "rps p50_ms p99_ms errors cpu_us_per_request"
# (the last from PID's CPU time over the run, "-" without a PID)
wrk_run() {
  local url=$1 script=${2-} pid=${3-} out before=0 after=0
  local args=(-t "$WRK_THREADS" -c "$CONNECTIONS" -d "$DURATION" --latency)
  if [ -n "$script" ]; then
    args+=(-s "$script")
  fi
  if [ -n "$pid" ]; then
    before=$(cpu_ticks "$pid")
  fi
  out=$("${wrk_cpu[@]}" wrk "${args[@]}" "$url")
  if [ -n "$pid" ]; then
    after=$(cpu_ticks "$pid")
  fi
  python3 - "$out" "$pid" "$((after - before))" "$clk_tck" <<'EOF'
import re, sys
out, pid, ticks, hz = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
def ms(tag):
    m = re.search(r"^\s*" + tag + r"%\s+([\d.]+)(us|ms|s)\b", out, re.M)
    v, u = float(m.group(1)), m.group(2)
    return v / 1000 if u == "us" else v * 1000 if u == "s" else v
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
errs = re.search(r"Socket errors:.*", out)
n = int(bad.group(1)) if bad else 0
requests = int(re.search(r"(\d+) requests in", out).group(1))
cpu = f"{ticks / hz * 1e6 / requests:.1f}" if pid and requests > 0 else "-"
print(f"{rps:.0f} {ms('50'):.3f} {ms('99'):.3f} {n}{'+sock' if errs else ''} {cpu}")
EOF
}

printf '# aicostd %s (threads %s, access log %s) vs nginx %s (workers %s)\n' \
  "$("$aicostd" --version 2>&1 | head -n1)" "$THREADS" "$ACCESS_LOG" \
  "$("$nginx_bin" -v 2>&1 | sed 's/.*nginx\///')" "$NGINX_WORKERS"
printf '# wrk -t%s -c%s -d%s, %s rounds, on %s, %s cores%s\n' "$WRK_THREADS" "$CONNECTIONS" "$DURATION" "$ROUNDS" \
  "$(uname -srm)" "$(nproc)" "$([ "$PIN" = 1 ] && echo "; servers pinned to core $last, wrk to the rest")"
bad=
if [ -n "$BASELINE" ]; then
  printf '# baseline: %s (each case is followed by a row "vs baseline": its req/s, p50, p99, the\n#   ratio aicostd / baseline, and both servers'"'"' CPU time per request, which other load on the\n#   machine moves less than req/s)\n' "$BASELINE"
fi
printf '%-30s %8s %10s %8s %8s %10s %8s %8s %7s %s\n' case bytes aicostd_rps p50_ms p99_ms \
  nginx_rps p50_ms p99_ms ratio "  ratio by round"
for c in "${cases[@]}"; do
  read -r name method path body <<<"$c"
  script=
  if [ "$method" = POST ]; then
    script="$tmp/$name.lua"
  fi
  bytes=$(stat -c %s "$tmp/www/$name.json")
  # Rounds alternate the two servers, so that both see the same drift of
  # this shared machine; each column is the median over the rounds, and the
  # ratio the median of the rounds' ratios.
  rounds=()
  brounds=()
  for r in $(seq "$ROUNDS"); do
    # the baseline goes last in odd rounds and first in even ones
    if [ -n "$BASELINE" ] && [ $((r % 2)) = 0 ]; then
      read -r b_rps b_p50 b_p99 b_err b_cpu < <(wrk_run "$bbase$path" "$script" "$baseline_pid")
    fi
    read -r a_rps a_p50 a_p99 a_err a_cpu < <(wrk_run "$base$path" "$script" "$aicostd_pid")
    read -r n_rps n_p50 n_p99 n_err _ < <(wrk_run "http://127.0.0.1:$nport/$name.json")
    rounds+=("$a_rps $a_p50 $a_p99 $n_rps $n_p50 $n_p99")
    if [ -n "$BASELINE" ]; then
      if [ $((r % 2)) = 1 ]; then
        read -r b_rps b_p50 b_p99 b_err b_cpu < <(wrk_run "$bbase$path" "$script" "$baseline_pid")
      fi
      brounds+=("$a_rps $b_rps $b_p50 $b_p99 $a_cpu $b_cpu")
      if [ "$b_err" != 0 ]; then
        bad=1
        echo "bench: $name: non-2xx answers or socket errors (baseline): $b_err" >&2
      fi
    fi
    if [ "$a_err" != 0 ] || [ "$n_err" != 0 ]; then
      bad=1
      echo "bench: $name: non-2xx answers or socket errors (aicostd/nginx): $a_err/$n_err" >&2
    fi
  done
  python3 - "$name" "$bytes" "${rounds[@]}" <<'EOF'
import statistics, sys
name, size, rows = sys.argv[1], sys.argv[2], [list(map(float, r.split())) for r in sys.argv[3:]]
med = [statistics.median(col) for col in zip(*rows)]
ratios = [r[0] / r[3] for r in rows]
print(f"{name:<30} {size:>8} {med[0]:>10.0f} {med[1]:>8.3f} {med[2]:>8.3f} {med[3]:>10.0f} "
      f"{med[4]:>8.3f} {med[5]:>8.3f} {statistics.median(ratios):>7.2f}   "
      + "/".join(f"{x:.2f}" for x in ratios))
EOF
  if [ -n "$BASELINE" ]; then
    python3 - "${brounds[@]}" <<'EOF'
import statistics, sys
rows = [list(map(float, r.split())) for r in sys.argv[1:]]
ratios = [r[0] / r[1] for r in rows]
cpu = [r[4] / r[5] for r in rows]
print(f"{'  vs baseline':<30} {'':>8} {statistics.median(r[1] for r in rows):>10.0f} "
      f"{statistics.median(r[2] for r in rows):>8.3f} {statistics.median(r[3] for r in rows):>8.3f} "
      f"{'':>10} {'':>8} {'':>8} {statistics.median(ratios):>7.2f}   " + "/".join(f"{x:.2f}" for x in ratios))
print(f"{'  CPU us/request':<30} {'':>8} aicostd {statistics.median(r[4] for r in rows):.1f}, baseline "
      f"{statistics.median(r[5] for r in rows):.1f}; aicostd / baseline {statistics.median(cpu):.2f}   "
      + "/".join(f"{x:.2f}" for x in cpu))
EOF
  fi
done

rss_kib=$(awk '/^VmHWM:/ { print $2 }' "/proc/$aicostd_pid/status")
printf 'aicostd peak RSS (VmHWM): %s KiB (%.1f MiB)\n' "$rss_kib" "$(python3 -c "print($rss_kib / 1024)")"
if [ -n "$BASELINE" ]; then
  brss_kib=$(awk '/^VmHWM:/ { print $2 }' "/proc/$baseline_pid/status")
  printf 'baseline peak RSS (VmHWM): %s KiB (%.1f MiB)\n' "$brss_kib" "$(python3 -c "print($brss_kib / 1024)")"
fi
if [ -n "$bad" ]; then
  echo "bench: some responses were not 2xx or sockets failed (errors column: aicostd/nginx)" >&2
  exit 1
fi
