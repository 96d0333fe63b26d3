#!/bin/sh
# Hostile and malformed inputs. Every one must exit 2 with exactly one line
# "FILE:LINE:COL: message" on stderr and nothing on stdout.
#
# test/bad/proposals/NAME.yaml: a proposal whose first line is
#   # expect: FILE:LINE:COL: message
# test/bad/proposals/NAME.json: a JSON proposal (which has no comments),
#   with the expected message in NAME.expect
# test/bad/tests/NAME.yaml: a rule-test file, with the same first line.
# test/bad/observations/NAME.yaml (or .json with NAME.expect): monitoring
#   observations of examples/proposals/ma-action-plan.yaml, the same way.
# test/bad/rules/NAME.case: a change to a copy of rules/default:
#   file: FILE          the rule file to change or create
#   sed: EXPRESSION     (optional) a sed edit of FILE
#   expect: MESSAGE     with RULES standing for the copy's directory
#   followed by optional lines after "content:" that are appended to FILE
set -u
build=$1
cd "$(dirname "$0")/.." || exit 2
mprisk="$build/mprisk"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() { # name, expected stderr, command...
	name=$1 want=$2
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
	got=$(cat "$tmp/err")
	if [ "$st" -ne 2 ]; then
		echo "FAIL $name: exit $st, expected 2"
	elif [ -s "$tmp/out" ]; then
		echo "FAIL $name: wrote to stdout"
	elif [ "$(wc -l <"$tmp/err")" -ne 1 ] || [ "$(tail -c 1 "$tmp/err" | od -An -c | tr -d ' ')" != '\n' ]; then
		echo "FAIL $name: stderr is not exactly one line"
		cat "$tmp/err"
	elif [ "$got" != "$want" ]; then
		echo "FAIL $name:"
		echo "  expected: $want"
		echo "  got:      $got"
	else
		echo "ok $name"
	fi
}

