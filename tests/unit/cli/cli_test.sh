#!/bin/sh
# The aicost CLI end to end (TAP): exit codes, stdout and stderr of the real
# binary with the embedded catalogue. Usage: cli_test.sh AICOST DATA_DIR
set -u
AICOST=$1
DATA=$2
AICOST_SOURCE_ROOT=$(cd "$DATA/../.." && pwd)
export AICOST_SOURCE_ROOT
# shellcheck source-path=SCRIPTDIR source=../../cli/lib.sh
. "$(dirname "$0")/../../cli/lib.sh"   # $tmp, ok, not_ok, has, lines, finish
# run RC NAME CMD...: lib.sh's run RC CMD..., with a name for the reader
run() { _rc=$1; shift 2; run_rc "$_rc" "$@"; }

# --help explains with an example and succeeds
if run 0 help "$AICOST" --help && has out "aicost project" && has out "example" &&
   has out "exit status"; then ok "--help"; else not_ok "--help"; fi

# --version names the program and a version
if run 0 version "$AICOST" --version && grep -q '^aicost [0-9]' "$tmp/out"; then
  ok "--version"; else not_ok "--version"; fi

# no command is a usage error (2), with the usage on stderr
if run 2 none "$AICOST" && has err "usage:"; then ok "no command"; else not_ok "no command"; fi

# an unknown command is named
if run 2 unknown "$AICOST" projec x && has err "unknown command 'projec'"; then
  ok "unknown command"; else not_ok "unknown command"; fi

# the article's numbers from the README example, compact JSON on stdout, nothing on stderr
if run 0 article "$AICOST" project "$DATA/scenarios/article.json" &&
   has out '"daily_usd":25000,"annual_usd":9125000' && [ "$(lines err)" -eq 0 ] &&
   [ "$(lines out)" -eq 1 ]; then ok "project article"; else not_ok "project article"; fi
cp "$tmp/out" "$tmp/article.json"

# stdin gives the same bytes as the file: one document, deterministic
if run 0 stdin "$AICOST" project - <"$DATA/scenarios/article.json" &&
   cmp -s "$tmp/out" "$tmp/article.json"; then ok "project - (stdin), same bytes"; else not_ok "project - (stdin)"; fi

# --pretty indents by two spaces
if run 0 pretty "$AICOST" project --pretty "$DATA/scenarios/article.json" &&
   has out '    "daily_usd": 25000,' && [ "$(lines out)" -gt 50 ]; then
  ok "--pretty"; else not_ok "--pretty"; fi

# every problem of an invalid scenario on stderr as 'pointer: reason', nothing on stdout
if run 2 invalid "$AICOST" project "$DATA/invalid/every-problem.json" &&
   has err "/horizon_days: must be an integer between 1 and 3650 (got 0)" &&
   has err "/traffic/requests_per_day: must be a number between 0 and 1000000000000 (got a string)" &&
   [ "$(lines err)" -eq 5 ] && [ "$(lines out)" -eq 0 ]; then
  ok "invalid scenario: exit 2, five problems"; else not_ok "invalid scenario"; fi

# malformed JSON: exit 2 with line and column
if run 2 syntax "$AICOST" project "$DATA/invalid/syntax-truncated.json" &&
   has err "(document): invalid JSON at line 3, column"; then
  ok "malformed JSON: exit 2 with line and column"; else not_ok "malformed JSON"; fi

# an unknown id suggests, through the real catalogue
printf '{"training": {"gpu": "h100", "gpu_count": 8, "pretraining": {"tokens": 1e9}}}' >"$tmp/gpu.json"
if run 2 gpu "$AICOST" project "$tmp/gpu.json" &&
   has err "/training/gpu: unknown gpu 'h100'; did you mean 'h100-nvl' or 'h100-sxm'?"; then
  ok "unknown gpu suggests"; else not_ok "unknown gpu suggests"; fi

