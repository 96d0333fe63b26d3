#!/bin/sh
# Golden tests of the CLI: each line of test/golden/cases is
#   NAME EXPECTED_EXIT PROGRAM ARGS... [< INPUT]
# run as `BUILD/PROGRAM ARGS` from the project root, with standard input
# from INPUT (/dev/null without one); stdout must equal
# test/golden/NAME exactly. With WRAP set (e.g. to a valgrind command), each
# program runs under it; a wrapper that finds errors must exit 99. `golden.sh BUILD update` rewrites the files after
# a deliberate change (review the diff: it is the change in decisions).
set -u
build=$1
# English unless a case asks for --lang, whatever the environment says
unset LC_ALL LC_MESSAGES LANGUAGE
LANG=C.UTF-8
export LANG
mode=${2:-check}
cd "$(dirname "$0")/.." || exit 2
out=$(mktemp)
trap 'rm -f "$out" "$out.err"' EXIT
while read -r name want prog args; do
	case "$name" in ''|'#'*) continue ;; esac
	input=/dev/null
	case "$args" in *" < "*) input=${args##* < } args=${args% < *} ;; esac
	# shellcheck disable=SC2086
	${WRAP:-} "$build/$prog" $args <"$input" >"$out" 2>"$out.err"
	st=$?
	if [ "$mode" = update ]; then
		cp "$out" "test/golden/$name"
		echo "updated $name"
	elif [ "$st" -eq 99 ]; then
		echo "FAIL $name: $WRAP found errors ($prog $args)"
		cat "$out.err"
	elif [ "$st" -ne "$want" ]; then
		echo "FAIL $name: exit $st, expected $want ($prog $args)"
	elif ! diff -u "test/golden/$name" "$out"; then
		echo "FAIL $name: output differs ($prog $args)"
	else
		echo "ok $name"
	fi
done <test/golden/cases
