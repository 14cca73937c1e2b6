# Shared by scripts/run.sh, scripts/test.sh and scripts/bench.sh: install what
# is missing from Debian's packages, configure and build.
# shellcheck shell=bash

IDLEBELL_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# What building needs.
BUILD_PACKAGES=(cmake ninja-build g++ pkg-config libgl-dev
  qt6-base-dev qt6-base-dev-tools qt6-tools-dev qt6-tools-dev-tools qt6-svg-dev qt6-l10n-tools
  qtkeychain-qt6-dev)
# What running the desktop app needs besides the libraries above.
RUN_PACKAGES=(qt6-qpa-plugins qt6-translations-l10n libqt6svg6)
# What the test suite needs: a real Dovecot, a private D-Bus, a real Secret
# Service, certificates, AppStream and desktop entry validation, clang-format
# (style.format) and git (its file list).
TEST_PACKAGES=(dovecot-imapd dbus dbus-bin openssl gnome-keyring libsecret-tools appstream desktop-file-utils procps iproute2
  clang-format-14 git)
# What fuzzing needs: clang with libFuzzer and the sanitizer runtimes
# (scripts/fuzz.sh; scripts/test.sh checks that the fuzz targets still build).
FUZZ_PACKAGES=(clang-14 libclang-rt-14-dev)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# install_packages PKG...: apt-get install whatever is not installed yet.
install_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "Need root or sudo to install: ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  log "Installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q >/dev/null
  # Services that packages try to start (dovecot) are not wanted here.
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
}

# configure DIR BUILD_TYPE [extra cmake args...]
configure() {
  local dir=$1 type=$2
  shift 2
  local launcher=()
  command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  log "Configuring $dir ($type)"
  cmake -S "$IDLEBELL_ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$type" "${launcher[@]}" "$@" >/dev/null
}

# build_targets DIR [TARGET...]: build these targets (everything when none).
build_targets() {
  local dir=$1
  shift
  local targets=()
  [ $# -gt 0 ] && targets=(--target "$@")
  log "Building $dir${1:+ (${*})}"
  cmake --build "$dir" -j "$(nproc)" "${targets[@]}"
}

# build DIR BUILD_TYPE [extra cmake args...]: configure and build everything.
build() {
  configure "$@"
  build_targets "$1"
}

# sanitizer_env: the options every run of a sanitizer build (IDLEBELL_SANITIZE)
# uses: any AddressSanitizer, LeakSanitizer or UBSan report ends the process
# with an error, so the test fails. tests/sanitizers/lsan.supp lists the
# leaks that are not ours (each entry says why).
sanitizer_env() {
  export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:abort_on_error=0:check_initialization_order=1:strict_init_order=1:detect_odr_violation=2"
  export LSAN_OPTIONS="suppressions=$IDLEBELL_ROOT/tests/sanitizers/lsan.supp:print_suppressions=0"
  export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
}
