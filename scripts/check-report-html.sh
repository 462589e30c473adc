#!/usr/bin/env bash
# Checks a review report's HTML page in a real headless browser: renders it, takes a screenshot, and checks the
# DOM the browser built (title, summary cards, overview table, chart, script only by hash, nothing loaded from
# outside). The automated check at desktop and phone widths is cli's HtmlReportInBrowserTest.
#
# Needs Debian's chromium, which this script does not install (and `mvn -B verify` does not need):
#     apt-get install -y chromium
#
# Usage: scripts/check-report-html.sh REPORT.html [SCREENSHOT.png]
#   e.g. ./iam-janitor demo && scripts/check-report-html.sh iam-janitor-demo/reports/*.html
set -euo pipefail

report="${1:?usage: $0 REPORT.html [SCREENSHOT.png]}"
[ -f "$report" ] || { echo "check-report-html: no such file: $report" >&2; exit 2; }
shot="${2:-${report%.html}.png}"
browser="$(command -v chromium || command -v chromium-browser || true)"
[ -n "$browser" ] || { echo "check-report-html: chromium not found; install it with: apt-get install -y chromium" >&2; exit 2; }

url="file://$(cd "$(dirname "$report")" && pwd)/$(basename "$report")"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
flags=(--headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update
       --disable-sync --no-first-run --user-data-dir="$profile")

"$browser" "${flags[@]}" --screenshot="$shot" --window-size=1280,2000 "$url" >/dev/null 2>&1
dom="$("$browser" "${flags[@]}" --dump-dom "$url" 2>/dev/null)"

fail=0
check() { # description, command...
  local what="$1"; shift
  if "$@"; then echo "ok   $what"; else echo "FAIL $what"; fail=1; fi
}
has() { grep -q -- "$1" <<<"$dom"; }
hasnt() { ! grep -qi -- "$1" <<<"$dom"; }

check "screenshot written ($shot)" test -s "$shot"
check "the browser built a DOM with the report title" has '<h1>IAM Janitor access review '
check "summary cards present" has 'id="summary"'
check "'Users scanned' card present" has '<span>Users scanned</span>'
check "overview table rendered" has 'id="overview-table"'
check "chart rendered" has '<svg'
check "scripts only allowed by hash" has "script-src 'sha256-"
check "no external stylesheet, image or frame" hasnt '<link\|<img\|<iframe\|src='
check "content security policy forbids loading anything" has "default-src 'none'"
exit $fail
