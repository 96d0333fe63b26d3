#!/bin/sh
# The HTML report (mprisk report) as a parliament staffer reads it:
# self-contained (no script, no external resource); in Debian's chromium at
# 1280 px (test/web/report.js: no sideways scrolling, every country a
# heatmap column inside the window, no console error or request) and printed
# to A4 landscape PDF, which poppler checks: pdftotext -bbox finds every
# country code as a column header inside its page, the first page names every
# proposal, and pdftoppm renders the first page and it is not blank. The
# same for the report in Dutch (--lang nl), the one for parliament, whose
# first printed page must say in Dutch which proposals pass and why not.
# `update` also copies the screenshots to docs/report-heatmap.png (English)
# and docs/report-nl.png (Dutch).
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
# the report in English, then the one for parliament in Dutch: the same checks
for lang in en nl; do
	d=$dir/$lang
	mkdir -p "$d"
	if [ "$lang" = en ]; then
		cp "$page" "$d/report.html"
	elif ! "$build/mprisk" report --lang nl --format html -o "$d/report.html" examples/proposals/*.yaml; then
		echo "FAIL mprisk report --lang nl"
		continue
	fi
	grep -q "<html lang=\"$lang\">" "$d/report.html" && echo "ok the $lang report says lang=\"$lang\"" ||
		echo "FAIL the $lang report does not say its language"
	timeout 180 node test/web/report.js "$d/report.html" "$d" "$codes" 2>&1 | sed "s/^\(ok\|FAIL\) /\1 [$lang] /"
	pdf=$d/report.pdf
	if [ -s "$pdf" ]; then
		pdftotext -bbox "$pdf" "$d/bbox.html" && pdftotext -layout -f 1 -l 1 "$pdf" "$d/first.txt" &&
			python3 test/pdf_check.py "$d/bbox.html" "$codes" "$d/first.txt" "$ids" \
				"$(sed -n 's/.*<th scope="col" class="m">\([^< ]*\).*/\1/p' "$d/report.html" | head -1)" |
			sed "s/^\(ok\|FAIL\) /\1 [$lang] /"
		pdftoppm -r 60 -png -f 1 -l 1 "$pdf" "$d/page" && python3 test/png_check.py "$d"/page-*1.png 500 350
	else
		echo "FAIL [$lang] no PDF was printed"
	fi
done
# the Dutch first page says in Dutch which proposals pass and why not
if grep -q "voldoet" "$dir/nl/first.txt" && grep -q "verboden" "$dir/nl/first.txt" && grep -q "waarom niet" "$dir/nl/first.txt" &&
	grep -q "Samenvatting" "$dir/nl/first.txt"; then
	echo "ok [nl] the first page: Samenvatting, voldoet (niet), waarom niet"
else
	echo "FAIL [nl] the first printed page lacks the Dutch summary"
fi
for lang in en nl; do
	[ -s "$dir/$lang/screen.png" ] || continue
	python3 test/png_check.py "$dir/$lang/screen.png" 1280 1400
done
if [ "$mode" = update ]; then
	cp "$dir/en/screen.png" docs/report-heatmap.png
	cp "$dir/nl/screen.png" docs/report-nl.png
	echo "updated docs/report-heatmap.png and docs/report-nl.png"
fi
