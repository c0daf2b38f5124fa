#!/bin/sh
# shellcheck disable=SC2016  # dollars in single quotes are amounts, not expansions
# aicost project and compare read JSON or YAML by content (never by the
# file's name), YAML problems at file:line:col, and print every format of
# the one format table. Usage: input.sh AICOST (env AICOST_SOURCE_ROOT).
set -u
AICOST=$1
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"
DATA=$ROOT/tests/data
G=$DATA/golden

# the issue's report: the repository's own named scenario, YAML with comments
check "project a YAML scenario with comments" \
  run 0 "$AICOST" project "$ROOT/config/scenarios/support-bot.yaml"
# 5,000,000 requests a day x $0.005
check "  ... gives the article's daily cost" has out '"daily_usd":25000'

# the same document as JSON and as YAML gives the same bytes
cat >"$tmp/article.yaml" <<'YAML'
# the article's support bot
name: support bot
inference:
  cost_per_request_usd: 0.005
traffic:
  requests_per_day: 5e6   # YAML 1.2: a float
YAML
run 0 "$AICOST" project "$DATA/scenarios/article.json" && cp "$tmp/out" "$tmp/from-json"
check "YAML and JSON of one scenario: the same bytes" \
  sh -c "'$AICOST' project '$tmp/article.yaml' | cmp -s - '$tmp/from-json'"

# by content, not by name: YAML in a .json file, JSON in a .yaml file, stdin
cp "$tmp/article.yaml" "$tmp/yaml-inside.json"
cp "$DATA/scenarios/article.json" "$tmp/json-inside.yaml"
check "YAML in a .json file is read as YAML" \
  sh -c "'$AICOST' project '$tmp/yaml-inside.json' | cmp -s - '$tmp/from-json'"
check "JSON in a .yaml file is read as JSON" \
  sh -c "'$AICOST' project '$tmp/json-inside.yaml' | cmp -s - '$tmp/from-json'"
check "YAML on stdin" \
  sh -c "'$AICOST' project - <'$tmp/article.yaml' | cmp -s - '$tmp/from-json'"

# every problem of a YAML file at file:line:col with its key path, exit 2
cat >"$tmp/bad.yaml" <<'YAML'
name: bad
traffic:
  requests_per_day: -5
  colour: red
inference:
  cost_per_request_usd: "0.1"
YAML
check "invalid YAML scenario: exit 2" run 2 "$AICOST" project "$tmp/bad.yaml"
check "  ... a range at line:col" has err "bad.yaml:3:21: traffic.requests_per_day: must not be negative (got -5)"
check "  ... an unknown key at its key" has err "bad.yaml:4:3: traffic.colour: unknown key"
check "  ... a quoted number" has err "bad.yaml:6:25: inference.cost_per_request_usd: expected a number, got the quoted string '0.1'"
check "  ... three problems, nothing on stdout" sh -c "[ $(lines err) -eq 3 ] && [ $(lines out) -eq 0 ]"

# YAML syntax: line and column
printf 'name: x\ntraffic: [\n' >"$tmp/syntax.yaml"
check "YAML syntax error: exit 2 at file:line:col" run 2 "$AICOST" project "$tmp/syntax.yaml"
check "  ... named" has err "syntax.yaml:3:1: (document):"

# a YAML bomb stops at the parser (aliases are refused), exit 2, quickly
printf 'a: &a [1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n' >"$tmp/bomb.yaml"
check "YAML bomb: exit 2, aliases refused" run 2 "$AICOST" project "$tmp/bomb.yaml"
check "  ... at its place" has err "bomb.yaml:2:8: (document): aliases are not allowed"

# the core's problems in a YAML file are placed too (a self-hosted model the GPU cannot hold)
cat >"$tmp/no-model.yaml" <<'YAML'
traffic:
  requests_per_day: 1000
inference:
  self_hosted:
    gpu: h100-sxm
YAML
check "a problem the core finds in a YAML file: exit 2" run 2 "$AICOST" project "$tmp/no-model.yaml"
check "  ... at file:line:col" grep -q "no-model.yaml:[0-9]*:[0-9]*: " "$tmp/err"

# an empty file is invalid input, not a crash
: >"$tmp/empty.yaml"
check "an empty file: exit 2" run 2 "$AICOST" project "$tmp/empty.yaml"

# compare reads YAML too, and places its problems
cat >"$tmp/compare.yaml" <<'YAML'
horizon_days: 365
scenarios:
  - name: pay per answer
    inference: {cost_per_request_usd: 0.005}
    traffic: {requests_per_day: 1000000}
  - name: own model
    training: {cost_usd: 100000}
    inference: {cost_per_request_usd: 0.001}
    traffic: {requests_per_day: 1000000}
