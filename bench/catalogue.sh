#!/usr/bin/env bash
# The catalogue's costs (issue 13): load time at start-up and reload (the C
# program bench/catalogue_load.c), and that GET /v1/catalogue stays
# cacheable: its ETag revalidates with a 304 and no body, before and after
# a SIGHUP reload. Usage: bench/catalogue.sh [BUILD] (default build/gcc).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-build/gcc}
"$root/$build/bench/bench-catalogue-load" 200
dir=$(mktemp -d)
"$root/$build/cmd/aicostd/aicostd" --listen 127.0.0.1:0 --port-file "$dir/port" --access-log off \
  2>"$dir/log" &
pid=$!
trap 'kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 50); do [ -s "$dir/port" ] && break; sleep 0.1; done
url="http://127.0.0.1:$(cat "$dir/port")/v1/catalogue"
etag=$(curl -sfD - -o "$dir/body" "$url" | tr -d '\r' | sed -n 's/^[Ee][Tt]ag: //p')
size=$(wc -c <"$dir/body")
code=$(curl -s -o /dev/null -w '%{http_code} %{size_download}' -H "If-None-Match: $etag" "$url")
echo "GET /v1/catalogue: $size bytes, ETag $etag; revalidated: $code (status, body bytes)"
kill -HUP "$pid"
sleep 0.5
code=$(curl -s -o /dev/null -w '%{http_code} %{size_download}' -H "If-None-Match: $etag" "$url")
echo "after SIGHUP (same files): $code"