# a missing file is the user's input problem: 2
if run 2 missing "$AICOST" project "$tmp/nope.json" && has err "nope.json"; then
  ok "missing file"; else not_ok "missing file"; fi

# an unknown option is a usage error
if run 2 option "$AICOST" project --prety "$DATA/scenarios/article.json" &&
   has err "unknown option '--prety'"; then ok "unknown option"; else not_ok "unknown option"; fi

# two input files are refused rather than one ignored
if run 2 twofiles "$AICOST" project "$DATA/scenarios/article.json" "$DATA/scenarios/api.json"; then
  ok "two inputs refused"; else not_ok "two inputs refused"; fi

# compare: ranking and overtake of the hand-computed comparison
if run 0 compare "$AICOST" compare "$DATA/scenarios/compare-buy-vs-pay.json" &&
   has out '"ranking":[1,0],"overtakes":[{"option":1,"other":0,"day":26}]'; then
  ok "compare"; else not_ok "compare"; fi

# compare refuses a single scenario
if run 2 compare1 "$AICOST" compare "$DATA/invalid/compare-one.json" &&
   has err "/scenarios: must hold 2 to 16 scenarios (got 1)"; then
  ok "compare with one scenario"; else not_ok "compare with one scenario"; fi

# the real catalogue serves the self-hosted and API examples
if run 0 selfhosted "$AICOST" project "$DATA/scenarios/self-hosted-fleet.json" &&
   has out '"kind":"self_hosted"' && has out '"kv_cache_bytes_per_token":327680' &&
   run 0 api "$AICOST" project "$DATA/scenarios/api.json" && has out '"kind":"api"'; then
  ok "self-hosted and api with the embedded catalogue"; else not_ok "self-hosted and api"; fi

# --catalogue PATH is used: a missing catalogue file is an error (2)
if run 2 catpath "$AICOST" project --catalogue "$tmp/none.yaml" "$DATA/scenarios/article.json"; then
  ok "--catalogue missing file"; else not_ok "--catalogue missing file"; fi

# --catalogue with the repository's catalogue works: the file and its
# drop-ins (config/catalogue.d) are exactly the embedded catalogue
if run 0 catok "$AICOST" project --catalogue "$ROOT/config/catalogue.yaml" "$DATA/scenarios/article.json" &&
   cmp -s "$tmp/out" "$tmp/article.json"; then
  ok "--catalogue twice equals the embedded one"; else not_ok "--catalogue twice"; fi

# AICOST_CATALOGUE layers files with ':' between them: a team's overlay wins
printf 'version: "team-1"\n...\n' >"$tmp/team.yaml"
if run 0 catlist env AICOST_CATALOGUE="$ROOT/config/catalogue.yaml:$tmp/team.yaml" \
     "$AICOST" project "$DATA/scenarios/article.json" && has out '"version":"team-1"'; then
  ok "AICOST_CATALOGUE with ':' layers"; else not_ok "AICOST_CATALOGUE with ':' layers"; fi

# catalogue merge prints one YAML catalogue that loads to the same numbers
if run 0 merged "$AICOST" catalogue merge "$ROOT/config/catalogue.yaml" &&
   cp "$tmp/out" "$tmp/merged.yaml" &&
   run 0 mergedok "$AICOST" project --catalogue "$tmp/merged.yaml" "$DATA/scenarios/article.json" &&
   [ "$(grep -o '"total_usd":[0-9.e+]*' "$tmp/out")" = "$(grep -o '"total_usd":[0-9.e+]*' "$tmp/article.json")" ]; then
  ok "catalogue merge round-trips"; else not_ok "catalogue merge round-trips"; fi

# an overlay's error names the overlay's file, line and column
printf 'gpus:\n  no-such-gpu:\n    offers: []\n' >"$tmp/overlay.yaml"
if run 2 badoverlay "$AICOST" catalogue merge @default "$tmp/overlay.yaml" &&
   has err "$tmp/overlay.yaml:2:3: gpus.no-such-gpu: offers for a GPU that no file before this one has"; then
  ok "merge error at the overlay's line"; else not_ok "merge error at the overlay's line"; fi

