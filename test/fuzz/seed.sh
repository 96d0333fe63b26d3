#!/bin/sh
# Seed corpora for the fuzz targets, made from the shipped files:
#   test/fuzz/seed.sh OUTDIR
set -eu
cd "$(dirname "$0")/../.."
out=$1
mkdir -p "$out/rules" "$out/rules_multi" "$out/proposal" "$out/evaluate" "$out/ruletest" "$out/csv" \
	"$out/json" "$out/text" "$out/replay"
cp test/fixtures/indicators/*.csv "$out/csv/"
cat rules/default/*.yaml >"$out/rules/default-in-one-file.yaml"
first=1
for f in rules/default/*.yaml; do
	[ $first = 1 ] || printf '\n%%%%%%%%\n'
	first=0
	cat "$f"
done >"$out/rules_multi/default-split.yaml"
# JSON: JSONTestSuite (but its two files of 100 KB and more), the JSON
# proposals of the golden and hostile tests
find test/fixtures/JSONTestSuite -name '*.json' -size -10k -exec cp {} "$out/json/" \;
for f in examples/proposals/*.yaml test/bad/proposals/*.yaml test/bad/proposals/*.json \
	test/golden/input/*.json; do
	cp "$f" "$out/proposal/"
	cp "$f" "$out/evaluate/"
done
# text: the hostile proposals (controls, bidi, HTML) and texts of every script
for f in test/bad/proposals/text-* test/fixtures/proposals/hostile-text.yaml; do
	cp "$f" "$out/text/"
done
printf 'a\nb\033[8m\342\200\256c\302\205d\351e\0f' >"$out/text/controls"
for f in rules/tests/*.yaml test/bad/tests/*.yaml; do
	cp "$f" "$out/ruletest/"
done
# decision logs: the unsealed legacy log of the golden tests, and sealed
# logs of the example proposals (a leading byte: the fuzzer's piece size)
printf '\001' | cat - test/golden/decisions.log >"$out/replay/legacy.log"
if [ -x build/mprisk ]; then
	rm -f "$out/replay/sealed.tmp"
	build/mprisk evaluate --rules rules/default --log "$out/replay/sealed.tmp" examples/proposals/*.yaml \
		>/dev/null 2>&1 || true
	printf '\007' | cat - "$out/replay/sealed.tmp" >"$out/replay/sealed.log"
	head -c 3000 "$out/replay/sealed.tmp" | { printf '\377'; cat; } >"$out/replay/cut.log"
	rm -f "$out/replay/sealed.tmp"
fi
