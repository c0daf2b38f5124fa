#!/bin/sh
# shellcheck disable=SC2016  # dollars in single quotes are amounts, not expansions
# aicost diff end to end on the hand-computed fixtures of tests/data/diff
# (its README gives every figure): two directories, two files, --git in a
# repository made here, the gates and their exit status 3, and bad input.
# Usage: diff.sh AICOST (env AICOST_SOURCE_ROOT).
set -u
AICOST=$1
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
D=$ROOT/tests/data/diff

# two directories: the launch's budget is passed, so a gate is crossed (3)
check "diff of two directories: exit 3 (a budget passed)" run 3 "$AICOST" diff "$D/old" "$D/new"
check "  ... the changed scenario, old -> new (change, percent)" \
  has out '$9,125,000 → $10,950,000 (+$1,825,000, +20.0%)'
check "  ... its daily cost" has out '$25,000 → $30,000 (+$5,000)'
check "  ... an added scenario is shown" grep -q '^launch  *added ' "$tmp/out"
check "  ... a removed one too" grep -q '^retired  *removed  *\$10 → —' "$tmp/out"
check "  ... an unchanged one says so" grep -q '^steady  *same ' "$tmp/out"
check "  ... the totals" has out 'all scenarios'"'"' horizon total: $9,132,300 → $10,957,300 (+$1,825,000, +20.0%)'
check "  ... the budget's use" has out '$1,000 (365% used)'
check "  ... one line on stderr per gate crossed" sh -c "[ $(lines err) -eq 1 ]"
check "  ... naming the scenario and its budget" \
  has err "aicost diff: scenario 'launch': the horizon total \$3,650 passes its budget_usd \$1,000"

# the gates on the rise of the total: +$1,825,000 and +19.98 %
mkdir "$tmp/new"
cp "$D/new/support-bot.yaml" "$D/new/steady.yaml" "$tmp/new/"
cp "$D/old/retired.yaml" "$tmp/new/"
check "no gate given, no budget passed: exit 0" run 0 "$AICOST" diff "$D/old" "$tmp/new"
check "--fail-above below the rise: exit 3" run 3 "$AICOST" diff "$D/old" "$tmp/new" --fail-above 1000000
check "  ... one line with the amounts" has err \
  "aicost diff: the horizon total of the scenarios changes by +\$1,825,000, more than --fail-above \$1,000,000"
check "--fail-above at the rise: exit 0 (more than, not equal)" \
  run 0 "$AICOST" diff "$D/old" "$tmp/new" --fail-above 1825000
check "--fail-increase below the rise: exit 3" run 3 "$AICOST" diff "$D/old" "$tmp/new" --fail-increase 19.9
check "  ... one line with the percentage" has err \
  "aicost diff: the horizon total of the scenarios rises by 20.0% (+\$1,825,000), more than --fail-increase 19.9%"
check "--fail-increase above the rise: exit 0" run 0 "$AICOST" diff "$D/old" "$tmp/new" --fail-increase 20
check "both gates crossed: two lines" run 3 "$AICOST" diff "$D/old" "$tmp/new" --fail-increase 1 --fail-above 1
check "  ... two" sh -c "[ $(lines err) -eq 2 ]"
check "a fall never crosses a gate" run 0 "$AICOST" diff "$tmp/new" "$D/old" --fail-increase 0 --fail-above 0

# two files are one pair whatever their names; JSON against YAML
check "diff of two files" run 0 "$AICOST" diff "$D/old/support-bot.yaml" "$D/new/support-bot.yaml"
check "  ... one row, changed" sh -c "[ $(grep -c changed "$tmp/out") -eq 1 ]"
check "a file against itself: same, exit 0 under any gate" \
  run 0 "$AICOST" diff "$D/old/steady.yaml" "$D/old/steady.yaml" --fail-increase 0 --fail-above 0
check "  ... same" grep -q ' same ' "$tmp/out"
check "an unchanged scenario over its budget still crosses its gate (3)" \
  run 3 "$AICOST" diff "$D/new/launch.json" "$D/new/launch.json"

# Markdown for a pull request comment: the marker, a table, the gate
check "--format markdown" run 3 "$AICOST" diff "$D/old" "$D/new" --format markdown
check "  ... starts with the marker a CI job finds" sh -c "head -1 '$tmp/out' | grep -qx '<!-- aicost-diff -->'"
check "  ... a GFM table" has out "| --- | --- | ---: | ---: | ---: | ---: | ---: |"
check "  ... the gate, quoted" has out "> **gate crossed:** scenario 'launch'"

