#!/usr/bin/env bash
# Install what is missing (Dovecot included), build, and run the whole test
# suite against a real Dovecot that the suite starts itself. Extra arguments
# go to ctest, e.g.:  scripts/test.sh -L integration
#
# Three passes:
#   1. build/test   Debug, warnings as errors: the whole suite, including the
#                   fuzz corpus replay (fuzz.replay.*).
#   2. build/asan   the same with AddressSanitizer + UBSan (IDLEBELL_SANITIZE):
#                   the whole suite again; any sanitizer report fails its test.
#   3. build/fuzz   the libFuzzer targets (clang) build, and each runs once
#                   over its corpus and regressions (scripts/fuzz.sh fuzzes).
# IDLEBELL_TEST_PASSES picks passes (default "test asan fuzz"), e.g.
# IDLEBELL_TEST_PASSES=test scripts/test.sh for a quick local run.
set -euo pipefail
. "$(dirname "$0")/common.sh"

passes=${IDLEBELL_TEST_PASSES:-test asan fuzz}
want() { [[ " $passes " == *" $1 "* ]]; }

packages=("${BUILD_PACKAGES[@]}" "${RUN_PACKAGES[@]}" "${TEST_PACKAGES[@]}")
want fuzz && packages+=("${FUZZ_PACKAGES[@]}")
install_packages "${packages[@]}"
command -v dovecot >/dev/null || { echo "dovecot is not installed: the integration tests cannot run" >&2; exit 1; }

jobs=$(nproc)
failed=()
timing=()
stamp() { date +%s; }

run_ctest() { # DIR NAME [ctest args...]
  local dir=$1 name=$2
  shift 2
  log "Running the test suite ($name)"
  (cd "$dir" && ctest --output-on-failure --timeout 300 -j "$jobs" "$@") || failed+=("$name")
}

if want test; then
  t0=$(stamp)
  build "$IDLEBELL_ROOT/build/test" Debug -DIDLEBELL_WERROR=ON
  t1=$(stamp)
  run_ctest "$IDLEBELL_ROOT/build/test" test "$@"
  timing+=("test: build $((t1 - t0)) s, ctest $(($(stamp) - t1)) s")
fi

if want asan; then
  t0=$(stamp)
  # Plain Debug (-O0): the suite is I/O-bound, -O1 would cost ~1.7x the compile time for nothing.
  build "$IDLEBELL_ROOT/build/asan" Debug -DIDLEBELL_WERROR=ON -DIDLEBELL_SANITIZE=ON
  t1=$(stamp)
  sanitizer_env
  run_ctest "$IDLEBELL_ROOT/build/asan" asan "$@"
  timing+=("asan: build $((t1 - t0)) s, ctest $(($(stamp) - t1)) s")
fi

if want fuzz; then
  t0=$(stamp)
  dir="$IDLEBELL_ROOT/build/fuzz"
  configure "$dir" RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 -DIDLEBELL_FUZZ=ON -DIDLEBELL_BUILD_TESTS=OFF \
    -DIDLEBELL_WERROR=ON
  build_targets "$dir" fuzzers
  log "Running each fuzz target over its corpus and regressions"
  for exe in "$dir"/tests/fuzz/fuzz_*; do
    t=${exe##*/fuzz_}
    inputs=("$IDLEBELL_ROOT/tests/fuzz/corpus/$t")
    [ -d "$IDLEBELL_ROOT/tests/fuzz/regressions/$t" ] && inputs+=("$IDLEBELL_ROOT/tests/fuzz/regressions/$t")
    mapfile -t files < <(find "${inputs[@]}" -type f | sort)
    # Files, not directories: libFuzzer then only runs them and writes nothing.
    if out=$("$exe" "${files[@]}" 2>&1); then
      echo "  $t: ${#files[@]} inputs ok"
    else
      echo "$out" | tail -n 60 >&2
      failed+=("fuzz:$t")
    fi
  done
  timing+=("fuzz: build and corpus run $(($(stamp) - t0)) s")
fi

log "Timing"
printf '  %s\n' "${timing[@]}"
if [ ${#failed[@]} -gt 0 ]; then
  log "FAILED: ${failed[*]}"
  exit 1
fi
log "All passes succeeded: $passes"
