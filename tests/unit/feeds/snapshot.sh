#!/bin/sh
# The shipped GPU offers are what the importer makes of the shipped
# snapshot: re-run config/feeds/skypilot/import.sh and compare byte for byte.
# Usage: snapshot.sh AICOST SOURCE_ROOT
set -eu
aicost=$1
cd "$2"
out=$(mktemp)
trap 'rm -f "$out"' EXIT
config/feeds/skypilot/import.sh "$aicost" >"$out" 2>/dev/null
if ! cmp "$out" config/catalogue.d/gpu-offers.yaml; then
  diff "$out" config/catalogue.d/gpu-offers.yaml | head -20
  echo "config/catalogue.d/gpu-offers.yaml is not what the importer makes of the snapshot;" \
       "regenerate it (config/feeds/skypilot/SOURCE.md)" >&2
  exit 1
fi
