#!/usr/bin/env bash
# Runs the matching benchmark, native and WebAssembly under Node, at the three sizes. Builds nothing:
# build first (see docs/matching.md), then
#   bench/matching/run.sh [NATIVE_BUILD_DIR] [WASM_BUILD_DIR]     (defaults: build/native, build/web)
# Each size runs in its own process so that its peak memory is its own.
set -euo pipefail
cd "$(dirname "$0")/../.."
native_dir=${1:-build/native}
wasm_dir=${2:-build/web}
runs=${RUNS:-7}

find_program() {  # the benchmark binary within a build dir, wherever the generator put it
  local dir=$1 name=$2
  if [[ -f "$dir/bench/matching/$name" ]]; then echo "$dir/bench/matching/$name"; return; fi
  find "$dir" -name "$name" -type f 2>/dev/null | head -n 1
}

native=$(find_program "$native_dir" bench_matching)
wasm=$(find_program "$wasm_dir" bench_matching.js)

echo "== native ($native_dir) =="
if [[ -n "$native" ]]; then
  for size in regional national nrmp; do "$native" "$size" "$runs"; done
else
  echo "bench_matching not built in $native_dir"
fi
echo
echo "== WebAssembly under Node $(node --version 2>/dev/null || echo '?') ($wasm_dir) =="
if [[ -n "$wasm" ]]; then
  for size in regional national nrmp; do node --no-experimental-fetch "$wasm" "$size" "$runs"; done
else
  echo "bench_matching.js not built in $wasm_dir"
fi
