#!/bin/sh
# Golden tests of the CLI: each line of test/golden/cases is
#   NAME EXPECTED_EXIT ARGS...
# run as `mprisk ARGS` from the project root; stdout must equal
# test/golden/NAME exactly. `golden.sh BUILD update` rewrites the files after
# a deliberate change (review the diff: it is the change in decisions).
set -u
build=$1
mode=${2:-check}
cd "$(dirname "$0")/.." || exit 2
out=$(mktemp)
trap 'rm -f "$out"' EXIT
while read -r name want args; do
	case "$name" in ''|'#'*) continue ;; esac
	# shellcheck disable=SC2086
	"$build/mprisk" $args >"$out" 2>/dev/null
	st=$?
	if [ "$mode" = update ]; then
		cp "$out" "test/golden/$name"
		echo "updated $name"
	elif [ "$st" -ne "$want" ]; then
		echo "FAIL $name: exit $st, expected $want (mprisk $args)"
	elif ! diff -u "test/golden/$name" "$out"; then
		echo "FAIL $name: output differs (mprisk $args)"
	else
		echo "ok $name"
	fi
done <test/golden/cases
