#!/usr/bin/env bash
# Builds the native tree (build/native: core, alis-sync, tools, tests, benchmarks) and the WebAssembly
# tree (build/web: app.js + app.wasm in build/web/site, and the core test suites for Node).
# `sanitize` builds the native test suites with AddressSanitizer and UBSan in build/asan.
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
  # -O1 keeps the suites fast enough; every undefined behaviour stops the test (no recovery). -g1
  # (line tables) is all a sanitizer's stack trace needs, and compiles and links much faster than -g.
  flags="-O1 -g1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined"
  cmake -S . -B build/asan -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS="$flags" \
    -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
  (( ${#targets[@]} )) || targets=(--target sanitizer_suites)  # tests/CMakeLists.txt
  cmake --build build/asan -j "$jobs" "${targets[@]}"
fi
