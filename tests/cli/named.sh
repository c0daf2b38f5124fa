#!/bin/sh
# shellcheck disable=SC2016  # dollars in single quotes are amounts, not expansions
# Named scenarios from the CLI: aicost project NAME with --scenarios and
# --set (the server's overrides, one function), aicost scenarios check DIR
# (every problem of every file, exit 2), and aicostd's start with a broken
# directory (every problem, naming the files, not the catalogue).
# Usage: named.sh AICOST (env AICOST_SOURCE_ROOT, AICOSTD).
set -u
AICOST=$1
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
AICOSTD=${AICOSTD:?}

# NAME runs config/scenarios/NAME.yaml (the default directory, from the root)
check "project NAME from config/scenarios" \
  sh -c "cd '$ROOT' && '$AICOST' project support-bot >'$tmp/out' 2>'$tmp/err'"
check "  ... is the file's projection" \
  sh -c "'$AICOST' project '$ROOT/config/scenarios/support-bot.yaml' | cmp -s - '$tmp/out'"

# --set changes the scenario as the server's query does: 6,000,000 requests at 0.005 USD
check "--set traffic.requests_per_day=6e6" \
  run 0 "$AICOST" project support-bot --scenarios "$ROOT/config/scenarios" --set traffic.requests_per_day=6e6
check '  ... $30,000 a day' has out '"daily_usd":30000'
check "--set with the server's bare key, and --set=" \
  run 0 "$AICOST" project support-bot --scenarios "$ROOT/config/scenarios" --set=requests_per_day=6e6 --set horizon_days=730
check "  ... both applied" sh -c "grep -q '\"daily_usd\":30000' '$tmp/out' && grep -q '\"horizon_days\":730' '$tmp/out'"
check "--set on a file works the same" \
  run 0 "$AICOST" project "$ROOT/config/scenarios/support-bot.yaml" --set traffic.requests_per_day=6e6
check '  ... $30,000 a day' has out '"daily_usd":30000'

# --set start_date gives the series dates, in the table too (day 1 = 2027-01-01)
check "--set start_date with --format table" \
  run 0 "$AICOST" project support-bot --scenarios "$ROOT/config/scenarios" --set start_date=2027-01-01 --format table
check "  ... a date column, day 30 on 2027-01-30" grep -q '^ *30 .* 2027-01-30$' "$tmp/out"

# bad --set: an unknown path, a non-number, a value out of range: every problem, exit 2
check "--set: every problem at once, exit 2" \
  run 2 "$AICOST" project support-bot --scenarios "$ROOT/config/scenarios" \
    --set traffic.colour=red --set traffic.requests_per_day=lots --set horizon_days=0
check "  ... the unknown path, with the known ones" has err "unknown --set path 'traffic.colour' (known: traffic.requests_per_day,"
check "  ... the non-number by pointer" has err "/traffic/requests_per_day: must be a number (got 'lots')"
check "  ... the range, as the body's rule says" has err "/horizon_days: must be an integer between 1 and 3650 (got 0)"
check "  ... three lines, nothing on stdout" sh -c "[ $(lines err) -eq 3 ] && [ $(lines out) -eq 0 ]"
check "--set without '=': exit 2" run 2 "$AICOST" project support-bot --set traffic.requests_per_day
check "  ... says how" has err "--set takes PATH=VALUE"

# an unknown NAME names the directory looked in
check "an unknown NAME: exit 2" run 2 "$AICOST" project no-such-bot --scenarios "$ROOT/config/scenarios"
check "  ... names where it looked" has err "no scenario $ROOT/config/scenarios/no-such-bot.yaml"
check "--scenarios of a missing directory: exit 2" run 2 "$AICOST" project support-bot --scenarios "$tmp/none"
check "  ... names where it looked" has err "no scenario $tmp/none/support-bot.yaml"
check "a missing file stays a missing file" run 2 "$AICOST" project "$tmp/nope.yaml"
check "  ... named" has err "nope.yaml"

# a directory with one broken file among good ones: the 5 files of
# config/scenarios and 4 with a problem each (broken.yaml, truncated.json,
# bomb.yaml and vendor-api.json, an id vendor-api.yaml gives too), 9 in all
mkdir "$tmp/dir"
cp "$ROOT"/config/scenarios/*.yaml "$tmp/dir/"
cat >"$tmp/dir/broken.yaml" <<'YAML'
traffic:
  requests_per_day: -1
  colour: red
inference:
  cost_per_request_usd: "0.1"
YAML
printf '{"traffic": ' >"$tmp/dir/truncated.json"
printf 'a: &a [1]\nb: [*a]\n' >"$tmp/dir/bomb.yaml"
cp "$ROOT/config/scenarios/vendor-api.yaml" "$tmp/dir/vendor-api.json"
check "scenarios check of good files: exit 0" run 0 "$AICOST" scenarios check "$ROOT/config/scenarios"
check "  ... says so" has out "5 scenario files in $ROOT/config/scenarios, all valid"
check "scenarios check of a broken directory: exit 2" run 2 "$AICOST" scenarios check "$tmp/dir"
check "  ... every problem of the first file" sh -c \
  "grep -qF 'broken.yaml:2:21: traffic.requests_per_day: must not be negative (got -1)' '$tmp/err' &&
   grep -qF 'broken.yaml:3:3: traffic.colour: unknown key' '$tmp/err' &&
   grep -qF 'broken.yaml:5:25: inference.cost_per_request_usd: expected a number' '$tmp/err'"
check "  ... the second file" has err "truncated.json#: invalid JSON at line 1"
check "  ... the third" has err "bomb.yaml:2:5: (document): aliases are not allowed"
check "  ... an id two files give" has err "vendor-api.yaml: gives the scenario id 'vendor-api' as $tmp/dir/vendor-api.json does"
check "  ... the count" has err "aicost scenarios check: 4 of 9 files in $tmp/dir have problems"
check "  ... good files say nothing" sh -c "! grep -q 'support-bot' '$tmp/err'"
check "project NAME of a good file in a broken directory still works" \
  run 0 "$AICOST" project support-bot --scenarios "$tmp/dir"
check "scenarios check of a missing directory: exit 2" run 2 "$AICOST" scenarios check "$tmp/none"
check "scenarios without check: usage, exit 2" run 2 "$AICOST" scenarios "$tmp/dir"

# aicostd refuses to start with the broken directory and says why: every
# problem, naming each file, and the directory rather than the catalogue
check "aicostd with a broken scenarios directory: exit 1" \
  run 1 "$AICOSTD" --listen 127.0.0.1:0 --access-log off --scenarios "$tmp/dir"
check "  ... names the directory" has err "aicostd: cannot load the scenarios in $tmp/dir:"
check "  ... not the catalogue" sh -c "! grep -q 'cannot load catalogue' '$tmp/err'"
check "  ... every problem of every file" sh -c \
  "grep -qF 'broken.yaml:2:21:' '$tmp/err' && grep -qF 'broken.yaml:3:3:' '$tmp/err' &&
   grep -qF 'broken.yaml:5:25:' '$tmp/err' && grep -qF 'truncated.json#' '$tmp/err' &&
   grep -qF 'bomb.yaml:2:5:' '$tmp/err' && grep -qF 'vendor-api.yaml: gives' '$tmp/err'"
check "  ... and the count" has err "aicostd: 4 of 9 scenario files have problems"

finish
