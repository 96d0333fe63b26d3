#!/bin/sh
# `mprisk serve` end to end, on loopback: every example proposal posted and
# its answer compared byte for byte with `mprisk evaluate --format json -`
# (but input.file), every route against the CLI's own output, every error
# status with its one-line message, the token, TLS, CORS and --insecure
# rules, --log replayable, SIGHUP reloads (a broken ruleset refused, a
# changed one swapped) and a clean stop on SIGTERM and SIGINT (exit 0; under
# the sanitizer builds no leak and no race). Never an address off this
# machine: the refused addresses are refused before anything listens.
# Prints "ok ..." or "FAIL ..." per check. Usage: test/serve.sh BUILD
set -u
build=$1
cd "$(dirname "$0")/.." || exit 2
mprisk=$build/mprisk
MPRISK_RULES=rules/default
export MPRISK_RULES
tmp=$(mktemp -d)
. test/serve/lib.sh
trap 'kill "$serve_pid" 2>/dev/null; rm -rf "$tmp"' EXIT
serve_pid=""

ok() { echo "ok $1"; }
fail() { echo "FAIL $1"; }

# req METHOD PATH [CURL ARGS...]: $code, $tmp/body, $tmp/headers
req() {
	m=$1 p=$2
	shift 2
	code=$(curl -s -o "$tmp/body" -D "$tmp/headers" -w '%{http_code}' -X "$m" "$@" "$serve_url$p")
}
header() { sed -n "s/^$1: *\\([^\\r]*\\)\\r\\{0,1\\}\$/\\1/Ip" "$tmp/headers" | head -1; }
# the CLI's answer for standard input, with the service's name for its input
cli_json() { "$mprisk" evaluate --format json - <"$1" 2>/dev/null | sed 's|"file": "<stdin>"|"file": "<request>"|'; }
no_verdict() { ! grep -q '"verdict"' "$tmp/body"; }

if ! serve_start main "$build"; then
	fail "mprisk serve did not start"
	exit 0
fi
ok "serve starts on 127.0.0.1:$serve_port"
fp=$("$mprisk" evaluate --format json examples/proposals/sn-compass.yaml |
	sed -n 's/.*"fingerprint": "\([^"]*\)".*/\1/p' | head -1)

# 1. /health
req GET /health
if [ "$code" = 200 ] && python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["status"] == "ok" and d["ruleset"]["id"] == "am-aiv-2026" and d["ruleset"]["fingerprint"] == sys.argv[2]' "$tmp/body" "$fp"; then
	ok "/health: ok, with the ruleset's id and fingerprint"
else
	fail "/health: $code $(cat "$tmp/body")"
fi

