#!/bin/sh
# redocly lint of openapi.yaml with the recommended rules (tests/contract/redocly.yaml).
# usage: lint.sh SOURCE_ROOT
# Without node or tests/node_modules this skips (exit 77), except in CI
# (CI=true) where a missing tool is a failure.
root=$1
redocly="$root/tests/node_modules/.bin/redocly"
if ! command -v node >/dev/null 2>&1 || [ ! -x "$redocly" ]; then
  echo "node or @redocly/cli missing: run 'npm ci' in tests/" >&2
  [ "$CI" = true ] && exit 1
  exit 77
fi
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true NO_UPDATE_NOTIFIER=1
exec "$redocly" lint --config "$root/tests/contract/redocly.yaml" "$root/openapi.yaml"
