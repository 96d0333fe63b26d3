#!/bin/sh
# The test runner: unit tests (cmocka), golden CLI output, hostile inputs,
# hostile text in every output format, the command line, and (for the plain
# build) the product tests.
# Usage: test/run.sh BUILD_DIR. Ends with "N passed, N failed"; exits 1 on
# any failure.
set -u
build=${1:-build}
# Texts are English unless a test asks for another language (--lang, or
# LANG in test/i18n.sh): whatever the environment of make check says
unset LC_ALL LC_MESSAGES LANGUAGE
LANG=C.UTF-8
export LANG
cd "$(dirname "$0")/.." || exit 2
passed=0
failed=0
log=$(mktemp)
trap 'rm -f "$log"' EXIT

# EXTRA_TESTS: more cmocka binaries, e.g. the ThreadSanitizer build of test_threads
for t in "$build"/test_* ${EXTRA_TESTS:-}; do
	[ -x "$t" ] || continue
	"$t" >"$log" 2>&1
	st=$?
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
	if [ "$st" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1 # crashed, or a sanitizer stopped it
	fi
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$f" -ne 0 ]; then
		echo "FAIL $t"
		cat "$log"
	else
		echo "ok   $t ($p)"
	fi
	# the JSONTestSuite counts (test_json_suite)
	sed -n 's/^\(JSONTestSuite: y .*\)/     \1/p' "$log"
done

# The CLI golden tests once more under valgrind (not for sanitizer builds,
# which cannot run under it). Packaging, the HTML report in Chromium and the
# JSON schemas are about the product, not the build: once, for the plain
# build (not for the coverage build either, whose library exports gcov's
# symbols and cannot be linked statically without it).
valgrind=""
product=""
case "$build" in
*asan* | *coverage*) ;;
*) valgrind="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=all"
	# test/faults.sh preloads a fault injector, which the sanitizers' runtime refuses
	product="test/package.sh test/report.sh test/web.sh schema test/faults.sh"
	if ! command -v valgrind >/dev/null 2>&1; then
		# test/deps.sh installs it; a missing tool must not drop its tests silently
		echo "FAIL valgrind is not installed: the golden tests under valgrind cannot run (sh test/deps.sh)"
		failed=$((failed + 1))
		valgrind=""
	fi ;;
esac

# The rule tests of rules/tests against rules/default, with the coverage
# threshold the auditors asked for; each case counts.
"$build/mprisk" test --rules rules/default --coverage-threshold 90 >"$log" 2>&1
st=$?
p=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' "$log" | tail -1)
f=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p' "$log" | tail -1)
p=${p:-0}
f=${f:-0}
if [ "$st" -ne 0 ] && [ "$f" -eq 0 ]; then
	f=1 # below the coverage threshold, or an error in a test file
fi
passed=$((passed + p))
failed=$((failed + f))
if [ "$f" -ne 0 ]; then
	echo "FAIL mprisk test"
	cat "$log"
else
	echo "ok   mprisk test rules/tests ($p; $(sed -n 's/^rule coverage: //p' "$log"))"
fi

# FUZZ_SECONDS: also replay the fuzz corpora and fuzz each target that long
fuzz=""
[ -n "${FUZZ_SECONDS:-}" ] && fuzz=fuzz

# SERVE_TSAN: a ThreadSanitizer build whose mprisk serve runs the service's
# functional and load tests as well (make check: build/tsan)
serve_tsan=""
[ -n "${SERVE_TSAN:-}" ] && serve_tsan="serve-tsan serve-load-tsan"

for script in test/golden.sh test/bad.sh test/hostile.sh test/audit.sh test/records.sh test/import.sh test/cli.sh test/i18n.sh test/serve.sh \
	test/serve-load.sh $product ${valgrind:+valgrind} $serve_tsan $fuzz; do
	if [ "$script" = serve-tsan ] || [ "$script" = serve-load-tsan ]; then
		t=test/serve.sh
		[ "$script" = serve-load-tsan ] && t=test/serve-load.sh
		TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1" sh "$t" "$SERVE_TSAN" >"$log" 2>&1
	elif [ "$script" = schema ]; then
		# Debian's python3 (python3-jsonschema, python3-yaml), whatever python3 is first in PATH
		/usr/bin/python3 test/schema.py "$build" >"$log" 2>&1
	elif [ "$script" = fuzz ]; then
		sh test/fuzz/run.sh "$FUZZ_SECONDS" >"$log" 2>&1
		sed -n 's/^fuzzing: /   fuzzing: /p' "$log"
	elif [ "$script" = valgrind ]; then
		WRAP="$valgrind" sh test/golden.sh "$build" >"$log" 2>&1 # golden under valgrind
	else
		sh "$script" "$build" >"$log" 2>&1
	fi
	p=$(sed -n 's/^ok .*/x/p' "$log" | wc -l)
	f=$(sed -n 's/^FAIL .*/x/p' "$log" | wc -l)
	passed=$((passed + p))
	failed=$((failed + f))
	if [ "$f" -ne 0 ] || [ "$p" -eq 0 ]; then
		cat "$log"
		[ "$p" -eq 0 ] && failed=$((failed + 1))
	else
		echo "ok   $script ($p)"
	fi
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
