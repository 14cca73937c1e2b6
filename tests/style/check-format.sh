#!/usr/bin/env bash
# style.format: every C++ file in the repository is clang-format clean
# (.clang-format at the top). Fix with:
#   git ls-files '*.cpp' '*.h' | xargs clang-format-14 -i
set -euo pipefail
root=$1
tool=${CLANG_FORMAT:-clang-format-14}
command -v "$tool" >/dev/null || {
  echo "style.format: $tool is missing (apt-get install clang-format-14)" >&2
  exit 1
}
cd "$root"
if git rev-parse --git-dir >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files '*.cpp' '*.h')
else
  mapfile -t files < <(find app src tests -name '*.cpp' -o -name '*.h')
fi
[ ${#files[@]} -gt 0 ] || { echo "style.format: no sources found under $root" >&2; exit 1; }
"$tool" --dry-run --Werror "${files[@]}"
echo "style.format: ${#files[@]} files clean"
