#!/bin/sh
# The HTML report (mprisk report) as a parliament staffer reads it:
# self-contained (no script, no external resource); in Debian's chromium at
# 1280 px (test/web/report.js: no sideways scrolling, every country a
# heatmap column inside the window, no console error or request) and printed
# to A4 landscape PDF, which poppler checks: pdftotext -bbox finds every
# country code as a column header inside its page, the first page names every
# proposal, and pdftoppm renders the first page and it is not blank.
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
for want in 'id="summary"' 'id="heatmap"' 'id="p-7"' 'Monitoring plan' 'sha256:' 'id="c-TN"' \
	'id="rules"' 'id="traces"' 'class="v conditional s4' ' mark"'; do
	if grep -q "$want" "$page"; then echo "ok report has $want"; else echo "FAIL report lacks $want"; fi
done
"$build/mprisk" report --format html "$page" >/dev/null 2>&1
[ $? -eq 2 ] && echo "ok report without -o is a usage error" || echo "FAIL report without -o"

if ! command -v node >/dev/null 2>&1 || [ ! -d test/web/node_modules/puppeteer-core ] ||
	! command -v pdftotext >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then
	echo "FAIL node, test/web/node_modules or poppler-utils is missing (sh test/deps.sh installs them)"
	exit 0
fi
codes=$("$build/mprisk" matrix --format json |
	python3 -c 'import json,sys; print(",".join(c["code"] for c in json.load(sys.stdin)["countries"]))')
ids=$(for f in examples/proposals/*.yaml; do sed -n 's/^  id: *//p' "$f" | head -1; done | paste -sd, -)
timeout 180 node test/web/report.js "$page" "$dir" "$codes" 2>&1
pdf=$dir/report.pdf
if [ -s "$pdf" ]; then
	pdftotext -bbox "$pdf" "$dir/bbox.html" && pdftotext -layout -f 1 -l 1 "$pdf" "$dir/first.txt" &&
		python3 test/pdf_check.py "$dir/bbox.html" "$codes" "$dir/first.txt" "$ids" \
			"$(sed -n 's/.*<th scope="col" class="m">\([^< ]*\).*/\1/p' "$page" | head -1)"
	pdftoppm -r 60 -png -f 1 -l 1 "$pdf" "$dir/page" && python3 test/png_check.py "$dir"/page-*1.png 500 350
else
	echo "FAIL no PDF was printed"
fi
if [ -s "$dir/screen.png" ]; then
	python3 test/png_check.py "$dir/screen.png" 1280 1400
	if [ "$mode" = update ]; then
		cp "$dir/screen.png" docs/report-heatmap.png
		echo "updated docs/report-heatmap.png"
	fi
fi
