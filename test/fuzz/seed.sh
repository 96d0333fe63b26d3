#!/bin/sh
# Seed corpora for the fuzz targets, made from the shipped files:
#   test/fuzz/seed.sh OUTDIR
set -eu
cd "$(dirname "$0")/../.."
out=$1
mkdir -p "$out/rules" "$out/rules_multi" "$out/proposal" "$out/evaluate" "$out/ruletest" "$out/csv" \
	"$out/json" "$out/text" "$out/replay" "$out/observations" "$out/experience"
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
# observations: the Morocco examples and the hostile ones (all of the
# Morocco partnership); experience: the canonical text of each example's
for f in examples/monitoring/ma-*.yaml test/bad/observations/*.yaml test/bad/observations/*.json; do
	cp "$f" "$out/observations/"
done
n=0
for f in examples/monitoring/*.yaml; do
	n=$((n + 1))
	build/mprisk evaluate --rules rules/default --experience "$f" --as-of 2028-06-30 --log \
		"$out/experience/log" examples/proposals/ma-action-plan.yaml >/dev/null 2>&1 || true
	python3 -c 'import json,sys
for i, l in enumerate(open(sys.argv[1])):
    open("%s/%s-%d.json" % (sys.argv[2], sys.argv[3], i), "w").write(json.loads(l)["experience"][0]["text"])' \
		"$out/experience/log" "$out/experience" "$n" 2>/dev/null || true
	# a sealed record that holds an experience, for replay
	if [ "$n" -eq 1 ] && [ -f "$out/experience/log" ]; then
		printf '\005' | cat - "$out/experience/log" >"$out/replay/experience.log"
	fi
	rm -f "$out/experience/log"
done
