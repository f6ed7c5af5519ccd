#!/usr/bin/env bash
# Builds the native tree (build/native: core, alis-sync, tools, tests, benchmarks) and the WebAssembly
# tree (build/web: app.js + app.wasm in build/web/site, and the core test suites for Node).
# `sanitize` builds the native test suites and the fuzz targets with AddressSanitizer and UBSan in
# build/sanitize.
# Usage: scripts/build.sh [native|web|all|sanitize] [cmake --build target...]
set -euo pipefail
cd "$(dirname "$0")/.."
what=${1:-all}
shift || true
targets=()
for t in "$@"; do targets+=(--target "$t"); done
jobs=${ALIS_JOBS:-$(nproc)}
# Emscripten's tools need Debian's Node modules (acorn) on the search path.
export NODE_PATH=/usr/share/nodejs${NODE_PATH:+:$NODE_PATH}

if [[ $what == native || $what == all ]]; then
  cmake -S . -B build/native -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/native -j "$jobs" "${targets[@]}"
fi
if [[ $what == web || $what == all ]]; then
  emcmake cmake -S . -B build/web -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build build/web -j "$jobs" "${targets[@]}"
fi
if [[ $what == sanitize ]]; then
  # The checking tree (CMakeLists.txt, ALIS_SANITIZE): the native suites and the libFuzzer targets,
  # all under AddressSanitizer and UBSan with clang++-14, every undefined behaviour fatal.
  CXX=clang++-14 CC=clang-14 cmake -S . -B build/sanitize -DALIS_SANITIZE=ON -DCMAKE_BUILD_TYPE=None >/dev/null
  (( ${#targets[@]} )) || targets=(--target sanitized_checks)  # tests/CMakeLists.txt
  cmake --build build/sanitize -j "$jobs" "${targets[@]}"
fi