# 2. every example proposal, byte for byte the CLI's JSON but input.file
n=0 bad=""
for f in examples/proposals/*.yaml examples/proposals/table6/*.yaml test/fixtures/proposals/*.yaml; do
	cli_json "$f" >"$tmp/want"
	req POST /v1/evaluate -H "Content-Type: application/yaml" --data-binary "@$f"
	if [ "$code" = 200 ] && cmp -s "$tmp/body" "$tmp/want" && [ "$(header Mprisk-Ruleset)" = "$fp" ]; then
		n=$((n + 1))
	else
		bad="$bad $f($code)"
	fi
done
[ -z "$bad" ] && ok "/v1/evaluate: $n example proposals, each the bytes of mprisk evaluate --format json -" ||
	fail "/v1/evaluate differs from the CLI:$bad"
# JSON, by Content-Type and sniffed (no Content-Type); ?suggest=1 (JSON always has remedies)
python3 -c 'import json,sys,yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1])), ensure_ascii=False))' \
	examples/proposals/tn-mou.yaml >"$tmp/tn.json"
cli_json "$tmp/tn.json" >"$tmp/want"
req POST /v1/evaluate -H "Content-Type: application/json" --data-binary "@$tmp/tn.json"
[ "$code" = 200 ] && cmp -s "$tmp/body" "$tmp/want" && ok "/v1/evaluate: a JSON proposal (application/json) as the CLI reads it" ||
	fail "/v1/evaluate JSON: $code"
req POST "/v1/evaluate?suggest=1" -H "Content-Type:" --data-binary "@$tmp/tn.json"
[ "$code" = 200 ] && cmp -s "$tmp/body" "$tmp/want" && ok "/v1/evaluate?suggest=1 without Content-Type: sniffed, the same bytes" ||
	fail "/v1/evaluate sniffed/suggest: $code"

# the one call of README and docs/api-http.md, from Python's standard library
if python3 - "$serve_url" <<'PY'
import json, sys, urllib.request, urllib.error
body = open("examples/proposals/tn-mou.yaml", "rb").read()
req = urllib.request.Request(sys.argv[1] + "/v1/evaluate", data=body,
                             headers={"Content-Type": "application/yaml"})
assert json.load(urllib.request.urlopen(req))[0]["verdict"] == "prohibited"
try:
    urllib.request.urlopen(urllib.request.Request(sys.argv[1] + "/v1/evaluate", data=b"activities: 1"))
    sys.exit(1)
except urllib.error.HTTPError as e:
    err = json.load(e)["error"]
    assert e.code == 400 and err["line"] == 1 and err["message"], err
PY
then
	ok "Python's urllib: one call evaluates a proposal; a bad one is a 400 with its place"
else
	fail "the Python call of the README"
fi

# 3. errors: the CLI's one-line message, its line and column; never a verdict
printf 'partnership: {id: p, country: MA}\nactivities:\n  - {id: a, measure: nope}\n' >"$tmp/bad.yaml"
cli_err=$("$mprisk" evaluate --format json - <"$tmp/bad.yaml" 2>&1 >/dev/null)
req POST /v1/evaluate -H "Content-Type: application/yaml" --data-binary "@$tmp/bad.yaml"
got=$(python3 -c 'import json,sys; e=json.load(open(sys.argv[1]))["error"]; print("<stdin>:%d:%d: %s" % (e["line"], e["column"], e["message"]))' "$tmp/body" 2>/dev/null)
if [ "$code" = 400 ] && [ "$got" = "$cli_err" ] && no_verdict; then
	ok "400 with line and column: the CLI's '$cli_err'"
else
	fail "400 for an unknown measure: $code '$got' vs '$cli_err'"
fi
printf 'partnership: [unclosed\n' >"$tmp/syntax.yaml"
cli_err=$("$mprisk" evaluate - <"$tmp/syntax.yaml" 2>&1 >/dev/null)
req POST /v1/evaluate --data-binary "@$tmp/syntax.yaml"
got=$(python3 -c 'import json,sys; e=json.load(open(sys.argv[1]))["error"]; print("<stdin>:%d:%d: %s" % (e["line"], e["column"], e["message"]))' "$tmp/body" 2>/dev/null)
[ "$code" = 400 ] && [ "$got" = "$cli_err" ] && no_verdict && ok "400 for a YAML syntax error: '$cli_err'" ||
	fail "400 syntax: $code '$got' vs '$cli_err'"
req POST /v1/evaluate -H "Content-Type: application/json" --data-binary "@$tmp/bad.yaml"
[ "$code" = 400 ] && no_verdict && ok "400 for YAML sent as application/json" || fail "JSON type, YAML body: $code"
req POST /v1/evaluate -H "Content-Type: image/png" --data-binary "@$tmp/bad.yaml"
[ "$code" = 415 ] && ok "415 for a Content-Type that is not a proposal format" || fail "415: $code"
req GET /v1/nothing
[ "$code" = 404 ] && grep -q '"error"' "$tmp/body" && ok "404 for an unknown path, as JSON" || fail "404: $code"
req GET /v1/evaluate
[ "$code" = 405 ] && [ "$(header Allow)" = POST ] && no_verdict && ok "405 with Allow: POST for GET /v1/evaluate" ||
	fail "405: $code allow '$(header Allow)'"
req DELETE /health
[ "$code" = 405 ] && [ "$(header Allow)" = "GET, HEAD" ] && ok "405 with Allow: GET, HEAD for DELETE /health" || fail "405 health: $code"
head -c 5000000 /dev/zero | tr '\0' 'a' >"$tmp/big"
req POST /v1/evaluate --data-binary "@$tmp/big"
[ "$code" = 413 ] && no_verdict && ok "413 for a body over --max-body (Content-Length)" || fail "413: $code"
code=$(head -c 4500000 /dev/zero | curl -s -o "$tmp/body" -w '%{http_code}' -X POST -T - "$serve_url/v1/evaluate")
[ "$code" = 413 ] && ok "413 for a chunked body over --max-body" || fail "413 chunked: $code"
req POST /v1/evaluate --data-binary "@examples/proposals/sn-compass.yaml"
[ "$code" = 200 ] && ok "the connection after a 413 leaves the server serving" || fail "after 413: $code"

# 4. the other routes, each the CLI's own output
"$mprisk" matrix --format json >"$tmp/want"
req GET /v1/matrix
[ "$code" = 200 ] && cmp -s "$tmp/body" "$tmp/want" && ok "/v1/matrix: mprisk matrix --format json" || fail "/v1/matrix: $code"
for what in MA TN/forced-return LY/coast-guard-support; do
	# shellcheck disable=SC2046
	"$mprisk" explain --format json $(echo "$what" | tr / ' ') >"$tmp/want"
	req GET "/v1/explain/$what"
	[ "$code" = 200 ] && cmp -s "$tmp/body" "$tmp/want" && ok "/v1/explain/$what: mprisk explain --format json" ||
		fail "/v1/explain/$what: $code"
done
# what the activity declares, as query keys: the same as explain's options
"$mprisk" explain --format json --beneficiary migrants --implementer un-agency --nationals-only \
	TN voluntary-return-financial-support >"$tmp/want"
req GET "/v1/explain/TN/voluntary-return-financial-support?beneficiary=migrants&implementer=un-agency&nationals_only=1"
[ "$code" = 200 ] && cmp -s "$tmp/body" "$tmp/want" &&
	ok "/v1/explain/...?beneficiary=&implementer=&nationals_only=1: mprisk explain with the options" ||
	fail "/v1/explain with query keys: $code"
req GET "/v1/explain/TN/trade-mission?beneficiary=business"
[ "$code" = 400 ] && grep -q "write 'implementer: business'" "$tmp/body" &&
	ok "/v1/explain: an implementer as beneficiary is 400, saying what to write" ||
	fail "/v1/explain beneficiary=business: $code"
cli_err=$("$mprisk" explain --format json XX 2>&1)
req GET /v1/explain/XX
got=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["error"]["message"])' "$tmp/body" 2>/dev/null)
[ "$code" = 404 ] && [ "$got" = "$cli_err" ] && ok "/v1/explain/XX: 404, '$cli_err'" || fail "/v1/explain/XX: $code '$got' vs '$cli_err'"
line='{"id": "a1", "country": "MA", "measure": "trade-mission", "safeguards": ["reporting-obligations"]}'
printf '%s\n' "$line" | "$mprisk" evaluate --jsonl >"$tmp/want"
req POST /v1/decide -H "Content-Type: application/json" --data-binary "$line"
[ "$code" = 200 ] && cmp -s "$tmp/body" "$tmp/want" && ok "/v1/decide: the line of mprisk evaluate --jsonl" || fail "/v1/decide: $code"
req POST /v1/decide --data-binary '{"country": "MA", "measure": "nope"}'
[ "$code" = 400 ] && no_verdict && ok "/v1/decide: 400 for an unknown measure" || fail "/v1/decide error: $code"
req GET /v1/catalogue
if [ "$code" = 200 ] && python3 - "$tmp/body" <<'EOF'
import json, sys
c = json.load(open(sys.argv[1]))
assert c["format_version"] == 2 and c["tiers"] == ["low", "medium", "high"]
assert len(c["countries"]) == 51 and len(c["measures"]) == 38 and len(c["safeguards"]) == 13
assert len(c["attributes"]) == 8 and c["beneficiaries"] and c["partnership_elements"]
for kind in ("measures", "attributes", "beneficiaries", "safeguards", "partnership_elements"):
    for e in c[kind]:
        assert e["id"] and e["name"] and e["source"], (kind, e)
assert {e["id"]: e["detail"] for e in c["partnership_elements"]}["broader-partnership"] == "framework"
assert [m["id"] for m in c["measures"] if m["nationals_only_applies"]]
assert [m["id"] for m in c["measures"] if m["evacuated_from_applies"]] == ["evacuation-hub"]
EOF
then
	ok "/v1/catalogue: 51 countries, 38 measures, attributes, beneficiaries, safeguards, elements with labels and sources"
	if /usr/bin/python3 -c 'import json,sys,jsonschema; s=json.load(open("docs/schema/catalogue.schema.json")); jsonschema.Draft202012Validator.check_schema(s); jsonschema.Draft202012Validator(s).validate(json.load(open(sys.argv[1])))' "$tmp/body" 2>"$tmp/err"; then
		ok "/v1/catalogue is valid under docs/schema/catalogue.schema.json"
	else
		fail "/v1/catalogue schema: $(tail -1 "$tmp/err")"
	fi
else
	fail "/v1/catalogue: $code"
fi

# 5. /v1/proposal: normalised JSON and YAML that decide as the original does
n=0 bad=""
for f in examples/proposals/*.yaml examples/proposals/table6/*.yaml; do
	cli_json "$f" | grep -v '"input"' >"$tmp/want"
	for fmt in json yaml; do
		req POST "/v1/proposal?format=$fmt" --data-binary "@$f"
		if [ "$code" = 200 ] && cli_json "$tmp/body" | grep -v '"input"' | cmp -s - "$tmp/want"; then
			n=$((n + 1))
		else
			bad="$bad $f:$fmt($code)"
		fi
	done
	[ "$fmt" = yaml ] && cp "$tmp/body" "$tmp/last.yaml"
done
[ -z "$bad" ] && ok "/v1/proposal: $n round trips (JSON and ?format=yaml) that mprisk evaluate decides as the original" ||
	fail "/v1/proposal round trip:$bad"
req POST /v1/proposal --data-binary @examples/proposals/tn-mou.yaml
if [ "$code" = 200 ] && /usr/bin/python3 -c 'import json,sys,jsonschema; jsonschema.validate(json.load(open(sys.argv[1])), json.load(open("docs/schema/proposal.schema.json")))' "$tmp/body" 2>"$tmp/err"; then
	ok "/v1/proposal JSON is valid under docs/schema/proposal.schema.json"
else
	fail "/v1/proposal schema: $(tail -1 "$tmp/err")"
fi
req POST "/v1/proposal?format=yaml" --data-binary @examples/proposals/tn-mou.yaml
[ "$(header Content-Type)" = "application/yaml; charset=utf-8" ] && grep -q '^  - {id: broader-partnership, framework: "EU-Tunisia' "$tmp/body" &&
	ok "/v1/proposal?format=yaml: application/yaml, the element's framework kept" || fail "/v1/proposal yaml: $(header Content-Type)"
req POST "/v1/proposal?format=xml" --data-binary @examples/proposals/tn-mou.yaml
[ "$code" = 400 ] && ok "/v1/proposal?format=xml: 400" || fail "format=xml: $code"
req POST "/v1/evaluate?sugest=1" --data-binary @examples/proposals/tn-mou.yaml
[ "$code" = 400 ] && grep -q "unknown query parameter 'sugest'" "$tmp/body" &&
	ok "/v1/evaluate?sugest=1: a misspelt query key is a 400 that names it, not ignored" ||
	fail "sugest: $code $(cat "$tmp/body")"
req GET "/v1/matrix?format=markdown"
[ "$code" = 400 ] && ok "/v1/matrix?format=markdown: a path that reads no query refuses one" || fail "matrix?format: $code"

# 6. the page, its headers, no CORS by default
req GET /
if [ "$code" = 200 ] && grep -q '<script src="/app.js"' "$tmp/body" && [ -n "$(header Content-Security-Policy)" ] &&
	! grep -qi '^Access-Control' "$tmp/headers" && ! grep -Eiq 'https?://' "$tmp/body"; then
	ok "GET /: the page, with a Content-Security-Policy, no CORS header, nothing from elsewhere"
else
	fail "GET /: $code"
fi
for asset in /app.js /app.css /strings.js; do
	req GET "$asset"
	[ "$code" = 200 ] && cmp -s "$tmp/body" "examples/mprisk/web/${asset#/}" || fail "GET $asset: $code"
done
ok "the page's files are served from the binary, as in examples/mprisk/web/"

# 6b. the language of each request: its Accept-Language, among the rules' (en, nl)
cli_json_nl() { "$mprisk" evaluate --lang nl --format json - <"$1" 2>/dev/null | sed 's|"file": "<stdin>"|"file": "<request>"|'; }
req GET /v1/catalogue -H "Accept-Language: nl-NL,nl;q=0.9,en;q=0.8"
if [ "$code" = 200 ] && [ "$(header Content-Language)" = nl ] && [ "$(header Vary)" = Accept-Language ] &&
	python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["language"] == "nl" and d["tiers"] == ["low", "medium", "high"] and d["tier_names"] == ["laag", "midden", "hoog"] and [c["name"] for c in d["countries"] if c["code"] == "MA"] == ["Marokko"]' "$tmp/body"; then
	ok "Accept-Language: nl: the catalogue's labels in Dutch, its ids and tiers the same, Content-Language: nl"
else
	fail "the catalogue in Dutch: $code, Content-Language $(header Content-Language)"
fi
for al in "" "fr" "fr, en;q=0.5" "nl;q=0, en" "*" "en-GB;q=0.9, nl;q=0.8" "nl;q=bad"; do
	req GET /v1/catalogue -H "Accept-Language: $al"
	[ "$(header Content-Language)" = en ] || fail "Accept-Language '$al' gives $(header Content-Language), not en"
done
ok "Accept-Language absent, unknown, refused (q=0), a wildcard, English first or malformed: English"
cli_json_nl examples/proposals/tn-mou.yaml >"$tmp/want"
req POST /v1/evaluate -H "Accept-Language: nl" -H "Content-Type: application/yaml" --data-binary @examples/proposals/tn-mou.yaml
[ "$code" = 200 ] && [ "$(header Content-Language)" = nl ] && cmp -s "$tmp/body" "$tmp/want" &&
	ok "POST /v1/evaluate with Accept-Language: nl is mprisk evaluate --lang nl --format json, byte for byte" ||
	fail "/v1/evaluate in Dutch: $code, $(header Content-Language)"
req POST "/v1/evaluate?suggest=maybe" -H "Accept-Language: nl" --data-binary @examples/proposals/tn-mou.yaml
[ "$code" = 400 ] && grep -q '"message": "?suggest neemt 1 of 0 (true of false)"' "$tmp/body" &&
	ok "an error in Dutch for Accept-Language: nl" || fail "the error in Dutch: $code $(cat "$tmp/body")"
printf 'partnership: {id: x, title: t, country: MA}\nactivities: {}\n' >"$tmp/kind.yaml"
req POST /v1/evaluate -H "Accept-Language: nl" -H "Content-Type: application/yaml" --data-binary @"$tmp/kind.yaml"
[ "$code" = 400 ] && grep -q '"message": "'"'"'activities'"'"' moet een lijst zijn, gevonden: een mapping", "line": 2, "column": 13' "$tmp/body" &&
	ok "the library's own error in Dutch for Accept-Language: nl" || fail "the library's error in Dutch: $code $(cat "$tmp/body")"
req POST /v1/evaluate -H "Content-Type: application/yaml" --data-binary @"$tmp/kind.yaml"
[ "$code" = 400 ] && grep -q '"message": "'"'"'activities'"'"' must be a list, found a mapping"' "$tmp/body" &&
	ok "and in English without it" || fail "the library's error in English: $code $(cat "$tmp/body")"
req GET / -H "Accept-Language: nl"
[ "$code" = 200 ] && grep -q '<html lang="nl">' "$tmp/body" && [ "$(header Content-Language)" = nl ] &&
	ok "GET / with Accept-Language: nl: the page says lang=\"nl\" (its strings follow it)" ||
	fail "the page in Dutch: $code"

# 7. /metrics after all this
req GET /metrics
if [ "$code" = 200 ] && python3 - "$tmp/body" "$fp" <<'EOF'
import re, sys
text = open(sys.argv[1]).read()
line = re.compile(r'^[a-z_]+(\{([a-z_]+="[^"\\]*",?)*\})? [0-9.e+-]+$')
for l in text.splitlines():
    assert l.startswith("# HELP ") or l.startswith("# TYPE ") or line.match(l), l
assert re.search(r'^mprisk_http_requests_total\{route="/v1/evaluate",status="200"\} [1-9]', text, re.M)
assert re.search(r'^mprisk_http_requests_total\{route="/v1/evaluate",status="400"\} [1-9]', text, re.M)
assert re.search(r'^mprisk_http_requests_total\{route="other",status="404"\} 1$', text, re.M)
assert re.search(r'^mprisk_decision_seconds_bucket\{le="\+Inf"\} [1-9]', text, re.M)
assert re.search(r'^mprisk_verdicts_total\{kind="proposal",verdict="prohibited"\} [1-9]', text, re.M)
assert ('mprisk_ruleset_info{id="am-aiv-2026",fingerprint="%s",' % sys.argv[2]) in text
EOF
then
	ok "/metrics: Prometheus text, requests by route and status, the latency histogram, verdicts, the fingerprint"
else
	fail "/metrics: $code"
fi
serve_stop TERM
[ "$serve_status" -eq 0 ] && grep -q "stopped" "$serve_log" && ok "SIGTERM: stops cleanly (exit 0)" ||
	{ fail "SIGTERM: exit $serve_status"; cat "$serve_log"; }

# 8. the token, TLS, CORS, addresses off loopback
printf 'short\n' >"$tmp/short"
"$mprisk" serve --listen 127.0.0.1:0 --token-file "$tmp/short" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && ok "a token of fewer than 16 characters is refused: $(cat "$tmp/err")" ||
	fail "short token"
# the service's files are read as every input is: a FIFO is refused at once, never waited on
mkfifo "$tmp/fifo"
timeout 10 "$mprisk" serve --listen 127.0.0.1:0 --token-file "$tmp/fifo" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q "not a regular file (a FIFO)" "$tmp/err" &&
	ok "a FIFO as --token-file is refused at once: $(cat "$tmp/err")" || fail "FIFO token: $(cat "$tmp/err")"
printf 's3cret-token-0123456789\n' >"$tmp/token"
if serve_start token "$build" --token-file "$tmp/token"; then
	req POST /v1/evaluate --data-binary @examples/proposals/sn-compass.yaml
	c1=$code h1=$(header WWW-Authenticate)
	req POST /v1/evaluate -H "Authorization: Bearer s3cret-token-0123456788" --data-binary @examples/proposals/sn-compass.yaml
	c2=$code
	req POST /v1/evaluate -H "Authorization: Bearer s3cret-token-0123456789" --data-binary @examples/proposals/sn-compass.yaml
	c3=$code
	req GET /metrics
	c4=$code
	req GET /health
	c5=$code
	req GET /
	c6=$code
	if [ "$c1" = 401 ] && [ -n "$h1" ] && [ "$c2" = 401 ] && [ "$c3" = 200 ] && [ "$c4" = 401 ] && [ "$c5" = 200 ] && [ "$c6" = 200 ]; then
		ok "--token-file: /v1/ and /metrics need the bearer token (401 without, or wrong); /health and the page do not"
	else
		fail "token: $c1 $c2 $c3 $c4 $c5 $c6"
	fi
	serve_stop
else
	fail "mprisk serve (token) did not start: the checks of this part did not run"
fi
for addr in 192.0.2.1:8181 "[2001:db8::1]:8181"; do
	"$mprisk" serve --listen "$addr" >"$tmp/out" 2>"$tmp/err"
	[ $? -eq 2 ] && grep -q "not loopback) needs --tls-cert, --tls-key and --token-file, or --insecure" "$tmp/err" &&
		ok "--listen $addr without TLS and token: refused before listening" || fail "--listen $addr: $(cat "$tmp/err")"
done
if python3 -c "import socket; socket.socket(socket.AF_INET6).bind(('::1', 0))" 2>/dev/null; then
	"$mprisk" serve --listen "[::1]:0" 2>"$tmp/v6.log" &
	v6=$!
	port6=""
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
		port6=$(sed -n 's|.*listening on http://\[::1\]:\([0-9]*\)/.*|\1|p' "$tmp/v6.log")
		[ -n "$port6" ] && break
		sleep 0.1
	done
	code=$(curl -s -g -o /dev/null -w '%{http_code}' "http://[::1]:${port6:-1}/health")
	kill -TERM "$v6"
	wait "$v6"
	st=$?
	if [ "$code" = 200 ] && [ "$st" -eq 0 ]; then
		ok "--listen [::1]:0: IPv6 loopback, no TLS or token needed"
	else
		fail "--listen [::1]: $code, exit $st"
		cat "$tmp/v6.log" # a sanitizer's report, say (exit 66: ThreadSanitizer)
	fi
fi
"$mprisk" serve --listen 192.0.2.1:0 --insecure >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "cannot listen on 192.0.2.1:0" "$tmp/err" &&
	ok "--insecure lets an address off loopback past the check (this one is not ours, so it cannot listen)" ||
	fail "--insecure: $(cat "$tmp/err")"
"$mprisk" serve --tls-cert "$tmp/token" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "go together" "$tmp/err" && ok "--tls-cert without --tls-key: usage error" || fail "tls pair"
if command -v openssl >/dev/null 2>&1 &&
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" \
		-keyout "$tmp/key.pem" -out "$tmp/cert.pem" >/dev/null 2>&1 &&
	ln -s cert.pem "$tmp/live-cert.pem" && ln -s key.pem "$tmp/live-key.pem" &&
	serve_start tls "$build" --tls-cert "$tmp/live-cert.pem" --tls-key "$tmp/live-key.pem" --token-file "$tmp/token"; then
	code=$(curl -s -o "$tmp/body" -w '%{http_code}' --cacert "$tmp/cert.pem" \
		-H "Authorization: Bearer s3cret-token-0123456789" --data-binary @examples/proposals/sn-compass.yaml \
		"https://127.0.0.1:$serve_port/v1/evaluate")
	cli_json examples/proposals/sn-compass.yaml >"$tmp/want"
	[ "$code" = 200 ] && cmp -s "$tmp/body" "$tmp/want" && grep -q "listening on https://" "$serve_log" &&
		ok "--tls-cert/--tls-key (symbolic links, as certbot's): HTTPS (GnuTLS) with the token, the same answer" || fail "TLS: $code"
	serve_stop
else
	fail "TLS: could not make a certificate with openssl, or start"
fi
if serve_start cors "$build" --cors-origin https://tools.example; then
	req OPTIONS /v1/evaluate -H "Origin: https://tools.example" -H "Access-Control-Request-Method: POST"
	[ "$code" = 204 ] && [ "$(header Access-Control-Allow-Origin)" = https://tools.example ] &&
		ok "--cors-origin: the preflight is answered 204 for that origin" || fail "CORS preflight: $code"
	serve_stop
else
	fail "mprisk serve (cors) did not start: the checks of this part did not run"
fi
"$mprisk" serve --cors-origin '*' >"$tmp/out" 2>&1
[ $? -eq 2 ] && ok "--cors-origin '*' is refused: one origin, scheme://host[:port]" || fail "CORS *"

# 9. --log: the records of evaluate --log, replayable
if serve_start log "$build" --log "$tmp/serve.log"; then
	req POST /v1/evaluate --data-binary @examples/proposals/ma-action-plan.yaml
	req POST /v1/evaluate --data-binary @examples/proposals/tn-mou.yaml
	req POST /v1/evaluate --data-binary @"$tmp/bad.yaml"
	serve_stop
	"$mprisk" evaluate --log "$tmp/cli.log" - <examples/proposals/ma-action-plan.yaml >/dev/null
	# the time, the file name and the seal (which covers both) differ
	strip() { sed -e 's/"time": "[^"]*"//' -e 's/"file": "[^"]*"//' -e 's/"seal": "[^"]*"//' "$1"; }
	"$mprisk" replay "$tmp/serve.log" >"$tmp/replay" 2>&1
	st=$?
	if [ "$(wc -l <"$tmp/serve.log")" -eq 2 ] && [ "$st" -eq 0 ] &&
		[ "$(head -1 "$tmp/serve.log" | strip /dev/stdin)" = "$(strip "$tmp/cli.log")" ]; then
		ok "--log: one record per decided proposal (none for an error), evaluate --log's record, replay finds every decision stands"
	else
		fail "--log: $(wc -l <"$tmp/serve.log") records, replay exit $st"
	fi
else
	fail "mprisk serve (log) did not start: the checks of this part did not run"
fi

# 10. SIGHUP: a broken ruleset is refused and the old one serves; a changed one is swapped
cp -R rules/default "$tmp/rules"
if serve_start reload "$build" --rules "$tmp/rules"; then
	printf 'bogus_section: 1\n' >>"$tmp/rules/ruleset.yaml"
	kill -HUP "$serve_pid"
	sleep 0.5
	req GET /health
	refused=$(grep -c "reload refused" "$serve_log")
	if [ "$refused" -eq 1 ] && grep "reload refused" "$serve_log" | grep -q "ruleset.yaml:[0-9]*:[0-9]*: " &&
		grep -q "$fp" "$tmp/body"; then
		ok "SIGHUP with a broken ruleset: refused with its FILE:LINE:COL, the old one keeps serving"
	else
		fail "SIGHUP broken: refused $refused; $(cat "$tmp/body")"
	fi
	cp rules/default/ruleset.yaml "$tmp/rules/ruleset.yaml"
	sed -i 's/^  title: "AM\/AIV 2026 risk-steered/  title: "AM\/AIV 2026 (revised) risk-steered/' "$tmp/rules/ruleset.yaml"
	new_fp=$("$mprisk" evaluate --rules "$tmp/rules" --format json examples/proposals/sn-compass.yaml |
		sed -n 's/.*"fingerprint": "\([^"]*\)".*/\1/p' | head -1)
	kill -HUP "$serve_pid"
	sleep 0.5
	req POST /v1/evaluate --data-binary @examples/proposals/sn-compass.yaml
	"$mprisk" evaluate --rules "$tmp/rules" --format json - <examples/proposals/sn-compass.yaml |
		sed 's|"file": "<stdin>"|"file": "<request>"|' >"$tmp/want"
	if [ "$new_fp" != "$fp" ] && grep -q "reloaded.*$new_fp, unsigned (was $fp)" "$serve_log" && cmp -s "$tmp/body" "$tmp/want" &&
		[ "$(header Mprisk-Ruleset)" = "$new_fp" ]; then
		ok "SIGHUP with a changed ruleset: swapped; answers carry the new fingerprint"
	else
		fail "SIGHUP changed: $(tail -2 "$serve_log")"
	fi
	req GET /metrics
	grep -q 'mprisk_reloads_total{result="swapped"} 1' "$tmp/body" && grep -q 'mprisk_reloads_total{result="refused"} 1' "$tmp/body" &&
		ok "/metrics counts the reloads, swapped and refused" || fail "reload metrics"
	serve_stop INT
	[ "$serve_status" -eq 0 ] && ok "SIGINT: stops cleanly (exit 0)" || { fail "SIGINT: exit $serve_status"; cat "$serve_log"; }
