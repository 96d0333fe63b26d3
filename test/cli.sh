#!/bin/sh
# The command line itself (examples/mprisk/): option forms (--opt=value,
# -oVALUE, options after arguments), an unknown option naming the nearest
# one, every command's --help listing its options (and `help COMMAND` the
# same), -o FILE / -o - written whole or not at all, -o into a missing
# directory, evaluate DIR, the JSON array for one file, exit 1 when only a
# partnership finding stands in the way, and every option of every command
# listed in docs/cli.md, mprisk(1) and the README.
# Prints "ok ..." or "FAIL ..." per check. Usage: test/cli.sh BUILD
set -u
build=$1
cd "$(dirname "$0")/.." || exit 2
mprisk="$build/mprisk"
# the shipped rules for every command, whichever build directory the binary is in
MPRISK_RULES=rules/default
export MPRISK_RULES
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ma=examples/proposals/ma-action-plan.yaml
sn=examples/proposals/sn-compass.yaml
commands="evaluate explain matrix lint test diff replay monitor report indicators serve sign verify help"

ok() { echo "ok $1"; }
fail() { echo "FAIL $1"; }

# run NAME EXPECTED_EXIT COMMAND...: stdout in $tmp/out, stderr in $tmp/err
run() {
	run_name=$1 run_want=$2
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
	if [ "$st" -ne "$run_want" ]; then
		fail "$run_name: exit $st, expected $run_want ($*)"
		head -3 "$tmp/err"
		return 1
	fi
	return 0
}

# usage NAME EXPECTED_STDERR COMMAND...: exit 2, that one line, empty stdout
usage() {
	name=$1 want=$2
	shift 2
	if run "$name" 2 "$@"; then
		if [ -s "$tmp/out" ]; then
			fail "$name: wrote to stdout"
		elif [ "$(cat "$tmp/err")" != "$want" ]; then
			fail "$name: expected '$want', got '$(cat "$tmp/err")'"
		else
			ok "$name"
		fi
	fi
}

# 1. option forms: --opt=value, --opt value, -oFILE, options after arguments
"$mprisk" evaluate --rules rules/default --format json "$ma" >"$tmp/plain.json"
for form in "--rules=rules/default --format=json $ma" "$ma --format json --rules rules/default" \
	"--format=json -o - --rules=rules/default -- $ma"; do
	# shellcheck disable=SC2086
	if run "option form $form" 0 "$mprisk" evaluate $form && cmp -s "$tmp/out" "$tmp/plain.json"; then
		ok "option form: evaluate $form"
	else
		fail "option form: evaluate $form gives other output"
	fi
done
if run "-oFILE" 0 "$mprisk" matrix "-o$tmp/m.txt" && [ ! -s "$tmp/out" ] &&
	"$mprisk" matrix | cmp -s - "$tmp/m.txt"; then
	ok "option form: matrix -oFILE"
else
	fail "option form: matrix -oFILE"
fi

# 2. usage errors: one line naming the nearest option of the command
usage "unknown option suggests the nearest" \
	"mprisk evaluate: unknown option '--sugest'; did you mean '--suggest'? (mprisk evaluate --help)" \
	"$mprisk" evaluate --sugest "$ma"
usage "unknown option with =value" \
	"mprisk matrix: unknown option '--formt'; did you mean '--format'? (mprisk matrix --help)" \
	"$mprisk" matrix --formt=json
usage "unknown short option" \
	"mprisk lint: unknown option '-s'; did you mean '--strict'? (mprisk lint --help)" \
	"$mprisk" lint -s
usage "option of another command" \
	"mprisk explain: unknown option '--check'; did you mean '--help'? (mprisk explain --help)" \
	"$mprisk" explain --check MA
usage "explain: a country code in lower case suggests the code" \
	"unknown country 'tn': codes are ISO 3166-1 alpha-2 in capitals, did you mean 'TN'?" \
	"$mprisk" explain tn
usage "explain: a measure spelt with '_' suggests the id" \
	"unknown measure 'forced_return': did you mean 'forced-return'?" \
	"$mprisk" explain TN forced_return
usage "missing value" "mprisk evaluate: option '--rules' needs a value (DIR) (mprisk evaluate --help)" \
	"$mprisk" evaluate "$ma" --rules
