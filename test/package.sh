#!/bin/sh
# The library as other tools adopt it: make install into a temporary prefix,
# the embedding example built with pkg-config only, the installed driver
# finding the installed rules and library (its run path, no ldconfig), the
# docs and schemas installed, man pages naming the prefix and rendering
# without warnings, only
# public symbols exported, the header alone in C99 -pedantic and in C++,
# every public function documented, the Python binding, and the CLI habits
# (--help per command, --version, NO_COLOR, - for stdin), then uninstall.
# Prints "ok ..." or "FAIL ..." per check. Usage: test/package.sh BUILD
set -u
build=$1
cd "$(dirname "$0")/.." || exit 2
root=$(mktemp -d /tmp/mprisk-install-XXXXXX)
trap 'rm -rf "$root"' EXIT
prefix=$root/usr
export PYTHONDONTWRITEBYTECODE=1
out=$root/out

check() { # NAME COMMAND... : ok when the command succeeds
	name=$1
	shift
	if "$@" >"$out" 2>&1; then
		echo "ok $name"
	else
		echo "FAIL $name"
		tail -5 "$out"
	fi
}

check "make install PREFIX=$prefix" make --no-print-directory -s BUILD="$build" install PREFIX="$prefix"
for f in lib/libmprisk.so.0.1.0 lib/libmprisk.so.0 lib/libmprisk.so lib/libmprisk.a \
	lib/pkgconfig/mprisk.pc include/mprisk.h $(ls include/mprisk/*.h) bin/mprisk share/mprisk/rules/default/ruleset.yaml \
	share/mprisk/rules/tests/framework.yaml share/man/man1/mprisk.1 share/man/man3/libmprisk.3 \
	$(cd docs && ls *.md | sed 's|^|share/doc/mprisk/|') \
	$(cd docs && ls schema/*.json schema/README.md | sed 's|^|share/doc/mprisk/|'); do
	[ -e "$prefix/$f" ] || echo "FAIL not installed: $f"
done >"$out"
if [ -s "$out" ]; then
	cat "$out"
else
	echo "ok the library, header, driver, rules, man pages, docs/*.md and docs/schema installed"
fi

# the installed driver runs on its run path: no ldconfig, no LD_LIBRARY_PATH
runpath=$(readelf -d "$prefix/bin/mprisk" | sed -n 's/.*(RUNPATH).*\[\(.*\)\]/\1/p')
if [ "$runpath" = "$prefix/lib" ] &&
	env -u LD_LIBRARY_PATH ldd "$prefix/bin/mprisk" | grep -q "libmprisk.so.0 => $prefix/lib/libmprisk.so.0"; then
	echo "ok installed mprisk finds the installed library by its run path ($runpath)"
else
	echo "FAIL installed mprisk run path '$runpath'"
	ldd "$prefix/bin/mprisk" | grep mprisk
fi
# the man pages name the installed paths, not the /usr/local defaults
if grep -q "$prefix/share/mprisk/rules/default" "$prefix/share/man/man1/mprisk.1" &&
	grep -q "$prefix/share/doc/mprisk" "$prefix/share/man/man1/mprisk.1" &&
	grep -q "$prefix/share/mprisk/rules/default" "$prefix/share/man/man3/libmprisk.3" &&
	! grep -q "/usr/local" "$prefix/share/man/man1/mprisk.1" "$prefix/share/man/man3/libmprisk.3"; then
	echo "ok the installed man pages name the prefix $prefix"
else
	echo "FAIL the installed man pages do not name the prefix"
fi
soname=$(objdump -p "$prefix/lib/libmprisk.so.0.1.0" | sed -n 's/^ *SONAME *//p')
[ "$soname" = libmprisk.so.0 ] && echo "ok soname libmprisk.so.0" || echo "FAIL soname '$soname'"

# a program built against the installed library with pkg-config only
export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
flags=$(pkg-config --cflags --libs mprisk)
check "embed builds with pkg-config --cflags --libs mprisk ($flags)" \
	sh -c "cc examples/embed.c $flags -Wl,-rpath,$prefix/lib -o $root/embed"
"$root/embed" examples/proposals/ma-action-plan.yaml "$prefix/share/mprisk/rules/default" >"$out" 2>&1
if [ $? -le 1 ] && diff -u test/golden/embed-ma.txt "$out" >/dev/null; then
	echo "ok installed embed decides as the build tree does"
else
	echo "FAIL installed embed output"
	head -5 "$out"
fi
check "static linking with pkg-config --static" \
	sh -c "cc examples/embed.c \$(pkg-config --cflags mprisk) -o $root/embed-static $prefix/lib/libmprisk.a \$(pkg-config --static --libs-only-l mprisk | sed 's/-lmprisk//')"
check "installed mprisk finds the installed rules and their tests" sh -c \
	"cd / && env -u MPRISK_RULES $prefix/bin/mprisk lint | grep -q 'rule tests: $prefix/share/mprisk/rules/tests'"
check "installed rule tests pass" sh -c "cd / && env -u MPRISK_RULES $prefix/bin/mprisk test >/dev/null"
check "installed mprisk evaluates the installed example proposals" sh -c \
	"cd / && env -u MPRISK_RULES -u LD_LIBRARY_PATH $prefix/bin/mprisk evaluate --format json $prefix/share/mprisk/examples/proposals >/dev/null; [ \$? -eq 1 ]"

# man pages
for page in "$prefix/share/man/man1/mprisk.1" "$prefix/share/man/man3/libmprisk.3"; do
	MANWIDTH=80 man --warnings -l "$page" >"$out" 2>"$out.err"
	if [ -s "$out" ] && [ ! -s "$out.err" ]; then
		echo "ok man -l $(basename "$page") renders without warnings"
	else
		echo "FAIL man -l $(basename "$page")"
		head -5 "$out.err"
	fi
done

# only public symbols, all documented
nm -D --defined-only "$prefix/lib/libmprisk.so" | awk '$2 ~ /^[TDBR]$/ {print $3}' | sort >"$root/exported"
grep -v '^mpr_' "$root/exported" >"$root/private"
if [ -s "$root/private" ]; then
	echo "FAIL exported symbols outside the API: $(head -3 "$root/private" | tr '\n' ' ')"
else
	echo "ok only mpr_* symbols exported ($(wc -l <"$root/exported"))"
fi
sed -n 's/^MPR_API[^(]*[ *]\(mpr_[a-z0-9_]*\)(.*/\1/p' include/mprisk/*.h | sort >"$root/declared"
if diff "$root/declared" "$root/exported" >"$out"; then
	echo "ok exported symbols are exactly the MPR_API functions"
else
	echo "FAIL exported symbols differ from the header"
	head -5 "$out"
fi
missing=""
for f in $(cat "$root/declared"); do
	grep -q "$f" docs/api.md || missing="$missing $f(api.md)"
	grep -q "$f" docs/man/libmprisk.3 || missing="$missing $f(libmprisk.3)"
done
[ -z "$missing" ] && echo "ok every public function is in docs/api.md and libmprisk(3)" ||
	echo "FAIL undocumented:$missing"

# the header alone: C99 pedantic, and C++
printf '#include <mprisk.h>\nint main(void) { return mpr_version() == 0; }\n' >"$root/h.c"
check "header compiles alone with -std=c99 -pedantic" \
	cc -std=c99 -pedantic -Wall -Wextra -Werror -I"$prefix/include" -c "$root/h.c" -o "$root/h.o"
for part in include/mprisk/*.h; do
	printf '#include <mprisk/%s>\n' "${part##*/}" >"$root/part.c"
	check "the header's part ${part#include/} compiles alone" \
		cc -std=c99 -pedantic -Wall -Wextra -Werror -I"$prefix/include" -c "$root/part.c" -o "$root/part.o"
