#!/bin/bash
# secrets.nolog: after every other test of this CTest run, look through
# everything the run printed (Testing/Temporary/LastTest.log: every test's
# stdout and stderr, protocol traces included) for the test passwords. The
# Dovecot fixture's passwords are "ib-Pw-<n>-Zq8y"; the other tests use
# passwords that start with "ib-" too or are listed here.
#   grep-secrets.sh BUILD_DIR
set -u
log="$1/Testing/Temporary/LastTest.log"
[ -f "$log" ] || { echo "no $log: nothing to check (run through ctest)"; exit 0; }
patterns=('ib-Pw-[0-9]+-Zq8y' 'Zq8y' 'ib-Persistent-Secret' 'ib-definitely-wrong' 'not-the-password')
status=0
for p in "${patterns[@]}"; do
    if grep -nE -- "$p" "$log" | grep -vE '^[0-9]+:(Command|[0-9]+/[0-9]+ Test|.*grep-secrets)' | head -5 | grep .; then
        echo "FAIL: a test password ($p) appears in the test output above" >&2
        status=1
    fi
done
[ $status = 0 ] && echo "no test password in $(wc -l <"$log") lines of test output"
exit $status