else
	fail "mprisk serve (reload) did not start: the checks of this part did not run"
fi

# 10b. --require-signature: unsigned rules refused at the start; signed ones served and named;
# a reload of rules changed since they were signed refused, the signed ones keep serving
openssl genpkey -algorithm ed25519 -out "$tmp/key.pem" 2>/dev/null &&
	openssl pkey -in "$tmp/key.pem" -pubout -out "$tmp/pub.pem" 2>/dev/null
rm -rf "$tmp/signed" && cp -R rules/default "$tmp/signed"
"$mprisk" serve --rules "$tmp/signed" --require-signature "$tmp/pub.pem" >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && grep -q "ruleset.sig: the rules are not signed" "$tmp/err"; then
	ok "--require-signature: unsigned rules refused at the start, one line"
else
	fail "--require-signature unsigned: $(cat "$tmp/err")"
fi
"$mprisk" sign --key "$tmp/key.pem" "$tmp/signed" >/dev/null
key_id=$(sed -n 's/^key_id: "\(.*\)"$/\1/p' "$tmp/signed/ruleset.sig")
if serve_start signed "$build" --rules "$tmp/signed" --require-signature "$tmp/pub.pem"; then
	req GET /health
	if grep -q "rules am-aiv-2026 sha256:[0-9a-f]*, signed by key $key_id" "$serve_log" &&
		python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["ruleset"]["signature"] == {"status": "signed", "key_id": sys.argv[2]}' "$tmp/body" "$key_id" &&
		[ "$(header Mprisk-Ruleset-Signature)" = "$key_id" ]; then
		ok "--require-signature: signed rules served; the start line, /health and Mprisk-Ruleset-Signature name the key"
	else
		fail "--require-signature signed: $(cat "$tmp/body")"
	fi
	sed -i 's/^  title: "AM\/AIV 2026 risk-steered/  title: "AM\/AIV 2026 (changed) risk-steered/' "$tmp/signed/ruleset.yaml"
	kill -HUP "$serve_pid"
	sleep 0.5
	req GET /health
	if grep "reload refused" "$serve_log" | grep -q "the rules changed after signing" &&
		python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["ruleset"]["signature"]["status"] == "signed"' "$tmp/body"; then
		ok "--require-signature: a reload of rules changed since they were signed is refused; the signed rules keep serving"
	else
		fail "--require-signature reload: $(tail -2 "$serve_log")"
	fi
	serve_stop TERM
