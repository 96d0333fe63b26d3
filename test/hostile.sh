#!/bin/sh
# Hostile free text in every output format (docs/security.md, "Nothing the
# input says can forge the output"). A proposal full of HTML, quotes and
# markdown (test/fixtures/proposals/hostile-text.yaml) is evaluated under
# file names holding a line break, ESC, U+202E and a byte that is not UTF-8,
# and a copy of the rules gives Morocco a name with a line break, ESC[8m,
# U+202E, a C1 control, U+2028 and U+2029, <script>, an attribute breaker
# and a table pipe.
# Each format's output is pinned in test/golden/hostile-* (the parts that
# hold the hostile text, for the big ones), and each is checked for what
# must never be in it: a raw control character, a raw bidi control, invalid
# UTF-8, a tag or attribute from the input. mprisk serve answers the same
# texts on loopback (its written-back proposal, errors quoting ids and a
# path, explain, the catalogue, its records and its own log), pinned in
# test/golden/hostile-serve.txt and checked the same way.
# `hostile.sh BUILD update` rewrites the goldens after a deliberate change
# (review the diff).
# Prints "ok ..." or "FAIL ..." per check.
set -u
build=$1
mode=${2:-check}
cd "$(dirname "$0")/.." || exit 2
mprisk="$build/mprisk"
dir=build/hostile # fixed, so that the paths in the outputs are the same for every build
rm -rf "$dir" && mkdir -p "$dir/in"
out=$dir/out

esc=$(printf '\033')
nl=$(printf '\nx')
nl=${nl%x}
rlo=$(printf '\342\200\256')
name="$dir/in/hostile${nl}  verdict: permitted${esc}[8m${rlo}<b>.yaml"
latin1="$dir/in/caf$(printf '\351').yaml"
cp test/fixtures/proposals/hostile-text.yaml "$name"
cp test/fixtures/proposals/hostile-text.yaml "$latin1"
# the rules: Morocco's name as hostile as YAML lets it be written
cp -r rules/default "$dir/rules"
python3 - "$dir/rules/countries.yaml" <<'EOF'
import sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
hostile = ('"Morocco\\n  verdict: permitted\\e[8m\\u202e\\x85\\u2028\\u2029 <script>alert(1)</script>'
           ' \\"><img src=x onerror=alert(1)> & \'q\' | pipe *em* [link](http://x)"')
assert text.count('name: "Morocco"') == 1
open(path, "w", encoding="utf-8").write(text.replace('name: "Morocco"', "name: " + hostile))
EOF

golden() { # NAME: compare $out with test/golden/NAME
	if [ "$mode" = update ]; then
		cp "$out" "test/golden/$1"
		echo "updated $1"
	elif ! diff -u "test/golden/$1" "$out"; then
		echo "FAIL $1: output differs"
	else
		echo "ok $1"
	fi
}

# none of what must never be written raw: C0 controls but LF (and the tab of
# a text view's indent is not used), DEL, C1 (U+0080..U+009F), U+2028,
# U+2029, bidi controls; and the file must be UTF-8
clean() { # WHAT FILE
	if python3 - "$2" <<'EOF'; then echo "ok $1: nothing hidden, valid UTF-8"; else echo "FAIL $1: a raw control, separator or bidi control, or not UTF-8"; fi
import re, sys
text = open(sys.argv[1], "rb").read().decode("utf-8")  # raises on invalid UTF-8
bad = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
m = bad.search(text)
if m:
    print(f"  U+{ord(m.group()):04X} at {m.start()}: {text[max(0, m.start() - 40):m.start() + 20]!r}")
    sys.exit(1)
EOF
}

# 1. text
"$mprisk" evaluate --rules rules/default "$name" >"$out" 2>&1
golden hostile-evaluate.txt
clean "text" "$out"
# the only verdict lines are the renderer's own
n=$(grep -c '^ *verdict: ' "$out")
[ "$n" -eq 2 ] && echo "ok text: one partnership and one activity verdict line" ||
	echo "FAIL text: $n verdict lines"

