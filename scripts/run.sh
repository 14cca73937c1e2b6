#!/usr/bin/env bash
# Install what is missing, build, and start Idlebell. Arguments go to
# idlebell, e.g.:  scripts/run.sh --headless --config ~/mail.conf
set -euo pipefail
. "$(dirname "$0")/common.sh"

install_packages "${BUILD_PACKAGES[@]}" "${RUN_PACKAGES[@]}"
build "$IDLEBELL_ROOT/build/release" Release -DIDLEBELL_BUILD_TESTS=OFF >&2
exec "$IDLEBELL_ROOT/build/release/app/idlebell" "$@"