# AICOST_CATALOGUE is read when --catalogue is absent
if run 2 catenv env AICOST_CATALOGUE="$tmp/none.yaml" "$AICOST" project "$DATA/scenarios/article.json"; then
  ok "AICOST_CATALOGUE"; else not_ok "AICOST_CATALOGUE"; fi

# --format csv|svg: the server's bytes for the same request (the golden
# responses, taken from aicostd), through the same format table
G="$ROOT/tests/data/golden"
for f in json csv svg; do
  # the CLI ends what it prints with a newline; only the JSON lacks one
  cp "$G/projection-article.$f" "$tmp/want"
  if [ "$f" = json ]; then printf '\n' >>"$tmp/want"; fi
  if run 0 "format-$f" "$AICOST" project --format "$f" "$G/projection-article.request.json" &&
     cmp -s "$tmp/out" "$tmp/want"; then
    ok "project --format $f: the server's bytes"; else not_ok "project --format $f"; fi
done
if run 0 format-compare "$AICOST" compare --format=csv "$G/comparison-huge-tiny.request.json" &&
   cmp -s "$tmp/out" "$G/comparison-huge-tiny.csv"; then
  ok "compare --format=csv: the server's bytes"; else not_ok "compare --format=csv"; fi

# bands by default (issue 14), as the API; --no-bands is ?bands=false: null,
# and the CSV without the band columns
if run 0 bands-default "$AICOST" project "$DATA/scenarios/growth-range.json" &&
   has out '"bands":{"samples":64,"method":"latin_hypercube","inputs":["monthly_growth"]'; then
  ok "project: bands by default"; else not_ok "project: bands by default"; fi
if run 0 bands-off "$AICOST" project --no-bands "$DATA/scenarios/growth-range.json" &&
   has out '"bands":null' && run 0 bands-off-csv "$AICOST" project --no-bands --format csv \
   "$DATA/scenarios/growth-range.json" && ! has out '_p10'; then
  ok "project --no-bands: no bands"; else not_ok "project --no-bands"; fi

# an unknown format names the ones there are; --pretty is for JSON only
if run 2 format-unknown "$AICOST" project --format xml "$DATA/scenarios/article.json" &&
   has err "no format 'xml' (json, csv, svg, table or markdown)" && [ "$(lines out)" -eq 0 ]; then
  ok "unknown format"; else not_ok "unknown format"; fi
if run 2 format-pretty "$AICOST" project --format csv --pretty "$DATA/scenarios/article.json" &&
   has err "--pretty indents JSON only"; then
  ok "--pretty with csv refused"; else not_ok "--pretty with csv refused"; fi

# --help lists every format of the table
if run 0 help-formats "$AICOST" --help && has out "json  " && has out "csv   " && has out "svg   "; then
  ok "--help lists the formats"; else not_ok "--help lists the formats"; fi

# aicost schema prints each document's JSON Schema; config/schemas holds the
# same for editors (byte for byte with --pretty); another name is a usage error
for doc in scenario comparison catalogue plan; do
  if run 0 "schema-$doc" "$AICOST" schema "$doc" --pretty &&
     has out '"$schema": "https://json-schema.org/draft/2020-12/schema"' &&
     cmp -s "$tmp/out" "$ROOT/config/schemas/$doc.schema.json"; then
    ok "schema $doc equals config/schemas/$doc.schema.json"; else not_ok "schema $doc"; fi
done
if run 2 schemanope "$AICOST" schema projection && has err "no schema 'projection'"; then
  ok "schema of an unknown document: exit 2"; else not_ok "schema unknown"; fi