usage "value for a switch" "mprisk diff: option '--check' takes no value (mprisk diff --help)" \
	"$mprisk" diff --check=yes rules/default rules/default
usage "abbreviated switch given a value" \
	"mprisk evaluate: option '--suggest' takes no value (mprisk evaluate --help)" \
	"$mprisk" evaluate --sugg=yes "$ma"
usage "unknown format" \
	"mprisk explain: --format must be one of text|json, not 'markdown' (mprisk explain --help)" \
	"$mprisk" explain --format=markdown MA
usage "ambiguous prefix" \
	"mprisk indicators: option '--o' is ambiguous; did you mean '--out'? (mprisk indicators --help)" \
	"$mprisk" indicators --o x import
usage "unknown command suggests the nearest" \
	"mprisk: unknown command 'matrx'; did you mean 'matrix'? (mprisk --help)" "$mprisk" matrx
usage "help for an unknown command" \
	"mprisk: unknown command 'evalute'; did you mean 'evaluate'? (mprisk --help)" "$mprisk" help evalute

# 3. COMMAND --help and help COMMAND: the same text, every option of the table
for cmd in $commands; do
	"$mprisk" "$cmd" --help >"$tmp/help" 2>&1
	st=$?
	"$mprisk" help "$cmd" >"$tmp/help2" 2>&1
	# the long names of the "options:" section (up to its blank line)
	sed -n '/^options:$/,/^$/s/^  \(-[a-z], \)\{0,1\} *--\([a-z-]*\).*/\2/p' "$tmp/help" >"$tmp/opts-$cmd"
	if [ "$st" -ne 0 ] || ! cmp -s "$tmp/help" "$tmp/help2"; then
		fail "$cmd --help: exit $st, or not the same as mprisk help $cmd"
	elif ! grep -q "^usage: mprisk $cmd " "$tmp/help" || ! grep -qx help "$tmp/opts-$cmd"; then
		fail "$cmd --help: no usage line or no --help in the list"
	elif [ "$cmd" != help ] && [ "$cmd" != serve ] && ! grep -qx output "$tmp/opts-$cmd"; then
		fail "$cmd --help: no -o/--output"
	elif awk 'length > 80 { exit 1 }' "$tmp/help"; then
		ok "$cmd --help lists $(wc -l <"$tmp/opts-$cmd") options, as help $cmd does"
	else
		fail "$cmd --help: a line is longer than 80 columns"
	fi
done
"$mprisk" -h >"$tmp/help"
unlisted=""
for cmd in $commands; do
	grep -q "^  $cmd " "$tmp/help" || unlisted="$unlisted $cmd"
done
[ -z "$unlisted" ] && ok "mprisk --help lists every command" || fail "mprisk --help does not list:$unlisted"

# 4. every option of every command in docs/cli.md, mprisk(1) and the README
for cmd in $commands; do
	sed -n "/^### $cmd\$/,/^### /p" docs/cli.md >"$tmp/doc"
	sed -n "/^\\.SS $cmd/,/^\\.S[SH] /p" docs/man/mprisk.1 | sed 's/\\-/-/g' >"$tmp/man"
	grep "^| \`$cmd\` |" README.md >"$tmp/readme"
	missing=""
	for o in $(cat "$tmp/opts-$cmd"); do
		grep -q -- "--$o" "$tmp/doc" || missing="$missing docs/cli.md:--$o"
		grep -q -- "--$o" "$tmp/man" || missing="$missing mprisk.1:--$o"
		grep -q -- "--$o" "$tmp/readme" || missing="$missing README:--$o"
	done
	if [ -z "$missing" ] && [ -s "$tmp/opts-$cmd" ]; then
		ok "every option of $cmd is documented"
	else
		fail "options of $cmd not documented:$missing"
	fi
done

# 5. -o FILE and -o -: the same bytes as stdout; nothing on stdout
"$mprisk" explain TN forced-return >"$tmp/stdout.txt"
if run "-o FILE" 0 "$mprisk" explain TN forced-return -o "$tmp/explain.txt" && [ ! -s "$tmp/out" ] &&
	cmp -s "$tmp/stdout.txt" "$tmp/explain.txt"; then
	ok "-o FILE writes what stdout would get, and nothing to stdout"
else
	fail "-o FILE"
