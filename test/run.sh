#!/bin/sh
# The test runner for one build directory: the unit tests (cmocka), the rule
# tests, then one script per kind of test (golden CLI output, hostile inputs,
# hostile text in every output format, the audit workflow, the importer, the
# command line, mprisk serve end to end and under load) and, for the plain
# build, the product tests (packaging, the HTML report and the service's
# page in Chromium, the JSON schemas, the golden tests under valgrind,
# that each deliberate bug of test/mutants.sh still applies, fuzzing).
#
#   test/run.sh BUILD        every step of the pass for BUILD (make test)
#   test/run.sh BUILD fast   the fast suite (test/mutants.sh): unit tests,
#                            rule tests, golden, bad inputs, hostile text,
#                            audit, records, import, the command line, the
#                            languages and the report's page without a browser
#
# It exists so that the counts tell the truth (docs/security.md, "How the
# suite counts"). Every check prints one line: "ok ...", "FAIL ..." or
# "SKIP NAME: reason". A step fails when it prints a FAIL line, when it exits
# with a status other than 0 (a crash after some ok lines is one failure more
# than the FAIL lines it printed), and when it prints no ok line at all.
# Every skip is printed and counted; under CI=true a skip fails the run
# unless its NAME is declared acceptable below. One line per step, at the
# start of the line: "ok   STEP (N)" or "FAIL STEP: why", the step's own
# output indented below a failing one. Ends with "N passed, N failed";
# exits 1 on any failure.
set -u
build=${1:-build}
# Texts are English unless a test asks for another language (--lang, or
# LANG in test/i18n.sh): whatever the environment of make check says
unset LC_ALL LC_MESSAGES LANGUAGE
LANG=C.UTF-8
export LANG
mode=${2:-full}
case "$mode" in
full | fast) ;;
*) echo "usage: test/run.sh BUILD [fast]" >&2 && exit 2 ;;
esac
cd "$(dirname "$0")/.." || exit 2
passed=0
failed=0
skipped=0
log=$(mktemp)
trap 'rm -f "$log" "$log.skips"' EXIT

# The skips that may stand in a CI run (CI=true), each with why it is
# acceptable. Any other skip fails a CI run: a check that should have run
# did not. Keep this list short; a tool the tests need belongs in
# test/deps.sh instead.
acceptable() {
	case $1 in
	unreadable-file) echo "root reads every file, and setpriv could not run the build as the unprivileged user nobody" ;;
	chromium) [ "$mode" = fast ] && echo "the fast suite starts no browser by design; the full pass runs it" ;;
	*) return 1 ;;
	esac
}

# skip STEP NAME REASON: count one skip and print it. Under CI=true a skip
# that is not declared acceptable is a failure: it returns 1, and the
# caller counts it.
skip() {
	skipped=$((skipped + 1))
	if why_ok=$(acceptable "$2"); then
		echo "SKIP $1 $2: $3 (acceptable: $why_ok)"
	elif [ "${CI:-}" = true ]; then
		echo "FAIL $1: skipped $2 under CI=true: $3 (not declared acceptable in test/run.sh)"
		return 1
	else
		echo "SKIP $1 $2: $3"
	fi
}

