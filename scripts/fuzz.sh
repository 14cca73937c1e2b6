#!/usr/bin/env bash
# Fuzz the protocol layer with libFuzzer (clang, AddressSanitizer, UBSan).
#
#   scripts/fuzz.sh [MINUTES] [TARGET...]
#
# MINUTES per target (default 5); TARGETs from tests/fuzz/fuzz_<target>.cpp
# (default: all). Installs clang-14 / libclang-rt-14-dev when missing, builds
# build/fuzz (IDLEBELL_FUZZ=ON) and runs each target in turn: one process,
# nice'd, -rss_limit_mb=2048, -timeout=10. Seeds come from
# tests/fuzz/corpus/<target> and tests/fuzz/regressions/<target>; new corpus
# entries go to build/fuzz/work/<target> (never into the repository), crashes
# and timeouts to tests/fuzz/findings/<target>/ (git-ignored). After a crash
# the target is restarted for the rest of its time (at most 20 findings).
# Ends with a table per target: executions, exec/s, coverage, findings.
#
# Environment: IDLEBELL_FUZZ_WORK (work dir, default build/fuzz/work),
# IDLEBELL_FUZZ_ARGS (extra libFuzzer flags, e.g. "-max_len=8192").
set -euo pipefail
. "$(dirname "$0")/common.sh"

minutes=${1:-5}
[ $# -gt 0 ] && shift
case $minutes in
  '' | *[!0-9]*)
    echo "usage: $0 [MINUTES] [TARGET...]" >&2
    exit 2
    ;;
esac

fuzz_dir="$IDLEBELL_ROOT/tests/fuzz"
all_targets=()
for src in "$fuzz_dir"/fuzz_*.cpp; do
  name=$(basename "$src" .cpp)
  all_targets+=("${name#fuzz_}")
done
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all_targets[@]}")
for t in "${targets[@]}"; do
  [ -f "$fuzz_dir/fuzz_$t.cpp" ] || {
    echo "Unknown target $t (known: ${all_targets[*]})" >&2
    exit 2
  }
done

install_packages "${BUILD_PACKAGES[@]}" "${FUZZ_PACKAGES[@]}"
dir="$IDLEBELL_ROOT/build/fuzz"
configure "$dir" RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++-14 -DIDLEBELL_FUZZ=ON -DIDLEBELL_BUILD_TESTS=OFF
build_targets "$dir" "${targets[@]/#/fuzz_}"

work=${IDLEBELL_FUZZ_WORK:-$dir/work}
logs="$dir/logs"
mkdir -p "$logs"
read -r -a extra <<<"${IDLEBELL_FUZZ_ARGS:-}"

summary=()
for t in "${targets[@]}"; do
  exe="$dir/tests/fuzz/fuzz_$t"
  corpus="$work/$t"
  findings="$fuzz_dir/findings/$t"
  mkdir -p "$corpus" "$findings"
  seeds=("$fuzz_dir/corpus/$t")
  [ -d "$fuzz_dir/regressions/$t" ] && seeds+=("$fuzz_dir/regressions/$t")
  dict=()
  [ -f "$fuzz_dir/dict/$t.dict" ] && dict=(-dict="$fuzz_dir/dict/$t.dict")
  log="$logs/$t.log"
  : >"$log"
  before=$(find "$findings" -type f | wc -l)
  total=$((minutes * 60))
  start=$(date +%s)
  execs=0 runs=0
  log "Fuzzing $t for $minutes min (log: $log)"
  while :; do
    left=$((total - ($(date +%s) - start)))
    [ "$left" -gt 0 ] || break
    runs=$((runs + 1))
    # New entries go to the first directory, the work corpus; the seeds are only read.
    # Exit status: 0 when time ran out, non-zero after a crash, leak, timeout or OOM.
    status=0
    lines=$(wc -l <"$log")
    nice -n 10 "$exe" -max_total_time="$left" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
      -artifact_prefix="$findings/" "${dict[@]}" "${extra[@]}" "$corpus" "${seeds[@]}" >>"$log" 2>&1 || status=$?
    n=$(tail -n +"$((lines + 1))" "$log" | grep -a 'stat::number_of_executed_units:' | tail -1 | awk '{print $2}')
    execs=$((execs + ${n:-0}))
    [ "$status" -eq 0 ] && break
    found=$(($(find "$findings" -type f | wc -l) - before))
    echo "  finding in run $runs (exit $status), see $log" >&2
    if [ "$found" -ge 20 ] || [ "$found" -eq 0 ]; then
      break # too many findings, or a failure that saved no input (e.g. a broken build)
    fi
  done
  elapsed=$(($(date +%s) - start))
  cov=$(grep -aoE 'cov: [0-9]+ ft: [0-9]+' "$log" | tail -1)
  found=$(($(find "$findings" -type f | wc -l) - before))
  rate=$((execs / (elapsed > 0 ? elapsed : 1)))
  summary+=("$(printf '%-9s %5s min %12s execs %7s/s   %-22s %s finding(s)   corpus %s' "$t" \
    "$((elapsed / 60))" "$execs" "$rate" "${cov:-cov: ?}" "$found" "$(find "$corpus" -type f | wc -l)")")
done

log "Results ($(date -u +%Y-%m-%dT%H:%MZ))"
printf '  %s\n' "${summary[@]}"
cat <<EOF

Findings (crash-*, timeout-*, leak-*, oom-*): $fuzz_dir/findings/<target>/
  reproduce:  $dir/tests/fuzz/fuzz_<target> FILE
  keep one:   minimise it (fuzz_<target> -minimize_crash=1 -runs=10000 FILE), fix the bug, then
              copy it to tests/fuzz/regressions/<target>/ with a name that says what it was.
New corpus entries: $work/<target>/ (not in the repository). To keep those that add coverage:
  $dir/tests/fuzz/fuzz_<target> -merge=1 tests/fuzz/corpus/<target> $work/<target>
  (keep the repository's corpus small and text-ish: a few dozen files per target).
EOF