fi
if run "-o -" 0 "$mprisk" explain TN forced-return -o - && cmp -s "$tmp/stdout.txt" "$tmp/out"; then
	ok "-o - writes to stdout"
else
	fail "-o -"
fi
if run "-o /dev/null" 1 "$mprisk" evaluate "$sn" -o /dev/null && [ ! -s "$tmp/out" ]; then
	ok "-o /dev/null (not a regular file) is written directly"
else
	fail "-o /dev/null"
fi
# an existing file is replaced whole and keeps its mode; a symbolic link at
# the path is refused, not followed (docs/cli.md, "Output")
printf 'old\n' >"$tmp/keep.txt" && chmod 640 "$tmp/keep.txt" && ln -s keep.txt "$tmp/link.txt"
if run "-o replaces a file" 0 "$mprisk" explain MA -o "$tmp/keep.txt" &&
	[ "$(stat -c %a "$tmp/keep.txt")" = 640 ] && grep -q "^MA Morocco" "$tmp/keep.txt" &&
	[ -z "$(find "$tmp" -name '.keep.txt.*')" ]; then
	ok "-o replaces the file whole, keeps its mode, leaves no temporary file"
else
	fail "-o replacing a file"
fi
printf 'old\n' >"$tmp/keep.txt"
if run "-o through a link" 2 "$mprisk" explain MA -o "$tmp/link.txt" && [ -L "$tmp/link.txt" ] &&
	[ "$(cat "$tmp/keep.txt")" = old ] && [ ! -s "$tmp/out" ] &&
	[ "$(cat "$tmp/err")" = "$tmp/link.txt: is a symbolic link: outputs are not written through one (name the file it points to)" ]; then
	ok "-o to a symbolic link is refused in one line; the file it points to is untouched"
else
	fail "-o through a symbolic link: $(cat "$tmp/err")"
fi
# an input error: exit 2, the file untouched, stdout empty
printf 'partnership: {id: p, country: MA}\nactivities: [{id: a, measure: nope}]\n' >"$tmp/bad.yaml"
printf 'previous\n' >"$tmp/prev.json"
if run "-o on an input error" 2 "$mprisk" evaluate --format json -o "$tmp/prev.json" "$ma" "$tmp/bad.yaml" &&
	[ ! -s "$tmp/out" ] && [ "$(cat "$tmp/prev.json")" = previous ] &&
	grep -q "bad.yaml:2:[0-9]*: unknown measure 'nope'" "$tmp/err"; then
	ok "an input error leaves -o FILE untouched and stdout empty"
else
	fail "-o on an input error"
fi

# 6. -o into a directory that does not exist: exit 2, one line, nothing written
usage "-o into a missing directory" "$tmp/none/out.txt: cannot write: No such file or directory" \
	"$mprisk" matrix -o "$tmp/none/out.txt"
[ -e "$tmp/none" ] && fail "-o into a missing directory created it"
usage "-o into a missing directory before --log" \
	"$tmp/none/out.json: cannot write: No such file or directory" \
	"$mprisk" evaluate --log "$tmp/d.log" -o "$tmp/none/out.json" "$ma"
if [ -e "$tmp/d.log" ]; then fail "--log appended although -o could not be written"; fi
usage "-o a directory" "$tmp: cannot write: Is a directory" "$mprisk" matrix -o "$tmp"
printf '{"country": "MA", "measure": "trade-mission"}\nnot json\n' >"$tmp/lines"
if run "--jsonl -o FILE on a bad line" 2 sh -c "$mprisk evaluate --jsonl -o $tmp/j.jsonl <$tmp/lines" &&
	[ ! -e "$tmp/j.jsonl" ]; then
	ok "--jsonl -o FILE: nothing written when a line is bad"
else
	fail "--jsonl -o FILE wrote despite a bad line"
fi

# 7. evaluate DIR: its *.yaml/*.yml/*.json in name order, as the files given one by one
mkdir -p "$tmp/dir/sub" && cp "$sn" "$tmp/dir/b.yaml" && cp "$ma" "$tmp/dir/a.yml" &&
	cp "$ma" "$tmp/dir/sub/c.yaml" && cp "$ma" "$tmp/dir/.hidden.yaml" && printf 'x\n' >"$tmp/dir/notes.txt"
