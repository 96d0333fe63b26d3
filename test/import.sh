#!/bin/sh
# `mprisk indicators import` end to end on the fixture tables of
# test/fixtures/indicators/ (its README says what each one covers): the
# report and the edited rule files are pinned in test/golden/ (import-*);
# the result loads and explains with the new values; a second import in
# place changes nothing; bad tables stop with one FILE:LINE:COL line naming
# the table (never the rules) and write nothing.
# Prints "ok ..." or "FAIL ..." per check. Usage: test/import.sh BUILD [update]
set -u
build=$1
mode=${2:-check}
cd "$(dirname "$0")/.." || exit 2
mprisk="$build/mprisk"
fx=test/fixtures/indicators
dir=build/import # fixed, so that paths in the output are the same for every build
out=$(mktemp)
trap 'rm -f "$out" "$out.md"' EXIT
rm -rf "$dir" && mkdir -p "$dir"

import() { # OUT_DIR [extra args]
	o=$1
	shift
	"$mprisk" indicators import --rules rules/default --fh "$fx/fiw-all-data.csv" \
	    --vdem "$fx/human-rights-index-vdem.csv" --regime "$fx/political-regime.csv" \
	    --territory "$fx/percentage-of-territory-controlled-by-government.csv" \
	    --vdem-version v99 --today 2099-01-02 --out "$o" "$@"
}

pin() { # NAME FILE
	if [ "$mode" = update ]; then
		cp "$2" "test/golden/$1"
		echo "updated $1"
	elif ! diff -u "test/golden/$1" "$2"; then
		echo "FAIL $1 differs"
	else
		echo "ok $1"
	fi
}

# 1. the import, its report and the edited files
import "$dir/new" >"$out" 2>&1
st=$?
if [ "$st" -ne 0 ]; then
	echo "FAIL import: exit $st"
	cat "$out"
fi
pin import-report.txt "$out"
diff -r rules/default "$dir/new" >"$out"
pin import-files.diff "$out"

# 2. the result is a valid ruleset that shows the new values
if "$mprisk" explain --rules "$dir/new" MA >"$out" 2>&1 &&
	grep -q "Freedom House 2099: Not Free, 27/100" "$out" &&
	grep -q "V-Dem v99 (2099) human rights index 0.450" "$out" &&
	grep -q "MA Morocco: tier high" "$out"; then
	echo "ok imported rules explain MA with the new values"
else
	echo "FAIL imported rules: explain MA"
	cat "$out"
fi
# Nigeria's state authority falls into the F2 review band: the top tier,
# under review, not excluded; the assessment date is not refreshed
if "$mprisk" explain --rules "$dir/new" NG >"$out" 2>&1 &&
	grep -q "V-Dem v99 (2099) state authority over territory 70.4% reaches 65.0% but is below the review threshold 75.0%" "$out" &&
	grep -q "NG Nigeria: tier high (base medium), state authority UNDER REVIEW (F2)" "$out" &&
	grep -q "assessed 2026-11-30" "$out"; then
	echo "ok imported rules put NG under review on its new state authority, assessed date kept"
else
	echo "FAIL imported rules: explain NG"
	cat "$out"
fi

# 3. importing the same tables again, in place, changes nothing
cp -r "$dir/new" "$dir/again"
"$mprisk" indicators import --rules "$dir/again" --fh "$fx/fiw-all-data.csv" \
    --vdem "$fx/human-rights-index-vdem.csv" --regime "$fx/political-regime.csv" \
    --territory "$fx/percentage-of-territory-controlled-by-government.csv" \
    --vdem-version v99 --today 2099-01-02 --out "$dir/again" >"$out" 2>&1
if [ $? -eq 0 ] && grep -q "^tier changes: 0$" "$out" && grep -q "^decisions changed: 0" "$out" &&
	diff -r "$dir/new" "$dir/again" >/dev/null; then
	echo "ok second import in place is a no-op"
else
	echo "FAIL second import in place changed something"
	diff -r "$dir/new" "$dir/again" | head -20
fi

# 4. bad input: exit 2, one FILE:LINE:COL message, nothing written
bad() { # NAME EXPECTED_MESSAGE CSV_TEXT
	printf '%s' "$3" >"$dir/$1.csv"
	"$mprisk" indicators import --rules rules/default --fh "$dir/$1.csv" --today 2099-01-02 \
	    --out "$dir/bad-$1" >"$out" 2>&1
	st=$?
	if [ "$st" -eq 2 ] && [ "$(cat "$out")" = "$2" ] && [ ! -e "$dir/bad-$1" ]; then
		echo "ok bad table $1"
	else
		echo "FAIL bad table $1: exit $st"
		cat "$out"
	fi
}
h='Country/Territory;Region;C/T;Edition;Status;Total'
bad unclosed "$dir/unclosed.csv:2:1: a quoted field is not closed" "$h
\"Morocco;Africa;c;2099;NF;27
"
bad no-header "$dir/no-header.csv:1:1: no header row starting 'Country/Territory': not a Freedom House \"All data\" table" "Freedom in the World
Morocco;Africa;c;2099;NF;27
"
bad no-total "$dir/no-total.csv:1:1: no column 'Total' in the header row" "Country/Territory;Region;C/T;Edition;Status
Morocco;Africa;c;2099;NF
"
bad status "$dir/status.csv:2:23: Status of 'Morocco' must be F, PF or NF, found 'XF'" "$h
Morocco;Africa;c;2099;XF;27
"
bad score "$dir/score.csv:2:26: Total of 'Morocco' must be a score 0..100, found '127'" "$h
Morocco;Africa;c;2099;NF;127
"
bad edition "$dir/edition.csv:2:18: Edition of 'Morocco' must be a year, found '20x9'" "$h
Morocco;Africa;c;20x9;NF;27
"
"$mprisk" indicators import --rules rules/default --vdem "$fx/human-rights-index-vdem.csv" \
    --today 2099-01-02 --out "$dir/bad-version" >"$out" 2>&1
