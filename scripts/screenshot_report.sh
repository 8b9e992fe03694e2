#!/usr/bin/env bash
# Keep docs/report.png, the README's screenshot of a report, up to date: the report of the
# seed's PDF rendering, photographed by headless Chromium from Debian's packages
# (`apt-get install chromium`). Run from anywhere: scripts/screenshot_report.sh [OUT.png]
# Environment: VPDOCS (the vpdocs command, default .venv/bin/vpdocs), CHROMIUM (default chromium).
set -euo pipefail
cd "$(dirname "$0")/.."

vpdocs=${VPDOCS:-.venv/bin/vpdocs}
chromium=${CHROMIUM:-chromium}
out=${1:-docs/report.png}
source_pdf=seeds/sv-352-schooluitval.rendered.pdf

command -v "$chromium" >/dev/null || { echo "no $chromium: apt-get install chromium" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$vpdocs" report "$source_pdf" -o "$work/report.html"
mkdir -p "$(dirname "$out")"
# No network, no profile, no GPU: the report is self-contained and the shot is reproducible.
if ! "$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking \
    --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
    --user-data-dir="$work/profile" --window-size=1280,1600 \
    --screenshot="$PWD/$out" "file://$work/report.html" >"$work/chromium.log" 2>&1; then
    cat "$work/chromium.log" >&2
    exit 1
fi
test -s "$out" || { cat "$work/chromium.log" >&2; exit 1; }
echo "wrote $out from $source_pdf"
