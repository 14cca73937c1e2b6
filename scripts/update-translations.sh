#!/usr/bin/env bash
# Refresh translations/idlebell_*.ts from every source under src/ and app/
# (lupdate), then print how many strings each language still lacks.
#
#   scripts/update-translations.sh            update the committed .ts files
#   scripts/update-translations.sh --list     ... and list the unfinished strings
#   scripts/update-translations.sh --into DIR update copies in DIR instead
#                                             (the committed files stay as they are;
#                                             the test i18n.complete uses this)
#   scripts/update-translations.sh --prune    ... and drop the strings no source has
#                                             any more
#
# Strings that vanished from the sources stay in the .ts files (marked
# vanished, with their translation) unless --prune: a string that comes back,
# or a checkout whose sources still have it, keeps its translation.
#
# Then translate what is unfinished, e.g. with Qt Linguist
# (/usr/lib/qt6/bin/linguist translations/idlebell_de.ts), and commit the .ts files.
# idlebell_en.ts holds English plural forms only ("%n minutes" -> "1 minute").
# LUPDATE=/path/to/lupdate picks the tool (default: Qt 6's).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
into=
list=0
quiet=0
prune=()
while [ $# -gt 0 ]; do
  case $1 in
    --into) into=$2; shift 2 ;;
    --list) list=1; shift ;;
    --quiet) quiet=1; shift ;;
    --prune) prune=(-no-obsolete); shift ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "update-translations.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done

lupdate=${LUPDATE:-}
if [ -z "$lupdate" ]; then
  for candidate in "$(qtpaths6 --query QT_HOST_BINS 2>/dev/null)/lupdate" /usr/lib/qt6/bin/lupdate; do
    if [ -x "$candidate" ]; then lupdate=$candidate; break; fi
  done
fi
if [ -z "$lupdate" ] || [ ! -x "$lupdate" ]; then
  echo "update-translations.sh: Qt 6's lupdate not found (Debian: apt-get install qt6-l10n-tools), or set LUPDATE" >&2
  exit 1
fi

languages=(de fr)
# Committed files: locations relative to the previous one, so that a line
# added above a string does not touch every later entry. Copies (--into):
# absolute locations, so that reports can name file:line.
locations=relative
tsdir=$root/translations
if [ -n "$into" ]; then
  mkdir -p "$into"
  into=$(cd "$into" && pwd)
  for f in "$tsdir"/idlebell_*.ts; do cp "$f" "$into/"; done
  tsdir=$into
  locations=absolute
fi

full=()
for lang in "${languages[@]}"; do full+=("$tsdir/idlebell_$lang.ts"); done
quietopt=()
[ "$quiet" -eq 1 ] && quietopt=(-silent)

# The sources: every C++ file under src/ and app/ (lupdate scans the folders).
cd "$root"
"$lupdate" "${quietopt[@]}" -locations "$locations" "${prune[@]}" -no-ui-lines src app -ts "${full[@]}"
"$lupdate" "${quietopt[@]}" -locations "$locations" "${prune[@]}" -no-ui-lines -pluralonly src app \
  -ts "$tsdir/idlebell_en.ts"

# unfinished FILE: the first line of every unfinished message's source.
unfinished() {
  awk '
    /<message/ { src = ""; insrc = 0 }
    /<source>/ { line = $0; sub(/.*<source>/, "", line); sub(/<\/source>.*/, "", line); src = line }
    /<translation type="unfinished"/ { print "    " src }
  ' "$1"
}

status=0
for f in "${full[@]}" "$tsdir/idlebell_en.ts"; do
  lang=$(basename "$f" .ts); lang=${lang#idlebell_}
  total=$(($(grep -c '<message' "$f" || true) - $(grep -cE '<translation type="(vanished|obsolete)"' "$f" || true)))
  open=$(grep -c '<translation type="unfinished"' "$f" || true)
  printf '%s: %d strings, %d unfinished\n' "$lang" "$total" "$open"
  [ "$open" -gt 0 ] && status=1
  if [ "$list" -eq 1 ] && [ "$open" -gt 0 ]; then unfinished "$f"; fi
done
[ "$status" -eq 0 ] || [ "$quiet" -eq 1 ] || \
  echo "Translate the unfinished strings (Qt Linguist or by hand), then commit translations/*.ts."
exit 0
