#!/bin/sh
# Make sure every tool `make check` uses is installed. As root on Debian it
# installs what is missing with apt-get; otherwise it stops with a one-line
# instruction. Needed: a C compiler, clang (second compiler, the sanitizer
# build, libFuzzer, ThreadSanitizer: its runtimes too), pkg-config,
# libyaml-dev, libyajl-dev (JSON input), libssl-dev (SHA-256),
# libutf8proc-dev (Unicode normalisation of country names), cmocka (unit
# tests), cppcheck and
# clang-tidy (make lint-static), valgrind (the golden tests under it), lcov
# (coverage reports); for the product tests: g++ (the header from C++),
# binutils (objdump, nm, readelf: soname, exported symbols, run path),
# man-db (man -l), bsdutils (script: colour on a terminal), patch (the
# example rule changes), chromium (the HTML report in a real browser),
# poppler-utils (pdftoppm, pdftotext: the report printed to A4 PDF),
# gettext (xgettext, msgfmt, msgmerge, msgcmp: the translations, at build time),
# python3-jsonschema and python3-yaml (the schemas; test only);
# libmicrohttpd-dev (mprisk serve, built with GnuTLS for --tls-cert), curl and
# openssl (its tests), nodejs and npm (the page in Chromium: puppeteer-core,
# installed from test/web/package-lock.json into test/web/node_modules); and the
# locale nl_NL.UTF-8 (locales: the library under a decimal comma, test_locale).
set -u
missing=""
command -v cc >/dev/null 2>&1 || missing="$missing gcc"
command -v clang >/dev/null 2>&1 || missing="$missing clang"
command -v pkg-config >/dev/null 2>&1 || missing="$missing pkg-config"
command -v xgettext >/dev/null 2>&1 && command -v msgfmt >/dev/null 2>&1 &&
	command -v msgcmp >/dev/null 2>&1 || missing="$missing gettext"
if command -v pkg-config >/dev/null 2>&1; then
	pkg-config --exists yaml-0.1 || missing="$missing libyaml-dev"
	pkg-config --exists yajl || missing="$missing libyajl-dev"
	pkg-config --exists libcrypto || missing="$missing libssl-dev"
	pkg-config --exists libutf8proc || missing="$missing libutf8proc-dev"
	pkg-config --exists cmocka || missing="$missing libcmocka-dev"
	pkg-config --exists libmicrohttpd || missing="$missing libmicrohttpd-dev"
else
	missing="$missing libyaml-dev libyajl-dev libssl-dev libutf8proc-dev libcmocka-dev libmicrohttpd-dev"
fi
command -v curl >/dev/null 2>&1 || missing="$missing curl"
command -v openssl >/dev/null 2>&1 || missing="$missing openssl"
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
command -v lcov >/dev/null 2>&1 || missing="$missing lcov"
command -v cppcheck >/dev/null 2>&1 || missing="$missing cppcheck"
command -v clang-tidy >/dev/null 2>&1 || missing="$missing clang-tidy"
command -v valgrind >/dev/null 2>&1 || missing="$missing valgrind"
command -v objdump >/dev/null 2>&1 && command -v readelf >/dev/null 2>&1 &&
	command -v nm >/dev/null 2>&1 || missing="$missing binutils"
command -v patch >/dev/null 2>&1 || missing="$missing patch"
command -v c++ >/dev/null 2>&1 || missing="$missing g++"
command -v man >/dev/null 2>&1 || missing="$missing man-db"
command -v script >/dev/null 2>&1 || missing="$missing bsdutils"
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v pdftoppm >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 ||
	missing="$missing poppler-utils"
/usr/bin/python3 -c 'import jsonschema, yaml' >/dev/null 2>&1 ||
	missing="$missing python3-jsonschema python3-yaml"
# clang's sanitizer runtimes: ASan+UBSan, ThreadSanitizer, libFuzzer
probe=/tmp/mprisk-san-probe.$$
if command -v clang >/dev/null 2>&1 && ! { echo 'int main(void){return 0;}' |
	clang -fsanitize=address,undefined -x c - -o $probe >/dev/null 2>&1 &&
	echo 'int main(void){return 0;}' | clang -fsanitize=thread -x c - -o $probe >/dev/null 2>&1 &&
	printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
	    'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }' |
	clang -fsanitize=fuzzer -x c - -o $probe >/dev/null 2>&1; }; then
	missing="$missing libclang-rt-dev"
fi
rm -f $probe

# The browser driver of test/web.sh, from the npm registry at the versions
# of its lockfile (no browser is downloaded: it drives Debian's chromium).
web=$(dirname "$0")/web
npm_ci() {
	[ -d "$web/node_modules/puppeteer-core" ] && return 0
	command -v npm >/dev/null 2>&1 || return 0
	PUPPETEER_SKIP_DOWNLOAD=1 npm ci --prefix "$web" --no-audit --no-fund --ignore-scripts \
		--loglevel=error >/dev/null || {
		echo "test/deps.sh: npm ci in $web failed (the npm registry must be reachable)" >&2
		return 1
	}
}
# test_locale runs the library inside a decimal-comma locale: nl_NL.UTF-8,
# generated from the locales package's sources
has_locale() { locale -a 2>/dev/null | grep -qiE '^nl_NL\.utf-?8$'; }
need_locale=0
if ! has_locale; then
	need_locale=1
	command -v localedef >/dev/null 2>&1 && [ -d /usr/share/i18n/locales ] || missing="$missing locales"
fi
make_locale() {
	[ "$need_locale" = 0 ] && return 0
	if [ "$(id -u)" = 0 ]; then
		echo "test/deps.sh: generating the locale nl_NL.UTF-8"
		localedef -i nl_NL -c -f UTF-8 nl_NL.UTF-8 && has_locale && return 0
		echo "test/deps.sh: localedef -i nl_NL -f UTF-8 nl_NL.UTF-8 failed" >&2
		return 1
	fi
	echo "mprisk needs the locale nl_NL.UTF-8 -- run: sudo localedef -i nl_NL -f UTF-8 nl_NL.UTF-8" >&2
	return 1
}
if [ -z "$missing" ]; then
	make_locale || exit 1
	npm_ci || exit 1
	exit 0
fi

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
	echo "test/deps.sh: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq >/dev/null && apt-get install -y -qq $missing >/dev/null || {
		echo "test/deps.sh: apt-get install$missing failed" >&2
		exit 1
	}
	make_locale || exit 1
	npm_ci || exit 1
	exit 0
fi
echo "mprisk needs:$missing -- run: sudo apt-get install -y$missing" >&2
exit 1
