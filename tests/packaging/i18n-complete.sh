#!/usr/bin/env bash
# The test i18n.complete: lupdate the current sources into temporary copies of
# translations/*.ts (the committed files are not touched) and fail, listing
# them, on strings without a finished translation or with broken placeholders.
#   i18n-complete.sh SOURCE_DIR CHECKER [LUPDATE]
set -euo pipefail
root=$1
checker=$2
[ $# -ge 3 ] && export LUPDATE=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$root/scripts/update-translations.sh" --into "$tmp" --quiet >/dev/null
"$checker" --root "$root" "$tmp"/idlebell_*.ts