# aicost plan: the cheapest set-up (its bytes are the server's: tests/http/
# test_plans.c); bad input exits 2 with each problem by JSON Pointer
if run 0 plan "$AICOST" plan "$DATA/plans/llama-70b-chat.json" && has out '"feasible":true' &&
   has out '"best":{"configuration":{"model":"llama-3.1-70b"'; then
  ok "plan: the best set-up"; else not_ok "plan"; fi
# for people: a terminal table and Markdown, exit 0 (they were refused)
if run 0 plantable "$AICOST" plan --format table "$DATA/plans/llama-70b-chat.json" &&
   has out "the cheapest set-up" && has out "rank  model"; then
  ok "plan --format table"; else not_ok "plan --format table"; fi
if run 0 planmd "$AICOST" plan --format markdown "$DATA/plans/llama-70b-chat.json" &&
   has out "| rank | model | GPU |" && has out "rejected: slo\\_ttft "; then
  ok "plan --format markdown"; else not_ok "plan --format markdown"; fi
# a plan in euros: JSON converted as a projection is; the table draws dollars: exit 2
sed 's/"alternatives"/"currency": "EUR", "alternatives"/' "$DATA/plans/llama-70b-chat.json" >"$tmp/planeur.json"
if run 0 planeur "$AICOST" plan "$tmp/planeur.json" && has out '"daily_eur":' &&
   has out '"currency":{"code":"EUR"' && ! has out '"daily_usd":'; then
  ok "plan in EUR"; else not_ok "plan in EUR"; fi
if run 2 planeurtable "$AICOST" plan --format table "$tmp/planeur.json" &&
   has err "/currency: the table format shows US dollars only"; then
  ok "plan in EUR as a table: exit 2"; else not_ok "plan in EUR as a table"; fi
printf '{"model":"llama-3.1-70b","traffic":{"requests_per_day":1},"slo":{"tpot_ms":-1},"constraints":{"gpus":["h100"]}}' >"$tmp/badplan.json"
if run 2 badplan "$AICOST" plan "$tmp/badplan.json" && has err "/slo/tpot_ms: " &&
   has err "/constraints/gpus/0: unknown gpu 'h100'; did you mean"; then
  ok "plan: bad input exits 2 naming each field"; else not_ok "plan bad input"; fi

# a write failure is an internal error (1), not success
if [ -w /dev/full ]; then
  "$AICOST" project "$DATA/scenarios/article.json" >/dev/full 2>"$tmp/err"
  rc=$?
  if [ "$rc" -eq 1 ] && has err "cannot write output"; then ok "write failure exits 1"; else
    echo "# exit $rc"; not_ok "write failure exits 1"; fi
else
  n=$((n + 1)); echo "ok $n - write failure exits 1 # SKIP no /dev/full"
fi

# catalogue import: the catalogue YAML on stdout, every row left out and
# every field not imported on stderr with its JSON Pointer, then a summary
FEEDS="$DATA/feeds/genai-prices"
if run 0 import "$AICOST" catalogue import genai-prices --as-of 2026-08-21 --commit abc1234 \
     --providers acme "$FEEDS/mapping.json" &&
   has out "  acme/nightly:" && has out '    as_of: "2026-08-21"' &&
   has err "/0/models/7: skipped: acme/embed: no output price" &&
   has err "9 prices written, 6 rows skipped, 4 fields not imported, 1 suspicious, 0 errors"; then
  ok "catalogue import: YAML out, report on stderr"; else not_ok "catalogue import"; fi

# bad feed input: exit 2, the pointer and reason, nothing on stdout
if run 2 import-bad "$AICOST" catalogue import genai-prices --as-of 2026-08-21 \
     "$FEEDS/negative-price.json" &&
   has err "/0/models/0/prices/input_mtok: error: must be a price between 0 and 1e+06 (got -1)" &&
   [ "$(lines out)" -eq 0 ]; then
  ok "catalogue import: a price of -1 exits 2"; else not_ok "catalogue import: a price of -1"; fi
