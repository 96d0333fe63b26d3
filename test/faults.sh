#!/bin/sh
# Writing safely, with every write failing in turn: each command that
# changes a file (evaluate --log, report -o, indicators import in place,
# sign) is run with the fault injector (test/fault/fault.c, LD_PRELOAD)
# failing its 1st, 2nd, ... call that changes a file, until it runs through;
# after each failure the files must be as they were (or, for the log, hold
# only whole records), stdout empty, exit 2 and one line on stderr. Then
# real short writes without root: a file size limit (ulimit -f) with
# SIGXFSZ ignored, on the log and on -o. For the plain build only: the
# injector cannot be preloaded before the sanitizers' runtime.
# Prints "ok ..." or "FAIL ..." per check. Usage: test/faults.sh BUILD
set -u
build=$1
cd "$(dirname "$0")/.." || exit 2
mprisk="$build/mprisk"
fault=$(pwd)/$build/libfault.so
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ma=examples/proposals/ma-action-plan.yaml
sn=examples/proposals/sn-compass.yaml

ok() { echo "ok $1"; }
fail() { echo "FAIL $1"; }

[ -f "$fault" ] || { fail "the fault injector $fault is not built (make $build/libfault.so)"; exit 0; }

# faulted N CMD...: run CMD with its N-th changing call failing; $st, $tmp/out, $tmp/err
faulted() {
	n=$1
	shift
	FAULT_AT=$n FAULT_COUNT="$tmp/count" LD_PRELOAD=$fault "$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
}

# one_error: exit 2, nothing on stdout, exactly one line on stderr
one_error() {
	[ "$st" -eq 2 ] && [ ! -s "$tmp/out" ] && [ "$(wc -l <"$tmp/err")" -eq 1 ]
}

# 1. evaluate --log -o: the log holds whole records only, -o is the old file or the new one
"$mprisk" evaluate --rules rules/default --log "$tmp/log" "$sn" >/dev/null
echo "an old answer" >"$tmp/answer"
bad="" steps=0
for n in $(seq 1 40); do
	cp "$tmp/log" "$tmp/log.before"
	faulted "$n" "$mprisk" evaluate --rules rules/default --log "$tmp/log" -o "$tmp/answer" "$ma" "$sn"
	if [ "$st" -eq 1 ]; then
		steps=$((n - 1))
		break
	fi
	if ! one_error; then
		bad="$bad $n(exit $st)"
	elif ! cmp -s "$tmp/log" "$tmp/log.before" &&
		! "$mprisk" replay --rules rules/default "$tmp/log" >/dev/null 2>&1; then
		bad="$bad $n(log not whole)"
	elif [ "$(cat "$tmp/answer")" != "an old answer" ]; then
		bad="$bad $n(-o changed)"
	fi
	ls -a "$tmp" | grep -q '^\.answer\.' && bad="$bad $n(temporary file left)"
done
if [ "$steps" -gt 2 ] && [ -z "$bad" ]; then
	ok "evaluate --log -o: each of its $steps file-changing calls failed in turn: exit 2, one line, nothing on stdout, the log whole, -o untouched"
else
	fail "evaluate --log -o under faults ($steps steps):$bad"
fi
"$mprisk" replay --rules rules/default "$tmp/log" >"$tmp/replay" 2>&1 &&
	ok "the log replays clean after every failed append" || fail "log after faults: $(tail -2 "$tmp/replay")"

# a short write of the log: cut back, the log as it was
cp "$tmp/log" "$tmp/log.before"
FAULT_AT=2 FAULT_SHORT=1 LD_PRELOAD=$fault "$mprisk" evaluate --rules rules/default --log "$tmp/log" "$ma" \
	>"$tmp/out" 2>"$tmp/err"
st=$?
if one_error && cmp -s "$tmp/log" "$tmp/log.before" && grep -q "short write" "$tmp/err"; then
	ok "evaluate --log: a short write is cut back, the log is as it was, nothing on stdout"
else
	fail "short write of the log: exit $st, $(cat "$tmp/err")"
fi

# 2. report -o: the old page or the new one, never a torn one, no temporary file left
"$mprisk" report --rules rules/default --format html -o "$tmp/page.html" "$ma" >/dev/null
cp "$tmp/page.html" "$tmp/page.before"
bad="" steps=0
for n in $(seq 1 20); do
	faulted "$n" "$mprisk" report --rules rules/default --format html -o "$tmp/page.html" "$sn"
	if [ "$st" -eq 0 ]; then
		steps=$((n - 1))
		break
	fi
	one_error && cmp -s "$tmp/page.html" "$tmp/page.before" || bad="$bad $n(exit $st)"
	ls -a "$tmp" | grep -q '^\.page\.html\.' && bad="$bad $n(temporary file left)"
