#!/usr/bin/env bash
# Retakes every golden response (README.md beside this file) with the server
# of BUILD (default build/gcc): for a change that is meant to move the bytes.
# Say why in the commit. Usage: tests/data/golden/retake.sh [BUILD]
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
build=${1:-build/gcc}
g="$root/tests/data/golden"
dir=$(mktemp -d)
"$root/$build/cmd/aicostd/aicostd" --listen 127.0.0.1:0 --port-file "$dir/port" \
  --access-log off 2>"$dir/stderr" &
pid=$!
trap 'kill "$pid" 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 50); do [ -s "$dir/port" ] && break; sleep 0.1; done
base="http://127.0.0.1:$(cat "$dir/port")"
for f in "$g"/*.request.json; do
  b=$(basename "$f" .request.json)
  case $b in comparison-*) ep=/v1/comparisons ;; *) ep=/v1/projections ;; esac
  curl -sf -X POST -H 'Content-Type: application/json' --data-binary "@$f" "$base$ep" \
    -o "$g/$b.json"
done
for f in "$g"/*.path; do
  b=$(basename "$f" .path)
  curl -sf "$base$(cat "$f")" -o "$g/$b.json"
done
