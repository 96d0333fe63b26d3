#!/bin/sh
# The HTML report (mprisk report): self-contained (no script, no external
# resource), and rendered by a real browser, headless Chromium, without
# console or network errors into a screenshot that is not blank.
# `update` also copies the screenshot to docs/report-heatmap.png.
# Prints "ok ..." or "FAIL ..." per check. Usage: test/report.sh BUILD [update]
set -u
build=$1
mode=${2:-check}
cd "$(dirname "$0")/.." || exit 2
dir=build/report
rm -rf "$dir" && mkdir -p "$dir"
page=$dir/report.html
if "$build/mprisk" report --format html -o "$page" examples/proposals/*.yaml >"$dir/out" 2>&1 &&
	[ ! -s "$dir/out" ] && [ -s "$page" ]; then
	echo "ok mprisk report writes $page"
else
	echo "FAIL mprisk report"
	cat "$dir/out"
fi
# self-contained: no script, stylesheet link, image, frame or font from elsewhere
if grep -Eiq '<script|<link|<img|<iframe|@import|url\(|src=' "$page"; then
	echo "FAIL the report loads something: $(grep -Eio '<script|<link|<img|<iframe|@import|url\(|src=' "$page" | head -1)"
else
	echo "ok the report is self-contained"
fi
for want in 'Country &times; measure decisions' 'id="p-7"' 'Monitoring plan' 'sha256:' \
	'id="c-TN"'; do
	if grep -q "$want" "$page"; then echo "ok report has $want"; else echo "FAIL report lacks $want"; fi
done
"$build/mprisk" report --format html "$page" >/dev/null 2>&1
[ $? -eq 2 ] && echo "ok report without -o is a usage error" || echo "FAIL report without -o"

chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
	echo "FAIL chromium is not installed (test/deps.sh installs it)"
	exit 0
fi
timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
	--disable-background-networking --disable-component-update --disable-sync \
	--user-data-dir="$PWD/$dir/profile" --hide-scrollbars --window-size=1600,1300 \
	--enable-logging=stderr --v=0 --screenshot="$PWD/$dir/report.png" \
	"file://$PWD/$page" >"$dir/chromium.log" 2>&1
st=$?
if [ "$st" -ne 0 ] || [ ! -s "$dir/report.png" ]; then
	echo "FAIL chromium could not render the report (exit $st)"
	tail -5 "$dir/chromium.log"
	exit 0
fi
echo "ok chromium rendered the report"
# console messages of the page, and failed loads, are logged as CONSOLE / net::ERR
if grep -E 'CONSOLE|Uncaught|net::ERR_' "$dir/chromium.log"; then
	echo "FAIL the page logged errors in chromium"
else
	echo "ok no console or network errors"
fi
python3 test/png_check.py "$dir/report.png" 1600 1300
if [ "$mode" = update ]; then
	cp "$dir/report.png" docs/report-heatmap.png
	echo "updated docs/report-heatmap.png"
fi