done
if [ "$steps" -ge 3 ] && [ -z "$bad" ] && ! cmp -s "$tmp/page.html" "$tmp/page.before"; then
	ok "report -o: each of its $steps file-changing calls failed in turn: the old page stays whole; then the new one"
else
	fail "report -o under faults ($steps steps):$bad"
fi

# 3. indicators import in place: the rules directory as it was, or wholly the new one
fx=test/fixtures/indicators
import() {
	"$@" indicators import --rules "$tmp/rules" --fh "$fx/fiw-all-data.csv" \
		--vdem "$fx/human-rights-index-vdem.csv" --regime "$fx/political-regime.csv" \
		--territory "$fx/percentage-of-territory-controlled-by-government.csv" \
		--vdem-version v99 --today 2099-01-02 --out "$tmp/rules"
}
rm -rf "$tmp/want" "$tmp/rules" && cp -R rules/default "$tmp/rules"
import "$mprisk" >/dev/null 2>&1 && cp -R "$tmp/rules" "$tmp/want"
bad="" steps=0
for n in $(seq 1 200); do
	rm -rf "$tmp/rules" && cp -R rules/default "$tmp/rules"
	faulted "$n" import "$mprisk"
	if [ "$st" -eq 0 ]; then
		steps=$((n - 1))
		diff -r "$tmp/rules" "$tmp/want" >/dev/null || bad="$bad $n(not the new rules)"
		break
	fi
	one_error || bad="$bad $n(exit $st)"
	diff -r "$tmp/rules" rules/default >/dev/null || bad="$bad $n(rules changed)"
	ls -a "$tmp" | grep -q '^\.rules\.new' && bad="$bad $n(copy left)"
	"$mprisk" lint --rules "$tmp/rules" >/dev/null 2>&1 || bad="$bad $n(does not load)"
done
if [ "$steps" -ge 10 ] && [ -z "$bad" ]; then
	ok "indicators import in place: each of its $steps file-changing calls failed in turn: the rules as they were and loading, no copy left; then wholly the new ones"
else
	fail "indicators import under faults ($steps steps):$bad"
fi

# 4. sign: the signature file whole or absent
openssl genpkey -algorithm ed25519 -out "$tmp/key.pem" 2>/dev/null
rm -rf "$tmp/signed" && cp -R rules/default "$tmp/signed"
bad="" steps=0
for n in $(seq 1 20); do
	rm -f "$tmp/signed/ruleset.sig"
	faulted "$n" "$mprisk" sign --key "$tmp/key.pem" "$tmp/signed"
	if [ "$st" -eq 0 ]; then
		steps=$((n - 1))
		break
	fi
	one_error && [ ! -e "$tmp/signed/ruleset.sig" ] || bad="$bad $n(exit $st)"
	"$mprisk" lint --rules "$tmp/signed" >/dev/null 2>&1 || bad="$bad $n(does not load)"
done
[ "$steps" -ge 3 ] && [ -z "$bad" ] &&
	ok "sign: each of its $steps file-changing calls failed in turn: no signature file, the rules load" ||
	fail "sign under faults ($steps steps):$bad"

# 5. a real short write, without root: a file size limit, SIGXFSZ ignored
rm -f "$tmp/small.log"
"$mprisk" evaluate --rules rules/default --log "$tmp/small.log" "$sn" >/dev/null
size=$(wc -c <"$tmp/small.log")
blocks=$(((size + 511) / 512 + 1)) # room for less than the next record
cp "$tmp/small.log" "$tmp/small.before"
(trap '' XFSZ; ulimit -f "$blocks"; exec "$mprisk" evaluate --rules rules/default --log "$tmp/small.log" "$ma") \
	>"$tmp/out" 2>"$tmp/err"
st=$?
if one_error && cmp -s "$tmp/small.log" "$tmp/small.before"; then
	ok "evaluate --log over the file size limit: exit 2, nothing on stdout, the log as it was ($(cat "$tmp/err" | sed 's/.*: //'))"
else
	fail "file size limit on the log: exit $st, $(wc -c <"$tmp/small.log") bytes, $(cat "$tmp/err")"
fi
echo "an old page" >"$tmp/limited.html"
(trap '' XFSZ; ulimit -f 4; exec "$mprisk" report --rules rules/default --format html -o "$tmp/limited.html" "$ma") \
	>"$tmp/out" 2>"$tmp/err"
st=$?
if one_error && [ "$(cat "$tmp/limited.html")" = "an old page" ] && ! ls -a "$tmp" | grep -q '^\.limited'; then
	ok "report -o over the file size limit: exit 2, the old page untouched, no temporary file left"
else
	fail "file size limit on -o: exit $st, $(cat "$tmp/err")"
fi
