#!/bin/sh
# The page of `mprisk serve` in a real browser (test/web/page.js: Debian's
# chromium driven by puppeteer-core from test/web/package.json), then the
# YAML it downloaded through `mprisk evaluate`: the same verdict as the page
# showed. `update` also copies the screenshot to docs/serve-page.png.
# Prints "ok ..." or "FAIL ..." per check. Usage: test/web.sh BUILD [update]
set -u
build=$1
mode=${2:-check}
cd "$(dirname "$0")/.." || exit 2
MPRISK_RULES=rules/default
export MPRISK_RULES
out=build/web
rm -rf "$out" && mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
. test/serve/lib.sh

if ! command -v node >/dev/null 2>&1 || [ ! -d test/web/node_modules/puppeteer-core ]; then
	echo "FAIL node or test/web/node_modules is missing (sh test/deps.sh installs them)"
	exit 0
fi
if ! serve_start web "$build"; then
	echo "FAIL mprisk serve did not start"
	exit 0
fi
timeout 180 node test/web/page.js "$serve_url/" "$out" 2>&1
serve_stop
[ "$serve_status" -eq 0 ] && echo "ok the server stopped cleanly" || echo "FAIL the server exited $serve_status"

yaml=$out/nl-sn-draft.yaml
if [ -s "$yaml" ]; then
	"$build/mprisk" evaluate --format json "$yaml" >"$tmp/eval.json" 2>"$tmp/eval.err"
	st=$?
	if [ "$st" -eq 0 ] && python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))[0]; assert r["verdict"] == "permitted" and r["passes"]' "$tmp/eval.json"; then
		echo "ok mprisk evaluate reads the downloaded YAML: permitted, passes (as the page said)"
	else
		echo "FAIL mprisk evaluate of the downloaded YAML: exit $st"
		cat "$tmp/eval.err"
	fi
else
	echo "FAIL no YAML was downloaded"
fi
if [ -s "$out/page.png" ]; then
	python3 test/png_check.py "$out/page.png" 1280 1000
	if [ "$mode" = update ]; then
		cp "$out/page.png" docs/serve-page.png
		echo "updated docs/serve-page.png"
	fi
fi
