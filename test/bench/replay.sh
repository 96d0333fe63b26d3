#!/bin/sh
# Replay at scale (docs/performance.md, "Replay"): a sealed, chained log of
# N records (default 100,000; the example proposals in turn, as
# evaluate --log writes them, each chained again to the one before it) is
# replayed under the rules it was recorded with, and checked chain-only;
# each run's user and system time, wall time and peak memory (max RSS)
# are printed. Figures, not a test: nothing is asserted.
#   sh test/bench/replay.sh [BUILD] [N] [RUNS]
set -eu
build=${1:-build}
n=${2:-100000}
runs=${3:-3}
cd "$(dirname "$0")/../.."
if [ ! -x /usr/bin/time ]; then
	echo "test/bench/replay.sh: needs GNU time for the peak memory: apt-get install time" >&2
	exit 2
fi
mprisk=$build/mprisk
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$mprisk" evaluate --rules rules/default --log "$tmp/seed.log" examples/proposals/*.yaml >/dev/null || true
python3 - "$tmp/seed.log" "$n" "$tmp/big.log" <<'EOF'
import hashlib, json, sys
src = [json.loads(l) for l in open(sys.argv[1])]
prev = None
with open(sys.argv[3], "w") as out:
    for i in range(int(sys.argv[2])):
        o = dict(src[i % len(src)])
        o["prev"] = prev
        o.pop("seal")
        body = json.dumps(o, ensure_ascii=False)[:-1]
        prev = "sha256:" + hashlib.sha256(body.encode()).hexdigest()
        out.write(body + ', "seal": "' + prev + '"}\n')
EOF
size=$(wc -c <"$tmp/big.log")
echo "log: $n records, $size bytes ($(sh -c "echo \$(( $size / $n ))") bytes a record)"
for i in $(seq 1 "$runs"); do
	/usr/bin/time -f "replay:     %U s user, %S s system, %e s wall, %M KiB peak" \
		"$mprisk" replay --rules rules/default "$tmp/big.log" >"$tmp/out" 2>"$tmp/time" || true
	tail -1 "$tmp/time"
done
head -1 "$tmp/out" | cut -c1-60
openssl genpkey -algorithm ed25519 -out "$tmp/key.pem" 2>/dev/null
openssl pkey -in "$tmp/key.pem" -pubout -out "$tmp/pub.pem" 2>/dev/null
"$mprisk" sign --key "$tmp/key.pem" --log "$tmp/big.log" >/dev/null
for i in $(seq 1 "$runs"); do
	/usr/bin/time -f "verify --log (seals and chain, no decision): %U s user, %S s system, %e s wall, %M KiB peak" \
		"$mprisk" verify --pubkey "$tmp/pub.pem" --log "$tmp/big.log" >"$tmp/out" 2>"$tmp/time" || true
	tail -1 "$tmp/time"
done
tail -1 "$tmp/out"
