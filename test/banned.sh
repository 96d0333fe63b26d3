#!/bin/sh
# Functions the library and the driver must not use (the curl way): unbounded
# copies and formats, conversions that cannot report errors, non-reentrant
# tokenisers, racy temporary names. Prints each use and fails if there is one.
cd "$(dirname "$0")/.." || exit 2
banned='strcpy|strcat|strncpy|strncat|sprintf|vsprintf|gets|atoi|atol|atoll|atof|strtok|tmpnam|tempnam|mktemp|sscanf|alloca|asctime|ctime|gmtime|localtime|rand'
if grep -nE "(^|[^_a-zA-Z0-9])($banned)[[:space:]]*\(" lib/*/*.c lib/*/*.h lib/*.h include/*.h examples/*.c \
	examples/mprisk/*.c examples/mprisk/*.h; then
	echo "FAIL banned functions used (see above)"
	exit 1
fi
# Numbers without the locale (docs/architecture.md): in lib/, a number is
# read or written by the C library only in util/number.c, which switches
# the thread to the C locale; everything else formats with util/format.c.
# The <ctype.h> classes follow the locale too.
if grep -nE "(^|[^_a-zA-Z0-9])(strto[dfl]|strtold|strtoll|strtoul|strtoull|strtoimax|strtoumax|vsnprintf|vfprintf|vprintf|is(alpha|digit|alnum|space|upper|lower|punct|print|xdigit)|to(upper|lower))[[:space:]]*\(" \
	lib/*/*.c lib/*/*.h lib/*.h | grep -v '^lib/util/number.c:'; then
	echo "FAIL locale-dependent conversion in lib/ outside util/number.c (see above)"
	exit 1
fi
# snprintf of a double anywhere in lib/ but util/number.c (a call may span lines)
if perl -0777 -ne 'while (/\bsnprintf\s*\(([^;]*);/g) { my $c = $1; print "$ARGV: snprintf($c\n" if $c =~ /%[-+ #0-9.*]*[fFeEgGaA]/ }' \
	$(ls lib/*/*.c | grep -v '^lib/util/number.c$') | grep .; then
	echo "FAIL a double formatted with snprintf in lib/ outside util/number.c (see above; use mpr_buf_printf)"
	exit 1
fi
echo "ok no banned function in lib/, include/, examples/, examples/mprisk/"