for f in test/bad/proposals/*.yaml; do
	want=$(sed -n '1s/^\xef\xbb\xbf//; 1s/^# expect: //p' "$f")
	check "$f" "$want" "$mprisk" evaluate --rules rules/default "$f"
done

for f in test/bad/proposals/*.json; do
	check "$f" "$(cat "${f%.json}.expect")" "$mprisk" evaluate --rules rules/default "$f"
done

for f in test/bad/tests/*.yaml; do
	want=$(sed -n '1s/^# expect: //p' "$f")
	check "$f" "$want" "$mprisk" test --rules rules/default "$f"
done

monitor() { # the observations of the Morocco example, as of a fixed date
	"$mprisk" monitor --rules rules/default --as-of 2027-06-30 examples/proposals/ma-action-plan.yaml "$@"
}
for f in test/bad/observations/*.yaml; do
	want=$(sed -n '1s/^# expect: //p' "$f")
	check "$f" "$want" monitor "$f"
done
for f in test/bad/observations/*.json; do
	check "$f" "$(cat "${f%.json}.expect")" monitor "$f"
done
# an observation id in two files is an error at the second
check monitor-duplicate-across-files \
	"examples/monitoring/ma-on-track.yaml:23:13: duplicate observation id 'ma-2027-q1-1' (first in examples/monitoring/ma-on-track.yaml at line 23)" \
	monitor examples/monitoring/ma-on-track.yaml examples/monitoring/ma-on-track.yaml
check monitor-bad-as-of "the date of the status must be YYYY-MM-DD, found '2027-13-01'" \
	"$mprisk" monitor --rules rules/default --as-of 2027-13-01 examples/proposals/ma-action-plan.yaml \
	examples/monitoring/ma-on-track.yaml

# evaluate --experience (R9): the observations must name their proposal, and
# --as-of is the experience's date only
check experience-without-proposal \
	"test/bad/observations/dates-out-of-order.yaml:2:1: experience needs the proposal these observations monitor: 'proposal: PATH', relative to this file" \
	"$mprisk" evaluate --rules rules/default --experience test/bad/observations/dates-out-of-order.yaml \
	--as-of 2027-06-30 examples/proposals/ma-action-plan.yaml
check as-of-without-experience \
	"mprisk evaluate: --as-of is the date of the experience: it needs --experience (mprisk evaluate --help)" \
	"$mprisk" evaluate --rules rules/default --as-of 2027-06-30 examples/proposals/ma-action-plan.yaml
check experience-bad-date "the date of the experience must be YYYY-MM-DD, found '2027-6-30'" \
	"$mprisk" evaluate --rules rules/default --experience examples/monitoring/ma-on-track.yaml \
	--as-of 2027-6-30 examples/proposals/ma-action-plan.yaml

for c in test/bad/rules/*.case; do
	rm -rf "$tmp/rules"
	cp -r rules/default "$tmp/rules"
	file=$(sed -n 's/^file: //p' "$c")
	expr=$(sed -n 's/^sed: //p' "$c")
	want=$(sed -n 's/^expect: //p' "$c" | sed "s#RULES#$tmp/rules#g")
	[ -n "$expr" ] && sed -i "$expr" "$tmp/rules/$file"
	sed -n '/^content:$/,$p' "$c" | sed 1d >>"$tmp/rules/$file"
	if cmp -s rules/default/"$file" "$tmp/rules/$file"; then
		echo "FAIL $c: the case did not change $file"
		continue
	fi
	check "$c" "$want" "$mprisk" lint --rules "$tmp/rules"
done

# a rule text its translation leaves out loads (it is printed in English)
# but lint fails on it, naming the entry and the translation file; so does a
# whole translation file that is out of date
rm -rf "$tmp/rules" && cp -r rules/default "$tmp/rules"
sed -i '/^    P1-binding-consequences:$/,/^      source:/d; /^    DZ:$/,/^      name:/d' "$tmp/rules/nl.yaml"
"$mprisk" lint --rules "$tmp/rules" --today 2026-11-23 >"$tmp/out" 2>"$tmp/err"
st=$?
if [ "$st" -eq 1 ] && [ ! -s "$tmp/err" ] &&
	grep -qx "$tmp/rules/partnership.yaml:[0-9]*:5: error: partnership_rules: P1-binding-consequences: message has no translation into 'nl' in $tmp/rules/nl.yaml" "$tmp/out" &&
	grep -qx "$tmp/rules/partnership.yaml:[0-9]*:5: error: partnership_rules: P1-binding-consequences: source has no translation into 'nl' in $tmp/rules/nl.yaml" "$tmp/out" &&
	grep -qx "$tmp/rules/countries.yaml:[0-9]*:5: error: countries: DZ: name has no translation into 'nl' in $tmp/rules/nl.yaml" "$tmp/out" &&
	[ "$(grep -c ': error: ' "$tmp/out")" -eq 3 ]; then
	echo "ok untranslated rule texts: lint fails (exit 1) naming each"
else
	echo "FAIL untranslated rule texts: lint exit $st"
	head -5 "$tmp/err" "$tmp/out"
fi
# the same in Dutch: the sentence translated, the place, class word and keys not
"$mprisk" lint --rules "$tmp/rules" --today 2026-11-23 --lang nl >"$tmp/out" 2>"$tmp/err"
st=$?
if [ "$st" -eq 1 ] && [ ! -s "$tmp/err" ] &&
	grep -qx "$tmp/rules/partnership.yaml:[0-9]*:5: error: partnership_rules: P1-binding-consequences: message heeft geen vertaling naar 'nl' in $tmp/rules/nl.yaml" "$tmp/out" &&
	grep -qx "  3 fouten" "$tmp/out" &&
	[ "$(grep -c ': error: ' "$tmp/out")" -eq 3 ]; then
	echo "ok untranslated rule texts: lint --lang nl says so in Dutch"
else
	echo "FAIL untranslated rule texts in Dutch: lint exit $st"
	head -5 "$tmp/err" "$tmp/out"
fi
if "$mprisk" evaluate --rules "$tmp/rules" --lang nl --brief examples/proposals/tn-mou.yaml >"$tmp/out" 2>&1 ||
	[ $? -eq 1 ]; then
	grep -q "^eu-tn-mou (TN hoog): verboden" "$tmp/out" && echo "ok an untranslated text is printed in English, the rest in Dutch" ||
		echo "FAIL evaluate --lang nl with a text untranslated"
fi

# inputs that cannot be written down as files
rm -rf "$tmp/rules" && cp -r rules/default "$tmp/rules"
ln -s measures.yaml "$tmp/rules/link.yaml"
check symlink "$tmp/rules/link.yaml: is a symbolic link; rules are read from regular files only" \
	"$mprisk" lint --rules "$tmp/rules"
rm -f "$tmp/rules/link.yaml" && ln -s "$tmp/rules" "$tmp/rules/subdir"
check symlinked-dir "$tmp/rules/subdir: is a symbolic link; rules are read from regular files only" \
	"$mprisk" lint --rules "$tmp/rules"
rm -f "$tmp/rules/subdir" && ln -s loop-b "$tmp/rules/loop-a" && ln -s loop-a "$tmp/rules/loop-b"
check symlink-loop "$tmp/rules/loop-a: broken or looping symbolic link: Too many levels of symbolic links" \
	"$mprisk" lint --rules "$tmp/rules"
rm -f "$tmp/rules/loop-a" "$tmp/rules/loop-b"
head -c 5000000 /dev/zero | tr '\0' '#' >"$tmp/rules/huge.yaml"
check huge-rule-file "$tmp/rules/huge.yaml: file is 5000000 bytes, more than the limit max_file_bytes=4194304" \
	"$mprisk" lint --rules "$tmp/rules"
rm -f "$tmp/rules/huge.yaml"
python3 -c 'print("partnership: {id: p, country: NL}\nactivities:\n  - {id: a, measure: trade-mission, description: " + "[" * 40 + "]" * 40 + "}")' >"$tmp/deep.yaml"
check deep-nesting "$tmp/deep.yaml:3:79: nesting deeper than max_depth=32" \
	"$mprisk" evaluate --rules rules/default "$tmp/deep.yaml"
python3 -c 'print("partnership: {id: p, country: NL}\nactivities:\n  - {id: a, measure: trade-mission, description: \"" + "x" * 9000 + "\"}")' >"$tmp/long.yaml"
check long-string "$tmp/long.yaml:3:50: a scalar of 9000 bytes, more than max_string=8192" \
	"$mprisk" evaluate --rules rules/default "$tmp/long.yaml"
# the --jsonl stream: the first bad line stops it with its line number
check jsonl-unknown-country "<stdin>:1:1: unknown country 'XX'" \
	sh -c "printf '{\"country\": \"XX\", \"measure\": \"trade-mission\"}\\n' | $mprisk evaluate --rules rules/default --jsonl"
check jsonl-not-json "<stdin>:1:18: JSON syntax: expected ',' or '}' after a key and its value" \
	sh -c "printf '{\"country\": \"TN\" \"measure\": 1}\\n' | $mprisk evaluate --rules rules/default --jsonl"
python3 -c 'print("{\"partnership\": {\"id\": \"p\", \"country\": \"NL\"}, \"activities\": [{\"id\": \"a\", \"measure\": \"trade-mission\", \"description\": " + "[" * 40 + "]" * 40 + "}]}")' >"$tmp/deep.json"
check deep-nesting-json "$tmp/deep.json:1:146: nesting deeper than max_depth=32" \
	"$mprisk" evaluate --rules rules/default "$tmp/deep.json"
python3 -c 'print("{\"partnership\": {\"id\": \"p\", \"country\": \"NL\", \"title\": \"" + "\\u00e9" * 4097 + "\"}, \"activities\": []}")' >"$tmp/long.json"
check long-string-json "$tmp/long.json:1:55: a scalar of 8194 bytes, more than max_string=8192" \
	"$mprisk" evaluate --rules rules/default "$tmp/long.json"
# --jsonl: blank and CRLF lines are skipped or taken, and still count as lines
check jsonl-lone-surrogate "<stdin>:4:54: JSON syntax: \\ud83d is the first half of a UTF-16 surrogate pair, and its second half (\\uDC00 to \\uDFFF) does not follow" \
	sh -c "printf ' \\t\\r\\n\\r\\n\\n{\"country\": \"MA\", \"measure\": \"trade-mission\", \"id\": \"\\\\ud83d\"}\\r\\n' | $mprisk evaluate --rules rules/default --jsonl"
check jsonl-with-file "mprisk evaluate: --jsonl reads standard input and takes no FILE, --log, --format, --suggest, --brief, --explain or --experience (mprisk evaluate --help)" \
	"$mprisk" evaluate --rules rules/default --jsonl examples/proposals/tn-mou.yaml
check usage-unknown-command "mprisk: unknown command 'evalute'; did you mean 'evaluate'? (mprisk --help)" "$mprisk" evalute
check usage-unknown-option "mprisk evaluate: unknown option '--sugest'; did you mean '--suggest'? (mprisk evaluate --help)" \
	"$mprisk" evaluate --sugest examples/proposals/tn-mou.yaml
check usage-no-file "mprisk evaluate: needs at least one proposal FILE or DIR (mprisk evaluate --help)" \
	"$mprisk" evaluate --rules rules/default

# files that are not files (docs/security.md): named, refused at once without
# waiting or reading (timeout turns a hang into a failure); standard input
# read with the files' limit, and a read error on it is an error
mkfifo "$tmp/fifo.yaml"
check fifo-proposal "$tmp/fifo.yaml: not a regular file (a FIFO): inputs are read from regular files, or from standard input as -" \
	timeout 20 "$mprisk" evaluate --rules rules/default "$tmp/fifo.yaml"
check device-proposal "/dev/zero: not a regular file (a character device): inputs are read from regular files, or from standard input as -" \
	timeout 20 "$mprisk" evaluate --rules rules/default /dev/zero
check fifo-log "$tmp/fifo.yaml: not a regular file (a FIFO): inputs are read from regular files, or from standard input as -" \
	timeout 20 "$mprisk" replay --rules rules/default "$tmp/fifo.yaml"
check device-log "/dev/zero: not a regular file (a character device): inputs are read from regular files, or from standard input as -" \
	timeout 20 "$mprisk" replay --rules rules/default /dev/zero
check fifo-test-file "$tmp/fifo.yaml: not a regular file (a FIFO): inputs are read from regular files, or from standard input as -" \
	timeout 20 "$mprisk" test --rules rules/default "$tmp/fifo.yaml"
rm -rf "$tmp/rules" && cp -r rules/default "$tmp/rules" && mkfifo "$tmp/rules/more.yaml"
check fifo-rule-file "$tmp/rules/more.yaml: not a regular file; rules are read from regular files only" \
	timeout 20 "$mprisk" lint --rules "$tmp/rules"
rm -f "$tmp/rules/more.yaml"
ln -s "$PWD/examples/proposals/ma-action-plan.yaml" "$tmp/link.yaml"
check symlink-proposal "$tmp/link.yaml: is a symbolic link; inputs are read from regular files only" \
	"$mprisk" evaluate --rules rules/default "$tmp/link.yaml"
check stdin-directory "<stdin>: cannot read: Is a directory" \
	sh -c "$mprisk evaluate --rules rules/default - </"
check stdin-directory-jsonl "<stdin>: cannot read: Is a directory" \
	sh -c "$mprisk evaluate --rules rules/default --jsonl </"
check stdin-directory-log "<stdin>: cannot read: Is a directory" \
	sh -c "$mprisk replay --rules rules/default - </"
check stdin-endless "<stdin>: more than 4194304 bytes, the limit max_file_bytes=4194304" \
	sh -c "timeout 20 $mprisk evaluate --rules rules/default - </dev/zero"
check jsonl-endless-line "<stdin>:1:1: a line of more than 4194304 bytes, the limit max_file_bytes=4194304" \
	sh -c "timeout 20 $mprisk evaluate --rules rules/default --jsonl </dev/zero"

# a UTF-16 proposal that is not valid UTF-16, placed in the text it stands for
printf '\377\376p\000:\000 \000\000\334' >"$tmp/u16.yaml"
check utf16-lone-surrogate "$tmp/u16.yaml:1:4: invalid UTF-16: the second half of a surrogate pair without its first" \
	"$mprisk" evaluate --rules rules/default "$tmp/u16.yaml"
printf '\376\377\000{\000' >"$tmp/u16-odd.json"
check utf16-odd-byte "$tmp/u16-odd.json:1:2: the UTF-16 text ends in the middle of a character" \
	"$mprisk" evaluate --rules rules/default "$tmp/u16-odd.json"

# what the user typed is echoed in one visible line (docs/security.md)
check usage-option-newline "mprisk evaluate: unknown option '--x\\nmprisk: forged\\x1b[8m'; did you mean '--format'? (mprisk evaluate --help)" \
	"$mprisk" evaluate "$(printf -- '--x\nmprisk: forged\033[8m')" examples/proposals/tn-mou.yaml
check usage-command-newline "mprisk: unknown command 'evalu\\nate'; did you mean 'evaluate'? (mprisk --help)" \
	"$mprisk" "$(printf 'evalu\nate')"
check usage-argument-bidi "mprisk matrix: takes no argument, found 'x\\u202ey' (mprisk matrix --help)" \
	"$mprisk" matrix "$(printf 'x\342\200\256y')"
check file-name-newline "$tmp/no\\nsuch\\x1b[2K.yaml: cannot open: No such file or directory" \
	"$mprisk" evaluate --rules rules/default "$(printf '%s/no\nsuch\033[2K.yaml' "$tmp")"
nl=$(printf '\nx')
nl=${nl%x}
mkdir -p "$tmp/bad${nl}name"
printf 'partnership: {id: x, country: XX}\nactivities: [{id: a, measure: trade-mission}]\n' >"$tmp/bad${nl}name/p.yaml"
check file-name-in-located-error "$tmp/bad\\nname/p.yaml:1:31: unknown country 'XX': the ruleset has no assessment for it, so no decision can be made" \
	"$mprisk" evaluate --rules rules/default "$tmp/bad${nl}name/p.yaml"

# an unreadable proposal: root reads every file, so as root the check runs
# as the unprivileged user nobody (setpriv, util-linux); where even that
# cannot run the build, it is a skip that test/run.sh declares acceptable
cp examples/proposals/ma-action-plan.yaml "$tmp/locked.yaml" && chmod 000 "$tmp/locked.yaml"
if [ "$(id -u)" != 0 ]; then
	check unreadable-file "$tmp/locked.yaml: cannot open: Permission denied" \
		"$mprisk" evaluate --rules rules/default "$tmp/locked.yaml"
elif chmod 711 "$tmp" && nobody="setpriv --reuid=nobody --regid=nogroup --clear-groups" &&
	$nobody "$mprisk" --version >/dev/null 2>&1 && $nobody test -r rules/default/ruleset.yaml; then
	check unreadable-file "$tmp/locked.yaml: cannot open: Permission denied" \
		$nobody "$mprisk" evaluate --rules rules/default "$tmp/locked.yaml"
else
	echo "SKIP unreadable-file: running as root, and the user nobody cannot run $mprisk here"
fi
mkdir -p "$tmp/empty"
check empty-rules-dir "$tmp/empty: no *.yaml rule files in this directory" \
	"$mprisk" lint --rules "$tmp/empty"
check missing-rules-dir "$tmp/nowhere: cannot open rules directory: No such file or directory" \
	"$mprisk" lint --rules "$tmp/nowhere"
check missing-proposal "$tmp/nothing.yaml: cannot open: No such file or directory" \
	"$mprisk" evaluate --rules rules/default "$tmp/nothing.yaml"
printf 'partnership: {id: x, country: NL}\nactivities:\n  - {id: a, measure: trade-mission}\n\0\n' >"$tmp/nul.yaml"
check nul-byte "$tmp/nul.yaml:4:1: YAML syntax: control characters are not allowed" \
	"$mprisk" evaluate --rules rules/default "$tmp/nul.yaml"
printf 'partnership: {id: p\200\201\376}\n' >"$tmp/binary.yaml"
check invalid-utf8 "$tmp/binary.yaml:1:20: YAML syntax: invalid leading UTF-8 octet" \
	"$mprisk" evaluate --rules rules/default "$tmp/binary.yaml"
