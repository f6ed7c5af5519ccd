#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz) in the checking tree build/sanitize (scripts/build.sh
# sanitize: clang++-14 with AddressSanitizer and UBSan) and runs each for FUZZ_SECONDS (default 30)
# from the committed seed corpus. New inputs go to a temporary folder, never into the repository; a
# crash leaves its input in artifacts/fuzz/.
# Prints one line per target and "fuzz: N passed, N failed"; exits non-zero when a target failed.
# Usage: scripts/fuzz.sh [TARGET...]
set -uo pipefail
cd "$(dirname "$0")/.."
seconds=${FUZZ_SECONDS:-30}
targets=("$@")
build=("$@")
(( ${#targets[@]} )) || { targets=(fuzz_json fuzz_push fuzz_pull fuzz_mutations fuzz_http fuzz_csv fuzz_facts fuzz_documents fuzz_base64 fuzz_mirror); build=(fuzz_targets); }

scripts/build.sh sanitize "${build[@]}" || exit 1

mkdir -p artifacts/fuzz
passed=0
failed=0
for t in "${targets[@]}"; do
  work=$(mktemp -d)
  log="artifacts/fuzz/$t.log"
  # -rss_limit_mb: a target that needs more than this on one input has a memory bug of its own.
  if ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
     "build/sanitize/tests/fuzz/$t" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
       -artifact_prefix="artifacts/fuzz/$t-" "$work" "tests/fuzz/corpus/$t" >"$log" 2>&1; then
    # libFuzzer's last line says "Done N runs in S second(s)" (its recommended dictionary above it
    # may hold '#' and digits of its own).
    runs=$(grep -oE 'Done [0-9]+ runs' "$log" | tail -n1 | grep -oE '[0-9]+')
    echo "fuzz $t: ok, ${runs:-?} runs in ${seconds}s"
    passed=$((passed + 1))
  else
    echo "fuzz $t: FAILED (log: $log)"
    tail -n 30 "$log"
    failed=$((failed + 1))
  fi
  rm -rf "$work"
done
echo "fuzz: $passed passed, $failed failed"
(( failed == 0 ))
