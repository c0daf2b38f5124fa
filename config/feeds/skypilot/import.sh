#!/bin/sh
# Regenerates config/catalogue.d/gpu-offers.yaml from this snapshot, from the
# root of the tree: config/feeds/skypilot/import.sh [AICOST] > config/catalogue.d/gpu-offers.yaml
# The commits and date are the snapshot's (SOURCE.md). A test runs this and
# compares its output with the committed file byte for byte.
set -eu
aicost=${1:-aicost}
d=config/feeds/skypilot
exec "$aicost" catalogue import skypilot --as-of 2026-12-01 \
  aws@001367d=$d/aws.csv cudo@16f33dd=$d/cudo.csv gcp@017e250=$d/gcp.csv \
  gcp@017e250=$d/gcp_host_vms.csv hyperbolic@00e7b16=$d/hyperbolic.csv \
  lambda@1158013=$d/lambda.csv nebius@22fd1fe=$d/nebius.csv \
  primeintellect@0e770cc=$d/primeintellect.csv runpod@0727c2b=$d/runpod.csv \
  shadeform@1e84987=$d/shadeform.csv