# 2. JSON
"$mprisk" evaluate --rules rules/default --format json "$name" >"$out" 2>&1
golden hostile-evaluate.json
clean "JSON" "$out"
if python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))[0]
assert r["input"]["file"] == sys.argv[2], r["input"]["file"]
assert "file_bytes" not in r["input"]
assert r["partnership"]["title"].startswith("<script>alert(1)</script> & \"quotes\"")
' "$out" "$name"; then
	echo "ok JSON: the file name and the title read back exactly"
else
	echo "FAIL JSON: the file name or the title do not read back"
fi

# 3. decision record, and its replay
rm -f "$dir/log"
"$mprisk" evaluate --rules rules/default --log "$dir/log" "$name" "$latin1" >/dev/null 2>&1
# the time differs from run to run, and so do the seals that cover it
sed -e 's/"time": "[^"]*"/"time": "TIME"/' -e 's/"prev": "sha256:[0-9a-f]*"/"prev": "PREV"/' \
	-e 's/"seal": "sha256:[0-9a-f]*"/"seal": "SEAL"/' "$dir/log" >"$out"
golden hostile-record.jsonl
clean "record" "$dir/log"
if python3 -c '
import json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert len(recs) == 2
assert recs[0]["input"]["file"] == sys.argv[2]
assert recs[1]["input"]["file_bytes"].endswith("caf%E9.yaml")
assert recs[0]["input"]["text"] == open(sys.argv[3], encoding="utf-8").read()
' "$dir/log" "$name" test/fixtures/proposals/hostile-text.yaml &&
	"$mprisk" replay --rules rules/default "$dir/log" >"$out" 2>&1 &&
	grep -q '^2 records replayed .*: 0 would now be decided differently (0 changes), 0 tampered with, 0 unreadable$' "$out"; then
	echo "ok record: valid JSON lines that keep the text and replay unchanged"
else
	echo "FAIL record: not JSON, text not kept, or not replayed"
	cat "$out"
fi

# 4. a file name that is not UTF-8: text shows the byte, JSON stays valid and keeps it
"$mprisk" evaluate --rules rules/default "$latin1" 2>&1 | sed -n 2p >"$out"
"$mprisk" evaluate --rules rules/default --format json "$latin1" 2>&1 |
	python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["input"])' >>"$out"
golden hostile-latin1-name.txt

# 5. markdown: Morocco's row of the country table
"$mprisk" matrix --rules "$dir/rules" --format markdown >"$out.all" 2>&1
grep '^| MA |' "$out.all" >"$out"
golden hostile-matrix.md
clean "markdown" "$out.all"
cols=$(awk -F' [|] ' '{print NF}' "$out")
[ "$cols" = "$(grep '^| DZ |' "$out.all" | awk -F' [|] ' '{print NF}')" ] &&
	echo "ok markdown: Morocco's row has as many cells as the others" ||
	echo "FAIL markdown: Morocco's row has $cols cells"

# 6. text views of the rules: explain, the matrix's country list; explain as JSON
{
	"$mprisk" explain --rules "$dir/rules" MA | head -1
	"$mprisk" matrix --rules "$dir/rules" | grep '^  MA '
	"$mprisk" explain --rules "$dir/rules" --format json MA |
		python3 -c 'import json, sys; print(ascii(json.load(sys.stdin)["country"]["name"]))'
} >"$out" 2>&1
golden hostile-rules-text.txt
"$mprisk" explain --rules "$dir/rules" MA forced-return >"$out.all" 2>&1
clean "explain" "$out.all"

# the other views of the rules: diff (text and JSON), lint, the matrix as JSON
"$mprisk" diff rules/default "$dir/rules" >"$out.all" 2>&1
clean "diff" "$out.all"
for view in "diff --format json rules/default $dir/rules" "matrix --rules $dir/rules --format json" \
	"explain --rules $dir/rules --format json MA forced-return"; do
	# shellcheck disable=SC2086
	"$mprisk" $view >"$out.all" 2>&1
	if python3 -c 'import json, sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$out.all"; then
		clean "$(echo "$view" | cut -d' ' -f1-3)" "$out.all"
	else
		echo "FAIL $view: not JSON"
	fi
done
"$mprisk" lint --rules "$dir/rules" --today 2026-11-30 >"$out.all" 2>&1
clean "lint" "$out.all"

