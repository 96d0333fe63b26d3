#!/bin/sh
# The HTML report (mprisk report) as a parliament staffer reads it. Each page
# is written by this run (exit 0, nothing on stdout or stderr, a file that
# was not there before): every check of a page depends on that, so a page
# that was not written fails each instead of passing on an old file. The
# page is self-contained (no script, no external resource) and shows hostile
# text from a proposal and from the rules as text (test/html_check.py; the
# lines of the hostile proposal's section are pinned in
# test/golden/report-hostile.html). In Debian's chromium at 1280 px
# (test/web/report.js: no sideways scrolling, every country a heatmap column
# inside the window, no console error or request) and printed to A4
# landscape PDF, which poppler checks: pdftotext -bbox finds every country
# code as a column header inside its page, the first page names every
# proposal, and pdftoppm renders the first page and it is not blank. The
# same for the report in Dutch (--lang nl), the one for parliament, whose
# first printed page must say in Dutch which proposals pass and why not.
# And the monitoring page (mprisk monitor --format html): written by this
# run, self-contained, what to do first, free text escaped, and rendered by
# headless Chromium without console or network errors into a screenshot
# that is not blank.
# Prints "ok ...", "FAIL ..." or "SKIP NAME: reason" per check; a checker
# that exits non-zero without a FAIL line is a FAIL too.
#   test/report.sh BUILD          every check
#   test/report.sh BUILD fast     without the browser (the fast suite)
#   test/report.sh BUILD update   also rewrite the golden file and copy the
#                                 screenshots to docs/report-heatmap.png
#                                 (English) and docs/report-nl.png (Dutch)
set -u
build=$1
mode=${2:-check}
cd "$(dirname "$0")/.." || exit 2
mprisk=$build/mprisk
dir=build/report # fixed, so that paths in the output are the same for every build
rm -rf "$dir" && mkdir -p "$dir"

# write NAME PAGE ARGS...: run mprisk report -o PAGE ARGS; "ok" only when
# it exits 0, says nothing, and PAGE (removed first) now exists, not empty
# (its variables are w_*: a function's variables are the script's)
write() {
	w_name=$1 w_page=$2
	shift 2
	rm -f "$w_page"
	"$mprisk" report --format html -o "$w_page" "$@" >"$dir/out" 2>&1
	st=$?
	if [ "$st" -eq 0 ] && [ ! -s "$dir/out" ] && [ -f "$w_page" ] && [ -s "$w_page" ]; then
		echo "ok $w_name: mprisk report wrote $w_page"
		return 0
	fi
	echo "FAIL $w_name: mprisk report exit $st, $w_page $([ -e "$w_page" ] && echo "written" || echo "not written")"
	cat "$dir/out"
	return 1
}

# on PAGE_OK NAME: the check NAME may look at the page only if it was written
on() {
	[ "$1" = yes ] && return 0
	echo "FAIL $2: the page was not written, so it cannot be checked"
	return 1
}

# checker NAME CMD...: run a checker that prints ok/FAIL lines; its lines
# as they are, and a FAIL when it exits non-zero without printing one
checker() {
	c_name=$1
	shift
	"$@" >"$dir/check" 2>&1
	st=$?
	cat "$dir/check"
	[ "$st" -ne 0 ] && ! grep -q '^FAIL' "$dir/check" && echo "FAIL $c_name: exit $st"
	return 0
}

