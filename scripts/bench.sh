#!/usr/bin/env bash
# Idlebell's benchmarks against the physical floor, in one command:
#
#   scripts/bench.sh                      every figure (30-60 min: 10 min of idling, 1M-message mailbox)
#   scripts/bench.sh --quick              a smoke run (fewer deliveries, 1 min idle, no 1M mailbox)
#   scripts/bench.sh latency parser       only these figures
#   scripts/bench.sh latency:loopback-plain,link50-plain   only these latency scenarios
#
# Figures: latency (scenarios loopback-plain loopback-tls link50-plain link50-tls),
# idle, startup, bigmbox, parser. Options:
#   --quick              fewer repetitions, shorter idle window, skips the 1M mailbox
#   --idle-minutes N     the idle window (default 10, 1 with --quick)
#   --deliveries N       deliveries per latency subject and scenario (default 100, 20 with --quick)
#   --subjects LIST      latency subjects (default floor,floor-notify,engine,headless,desktop)
#   --startup-runs N     start-up runs (default 10, 5 with --quick)
#   --sizes LIST         big mailbox sizes (default 100000,1000000; 100000 with --quick)
#   --keep               keep the Dovecot and the work dir (build/bench/work) afterwards
#
# Prints one line per figure on stdout (name, value, goal, floor and ratio where a floor
# exists, PASS/FAIL/INFO/N/A) and keeps them in build/bench/results/<date>.txt; progress
# goes to stderr. Installs what it needs (apt, like scripts/test.sh), builds
# build/bench (Release, IDLEBELL_BUILD_BENCH=ON) and starts a private Dovecot with
# tests/support/dovecot-fixture.sh. See docs/performance.md.
set -euo pipefail
# shellcheck source=scripts/common.sh
. "$(dirname "$0")/common.sh"

quick=0
keep=0
idle_minutes=
deliveries=
subjects=floor,floor-notify,engine,headless,desktop
startup_runs=
sizes=
figures=()
latency_scenarios=loopback-plain,loopback-tls,link50-plain,link50-tls
while [ $# -gt 0 ]; do
    case "$1" in
    --quick) quick=1 ;;
    --keep) keep=1 ;;
    --idle-minutes) idle_minutes=$2; shift ;;
    --deliveries) deliveries=$2; shift ;;
    --subjects) subjects=$2; shift ;;
    --startup-runs) startup_runs=$2; shift ;;
    --sizes) sizes=$2; shift ;;
    -h | --help) sed -n '2,23p' "$0"; exit 0 ;;
    latency:*) figures+=(latency); latency_scenarios=${1#latency:} ;;
    latency | idle | startup | bigmbox | parser) figures+=("$1") ;;
    *) echo "bench.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
    shift