done
cp "$root/h.c" "$root/h.cc"
check "header compiles and links from C++" \
	sh -c "c++ -std=c++11 -pedantic -Wall -Wextra -Werror -I$prefix/include $root/h.cc -o $root/hcc -L$prefix/lib -lmprisk -Wl,-rpath,$prefix/lib && $root/hcc"

# Python through ctypes, against the installed library
MPRISK_LIB="$prefix/lib/libmprisk.so" python3 examples/python/evaluate.py \
	"$prefix/share/mprisk/rules/default" examples/proposals/sn-compass.yaml >"$out" 2>&1
if [ $? -eq 1 ] && grep -q "sn-compass.yaml: awareness: SN x information-campaign: permitted" "$out" &&
	grep -q "conditional, passes: False" "$out"; then
	echo "ok python ctypes example"
else
	echo "FAIL python ctypes example"
	cat "$out"
fi
printf 'partnership: {id: x, country: MA}\nactivities: [{id: a, measure: nope}]\n' >"$root/bad.yaml"
MPRISK_LIB="$prefix/lib/libmprisk.so" python3 examples/python/evaluate.py \
	"$prefix/share/mprisk/rules/default" "$root/bad.yaml" >"$out" 2>&1
[ $? -eq 2 ] && grep -q "bad.yaml:2:[0-9]*: unknown measure 'nope'" "$out" &&
	echo "ok python example reports FILE:LINE:COL" || { echo "FAIL python error"; cat "$out"; }

# CLI habits
mprisk=$build/mprisk
helpless=""
for cmd in evaluate explain matrix lint test diff replay report indicators; do
	"$mprisk" "$cmd" --help >"$out" 2>&1
	if [ $? -ne 0 ] || ! grep -q "mprisk $cmd" "$out"; then helpless="$helpless $cmd"; fi
done
[ -z "$helpless" ] && echo "ok --help on every command" || echo "FAIL --help of:$helpless"
[ "$("$mprisk" --version)" = "mprisk 0.1.0" ] && echo "ok --version" || echo "FAIL --version"
"$mprisk" evaluate - <examples/proposals/sn-compass.yaml >"$out" 2>&1
[ $? -eq 1 ] && grep -q "file: <stdin>" "$out" && echo "ok evaluate - reads stdin" || echo "FAIL evaluate -"
if command -v script >/dev/null 2>&1; then
	esc=$(printf '\033[')
	script -qec "$mprisk evaluate examples/proposals/sn-compass.yaml" /dev/null >"$out" 2>&1
	grep -qF "$esc" "$out" && echo "ok colour on a terminal" || echo "FAIL no colour on a terminal"
	script -qec "env NO_COLOR=1 $mprisk evaluate examples/proposals/sn-compass.yaml" /dev/null >"$out" 2>&1
	grep -qF "$esc" "$out" && echo "FAIL colour despite NO_COLOR" || echo "ok NO_COLOR turns colour off"
	"$mprisk" evaluate examples/proposals/sn-compass.yaml | grep -qF "$esc" &&
		echo "FAIL colour into a pipe" || echo "ok no colour into a pipe"
else
	echo "FAIL colour on a terminal: script (bsdutils) is not installed (sh test/deps.sh installs it)"
fi

check "make uninstall" make --no-print-directory -s BUILD="$build" uninstall PREFIX="$prefix"
left=$(find "$prefix" -type f -o -type l | head -3)
[ -z "$left" ] && echo "ok uninstall leaves no file" || echo "FAIL uninstall left: $left"