# 1. the report of the example proposals
page=$dir/report.html
example=no
write "example report" "$page" examples/proposals/*.yaml && example=yes
# self-contained: no script, stylesheet link, image, frame or font from elsewhere
if on $example "the report is self-contained"; then
	grep -Eio '<script|<link|<img|<iframe|@import|url\(|src=' "$page" >"$dir/loads"
	case $? in
	0) echo "FAIL the report loads something: $(head -1 "$dir/loads")" ;;
	1) echo "ok the report is self-contained" ;;
	*) echo "FAIL the report is self-contained: cannot read $page" ;;
	esac
fi
for want in 'id="summary"' 'id="heatmap"' 'id="p-7"' 'Monitoring plan' 'sha256:' 'id="c-TN"' \
	'id="rules"' 'id="traces"' 'class="v conditional s4' ' mark"'; do
	if on $example "report has $want"; then
		if grep -q "$want" "$page"; then echo "ok report has $want"; else echo "FAIL report lacks $want"; fi
	fi
done
"$mprisk" report --format html "$page" >/dev/null 2>&1
[ $? -eq 2 ] && echo "ok report without -o is a usage error" || echo "FAIL report without -o"

# 2. hostile text, from a proposal (under a hostile file name) and from the
# rules (a country's and a measure's name, the ruleset's title): the page
# shows it as written and no element or attribute comes from it
hostile="$dir/hostile <mprisk-hostile> & 'q'.yaml"
cp test/fixtures/proposals/html-hostile.yaml "$hostile"
cp -r rules/default "$dir/rules"
country='Senegal <mprisk-hostile onmouseover="alert(4)"> & &amp; '"'q'"
measure='Trade </th><mprisk-hostile>missions'
title='Framework </title><mprisk-hostile> & "dq"'
# rename FILE KEY OLD NEW: the entry's KEY: "OLD" becomes NEW (YAML-quoted)
rename() {
	python3 -c 'import sys
f, key, old, new = sys.argv[1:]
text = open(f, encoding="utf-8").read()
line = f"{key}: \"{old}\"\n"
if text.count(line) == 1:
    quoted = "\x27" + new.replace("\x27", "\x27\x27") + "\x27"
    open(f, "w", encoding="utf-8").write(text.replace(line, f"{key}: {quoted}\n"))' "$@"
}
rename "$dir/rules/countries.yaml" "    name" Senegal "$country"
rename "$dir/rules/measures.yaml" "    name" "Trade missions" "$measure"
rename "$dir/rules/ruleset.yaml" "  title" "AM/AIV 2026 risk-steered framework for migration partnerships" "$title"
changed=0
for f in countries measures ruleset; do
	cmp -s "rules/default/$f.yaml" "$dir/rules/$f.yaml" || changed=$((changed + 1))
done
hostile_page=no
if [ "$changed" -ne 3 ]; then
	echo "FAIL hostile rules: only $changed of 3 rule files took their hostile name (has rules/default changed?)"
elif write "hostile report" "$dir/hostile.html" --rules "$dir/rules" "$hostile"; then
	hostile_page=yes
fi
if on $hostile_page "hostile text is escaped"; then
	checker test/html_check.py python3 test/html_check.py "$dir/hostile.html" mprisk-hostile \
		"Title </h2><script>alert(1)</script><mprisk-hostile a=\"1\"> & &amp; 'q' \"dq\"" \
		"Body <mprisk-hostile title='x'>&lt;not a tag&gt;</mprisk-hostile>" \
		"$hostile" "$country" "$measure" "$title"
fi
# the hostile proposal's lines in its section, escaped, pinned
if on $hostile_page "report-hostile.html"; then
	sed -n '/^<section id="p-1"[ >]/,/^<\/section>/p' "$dir/hostile.html" | grep -F mprisk-hostile >"$dir/lines"
	if [ "$mode" = update ]; then
		cp "$dir/lines" test/golden/report-hostile.html
		echo "updated report-hostile.html"
	elif diff -u test/golden/report-hostile.html "$dir/lines"; then
		echo "ok report-hostile.html"
	else
		echo "FAIL report-hostile.html differs"
	fi
fi

# 2b. the monitoring page (mprisk monitor --format html): consequences
# first, a timeline per activity, self-contained, and free text that tries
# to be markup stays text
mon=$dir/monitor.html
mon_page=no
rm -f "$mon"
"$mprisk" monitor --format html -o "$mon" --as-of 2027-09-30 \
	examples/proposals/eg-strategic-partnership.yaml examples/monitoring/eg-structural.yaml >"$dir/out" 2>&1
st=$?
if [ "$st" -eq 1 ] && [ ! -s "$dir/out" ] && [ -s "$mon" ]; then
	echo "ok mprisk monitor --format html writes $mon (exit 1: action required)"
	mon_page=yes
else
	echo "FAIL mprisk monitor --format html: exit $st, $mon $([ -e "$mon" ] && echo "written" || echo "not written")"
	cat "$dir/out"
fi
if on $mon_page "the monitoring page is self-contained"; then
	grep -Eio '<script|<link|<img|<iframe|@import|url\(|src=' "$mon" >"$dir/loads"
	case $? in
	0) echo "FAIL the monitoring page loads something: $(head -1 "$dir/loads")" ;;
	1) echo "ok the monitoring page is self-contained" ;;
	*) echo "FAIL the monitoring page is self-contained: cannot read $mon" ;;
	esac
fi
if on $mon_page "the monitoring page's order"; then
	todo=$(grep -n 'id="todo"' "$mon" | cut -d: -f1)
	acts=$(grep -n 'id="activities"' "$mon" | cut -d: -f1)
	if [ -n "$todo" ] && [ -n "$acts" ] && [ "$todo" -lt "$acts" ] && grep -q '<svg class="tl"' "$mon" &&
		grep -q 'F3-stop-at-once' "$mon" && grep -q 'P1-structural-violations' "$mon"; then
		echo "ok the monitoring page puts what to do first, then a timeline per activity"
	else
		echo "FAIL the monitoring page's order or timelines"
	fi
fi
sed -e 's|evidence: "round report 2027-Q2: refugees|evidence: "<script>alert(1)</script> \&amp; <b>refugees|' \
	examples/monitoring/eg-structural.yaml >"$dir/monitor-hostile.yaml"
if grep -q '<script>alert(1)' "$dir/monitor-hostile.yaml"; then
	rm -f "$dir/monitor-hostile.html"
	"$mprisk" monitor --format html -o "$dir/monitor-hostile.html" --as-of 2027-09-30 \
		examples/proposals/eg-strategic-partnership.yaml "$dir/monitor-hostile.yaml" >/dev/null 2>&1
	if [ -s "$dir/monitor-hostile.html" ] &&
		grep -q '&lt;script&gt;alert(1)&lt;/script&gt; &amp;amp; &lt;b&gt;refugees' "$dir/monitor-hostile.html" &&
		! grep -q '<script' "$dir/monitor-hostile.html" && ! grep -q '<b>refugees' "$dir/monitor-hostile.html"; then
		echo "ok the monitoring page escapes free text"
	else
		echo "FAIL the monitoring page does not escape free text"
	fi
else
	echo "FAIL the monitoring page's hostile evidence was not written (has examples/monitoring/eg-structural.yaml changed?)"
fi

# 3. the example report in a browser
if [ "$mode" = fast ]; then
	echo "SKIP chromium: the fast suite starts no browser (test/run.sh $build runs it)"
	exit 0
fi
# the monitoring page in chromium: rendered without console or network
# errors into a screenshot that is not blank
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
	echo "FAIL chromium is not installed (test/deps.sh installs it)"
elif on $mon_page "the monitoring page in chromium"; then
	rm -f "$dir/monitor.png"
	timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$PWD/$dir/profile" --hide-scrollbars --window-size=1200,1400 \
		--enable-logging=stderr --v=0 --screenshot="$PWD/$dir/monitor.png" \
		"file://$PWD/$mon" >"$dir/chromium-monitor.log" 2>&1
	if [ $? -eq 0 ] && [ -s "$dir/monitor.png" ]; then
		echo "ok chromium rendered the monitoring page"
		if grep -E 'CONSOLE|Uncaught|net::ERR_' "$dir/chromium-monitor.log"; then
			echo "FAIL the monitoring page logged errors in chromium"
		else
			echo "ok no console or network errors on the monitoring page"
		fi
		checker "monitoring page test/png_check.py" python3 test/png_check.py "$dir/monitor.png" 1200 1400
	else
		echo "FAIL chromium could not render the monitoring page"
	fi
fi
if ! command -v node >/dev/null 2>&1 || [ ! -d test/web/node_modules/puppeteer-core ] ||
	! command -v pdftotext >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null 2>&1; then
	echo "FAIL node, test/web/node_modules or poppler-utils is missing (sh test/deps.sh installs them)"
	exit 0
fi
codes=$("$mprisk" matrix --format json |
	python3 -c 'import json,sys; print(",".join(c["code"] for c in json.load(sys.stdin)["countries"]))')
[ -n "$codes" ] || echo "FAIL mprisk matrix --format json gave no country codes"
ids=$(for f in examples/proposals/*.yaml; do sed -n 's/^  id: *//p' "$f" | head -1; done | paste -sd, -)
# the report in English, then the one for parliament in Dutch: the same checks
for lang in en nl; do
	d=$dir/$lang
	mkdir -p "$d"
	if [ "$lang" = en ]; then
		on $example "[en] the report in chromium" || continue
		cp "$page" "$d/report.html"
	elif ! write "[nl] mprisk report --lang nl" "$d/report.html" --lang nl examples/proposals/*.yaml; then
		continue
	fi
	grep -q "<html lang=\"$lang\">" "$d/report.html" && echo "ok the $lang report says lang=\"$lang\"" ||
		echo "FAIL the $lang report does not say its language"
	rm -f "$d/report.pdf" "$d/screen.png" "$d"/page-*.png "$d/first.txt"
	checker test/web/report.js timeout 180 node test/web/report.js "$d/report.html" "$d" "$codes" |
		sed "s/^\(ok\|FAIL\) /\1 [$lang] /"
	pdf=$d/report.pdf
	if [ -s "$pdf" ]; then
		if pdftotext -bbox "$pdf" "$d/bbox.html" && pdftotext -layout -f 1 -l 1 "$pdf" "$d/first.txt"; then
			checker test/pdf_check.py python3 test/pdf_check.py "$d/bbox.html" "$codes" "$d/first.txt" "$ids" \
				"$(sed -n 's/.*<th scope="col" class="m">\([^< ]*\).*/\1/p' "$d/report.html" | head -1)" |
				sed "s/^\(ok\|FAIL\) /\1 [$lang] /"
		else
			echo "FAIL [$lang] pdftotext could not read $pdf"
		fi
		if pdftoppm -r 60 -png -f 1 -l 1 "$pdf" "$d/page" && [ -s "$(ls "$d"/page-*1.png 2>/dev/null | head -1)" ]; then
			checker "[$lang] test/png_check.py" python3 test/png_check.py "$d"/page-*1.png 500 350
		else
			echo "FAIL [$lang] pdftoppm could not render the first page of $pdf"
		fi
	else
		echo "FAIL [$lang] no PDF was printed"
	fi
	if [ -s "$d/screen.png" ]; then
		checker "[$lang] test/png_check.py" python3 test/png_check.py "$d/screen.png" 1280 1400
	else
		echo "FAIL [$lang] no screenshot was taken"
	fi
done
# the Dutch first page says in Dutch which proposals pass and why not
if [ ! -s "$dir/nl/first.txt" ]; then
	echo "FAIL [nl] the first printed page: no text (no PDF was printed)"
elif grep -q "voldoet" "$dir/nl/first.txt" && grep -q "verboden" "$dir/nl/first.txt" && grep -q "waarom niet" "$dir/nl/first.txt" &&
	grep -q "Samenvatting" "$dir/nl/first.txt"; then
	echo "ok [nl] the first page: Samenvatting, voldoet (niet), waarom niet"
else
	echo "FAIL [nl] the first printed page lacks the Dutch summary"
fi
if [ "$mode" = update ]; then
	cp "$dir/en/screen.png" docs/report-heatmap.png
	cp "$dir/nl/screen.png" docs/report-nl.png
	echo "updated docs/report-heatmap.png and docs/report-nl.png"
fi
exit 0