done
[ ${#figures[@]} -eq 0 ] && figures=(latency startup bigmbox parser idle)
if [ $quick = 1 ]; then
    : "${idle_minutes:=1}" "${deliveries:=20}" "${startup_runs:=5}" "${sizes:=100000}"
else
    : "${idle_minutes:=10}" "${deliveries:=100}" "${startup_runs:=10}" "${sizes:=100000,1000000}"
fi
want() { [[ " ${figures[*]} " == *" $1 "* ]]; }

install_packages "${BUILD_PACKAGES[@]}" "${RUN_PACKAGES[@]}" "${TEST_PACKAGES[@]}" libssl-dev strace
command -v dovecot >/dev/null || command -v /usr/sbin/dovecot >/dev/null \
    || { echo "dovecot is not installed" >&2; exit 1; }

dir="$IDLEBELL_ROOT/build/bench"
# Like common.sh's build(), but only the targets the benchmarks run (the app and the bench
# programs), so a broken unrelated target (a dialog, a test) does not stop a measurement.
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
log "Configuring $dir (Release, IDLEBELL_BUILD_BENCH=ON)"
cmake -S "$IDLEBELL_ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DIDLEBELL_BUILD_BENCH=ON \
    -DIDLEBELL_BUILD_TESTS=OFF "${launcher[@]}" >/dev/null
log "Building $dir"
cmake --build "$dir" -j "$(nproc)" --target idlebell ib-bench ib-floor ib-engine ib-notifyd ib-parser-bench ib-proxy >&2
bin="$dir/tests/bench"
idlebell="$dir/app/idlebell"
data="$IDLEBELL_ROOT/build/bench-data"
work="$dir/work"
results="$dir/results"
mkdir -p "$data" "$results"
rm -rf "$work"
mkdir -p "$work"

# Users: latency 1-20, start-up 21-221, big mailboxes 230-231, idle 240-721.
state="$dir/dovecot"
fixture="$IDLEBELL_ROOT/tests/support/dovecot-fixture.sh"
stop_all() {
    if [ $keep = 1 ]; then
        log "Kept Dovecot ($state/env) and $work"
    else
        "$fixture" stop "$state" >/dev/null 2>&1 || true
    fi
}
trap stop_all EXIT
log "Starting a private Dovecot"
IDLEBELL_DOVECOT_USERS=730 "$fixture" start "$state" >&2
# shellcheck disable=SC1091
. "$state/env"
# Hundreds of idling accounts at once: Dovecot's default process limit is 100, and one
# login process per TLS connection would double the process count; the fixture's config
# is generated, so this run appends to its copy (the repo's script is unchanged).
cat >>"$DOVECOT_CONF" <<'EOF'

# Added by scripts/bench.sh: room for several hundred idling connections.
default_process_limit = 2000
default_client_limit = 6000
# A 1M-message INBOX needs more than the default 256 MB per imap process.
default_vsz_limit = 2G
service imap-login {
  service_count = 0
  client_limit = 2000
  process_min_avail = 2
}
service imap {
  process_limit = 2000
}
EOF
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
"$fixture" restart "$state" >&2

stamp=$(date -u +%Y-%m-%dT%H%MZ)
out="$results/$stamp.txt"
header() {
    echo "# Idlebell benchmark $(date -u '+%Y-%m-%d %H:%M UTC'), git $(git -C "$IDLEBELL_ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')$([ -n "$(git -C "$IDLEBELL_ROOT" status --porcelain -- src app 2>/dev/null)" ] && echo '+dirty')"
    echo "# machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), kernel $(uname -r), load $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "# $(dovecot --version 2>/dev/null | sed 's/^/Dovecot /'), Qt $(qtpaths6 --qt-version 2>/dev/null || echo 6), mode: $([ $quick = 1 ] && echo quick || echo full); figures: ${figures[*]}"
}
header | tee "$out"
run() { "$@" | tee -a "$out"; }
common=(--env "$state/env" --bin "$bin" --idlebell "$idlebell" --work "$work")

for f in "${figures[@]}"; do
    case $f in
    latency)
        log "Latency: $latency_scenarios, $deliveries deliveries per subject"
        run "$bin/ib-bench" latency "${common[@]}" --deliveries "$deliveries" --scenarios "$latency_scenarios" \
            --subjects "$subjects" --first-user 1
        ;;
    startup)
        log "Start-up: $startup_runs runs"
        run "$bin/ib-bench" startup "${common[@]}" --runs "$startup_runs" --counts 1,200 --first-user 21
        ;;
    bigmbox)
        log "Big mailboxes: $sizes"
        run "$bin/ib-bench" bigmbox "${common[@]}" --data "$data" --sizes "$sizes" --runs 3 --first-user 230 \
            --record "$data/recordings-v1"
        ;;
    parser)
        rec="$data/recordings-v1"
        if [ ! -s "$rec/fetch-envelope.imap" ]; then
            log "Parser: recording streams from Dovecot (needs the 100k mailbox)"
            "$bin/ib-bench" bigmbox "${common[@]}" --data "$data" --sizes 100000 --runs 0 --first-user 230 \
                --record "$rec" >/dev/null
        fi
        log "Parser throughput"
        streams=()
        for s in fetch-envelope search-all search-unseen; do
            [ -s "$rec/$s.imap" ] && streams+=("$s=$rec/$s.imap")
        done
        [ ${#streams[@]} -eq 0 ] && streams=(--synthetic)
        run "$bin/ib-parser-bench" --runs "$([ $quick = 1 ] && echo 3 || echo 9)" --mib 64 "${streams[@]}"
        ;;
    idle)
        log "Idle cost: 1, 20, 200 accounts, headless and desktop, $idle_minutes min"
        run "$bin/ib-bench" idle "${common[@]}" --minutes "$idle_minutes" --counts 1,20,200 \
            --modes headless,desktop --first-user 240
        ;;
    esac
done
log "Figures kept in $out"
