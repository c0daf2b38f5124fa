#!/bin/sh
# The JSON Schemas generated from the tables against openapi.yaml,
# config/schemas and the repository's valid and invalid documents
# (tests/contract/schemas.mjs says what is checked).
# usage: schemas.sh SOURCE_ROOT AICOST
# Without node or tests/node_modules this skips (exit 77), except in CI
# (CI=true) where a missing tool is a failure.
root=$1
aicost=$2
if ! command -v node >/dev/null 2>&1 || [ ! -d "$root/tests/node_modules/ajv" ]; then
  echo "node or tests/node_modules missing: run 'npm ci' in tests/" >&2
  [ "$CI" = true ] && exit 1
  exit 77
fi
exec node "$root/tests/contract/schemas.mjs" "$root" "$aicost"