"$mprisk" evaluate "$tmp/dir/a.yml" "$tmp/dir/b.yaml" >"$tmp/files.txt"
if run "evaluate DIR" 1 "$mprisk" evaluate "$tmp/dir" && cmp -s "$tmp/out" "$tmp/files.txt"; then
	ok "evaluate DIR: its proposals in name order, not recursive, no hidden files"
else
	fail "evaluate DIR"
fi
if run "evaluate DIR/ json" 1 "$mprisk" evaluate --format json examples/proposals/ &&
	cmp -s "$tmp/out" test/golden/evaluate-all.json; then
	ok "evaluate examples/proposals/ gives the JSON of the seven files"
else
	fail "evaluate examples/proposals/ differs from evaluate-all.json"
fi
mkdir -p "$tmp/empty"
usage "evaluate an empty DIR" "$tmp/empty: no *.yaml, *.yml or *.json proposal in this directory" \
	"$mprisk" evaluate "$tmp/empty"

# 8. --format json is an array for one file too
if run "single-file JSON" 0 "$mprisk" evaluate --format json "$ma" &&
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert isinstance(d, list) and len(d) == 1 and d[0]["format_version"] == 2' "$tmp/out"; then
	ok "--format json gives an array of one for one file"
else
	fail "--format json for one file is not an array of one"
fi

# 9. exit 1 when every activity passes but a partnership finding stands in the way
f=test/fixtures/proposals/ma-no-parliament.yaml
if run "partnership finding" 1 "$mprisk" evaluate --format json "$f" &&
	python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))[0]; assert all(a["passes"] for a in r["activities"]) and [f["rule"] for f in r["findings"]] == ["P7-parliament"] and not r["passes"]' "$tmp/out"; then
	ok "exit 1: every activity passes, a partnership finding stands in the way"
else
	fail "exit status with only a partnership finding"
fi

# 10. standard input: a proposal has the limit of a file, a decision log none
#     (a log from stdin larger than max_file_bytes replays in full; its
#     records of 0.1 declared no concrete agreements, so each now has the
#     finding Rec1-concrete-agreements: exit 1)
if run "proposal from stdin" 0 sh -c "$mprisk evaluate - <$ma" && grep -q '^  file: <stdin> ' "$tmp/out"; then
	ok "evaluate - reads a proposal from standard input"
else
	fail "evaluate - from standard input"
fi
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30; do
	cat test/golden/decisions.log
done >"$tmp/big.log"
n=$(wc -l <"$tmp/big.log")
if [ "$(wc -c <"$tmp/big.log")" -gt 4194304 ] &&
	run "big log from stdin" 1 sh -c "$mprisk replay - <$tmp/big.log" &&
	grep -q "^$n records replayed.*: $n would now be decided differently" "$tmp/out"; then
	ok "replay - reads a log larger than max_file_bytes from standard input"
else
	fail "replay - of a large log from standard input"
fi

# 11. the short answer fits on one screen: evaluate --brief of every example
# proposal in at most 60 lines of at most 100 characters
if run "evaluate --brief" 1 "$mprisk" evaluate --brief examples/proposals/*.yaml &&
	[ "$(wc -l <"$tmp/out")" -le 60 ] &&
	python3 -c 'import sys; assert all(len(l.rstrip("\n")) <= 100 for l in open(sys.argv[1], encoding="utf-8"))' "$tmp/out"; then
	ok "evaluate --brief of the examples: $(wc -l <"$tmp/out") lines of at most 100 characters"
else
	fail "evaluate --brief of the examples does not fit on one screen ($(wc -l <"$tmp/out") lines)"
fi
usage "--brief with --format json" \
	"mprisk evaluate: --brief and --explain shape the text; JSON always has every trace (mprisk evaluate --help)" \
	"$mprisk" evaluate --brief --format json "$ma"
usage "--brief with --explain" \
	"mprisk evaluate: --brief is the short answer: without --explain or --suggest (mprisk evaluate --help)" \
	"$mprisk" evaluate --brief --explain=full "$ma"
usage "--explain with a wrong level" \
	"mprisk evaluate: --explain must be one of none|fails|full, not 'all' (mprisk evaluate --help)" \
	"$mprisk" evaluate --explain=all "$ma"