# tally STEP STATUS PASSED FAILED: count one step whose output is in $log,
# its SKIP lines too, and print its line.
tally() {
	step=$1 st=$2 p=$3 f=$4
	why=""
	if [ "$st" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1
		why="exited with status $st after $p ok line(s) and no FAIL line"
	elif [ "$st" -ne 0 ]; then
		why="$f failed, $p passed; exited with status $st"
	elif [ "$f" -ne 0 ]; then
		why="$f failed, $p passed"
	elif [ "$p" -eq 0 ]; then
		f=1
		why="printed no ok line: nothing was checked"
	fi
	s=0
	grep '^SKIP [^ :]*: ' "$log" >"$log.skips"
	while IFS= read -r line; do
		name=${line#SKIP }
		s=$((s + 1))
		skip "$step" "${name%%:*}" "${line#SKIP *: }" || f=$((f + 1))
	done <"$log.skips"
	passed=$((passed + p))
	failed=$((failed + f))
	if [ -n "$why" ]; then
		echo "FAIL $step: $why"
		sed 's/^/    /' "$log"
	elif [ "$f" -eq 0 ] && [ "$s" -eq 0 ]; then
		echo "ok   $step ($p)"
	elif [ "$f" -eq 0 ]; then
		echo "ok   $step ($p, $s skipped)"
	fi
}

# 1. unit tests: every cmocka binary of the build; EXTRA_TESTS names more,
# e.g. the ThreadSanitizer build of test_threads (make check)
units=$(ls "$build"/test_* 2>/dev/null)
if [ -z "$units" ]; then
	echo "FAIL unit-tests: no $build/test_* (make test builds them)"
	failed=$((failed + 1))
fi
for t in $units ${EXTRA_TESTS:-}; do
	if [ ! -x "$t" ]; then
		echo "FAIL $t: not built, or not executable"
		failed=$((failed + 1))
		continue
	fi
	"$t" >"$log" 2>&1
	st=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
	# a test cmocka skipped ("[  SKIPPED ] name") is a skip of this step
	sed -n 's/^\[  SKIPPED \] \([A-Za-z0-9_]*\)$/SKIP \1: skipped by the test itself/p' "$log" >"$log.skips"
	cat "$log.skips" >>"$log"
	tally "$t" "$st" "$p" "$f"
	# the JSONTestSuite counts (test_json_suite)
	sed -n 's/^\(JSONTestSuite: y .*\)/     \1/p' "$log"
done

# 2. the rule tests of rules/tests against rules/default, with the coverage
# threshold the auditors asked for; each case counts (exit 1 alone: below
# the threshold)
"$build/mprisk" test --rules rules/default --coverage-threshold 90 >"$log" 2>&1
st=$?
p=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$log" | tail -1)
f=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$log" | tail -1)
tally mprisk-test "$st" "${p:-0}" "${f:-0}"
sed -n 's/^rule coverage: /     rule coverage: /p' "$log"

# 3. one script per kind of test. The product tests are about the product,
# not the build: once, for the plain build (not for a sanitizer build,
# which cannot run under valgrind, nor for the coverage build, whose library
# exports gcov's symbols and cannot be linked statically without it).
# SERVE_TSAN names a ThreadSanitizer build whose mprisk serve runs the
# service's functional and load tests as well (make check: build/tsan).
steps="test/golden.sh test/bad.sh test/hostile.sh test/audit.sh test/records.sh test/import.sh test/cli.sh test/i18n.sh"
case "$build:$mode" in
*asan*:* | *coverage*:*)
	steps="$steps test/serve.sh test/serve-load.sh"
	echo "     not in this pass: packaging, the report, the page of mprisk serve, the schemas, fault injection, valgrind, the mutants' texts, fuzzing (the plain build's pass runs them)" ;;
*:fast)
	steps="$steps report-page"
	echo "     not in the fast suite: ThreadSanitizer, mprisk serve's own tests, packaging, Chromium, the schemas, fault injection, valgrind, the mutants' texts, fuzzing (test/run.sh $build runs them)" ;;
*)
	steps="$steps test/serve.sh test/serve-load.sh test/package.sh test/report.sh test/web.sh schema test/faults.sh valgrind"
	steps="$steps mutants-apply"
	[ -n "${SERVE_TSAN:-}" ] && steps="$steps serve-tsan serve-load-tsan"
	steps="$steps fuzz" ;;
esac

for step in $steps; do
	case $step in
	serve-tsan | serve-load-tsan) # mprisk serve built with ThreadSanitizer
		t=test/serve.sh
		[ "$step" = serve-load-tsan ] && t=test/serve-load.sh
		step="$t($SERVE_TSAN)"
		TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" sh "$t" "$SERVE_TSAN" >"$log" 2>&1 ;;
	schema) # Debian's python3 (python3-jsonschema, python3-yaml), whatever python3 is first in PATH
		step=test/schema.py
		/usr/bin/python3 test/schema.py "$build" >"$log" 2>&1 ;;
	mutants-apply) # each deliberate bug of test/mutants.sh still applies to the code it names
		step="test/mutants.sh --check"
		sh test/mutants.sh --check >"$log" 2>&1 ;;
	report-page) # the page and its escaping, without a browser
		step=test/report.sh
		sh test/report.sh "$build" fast >"$log" 2>&1 ;;
	valgrind) # the golden tests under valgrind; test/deps.sh installs it
		if ! command -v valgrind >/dev/null 2>&1; then
			echo "FAIL valgrind: not installed, the golden tests under valgrind cannot run (sh test/deps.sh)"
			failed=$((failed + 1))
			continue
		fi
		WRAP="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=all" \
			sh test/golden.sh "$build" >"$log" 2>&1 ;;
	fuzz) # FUZZ_SECONDS: replay the fuzz corpora and fuzz each target that long
		if [ -z "${FUZZ_SECONDS:-}" ]; then
			skip fuzz fuzz "FUZZ_SECONDS is not set (make check sets it)" || failed=$((failed + 1))
			continue
		fi
		sh test/fuzz/run.sh "$FUZZ_SECONDS" >"$log" 2>&1 ;;
	*)
		sh "$step" "$build" >"$log" 2>&1 ;;
	esac
	st=$?
	tally "$step" "$st" "$(grep -c '^ok' "$log")" "$(grep -c '^FAIL' "$log")"
	[ "$step" = fuzz ] && sed -n 's/^fuzzing: /     fuzzing: /p' "$log"
done

[ "$skipped" -ne 0 ] && echo "$skipped skipped (each listed above, with its reason)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