if run 2 import-cut "$AICOST" catalogue import genai-prices --as-of 2026-08-21 "$FEEDS/truncated.json" &&
   has err "line 1, column" && [ "$(lines out)" -eq 0 ]; then
  ok "catalogue import: truncated JSON exits 2"; else not_ok "catalogue import: truncated JSON"; fi

# the snapshot's date is required (the feed has none); an unknown format is named
if run 2 import-date "$AICOST" catalogue import genai-prices "$FEEDS/mapping.json" &&
   has err "--as-of is required" &&
   run 2 import-format "$AICOST" catalogue import skypilot-csv --as-of 2026-08-21 x &&
   has err "unknown format 'skypilot-csv'"; then
  ok "catalogue import: usage errors"; else not_ok "catalogue import: usage errors"; fi

# catalogue show api-prices: the prices in force on the catalogue's date
# (DeepSeek's V3.2 prices, not its 2025 ones) and what else each has
if run 0 show "$AICOST" catalogue show api-prices &&
   grep -q '^deepseek/deepseek-chat .* 0\.28 .* 0\.028 .* 0\.42 .*from 2025-09-29 (3 dated prices)$' "$tmp/out" &&
   grep -q '^google/gemini-2\.5-pro .*tiers > 200000$' "$tmp/out" &&
   [ "$(grep -c '/' "$tmp/out")" -ge 300 ]; then
  ok "catalogue show api-prices"; else not_ok "catalogue show api-prices"; fi

# catalogue check names the layers' count too: the file and its drop-ins
if run 0 check "$AICOST" catalogue check "$ROOT/config/catalogue.yaml" &&
   has out "369 api prices"; then
  ok "catalogue check: config/catalogue.yaml with config/catalogue.d"; else not_ok "catalogue check"; fi

# --today measures prices' ages from that date (the core reads no clock):
# GPT-4o mini's price of 2026-08-21 is fresh on the catalogue's date and
# stale 400 days later; a date that is none is the input's problem
printf '{"inference":{"api":"openai/gpt-4o-mini"},"traffic":{"requests_per_day":1,"input_tokens":800,"output_tokens":300}}' >"$tmp/api.json"
if run 0 fresh "$AICOST" project "$tmp/api.json" && [ "$(lines err)" -eq 0 ] &&
   run 0 stale "$AICOST" project --today 2027-09-25 "$tmp/api.json" &&
   has err "warning: /inference/api: api price 'openai/gpt-4o-mini' was checked 400 days before today, 2027-09-25" &&
   has out '"prices_date_from":"today"' &&
   run 2 baddate "$AICOST" project --today 2027-02-30 "$tmp/api.json" &&
   has err "/today: must be a date as YYYY-MM-DD"; then
  ok "--today"; else not_ok "--today"; fi

# currency: the answer in euros by the server's rule (names and amounts);
# the SVG draws dollars and a code without a rate is the input's problem,
# both exit 2 naming /currency
printf '{"currency":"EUR","inference":{"cost_per_request_usd":0.005},"traffic":{"requests_per_day":5000000}}' >"$tmp/eur.json"
sed 's/EUR/XAU/' "$tmp/eur.json" >"$tmp/xau.json"
if run 0 eur "$AICOST" project "$tmp/eur.json" && has out '"daily_eur":' &&
   has out '"currency":{"code":"EUR","per_usd":' && ! has out '"daily_usd"' &&
   run 0 eurcsv "$AICOST" project --format csv "$tmp/eur.json" && has out 'daily_inference_eur' &&
   run 2 eursvg "$AICOST" project --format svg "$tmp/eur.json" &&
   has err "/currency: the svg format shows US dollars only" && [ "$(lines out)" -eq 0 ] &&
   run 2 xau "$AICOST" project "$tmp/xau.json" &&
   has err "/currency: the catalogue has no exchange rate for 'XAU'"; then
  ok "currency"; else not_ok "currency"; fi

finish
