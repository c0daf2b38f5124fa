#!/bin/sh
# The default catalogue's API prices are what the importer gives on the
# committed snapshot (TAP): config/feeds/genai-prices/import.sh is re-run
# and its output compared with config/catalogue.d/api-prices.yaml byte for
# byte. Usage: snapshot_test.sh AICOST SOURCE_ROOT
set -u
AICOST=$1
ROOT=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "1..2"
if "$ROOT/config/feeds/genai-prices/import.sh" "$AICOST" >"$tmp/api-prices.yaml" 2>"$tmp/report"; then
  echo "ok 1 - the import of the snapshot succeeds"
else
  echo "not ok 1 - the import of the snapshot succeeds"
  sed 's/^/# /' "$tmp/report" | tail -20
fi
if cmp -s "$tmp/api-prices.yaml" "$ROOT/config/catalogue.d/api-prices.yaml"; then
  echo "ok 2 - config/catalogue.d/api-prices.yaml is the import's output, byte for byte"
else
  echo "not ok 2 - config/catalogue.d/api-prices.yaml is the import's output, byte for byte"
  echo "# regenerate: config/feeds/genai-prices/import.sh build/cmd/aicost/aicost > config/catalogue.d/api-prices.yaml"
  diff "$ROOT/config/catalogue.d/api-prices.yaml" "$tmp/api-prices.yaml" | head -20 | sed 's/^/# /'
  exit 1
fi
