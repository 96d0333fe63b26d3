#!/bin/sh
# Run every fuzz target for SECONDS seconds (libFuzzer), after replaying the
# seed corpus (made from the shipped files) and the regression corpus
# (test/fuzz/regressions/TARGET/: every crash ever found, kept forever).
# New crash inputs are written into the regression corpus.
#   test/fuzz/run.sh SECONDS      (0: replay the corpora only)
# Prints "ok ..." or "FAIL ..." per target, and the executions.
set -u
seconds=${1:-60}
cd "$(dirname "$0")/../.." || exit 2
seeds=build/fuzz/seeds
rm -rf "$seeds" && sh test/fuzz/seed.sh "$seeds"
total=0
for target in rules rules_multi proposal evaluate ruletest csv json text replay observations experience; do
	bin=build/fuzz/fuzz_$target
	corpus=build/fuzz/corpus/$target
	mkdir -p "$corpus" "test/fuzz/regressions/$target"
	log=build/fuzz/$target.log
	if [ "$seconds" -eq 0 ]; then
		"$bin" -runs=0 "$seeds/$target" "test/fuzz/regressions/$target" >"$log" 2>&1
	else
		dict=test/fuzz/yaml.dict
		[ "$target" = json ] || [ "$target" = replay ] && dict=test/fuzz/json.dict
		"$bin" -max_total_time="$seconds" -dict="$dict" -print_final_stats=1 \
			-artifact_prefix="test/fuzz/regressions/$target/" -timeout=10 -rss_limit_mb=2048 \
			"$corpus" "$seeds/$target" "test/fuzz/regressions/$target" >"$log" 2>&1
	fi
	st=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	execs=${execs:-0}
	total=$((total + execs))
	if [ "$st" -ne 0 ]; then
		echo "FAIL fuzz_$target (exit $st): see $log; the input is in test/fuzz/regressions/$target/"
		grep -E "ERROR|SUMMARY|Test unit written" "$log" | head -5
	else
		echo "ok fuzz_$target: $execs executions in ${seconds}s, no crash"
	fi
done
echo "fuzzing: $total executions in all"