# 6b. mprisk monitor: the observations' free text and the agreements', in
# every format, with hostile file names too
obs="$dir/in/observations${nl}  status: on-track${esc}[8m${rlo}<b>.yaml"
cp test/fixtures/monitoring/hostile-observations.yaml "$obs"
"$mprisk" monitor --rules rules/default --as-of 2028-01-15 "$name" "$obs" >"$out" 2>&1
golden hostile-monitor.txt
clean "monitor text" "$out"
n=$(grep -c '^  status: ' "$out")
[ "$n" -eq 1 ] && echo "ok monitor text: one status line" || echo "FAIL monitor text: $n status lines"
"$mprisk" monitor --rules rules/default --format json --as-of 2028-01-15 "$name" "$obs" >"$out" 2>&1
golden hostile-monitor.json
clean "monitor JSON" "$out"
if python3 -c '
import json, sys
m = json.load(open(sys.argv[1]))
assert m["observations"][0]["file"] == sys.argv[2]
f = m["activities"][0]["open_findings"][0]
assert f["evidence"].startswith("<script>alert(\x27evidence\x27)</script> & \"p. 4\"")
assert m["agreements"][0]["what"].startswith("<script>alert(\x27what\x27)</script>")
' "$out" "$obs"; then
	echo "ok monitor JSON: the texts read back exactly"
else
	echo "FAIL monitor JSON: the texts do not read back"
fi
"$mprisk" monitor --rules rules/default --format html -o "$dir/monitor.html" --as-of 2028-01-15 \
	"$name" "$obs" >"$out" 2>&1
clean "monitor HTML" "$dir/monitor.html"
if grep -aqE '<script|<img|<b>|<i>|onerror=alert\([^)]*\)>' "$dir/monitor.html"; then
	echo "FAIL monitor HTML: a tag from the input is in the page"
	grep -aoE '.{0,30}(<script|<img|<b>|<i>).{0,30}' "$dir/monitor.html" | head -3
else
	echo "ok monitor HTML: no tag or attribute from the input"
fi

# 7. the HTML report: every place the hostile texts appear, and no tag of theirs
"$mprisk" report --rules "$dir/rules" --format html -o "$dir/report.html" "$name" "$latin1" \
	>"$out" 2>&1 || { echo "FAIL report"; cat "$out"; }
grep -aoE '.{0,40}(Morocco|hostile|caf|script&gt;|&quot;&gt;&lt;img|UNHCR &lt;i).{0,100}' \
	"$dir/report.html" >"$out"
golden hostile-report.html.txt
clean "HTML" "$dir/report.html"
if grep -aqE '<script|<img|<b>|<i>|onerror=alert\(1\)>' "$dir/report.html"; then
	echo "FAIL HTML: a tag from the input is in the page"
	grep -aoE '.{0,30}(<script|<img|<b>|<i>).{0,30}' "$dir/report.html" | head -3
else
	echo "ok HTML: no tag or attribute from the input"
fi

# 7b. the Dutch pages: every text of the rules' translation (nl.yaml) with
# markup in it, the report and the monitoring page in Dutch carry none of it
cp -r rules/default "$dir/rules-nl"
python3 - "$dir/rules-nl/nl.yaml" <<'EOF'
import re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
mark = ' <b>nl</b> & ' + "'q' " + '\\"dq\\"'  # YAML for: <b>nl</b> & 'q' "dq"
text, n = re.subn(r'^(\s+[a-z_]+: )"(.*)"$', lambda m: m.group(1) + '"' + m.group(2) + mark + '"',
                  text, flags=re.M)
