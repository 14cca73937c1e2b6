#!/usr/bin/env bash
# Install what is missing (Dovecot included), build, and run the whole test
# suite against a real Dovecot that the suite starts itself. Extra arguments
# go to ctest, e.g.:  scripts/test.sh -L integration
set -euo pipefail
. "$(dirname "$0")/common.sh"

install_packages "${BUILD_PACKAGES[@]}" "${RUN_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
command -v dovecot >/dev/null || { echo "dovecot is not installed: the integration tests cannot run" >&2; exit 1; }

dir="$IDLEBELL_ROOT/build/test"
build "$dir" Debug -DIDLEBELL_WERROR=ON
log "Running the test suite"
cd "$dir"
ctest --output-on-failure --timeout 300 -j "$(nproc)" "$@"