fi

# 11. a ruleset that does not load at the start: one line, exit 2
"$mprisk" serve --rules "$tmp/none" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && ok "a ruleset that does not load: exit 2, one line" || fail "bad rules at start"
"$mprisk" serve --threads 0 >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] && grep -q "^mprisk serve: --threads must be a whole number from 1 to 256, not '0' (mprisk serve --help)$" "$tmp/err" &&
	ok "--threads 0: usage error naming the range" || fail "--threads 0: $(cat "$tmp/err")"

# 12. from anywhere: the rules of the checkout that holds the binary, the page from inside it
abs_build=$(cd "$build" && pwd)
root=$(pwd)
if (cd / && env -u MPRISK_RULES sh -c ". '$root/test/serve/lib.sh'; tmp='$tmp'; serve_start anywhere '$abs_build' &&
	curl -sf -o '$tmp/page.html' \"\$serve_url/\" && curl -sf \"\$serve_url/health\" | grep -q '$fp'; st=\$?; serve_stop; exit \$st"); then
	cmp -s "$tmp/page.html" examples/mprisk/web/index.html && ok "started from /, without MPRISK_RULES: the checkout's rules, the page from the binary" ||
		fail "the page served from / differs"
else
	fail "mprisk serve started from / does not serve"
fi