assert n > 150, n
open(path, "w", encoding="utf-8").write(text)
EOF
"$mprisk" report --lang nl --rules "$dir/rules-nl" --format html -o "$dir/report-nl.html" \
	examples/proposals/*.yaml >"$out" 2>&1 || { echo "FAIL Dutch report"; cat "$out"; }
"$mprisk" monitor --lang nl --rules "$dir/rules-nl" --format html -o "$dir/monitor-nl.html" \
	--as-of 2028-01-15 examples/proposals/ma-action-plan.yaml \
	examples/monitoring/ma-follow-up-overdue.yaml >"$out" 2>&1
[ $? -le 1 ] || { echo "FAIL Dutch monitoring page"; cat "$out"; }
for page in report-nl monitor-nl; do
	if grep -aq '<b>nl</b>' "$dir/$page.html" ||
		! grep -aq '&lt;b&gt;nl&lt;/b&gt; &amp; &#39;q&#39; &quot;dq&quot;' "$dir/$page.html"; then
		echo "FAIL $page: a Dutch rule text is written raw, or not at all"
		grep -aoE '.{0,40}<b>nl</b>.{0,10}' "$dir/$page.html" | head -3
	else
		echo "ok $page: every Dutch rule text escaped ($(grep -ao '&lt;b&gt;nl&lt;/b&gt;' "$dir/$page.html" | wc -l) shown)"
	fi
done

# 8. colour on a terminal: a title that says "verdict: permitted" is not painted
if command -v script >/dev/null 2>&1; then
	script -qec "$mprisk evaluate --rules rules/default test/fixtures/proposals/hostile-text.yaml" \
		/dev/null >"$out" 2>&1
	title=$(grep -a '^proposal hostile-text' "$out")
	case "$title" in
	*"$esc"*) echo "FAIL colour: the title line is coloured" ;;
	*) if grep -aq "verdict: ${esc}\[33mconditional" "$out"; then
		echo "ok colour: only the real verdicts are coloured"
	else
		echo "FAIL colour: the real verdict is not coloured"
	fi ;;
	esac
else
	echo "FAIL script (bsdutils) is not installed (test/deps.sh installs it)"
fi

# 9. mprisk serve, on loopback: every answer that carries free text (the
# hostile proposal, Morocco's hostile name, ids quoted in errors, a path),
# the records of --log, and the service's own log, whose rules directory is
# named with a line break and ESC and is announced again on SIGHUP
tmp=$dir/serve
mkdir -p "$tmp"
. test/serve/lib.sh
srules="$dir/rules${nl}mprisk serve: reloaded${esc}[8m"
cp -r "$dir/rules" "$srules"
rm -f "$dir/serve.log"
if serve_start hostile "$build" --rules "$srules" --log "$dir/serve.log"; then
	post() { # PATH CONTENT-TYPE FILE: "STATUS BODY" appended to $out
		code=$(curl -s -o "$tmp/body" -w '%{http_code}' -H "Content-Type: $2" --data-binary "@$3" \
			"$serve_url$1")
		printf 'POST %s: %s\n' "$1" "$code" >>"$out"
		cat "$tmp/body" >>"$out"
		cat "$tmp/body" >>"$out.all"
	}
	get() { # PATH: the same for a GET
		code=$(curl -s -o "$tmp/body" -w '%{http_code}' "$serve_url$1")
		printf 'GET %s: %s\n' "$1" "$code" >>"$out"
		cat "$tmp/body" >>"$out"
		cat "$tmp/body" >>"$out.all"
	}
	: >"$out"
	: >"$out.all"
	# the proposal written back, as JSON and as YAML
	post /v1/proposal application/yaml test/fixtures/proposals/hostile-text.yaml
	cp "$tmp/body" "$tmp/back.json"
	post "/v1/proposal?format=yaml" application/yaml test/fixtures/proposals/hostile-text.yaml
	cp "$tmp/body" "$tmp/back.yaml"
	# ids quoted in errors: a line break, ESC, U+202E, U+2028, NEL, an attribute breaker
	printf '%s\n' '{"partnership": {"id": "x", "country": "MA"}, "activities": [{"id": "a",' \
		'"measure": "m\n{\"verdict\": \"permitted\"}\u001b[8m\u202e\u2028\u0085\"><img src=x onerror=alert(1)>"}]}' \
		>"$tmp/bad.json"
	post /v1/evaluate application/json "$tmp/bad.json"
	printf '%s\n' '{"country": "MA", "measure": "nope\r\nverdict: permitted\u2029</script>"}' >"$tmp/bad-decide.json"
	post /v1/decide application/json "$tmp/bad-decide.json"
	get "/v1/explain/X%0Averdict:%20permitted%1B%5B8m%E2%80%AE%22%3E%3Cimg%3E"
	golden hostile-serve.txt
	# the answers that are the CLI's: the decision, byte for byte; the rules' views
	"$mprisk" evaluate --rules "$dir/rules" --format json - <test/fixtures/proposals/hostile-text.yaml |
		sed 's|"file": "<stdin>"|"file": "<request>"|' >"$tmp/want"
	post /v1/evaluate application/yaml test/fixtures/proposals/hostile-text.yaml
	cmp -s "$tmp/body" "$tmp/want" && echo "ok serve: the decision of the hostile proposal is the CLI's JSON" ||
		echo "FAIL serve: /v1/evaluate differs from mprisk evaluate --format json -"
	get /v1/explain/MA
	cp "$tmp/body" "$tmp/explain.json"
	get /v1/explain/MA/forced-return
	get /v1/catalogue
	cp "$tmp/body" "$tmp/catalogue.json"
	get /v1/matrix
	get /metrics
	clean "serve answers" "$out.all"
	if python3 - "$tmp" "$dir/rules/countries.yaml" <<'EOF2'; then
import json, sys, yaml
tmp = sys.argv[1]
rules = yaml.safe_load(open(sys.argv[2], encoding="utf-8"))
name = [c for c in rules["countries"] if c["code"] == "MA"][0]["name"]
assert "\n" in name and "\x1b" in name and "\u202e" in name
assert json.load(open(f"{tmp}/explain.json"))["country"]["name"] == name
cat = json.load(open(f"{tmp}/catalogue.json"))
assert [c for c in cat["countries"] if c["code"] == "MA"][0]["name"] == name
src = yaml.safe_load(open("test/fixtures/proposals/hostile-text.yaml", encoding="utf-8"))
for back in (json.load(open(f"{tmp}/back.json")), yaml.safe_load(open(f"{tmp}/back.yaml"))):
    assert back["partnership"]["title"] == src["partnership"]["title"]
    assert back["partnership"]["description"] == src["partnership"]["description"]
    assert back["partnership"]["monitoring"]["bodies"][0]["name"] == src["partnership"]["monitoring"]["bodies"][0]["name"]
EOF2
		echo "ok serve: the texts read back exactly (Morocco's name, the title, the description, a body's name)"
	else
		echo "FAIL serve: a text does not read back"
	fi
	# the written-back proposal decides as the original
	for f in back.json back.yaml; do
		"$mprisk" evaluate --rules "$dir/rules" --format json - <"$tmp/$f" |
			sed 's|"file": "<stdin>"|"file": "<request>"|; s|"sha256": "[^"]*"|"sha256": "X"|' >"$tmp/got"
		sed 's|"sha256": "[^"]*"|"sha256": "X"|' "$tmp/want" >"$tmp/want2"
		cmp -s "$tmp/got" "$tmp/want2" && echo "ok serve: /v1/proposal's $f decides as the original" ||
			echo "FAIL serve: /v1/proposal's $f decides otherwise"
	done
	kill -HUP "$serve_pid"
	i=0
	while [ $i -lt 50 ] && ! grep -q reloaded "$serve_log"; do
		sleep 0.1
		i=$((i + 1))
	done
	serve_stop
	[ "$serve_status" -eq 0 ] && echo "ok serve: stopped cleanly" || echo "FAIL serve: exit $serve_status"
	clean "serve's log" "$serve_log"
	n=$(wc -l <"$serve_log")
	grep -q '^mprisk serve: reloaded build/hostile/rules\\nmprisk serve: reloaded\\x1b\[8m: ' "$serve_log" &&
		[ "$n" -eq 4 ] && echo "ok serve's log: the rules directory in one line, as the CLI shows it" ||
		{ echo "FAIL serve's log: $n lines"; cat "$serve_log"; }
	clean "serve's records" "$dir/serve.log"
	"$mprisk" replay --rules "$dir/rules" "$dir/serve.log" >"$tmp/replay" 2>&1 &&
		grep -q '^1 record replayed .*: 0 would now be decided differently (0 changes), 0 tampered with, 0 unreadable$' "$tmp/replay" &&
		echo "ok serve's records: replayed unchanged" ||
		{ echo "FAIL serve's records"; cat "$tmp/replay"; }
else
	echo "FAIL serve did not start"
fi
rm -f "$out.all"
