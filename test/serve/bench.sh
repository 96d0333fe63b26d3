#!/bin/sh
# The server section of `make bench`: `mprisk serve` on loopback under the
# load generator (test/serve/load.c), for reading, not asserting: requests/s
# and latency percentiles for /v1/evaluate (two proposals), /v1/decide and
# /health, from 1, 4 and 16 concurrent keep-alive clients, and once more
# with a reload (SIGHUP) in the middle. Usage: test/serve/bench.sh BUILD
set -u
build=$1
cd "$(dirname "$0")/../.." || exit 2
MPRISK_RULES=rules/default
export MPRISK_RULES
tmp=$(mktemp -d)
. test/serve/lib.sh
serve_pid=""
trap 'kill "$serve_pid" 2>/dev/null; rm -rf "$tmp"' EXIT
n=${BENCH_REQUESTS:-20000}
threads=${BENCH_THREADS:-4}

cp -R rules/default "$tmp/rules"
serve_start bench "$build" --rules "$tmp/rules" --threads "$threads" --max-connections 512 || exit 1
printf '{"country": "MA", "measure": "border-equipment-training", "attributes": ["dual-use-equipment"]}' >"$tmp/decide.json"
echo
echo "mprisk serve benchmark ($threads threads; $n requests per line; load generator on the same 2 cores)"
echo
run() { # LABEL CLIENTS LOAD-ARGS...
	label=$1 clients=$2
	shift 2
	"$build/serve_load" --port "$serve_port" --requests "$n" --clients "$clients" --seconds 300 "$@" >"$tmp/out" 2>&1
	printf '%-54s %s\n' "$label, $clients clients" \
		"$(sed -n '1s/.*: \([0-9]*\) requests\/s; latency p50 \([0-9.]*\) ms, p99 \([0-9.]*\) ms.*errors \([0-9]*\).*/\1 req\/s  p50 \2 ms  p99 \3 ms  errors \4/p' "$tmp/out")"
}
for c in 1 4 16; do
	run "POST /v1/evaluate tn-mou.yaml (4 activities)" "$c" --body examples/proposals/tn-mou.yaml
done
run "POST /v1/evaluate draft-high-risk.yaml" 4 --body examples/proposals/draft-high-risk.yaml
# the same proposal as JSON (a date, such as an agreement's due date, as its text)
python3 -c 'import json,sys,yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1])), default=str))' \
	examples/proposals/sn-compass.yaml >"$tmp/sn.json" || { echo "bench: cannot write sn-compass as JSON" >&2; exit 1; }
run "POST /v1/evaluate sn-compass as JSON" 4 --body "$tmp/sn.json" --type application/json
run "POST /v1/decide (one activity)" 4 --path /v1/decide --body "$tmp/decide.json" --type application/json
run "GET /health" 4 --path /health
"$build/serve_load" --port "$serve_port" --requests "$n" --clients 8 --seconds 300 \
	--body examples/proposals/tn-mou.yaml >"$tmp/out" 2>&1 &
lpid=$!
sleep 0.5
kill -HUP "$serve_pid"
wait "$lpid"
printf '%-54s %s\n' "POST /v1/evaluate with a SIGHUP reload, 8 clients" \
	"$(sed -n '1s/.*: \([0-9]*\) requests\/s; latency p50 \([0-9.]*\) ms, p99 \([0-9.]*\) ms, max \([0-9.]*\) ms; errors \([0-9]*\).*/\1 req\/s  p50 \2 ms  p99 \3 ms  max \4 ms  errors \5/p' "$tmp/out")"
serve_stop