# JSON for a program: the same figures, nulls for what a side lacks, the gates
check "--format json: exit 3 as the table" run 3 "$AICOST" diff "$D/old" "$D/new" --format json
check "  ... the figures, sums and gates" python3 -c "
import json, sys
d = json.load(open('$tmp/out'))
rows = {r['id']: r for r in d['scenarios']}
assert [r['change'] for r in d['scenarios']] == ['added', 'removed', 'same', 'changed']
assert rows['launch']['old'] is None and rows['launch']['new']['budget_usd'] == 1000
assert rows['retired']['new'] is None and rows['retired']['old']['total_usd'] == 3650
assert rows['support-bot']['new']['daily_usd'] == 30000
assert rows['support-bot']['old']['crossover_day'] is None
assert d['horizon_total_usd'] == {'old': 9132300, 'new': 10957300, 'change': 1825000}
assert d['gates_crossed'] == [\"scenario 'launch': the horizon total \$3,650 passes its budget_usd \$1,000\"]
"

# --git: the working tree's config/scenarios against a revision
repo=$tmp/repo
fixture_repo "$repo"
check "--git HEAD: the working tree against HEAD, exit 3" \
  sh -c "cd '$repo' && '$AICOST' diff --git HEAD >'$tmp/out' 2>'$tmp/err'; [ \$? -eq 3 ]"
check "  ... the same report as the two directories" \
  sh -c "'$AICOST' diff '$D/old' '$D/new' 2>/dev/null | cmp -s - '$tmp/out'"
check "--git from a subdirectory, with DIR relative to it" \
  sh -c "cd '$repo/config' && '$AICOST' diff --git HEAD scenarios 2>/dev/null | cmp -s - '$tmp/out'"
mkdir "$repo/config/more"
cp "$D/old/steady.yaml" "$repo/config/more/"
check "--git of a directory not in the revision: all added" \
  sh -c "cd '$repo' && '$AICOST' diff --git HEAD config/more >'$tmp/out' 2>'$tmp/err'"
check "  ... added" grep -q '^steady  *added ' "$tmp/out"
check "--git of no such revision: exit 2" sh -c "cd '$repo' && '$AICOST' diff --git v9.9 >'$tmp/out' 2>'$tmp/err'; [ \$? -eq 2 ]"
check "  ... says so" has err "aicost diff: --git v9.9: no such revision in this repository"
check "--git outside a repository: exit 2" \
  sh -c "mkdir -p '$tmp/norepo/config/scenarios' && cd '$tmp/norepo' && GIT_CEILING_DIRECTORIES='$tmp' '$AICOST' diff --git HEAD >'$tmp/out' 2>'$tmp/err'; [ \$? -eq 2 ]"
check "  ... says so" has err "not in a git work tree"
check "--git with an absolute DIR: exit 2 (a path in the revision is relative)" \
  sh -c "cd '$repo' && '$AICOST' diff --git HEAD '$repo/config/scenarios' >'$tmp/out' 2>'$tmp/err'; [ \$? -eq 2 ]"
check "  ... says so" has err "--git takes DIR relative to the current directory"
check "--git of an option-looking revision: exit 2" run 2 "$AICOST" diff --git --upload-pack=x
mkdir "$tmp/t"
check "--git leaves no temporary directory behind" \
  sh -c "cd '$repo' && TMPDIR='$tmp/t' '$AICOST' diff --git HEAD >/dev/null 2>&1; [ -z \"\$(ls -A '$tmp/t')\" ]"

# bad input: every problem of a broken side, usage errors
mkdir "$tmp/broken"
cp "$D"/new/* "$tmp/broken/"
printf 'traffic:\n  requests_per_day: lots\ninference:\n  cost_per_request_usd: 1\n' >"$tmp/broken/bad.yaml"
check "a broken file on one side: exit 2" run 2 "$AICOST" diff "$D/old" "$tmp/broken"
check "  ... at file:line:col" has err "bad.yaml:2:21: traffic.requests_per_day:"
check "a file against a directory: exit 2" run 2 "$AICOST" diff "$D/old/steady.yaml" "$D/new"
check "one side only: usage, exit 2" run 2 "$AICOST" diff "$D/old"
check "--fail-above of a non-number: exit 2" run 2 "$AICOST" diff "$D/old" "$D/new" --fail-above lots
check "  ... says so" has err "--fail-above takes a number >= 0 (got 'lots')"
check "--fail-increase below zero: exit 2" run 2 "$AICOST" diff "$D/old" "$D/new" --fail-increase -5
check "--format csv: exit 2 (table, markdown or json)" run 2 "$AICOST" diff "$D/old" "$D/new" --format csv
check "an unknown option: exit 2" run 2 "$AICOST" diff "$D/old" "$D/new" --fail-abov 1

finish