if [ $? -eq 2 ] && grep -q "V-Dem version of the table is required" "$out" && [ ! -e "$dir/bad-version" ]; then
	echo "ok --vdem without --vdem-version"
else
	echo "FAIL --vdem without --vdem-version"
	cat "$out"
fi


# 5. tables as people download them (test/fixtures/indicators/README.md):
# each import succeeds and its report and file diff are pinned
case_ok() { # NAME ARGS...
	name=$1
	shift
	"$mprisk" indicators import --rules rules/default "$@" --today 2099-01-02 \
	    --out "$dir/$name" >"$out" 2>&1
	st=$?
	if [ "$st" -ne 0 ]; then
		echo "FAIL import $name: exit $st"
		cat "$out"
	fi
	pin "import-$name-report.txt" "$out"
	diff -r rules/default "$dir/$name" >"$out"
	pin "import-$name.diff" "$out"
}
case_ok editions --fh "$fx/fiw-editions.csv"
case_ok names --fh "$fx/fiw-names.csv" --vdem "$fx/hri-names.csv" --vdem-version v99
case_ok title-rows --fh "$fx/fiw-title-rows.csv"
case_ok bounds --vdem "$fx/hri-bounds.csv" --vdem-version v99
case_ok numbers --vdem "$fx/hri-numbers.csv" --vdem-version v99

# ... or is refused with one line that names the table's FILE:LINE:COL, and
# nothing is written
case_bad() { # EXPECTED_MESSAGE ARGS...
	expected=$1
	shift
	rm -rf "$dir/refused"
	"$mprisk" indicators import --rules rules/default "$@" --today 2099-01-02 \
	    --out "$dir/refused" >"$out" 2>&1
	st=$?
	if [ "$st" -eq 2 ] && [ "$(cat "$out")" = "$expected" ] && [ ! -e "$dir/refused" ]; then
		echo "ok refused: ${expected%%: *}"
	else
		echo "FAIL not refused as expected (exit $st): $*"
		echo "expected: $expected"
		cat "$out"
	fi
}
case_bad "$fx/fiw-short-row.csv:3:33: a short or truncated row: 9 fields where the header (line 1) has 44" \
    --fh "$fx/fiw-short-row.csv"
case_bad "$fx/hri-truncated.csv:4:21: a short or truncated row: 4 fields where the header (line 1) has 5" \
    --vdem "$fx/hri-truncated.csv" --vdem-version v99
case_bad "$fx/fiw-duplicate.csv:3:1: a second row for Morocco in edition 2099, with other values than the row on line 2: which one holds is not clear" \
    --fh "$fx/fiw-duplicate.csv"
case_bad "$fx/hri-duplicate.csv:4:1: a second row for TUR in year 2099, with other values than the row on line 3: which one holds is not clear" \
    --vdem "$fx/hri-duplicate.csv" --vdem-version v99
case_bad "$fx/territory-bounds-only.csv:1:1: only lower and upper bound columns: the table has no estimate column to import" \
    --territory "$fx/territory-bounds-only.csv" --vdem-version v99
case_bad "$fx/hri-decimal-comma.csv:3:18: the human rights index of MAR must be a number, found '0,45': a decimal comma or a thousands separator: export the table with '.' as the decimal point and no separators" \
    --vdem "$fx/hri-decimal-comma.csv" --vdem-version v99
case_bad "$fx/hri-out-of-range.csv:2:18: the human rights index of MAR must be a number 0..1, found '4.5e+01'" \
    --vdem "$fx/hri-out-of-range.csv" --vdem-version v99
case_bad "$fx/fiw-cp1252.csv:2:2: not UTF-8 text (byte 0xF4): save the table as \"CSV UTF-8\"" \
    --fh "$fx/fiw-cp1252.csv"
"$mprisk" indicators import --rules rules/default --territory "$fx/percentage-of-territory-controlled-by-government.csv" \
    --today 2099-01-02 --out "$dir/bad-version" >"$out" 2>&1
if [ $? -eq 2 ] && grep -q "V-Dem version of the table is required" "$out" && [ ! -e "$dir/bad-version" ]; then
	echo "ok --territory without --vdem-version"
else
	echo "FAIL --territory without --vdem-version"
	cat "$out"
fi

# 6. the country table of docs/countries.md is the output for rules/default
begin='<!-- BEGIN mprisk matrix --format markdown -->'
end='<!-- END mprisk matrix --format markdown -->'
"$mprisk" matrix --rules rules/default --format markdown >"$out" 2>&1
if [ "$mode" = update ]; then
	awk -v b="$begin" -v e="$end" -v f="$out" '
		$0 == b { print; while ((getline l < f) > 0) print l; skip = 1; next }
		$0 == e { skip = 0 }
		!skip { print }' docs/countries.md >"$out.md" && mv "$out.md" docs/countries.md
	echo "updated docs/countries.md"
elif awk -v b="$begin" -v e="$end" '$0 == e { on = 0 } on { print } $0 == b { on = 1 }' \
	docs/countries.md | diff -u - "$out"; then
	echo "ok docs/countries.md table is current"
else
	echo "FAIL docs/countries.md table is not the output of mprisk matrix --format markdown (make golden)"
fi
