#!/usr/bin/env bash
# Installs what is missing, builds the three trees, and runs every test: the native doctest suites
# under AddressSanitizer and UBSan (build/sanitize), the process tests of the release programs
# (build/native), the core suites compiled to WebAssembly under Node (build/web), the end-to-end tests
# in Debian's Chromium, and every libFuzzer target for FUZZ_SECONDS (default 30) each. Each suite is
# compiled once: the release tree builds the programs, the checking tree the suites and the fuzz
# targets. Screenshots go to artifacts/e2e/, fuzzer logs and crashing inputs to artifacts/fuzz/.
# Ends with one summary line.
set -uo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --for-tests || exit 1
scripts/build.sh native programs || exit 1
scripts/build.sh web || exit 1
sanitize_built=1
scripts/build.sh sanitize || sanitize_built=0

passed=0
failed=0
logs=$(mktemp -d)

count_ctest() {  # "N% tests passed, F tests failed out of T"
  local line total bad
  line=$(grep -E 'tests passed, [0-9]+ tests? failed out of [0-9]+' "$1" | tail -n1)
  total=$(sed -E 's/.*out of ([0-9]+).*/\1/' <<<"$line")
  bad=$(sed -E 's/.* ([0-9]+) tests? failed.*/\1/' <<<"$line")
  passed=$((passed + ${total:-0} - ${bad:-0}))
  failed=$((failed + ${bad:-0}))
}

echo "== native suites under AddressSanitizer and UBSan (ctest) =="
if (( sanitize_built )); then
  ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1 \
    ctest --test-dir build/sanitize --timeout 900 -L suite --output-on-failure 2>&1 | tee "$logs/suites.log"
  suites_rc=${PIPESTATUS[0]}
  count_ctest "$logs/suites.log"
else
  suites_rc=1
  failed=$((failed + 1))
fi

echo "== the release programs: alis-match's fixtures, alis-sync as a process (ctest) =="
ctest --test-dir build/native --timeout 900 -LE suite --output-on-failure 2>&1 | tee "$logs/native.log"
native_rc=${PIPESTATUS[0]}
count_ctest "$logs/native.log"

echo "== core tests in WebAssembly under Node (ctest) =="
ctest --test-dir build/web --timeout 900 --output-on-failure 2>&1 | tee "$logs/wasm.log"
wasm_rc=${PIPESTATUS[0]}
count_ctest "$logs/wasm.log"

echo "== end-to-end tests in Chromium (node --test) =="
# A test that hangs fails after 5 minutes, and a test file that never exits (a child process left
# running) is stopped after 40, so a hang is reported as a failure instead of stalling the run.
timeout --kill-after=30 2400 node --test --test-concurrency=1 --test-timeout=300000 tests/e2e/ 2>&1 | tee "$logs/e2e.log"
e2e_rc=${PIPESTATUS[0]}
e2e_pass=$(grep -E '^# pass [0-9]+' "$logs/e2e.log" | awk '{print $3}')
e2e_fail=$(grep -E '^# fail [0-9]+' "$logs/e2e.log" | awk '{print $3}')
passed=$((passed + ${e2e_pass:-0}))
failed=$((failed + ${e2e_fail:-0}))

echo "== libFuzzer targets, ${FUZZ_SECONDS:-30} s each =="
FUZZ_SECONDS=${FUZZ_SECONDS:-30} scripts/fuzz.sh 2>&1 | tee "$logs/fuzz.log"
fuzz_rc=${PIPESTATUS[0]}
fuzz_line=$(grep -E '^fuzz: [0-9]+ passed, [0-9]+ failed' "$logs/fuzz.log" | tail -n1)
if [[ -n "$fuzz_line" ]]; then
  passed=$((passed + $(sed -E 's/fuzz: ([0-9]+) passed.*/\1/' <<<"$fuzz_line")))
  failed=$((failed + $(sed -E 's/.* ([0-9]+) failed/\1/' <<<"$fuzz_line")))
fi

rc=0
for r in $suites_rc $native_rc $wasm_rc $e2e_rc $fuzz_rc; do (( r != 0 )) && rc=1; done
(( rc != 0 && failed == 0 )) && failed=1  # a runner that crashed before counting still fails
echo "screenshots: artifacts/e2e/"
echo "tests: $passed passed, $failed failed"
exit $rc
