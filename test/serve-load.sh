#!/bin/sh
# `mprisk serve` under load and faults, on loopback only, bounded in count
# and time (test/serve/load.c: at most SECONDS each, never an address but
# 127.0.0.1): N requests from M concurrent clients with 0 errors, each answer
# the CLI's bytes; a SIGHUP reload during that load (a broken ruleset refused,
# then a changed one swapped) with 0 failed requests and every answer wholly
# the old ruleset's or wholly the new one's; a client sending a byte a second
# does not hold up the others even with one thread; oversized and malformed
# bodies beside the load do not disturb it. The figures printed are for
# reading (docs/performance.md); nothing here asserts a time but the bound.
# Prints "ok ..." or "FAIL ..." per check. Usage: test/serve-load.sh BUILD
set -u
build=$1
cd "$(dirname "$0")/.." || exit 2
mprisk=$build/mprisk
load=$build/serve_load
MPRISK_RULES=rules/default
export MPRISK_RULES
tmp=$(mktemp -d)
. test/serve/lib.sh
serve_pid=""
trap 'kill "$serve_pid" 2>/dev/null; rm -rf "$tmp"' EXIT
# fewer requests under the sanitizers, which are 5-20 times slower
case "$build" in *asan* | *tsan*) n=1500 nreload=3000 ;; *) n=20000 nreload=20000 ;; esac
proposal=examples/proposals/tn-mou.yaml

ok() { echo "ok $1"; }
fail() { echo "FAIL $1"; }
want() { "$mprisk" evaluate --format json "$@" - <"$proposal" | sed 's|"file": "<stdin>"|"file": "<request>"|'; }

if [ ! -x "$load" ]; then
	fail "$load is missing (make $load)"
	exit 0
fi

# 1. N requests from M clients, every answer the CLI's bytes
want >"$tmp/old.json"
cp -R rules/default "$tmp/rules"
if serve_start load "$build" --rules "$tmp/rules"; then
	if "$load" --port "$serve_port" --body "$proposal" --requests "$n" --clients 8 --seconds 120 \
		--expect "$tmp/old.json" >"$tmp/out" 2>&1; then
		ok "load: $(head -1 "$tmp/out")"
	else
		fail "load: $(cat "$tmp/out")"
	fi

	# 2. SIGHUP during the load: refused, then swapped; no request fails, none mixes rulesets
	sed 's/^  title: "AM\/AIV 2026 risk-steered/  title: "AM\/AIV 2026 (revised) risk-steered/' \
		rules/default/ruleset.yaml >"$tmp/changed.yaml"
	mkdir -p "$tmp/new" && cp -R rules/default/. "$tmp/new/" && cp "$tmp/changed.yaml" "$tmp/new/ruleset.yaml"
	want --rules "$tmp/new" >"$tmp/new.json"
	"$load" --port "$serve_port" --body "$proposal" --requests "$nreload" --clients 8 --seconds 120 \
		--expect "$tmp/old.json" --expect "$tmp/new.json" >"$tmp/out" 2>&1 &
	lpid=$!
	sleep 0.3
	printf 'bogus_section: 1\n' >>"$tmp/rules/ruleset.yaml"
	kill -HUP "$serve_pid"
	sleep 0.3
	cp "$tmp/changed.yaml" "$tmp/rules/ruleset.yaml"
	kill -HUP "$serve_pid"
	wait "$lpid"
	st=$?
	old=$(sed -n 's/^expected body 1 ([^)]*): //p' "$tmp/out")
	new=$(sed -n 's/^expected body 2 ([^)]*): //p' "$tmp/out")
	if [ "$st" -eq 0 ] && [ "${old:-0}" -gt 0 ] && [ "${new:-0}" -gt 0 ] &&
		grep -q "reload refused" "$serve_log" && grep -q "reloaded" "$serve_log"; then
		ok "reload under load: $(head -1 "$tmp/out"); $old answers on the old ruleset, $new on the new, none mixed; the broken one refused"
	else
		fail "reload under load (exit $st, old ${old:-0}, new ${new:-0}): $(cat "$tmp/out") $(grep reload "$serve_log")"
	fi

	# 3. oversized and malformed bodies beside the load
	head -c 5000000 /dev/zero >"$tmp/big"
	printf 'partnership: [unclosed\n' >"$tmp/malformed"
	printf '\377\376{"a"' >"$tmp/utf16"
	"$load" --port "$serve_port" --body "$proposal" --requests "$n" --clients 4 --seconds 120 \
		--expect "$tmp/new.json" >"$tmp/out" 2>&1 &
	lpid=$!
	codes=""
	for i in 1 2 3 4 5 6 7 8 9 10; do
		for f in big malformed utf16; do
			codes="$codes $(curl -s -o /dev/null -w '%{http_code}' --data-binary "@$tmp/$f" "$serve_url/v1/evaluate")"
		done
	done
	wait "$lpid"
	st=$?
	expected=$(for i in 1 2 3 4 5 6 7 8 9 10; do printf ' 413 400 400'; done)
	if [ "$st" -eq 0 ] && [ "$codes" = "$expected" ]; then
		ok "30 oversized (413) and malformed (400) bodies beside the load; the load: $(head -1 "$tmp/out")"
	else
		fail "faults beside the load (exit $st; codes$codes): $(cat "$tmp/out")"
	fi
	serve_stop
	[ "$serve_status" -eq 0 ] && ok "stopped cleanly after the load" || { fail "exit $serve_status after the load"; cat "$serve_log"; }
else
	fail "mprisk serve (load) did not start: the checks of this part did not run"
fi

# 4. a client that sends a byte a second does not block the others, even on one thread
if serve_start slow "$build" --threads 1; then
	"$load" --port "$serve_port" --slow 6 >"$tmp/slow" 2>&1 &
	spid=$!
	sleep 1
	if "$load" --port "$serve_port" --body "$proposal" --requests 500 --clients 4 --seconds 60 \
		--expect "$tmp/old.json" >"$tmp/out" 2>&1 && kill -0 "$spid" 2>/dev/null; then
		ok "a slow client (a byte a second) on a server of one thread: the others are answered meanwhile: $(head -1 "$tmp/out")"
	else
		fail "slow client: $(cat "$tmp/out")"
	fi
	wait "$spid"
	serve_stop
	[ "$serve_status" -eq 0 ] && ok "stopped cleanly with a slow client gone" || { fail "exit $serve_status after the slow client"; cat "$serve_log"; }
else
	fail "mprisk serve (slow) did not start: the checks of this part did not run"
fi