YAML
check "compare a YAML request" run 0 "$AICOST" compare "$tmp/compare.yaml"
check "  ... ranks the options" has out '"ranking":[1,0]'
printf 'scenarios:\n  - traffic: {requests_per_day: 1}\n' >"$tmp/compare-bad.yaml"
check "compare: every problem of a YAML request, exit 2" run 2 "$AICOST" compare "$tmp/compare-bad.yaml"
check "  ... at file:line:col" has err "compare-bad.yaml:2:3: scenarios: must hold 2 to 16 scenarios (got 1)"

# every format of the table, the server's bytes (golden responses)
for f in table:txt markdown:md csv:csv svg:svg; do  # JSON: tests/unit/cli
  name=${f%%:*}; ext=${f#*:}
  check "project --format $name: the server's bytes" \
    sh -c "'$AICOST' project --format $name '$G/projection-article.request.json' | cmp -s - '$G/projection-article.$ext'"
  check "compare --format $name: the server's bytes" \
    sh -c "'$AICOST' compare --format=$name '$G/comparison-buy-vs-pay.request.json' | cmp -s - '$G/comparison-buy-vs-pay.$ext'"
done

# the table for people: money in full, the crossover named. $9,125,000 =
# $25,000 a day x 365; the crossover is day 7 as training's $155,202
# (its table row) over $25,000 a day is 6.2 days
check "--format table: headline figures" run 0 "$AICOST" project --format table "$ROOT/config/scenarios/support-bot.yaml"
check "  ... money with separators" grep -q "inference per year (day 1 × 365)  *\$9,125,000" "$tmp/out"
check "  ... the crossover" grep -q "^crossover (inference ≥ training)  *day 7$" "$tmp/out"

# Markdown escapes what would break a table or run as HTML in a comment
printf '{"name":"a|b <img src=x>","inference":{"cost_per_request_usd":1},"traffic":{"requests_per_day":1}}' >"$tmp/hostile.json"
check "--format markdown of a hostile name" run 0 "$AICOST" project --format markdown "$tmp/hostile.json"
check "  ... escaped" has out '**a\|b &lt;img src=x&gt;**'
printf '{"name":"bell\\u0007\\u001b[31m","inference":{"cost_per_request_usd":1},"traffic":{"requests_per_day":1}}' >"$tmp/escape.json"
check "--format table of a name with terminal escapes" run 0 "$AICOST" project --format table "$tmp/escape.json"
check "  ... made harmless" sh -c "! grep -q \"$(printf '\033')\" '$tmp/out'"

# usage errors
check "--format of no format: exit 2, the formats named" run 2 "$AICOST" project --format xml "$DATA/scenarios/article.json"
check "  ... named" has err "(json, csv, svg, table or markdown)"
check "--pretty with markdown: exit 2" run 2 "$AICOST" project --pretty --format markdown "$DATA/scenarios/article.json"
check "a directory as the input: exit 2" run 2 "$AICOST" project "$ROOT/config"
check "--today of a non-date: exit 2 naming /today" run 2 "$AICOST" project --today 2026-13-45 "$tmp/article.yaml"
check "  ... named" has err "/today"

# an answer converted at an old exchange rate says so: stale_fx at
# /currency, in the JSON and on stderr; on the rate's own day it is fresh,
# and a dollar answer converts nothing
sed 's/^name: support bot$/name: support bot\ncurrency: EUR/' "$tmp/article.yaml" >"$tmp/article-eur.yaml"
check "--today far ahead, in euros: a stale_fx warning" \
  run 0 "$AICOST" project --today 2036-01-01 "$tmp/article-eur.yaml"
check "  ... in the JSON at /currency" has out '{"code":"stale_fx","pointer":"/currency",'
check "  ... on stderr, naming the currency" has err "warning: /currency: the EUR exchange rate ("
eur_as_of=$(sed -n 's/.*"as_of":"\([0-9-]*\)"}}$/\1/p' "$tmp/out")
check "  ... and the rate's date" has err "dates from $eur_as_of, "
check "--today on the rate's own day: fresh" \
  run 0 "$AICOST" project --today "${eur_as_of:-none}" "$tmp/article-eur.yaml"
check "  ... no stale_fx" sh -c "! grep -q stale_fx '$tmp/out' '$tmp/err'"
check "--today far ahead in dollars: no stale_fx" \
  run 0 "$AICOST" project --today 2036-01-01 "$tmp/article.yaml"
check "  ... none" sh -c "! grep -q stale_fx '$tmp/out' '$tmp/err'"
check "a named scenario --set currency=GBP, --today far ahead" \
  run 0 "$AICOST" project --scenarios "$ROOT/config/scenarios" support-bot --set currency=GBP --today 2036-01-01
check "  ... warns of the GBP rate" has err "warning: /currency: the GBP exchange rate ("

finish
