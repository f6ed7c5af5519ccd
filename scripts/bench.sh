#!/usr/bin/env bash
# Builds and runs every benchmark program; each prints its figures (nothing here fails on time).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --for-tests
scripts/build.sh all
for run in bench/*/run.sh; do
  echo "== $run =="
  bash "$run" build/native build/web
done
