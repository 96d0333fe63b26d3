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
echo "ok no banned function in lib/, include/, examples/, examples/mprisk/"
