#!/usr/bin/env bash
# Checks that the Word progress sheet opens in LibreOffice (issue 5): seeds the demo data in a
# throw-away data folder, writes the Southend progress sheet as .docx with the command line, and
# converts it to PDF with `libreoffice --headless`. Not part of CI: LibreOffice is a large install.
# Usage: scripts/check-docx-libreoffice.sh [as-of date, default 2022-03-15]
set -euo pipefail
cd "$(dirname "$0")/.."
as_of="${1:-2022-03-15}"
office="$(command -v libreoffice || command -v soffice || true)"
if [ -z "$office" ]; then
  echo "LibreOffice is not installed (no libreoffice or soffice on PATH): nothing checked." >&2
  echo "Install it (apt-get install libreoffice-writer-nogui) and run this again." >&2
  exit 3
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DATA_DIR="$work/data" LOG_LEVEL=silent
node bin/send-oversight.js seed >/dev/null
node bin/send-oversight.js plans report southend-peer-review-2022 --kind progress --format docx --as-of "$as_of" --out "$work/progress.docx"
# A profile of its own, so a running LibreOffice does not swallow the conversion.
"$office" --headless "-env:UserInstallation=file://$work/profile" --convert-to pdf --outdir "$work" "$work/progress.docx" >"$work/convert.log" 2>&1 || true
if [ ! -s "$work/progress.pdf" ]; then
  echo "LibreOffice did not convert the progress sheet:" >&2
  cat "$work/convert.log" >&2
  exit 1
fi
echo "LibreOffice converted the Word progress sheet as at $as_of to PDF: $(wc -c <"$work/progress.pdf") bytes, $(grep -aEc '/Type */Page([^s]|$)' "$work/progress.pdf" || true) pages."
if command -v pdftotext >/dev/null; then
  text="$(pdftotext -layout "$work/progress.pdf" -)"
  for phrase in "Position as at" "Status key" "Progress sheet"; do
    if grep -q "$phrase" <<<"$text"; then echo "  contains \"$phrase\""; else echo "  MISSING \"$phrase\"" >&2; exit 1; fi
  done
fi
