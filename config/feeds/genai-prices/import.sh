#!/bin/sh
# Regenerates the default catalogue's API prices from the genai-prices
# snapshot beside this file:
#   config/feeds/genai-prices/import.sh [AICOST] > config/catalogue.d/api-prices.yaml
# The import's report (every row left out and field not imported, with its
# JSON Pointer) goes to stderr. tests/unit/feeds/meson.build runs this and
# compares its output with the committed file byte for byte.
#
# The providers: every first-party vendor with USD list prices, and the hosts
# of open-weight models that teams weigh against self-hosting (why the others
# are left out: docs/catalogue.md, "Which providers"). Ids that
# config/catalogue.yaml keeps by hand (corrections) are left out.
set -eu
AICOST=${1:-aicost}
case $AICOST in /*) ;; */*) AICOST=$(pwd)/$AICOST ;; esac
cd "$(dirname "$0")/../../.."
exec "$AICOST" catalogue import genai-prices \
  --as-of 2026-08-21 --commit 47df840a5ab10bbcffb8e5ac01b9899032245d1b \
  --providers anthropic,cohere,deepseek,google,minimax,mistral,moonshotai,openai,perplexity,x-ai,zai,cerebras,fireworks,groq,together \
  --except config/catalogue.yaml \
  config/feeds/genai-prices/data.json
