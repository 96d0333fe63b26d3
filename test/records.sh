#!/bin/sh
# Approved rulesets and the audit trail, end to end through the command
# line: sign and verify a ruleset (signed, unsigned, another key, a private
# key where the public one belongs, rules changed after signing, an
# encrypted key), --require-signature on evaluate and replay, every output
# and record naming the signature, the $MPRISK_RULES note; replay's exit
# statuses (0 stands, 1 differs, 2 unreadable with the rest replayed, 3
# tampered) on logs edited as the issue describes (test/logtool.py), the
# signed head of a log, records of 1,000- and 10,000-activity proposals,
# --max-record-bytes, UTF-16 input; and the writing rules of outputs: a log
# or -o that cannot be written leaves stdout empty, a symbolic link is
# refused, -o - and /dev/null.
# Prints "ok ..." or "FAIL ..." per check. Usage: test/records.sh BUILD
set -u
build=$1
cd "$(dirname "$0")/.." || exit 2
mprisk="$build/mprisk"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ma=examples/proposals/ma-action-plan.yaml
sn=examples/proposals/sn-compass.yaml
tn=examples/proposals/tn-mou.yaml

ok() { echo "ok $1"; }
fail() { echo "FAIL $1"; }

# run NAME WANT CMD...: stdout $tmp/out, stderr $tmp/err; fails unless exit WANT
run() {
	run_name=$1 run_want=$2
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	st=$?
	[ "$st" -eq "$run_want" ] && return 0
	fail "$run_name: exit $st, expected $run_want ($*): $(head -3 "$tmp/err")"
	return 1
}
# refused NAME PATTERN CMD...: exit 2, one line on stderr matching PATTERN, nothing on stdout
refused() {
	name=$1 pattern=$2
	shift 2
	if run "$name" 2 "$@"; then
		if [ -s "$tmp/out" ]; then
			fail "$name: wrote to stdout"
		elif [ "$(wc -l <"$tmp/err")" -ne 1 ] || ! grep -q -- "$pattern" "$tmp/err"; then
			fail "$name: expected one line with '$pattern', got '$(cat "$tmp/err")'"
		else
			ok "$name"
		fi
	fi
}

# ---- approved rulesets ------------------------------------------------------

openssl genpkey -algorithm ed25519 -out "$tmp/key.pem" 2>/dev/null &&
	openssl pkey -in "$tmp/key.pem" -pubout -out "$tmp/pub.pem" 2>/dev/null &&
	openssl genpkey -algorithm ed25519 -out "$tmp/other.pem" 2>/dev/null &&
	openssl pkey -in "$tmp/other.pem" -pubout -out "$tmp/other-pub.pem" 2>/dev/null ||
	{ fail "openssl cannot make Ed25519 keys"; exit 0; }
cp -R rules/default "$tmp/rules"

if run "verify unsigned" 1 "$mprisk" verify --pubkey "$tmp/pub.pem" "$tmp/rules" &&
	grep -q "NOT VERIFIED" "$tmp/out" && grep -q "the rules are not signed" "$tmp/out"; then
	ok "verify: unsigned rules are not verified (exit 1)"
else
	fail "verify: unsigned rules are not verified (exit 1)"
fi
refused "evaluate --require-signature: unsigned rules refused" "ruleset.sig: the rules are not signed" \
	"$mprisk" evaluate --rules "$tmp/rules" --require-signature "$tmp/pub.pem" "$ma"
if run "sign" 0 "$mprisk" sign --key "$tmp/key.pem" "$tmp/rules" && [ -f "$tmp/rules/ruleset.sig" ] &&
	grep -q "^signed am-aiv-2026 (sha256:[0-9a-f]*): $tmp/rules/ruleset.sig$" "$tmp/out"; then
	ok "sign --key KEY RULES writes RULES/ruleset.sig"
else
	fail "sign --key KEY RULES writes RULES/ruleset.sig"
fi
key_id=$(sed -n 's/^key_id: "\(.*\)"$/\1/p' "$tmp/rules/ruleset.sig")
if run "verify signed" 0 "$mprisk" verify --pubkey "$tmp/pub.pem" "$tmp/rules" &&
	grep -q "is signed by key $key_id (.*): verified" "$tmp/out"; then
	ok "verify: signed by the key, verified (exit 0)"
else
	fail "verify: signed by the key, verified (exit 0)"
fi
if run "verify other key" 1 "$mprisk" verify --pubkey "$tmp/other-pub.pem" "$tmp/rules" &&
	grep -q "signed by key $key_id, not by the required key" "$tmp/out"; then
	ok "verify: another key is not verified, both keys named (exit 1)"
else
	fail "verify: another key is not verified, both keys named (exit 1)"
fi
refused "verify: a private key given as PUB is refused" "is a private key: give the public key" \
	"$mprisk" verify --pubkey "$tmp/key.pem" "$tmp/rules"
refused "evaluate --require-signature: another key refused" "not by the required key" \
	"$mprisk" evaluate --rules "$tmp/rules" --require-signature "$tmp/other-pub.pem" "$ma"
if run "evaluate signed" 0 "$mprisk" evaluate --rules "$tmp/rules" --require-signature "$tmp/pub.pem" "$ma" &&
	grep -q "^  rules: am-aiv-2026 (sha256:[0-9a-f]*), signed by key $key_id (" "$tmp/out"; then
	ok "evaluate --require-signature: signed rules decide, the header names the key"
else
	fail "evaluate --require-signature: signed rules decide, the header names the key"
fi
"$mprisk" evaluate --rules "$tmp/rules" --format json --log "$tmp/signed.log" "$ma" >"$tmp/out" 2>/dev/null
if python3 - "$tmp/out" "$tmp/signed.log" "$key_id" <<'EOF'; then
import json, sys
out, log, key = sys.argv[1:]
r = json.load(open(out))[0]["ruleset"]["signature"]
assert r["status"] == "signed" and r["key_id"] == key and r["signed_at"], r
rec = json.loads(open(log).readline())
assert rec["ruleset"]["signature"]["key_id"] == key, rec["ruleset"]
EOF
	ok "JSON and the decision record name the signing key"
else
	fail "JSON and the decision record name the signing key"
fi
"$mprisk" lint --rules "$tmp/rules" >"$tmp/out" 2>&1
grep -q "^  signature: signed by key $key_id" "$tmp/out" && ok "lint names the signing key" || fail "lint: $(head -4 "$tmp/out")"
"$mprisk" report --rules "$tmp/rules" --format html -o "$tmp/report.html" "$ma" 2>/dev/null
grep -q "signed by key <code>$key_id</code>" "$tmp/report.html" && ok "the HTML report names the signing key" ||
	fail "report: no signing key"
# the monitoring status says under which rules, signed or not, it was found
"$mprisk" monitor --rules "$tmp/rules" --as-of 2028-01-15 "$ma" examples/monitoring/ma-follow-up-overdue.yaml \
	>"$tmp/out" 2>&1
"$mprisk" monitor --rules "$tmp/rules" --as-of 2028-01-15 --format json "$ma" \
	examples/monitoring/ma-follow-up-overdue.yaml >"$tmp/monitor.json" 2>/dev/null
"$mprisk" monitor --rules "$tmp/rules" --as-of 2028-01-15 --format html "$ma" \
	examples/monitoring/ma-follow-up-overdue.yaml >"$tmp/monitor.html" 2>/dev/null
if grep -q "^  rules: am-aiv-2026 (sha256:[0-9a-f]*), signed by key $key_id (" "$tmp/out" &&
	python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["ruleset"]["signature"]; assert s["status"]=="signed" and s["key_id"]==sys.argv[2]' \
		"$tmp/monitor.json" "$key_id" &&
	grep -q "signed by key <code>$key_id</code>" "$tmp/monitor.html"; then
	ok "monitor names the signing key (text, JSON, HTML)"
else
	fail "monitor: no signing key: $(head -4 "$tmp/out")"
fi
"$mprisk" sign --key - -o - "$tmp/rules" <"$tmp/key.pem" >"$tmp/out" 2>"$tmp/err" &&
	grep -q "^signature: " "$tmp/out" && ok "sign --key - reads the key from stdin; -o - prints the signature" ||
	fail "sign --key -: $(cat "$tmp/err")"
openssl pkey -in "$tmp/key.pem" -aes256 -passout pass:secret -out "$tmp/enc.pem" 2>/dev/null
refused "sign: an encrypted key is refused, never prompted for" "is an encrypted private key" \
	"$mprisk" sign --key "$tmp/enc.pem" "$tmp/rules" </dev/null
# changed after signing
sed -i 's/^  title: "AM\/AIV 2026 risk-steered/  title: "AM\/AIV 2026 (changed) risk-steered/' "$tmp/rules/ruleset.yaml"
if run "evaluate changed" 0 "$mprisk" evaluate --rules "$tmp/rules" "$ma" &&
	grep -q "^  rules: am-aiv-2026 (sha256:[0-9a-f]*), NOT SIGNED: the signature is invalid: the rules changed after signing" "$tmp/out"; then
	ok "rules changed after signing: every output says NOT SIGNED"
else
	fail "rules changed after signing: every output says NOT SIGNED"
fi
refused "evaluate --require-signature: rules changed after signing refused" "the rules changed after signing" \
	"$mprisk" evaluate --rules "$tmp/rules" --require-signature "$tmp/pub.pem" "$ma"
run "verify changed" 1 "$mprisk" verify --pubkey "$tmp/pub.pem" "$tmp/rules" && ok "verify: changed rules not verified (exit 1)" || fail "verify: changed rules not verified (exit 1)"
refused "replay --require-signature: refused as evaluate is" "the rules changed after signing" \
	"$mprisk" replay --rules "$tmp/rules" --require-signature "$tmp/pub.pem" "$tmp/signed.log"

# $MPRISK_RULES: a note on stderr, after the output, never with an error
MPRISK_RULES="$tmp/rules" "$mprisk" evaluate "$ma" >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 0 ] && [ "$(cat "$tmp/err")" = "mprisk: note: the rules came from \$MPRISK_RULES ($tmp/rules), not from --rules" ] &&
	grep -q "NOT SIGNED" "$tmp/out"; then
	ok "rules from \$MPRISK_RULES: a note on stderr says so; the header says they are not signed"
else
	fail "MPRISK_RULES note: $(cat "$tmp/err")"
fi
# monitor says so too; a directory whose name holds a newline is named on one line
nl_rules="$tmp/rules
forged"
cp -r rules/default "$nl_rules"
MPRISK_RULES="$nl_rules" "$mprisk" monitor --as-of 2027-06-30 "$ma" \
	examples/monitoring/ma-on-track.yaml >"$tmp/out" 2>"$tmp/err"
if [ $? -eq 0 ] && [ "$(cat "$tmp/err")" = "mprisk: note: the rules came from \$MPRISK_RULES ($tmp/rules\\nforged), not from --rules" ]; then
	ok "monitor with \$MPRISK_RULES: the note too, the directory's name on one line"
else
	fail "monitor's MPRISK_RULES note: $(cat "$tmp/err")"
fi
MPRISK_RULES="$tmp/rules" "$mprisk" evaluate "$tmp/none.yaml" >"$tmp/out" 2>"$tmp/err"
[ $? -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && ok "with \$MPRISK_RULES an input error is still one line" ||
	fail "MPRISK_RULES with an error: $(cat "$tmp/err")"
MPRISK_RULES="$tmp/rules" "$mprisk" evaluate --rules rules/default "$ma" >/dev/null 2>"$tmp/err"
[ ! -s "$tmp/err" ] && ok "--rules given: no note" || fail "note with --rules: $(cat "$tmp/err")"

# ---- the audit trail -------------------------------------------------------

rm -f "$tmp/log"
"$mprisk" evaluate --rules rules/default --log "$tmp/log" examples/proposals/*.yaml >/dev/null
n=$(wc -l <"$tmp/log")
run "replay same" 0 "$mprisk" replay --rules rules/default "$tmp/log" &&
	grep -q "^$n records replayed against am-aiv-2026 (sha256:[0-9a-f]*), unsigned: 0 would now be decided differently (0 changes), 0 tampered with, 0 unreadable$" "$tmp/out" &&
	ok "replay under the same rules: every decision stands (exit 0)" || fail "replay under the same rules: every decision stands (exit 0)"
cp -R rules/default "$tmp/m1"
sed -i '/id: M1-independent-local-access/,/severity/s/severity: prohibited/severity: conditional/' "$tmp/m1/partnership.yaml"
run "replay changed rules" 1 "$mprisk" replay --rules "$tmp/m1" "$tmp/log" &&
	grep -q "^    finding M1-independent-local-access: prohibited -> conditional$" "$tmp/out" &&
	ok "replay under changed rules: the changed findings and verdicts (exit 1)" || fail "replay under changed rules: the changed findings and verdicts (exit 1)"
for mode in verdict findings activity input; do
	cp "$tmp/log" "$tmp/t.log"
	python3 test/logtool.py tamper "$tmp/t.log" "$mode" 1 reseal
	run "replay tampered $mode" 3 "$mprisk" replay --rules rules/default "$tmp/t.log" &&
		grep -q "^$tmp/t.log:1: TAMPERED: " "$tmp/out" &&
		ok "replay: $mode rewritten, resealed and rechained: TAMPERED (exit 3)" || fail "replay: $mode rewritten, resealed and rechained: TAMPERED (exit 3)"
done
cp "$tmp/log" "$tmp/t.log"
python3 test/logtool.py tamper "$tmp/t.log" verdict 1
run "replay unsealed edit" 3 "$mprisk" replay --rules rules/default "$tmp/t.log" &&
	grep -q "TAMPERED: its seal does not match its content" "$tmp/out" && ok "replay: an edit that breaks the seal (exit 3)" || fail "replay: an edit that breaks the seal (exit 3)"
for mode in delete swap; do
	cp "$tmp/log" "$tmp/t.log"
	python3 test/logtool.py tamper "$tmp/t.log" "$mode" 2
	what="a record deleted"
	[ "$mode" = swap ] && what="two records swapped"
	run "replay $mode" 3 "$mprisk" replay --rules rules/default "$tmp/t.log" &&
		grep -q "TAMPERED: the chain is broken" "$tmp/out" && ok "replay: $what: the chain is broken (exit 3)" || fail "replay: $what: the chain is broken (exit 3)"
done
cp "$tmp/log" "$tmp/t.log"
python3 test/logtool.py tamper "$tmp/t.log" id-list 2 reseal
python3 test/logtool.py tamper "$tmp/t.log" cut 4
if run "replay unreadable" 2 "$mprisk" replay --rules rules/default "$tmp/t.log" &&
	[ "$(wc -l <"$tmp/err")" -eq 2 ] && grep -q "^$tmp/t.log:2:[0-9]*: 'id' must be a text, found a list$" "$tmp/err" &&
	grep -q "^$tmp/t.log:4:[0-9]*: JSON syntax" "$tmp/err" &&
	grep -q "^$n records replayed .*, 2 unreadable$" "$tmp/out"; then
	ok "replay: unreadable records, one line each on stderr, the rest replayed (exit 2)"
else
	fail "replay: unreadable records, one line each on stderr, the rest replayed (exit 2)"
fi
python3 test/logtool.py tamper "$tmp/t.log" verdict 1 reseal
run "replay tampered and unreadable" 3 "$mprisk" replay --rules rules/default "$tmp/t.log" &&
	ok "replay: tampered and unreadable: tampering wins (exit 3)" || fail "replay: tampered and unreadable: tampering wins (exit 3)"
run "replay stdin" 0 sh -c "\"$mprisk\" replay --rules rules/default - <\"$tmp/log\"" &&
	grep -q "^$n records replayed" "$tmp/out" && ok "replay - reads the log from standard input" || fail "replay - reads the log from standard input"
run "replay -o" 0 "$mprisk" replay --rules rules/default -o "$tmp/report.txt" "$tmp/log" &&
	[ ! -s "$tmp/out" ] && grep -q "^$n records replayed" "$tmp/report.txt" && ok "replay -o FILE" || fail "replay -o FILE"

# the signed head of the log
run "verify --log unsigned" 1 "$mprisk" verify --pubkey "$tmp/pub.pem" --log "$tmp/log" &&
	grep -q "NOT VERIFIED: no signed head" "$tmp/out" && ok "verify --log: no signed head, not verified (exit 1)" || fail "verify --log: no signed head, not verified (exit 1)"
run "sign --log" 0 "$mprisk" sign --key "$tmp/key.pem" --log "$tmp/log" &&
	grep -q "^signed the chain of $tmp/log ($n records): $tmp/log.sig$" "$tmp/out" && ok "sign --log writes LOGFILE.sig" || fail "sign --log writes LOGFILE.sig"
run "verify --log" 0 "$mprisk" verify --pubkey "$tmp/pub.pem" --log "$tmp/log" && grep -q "verified" "$tmp/out" &&
	ok "verify --log: every seal and link holds, the signed head matches (exit 0)" || fail "verify --log: every seal and link holds, the signed head matches (exit 0)"
run "verify --log other key" 2 "$mprisk" verify --pubkey "$tmp/other-pub.pem" --log "$tmp/log" &&
	grep -q "not by the required key" "$tmp/err" && ok "verify --log: a head by another key is refused" || fail "verify --log: a head by another key is refused"
cp "$tmp/log" "$tmp/h.log"
cp "$tmp/log.sig" "$tmp/h.log.sig"
python3 test/logtool.py tamper "$tmp/h.log" verdict 1 reseal
cp -R rules/default "$tmp/other-rules" && sed -i 's/every_months: 12/every_months: 11/' "$tmp/other-rules/matrix.yaml"
run "replay with head" 3 "$mprisk" replay --rules "$tmp/other-rules" "$tmp/h.log" &&
	grep -q "the signed head names sha256:.* the log was rewritten up to here" "$tmp/out" &&
	ok "replay: a whole rewrite under other rules, which the chain cannot see, the signed head does (exit 3)" || fail "replay: a whole rewrite under other rules, which the chain cannot see, the signed head does (exit 3)"
run "verify --log rewritten" 1 "$mprisk" verify --pubkey "$tmp/pub.pem" --log "$tmp/h.log" &&
	ok "verify --log: the rewritten log is not verified" || fail "verify --log: the rewritten log is not verified"
head -n "$((n - 1))" "$tmp/log" >"$tmp/h.log"
run "replay cut log" 3 "$mprisk" replay --rules rules/default --head "$tmp/log.sig" "$tmp/h.log" &&
	grep -q "records were deleted from its end" "$tmp/out" && ok "replay --head: a log cut shorter than its head (exit 3)" || fail "replay --head: a log cut shorter than its head (exit 3)"

# records of valid proposals are always replayable: 1,000 and 10,000 activities
for count in 1000 10000; do
	python3 - "$count" >"$tmp/big.yaml" <<'EOF'
import sys
n = int(sys.argv[1])
print("partnership: {id: big, title: \"many activities\", country: MA, parties: [NL, MA]}")
print("activities:")
for i in range(n):
    print(f"  - {{id: a{i}, measure: trade-mission, safeguards: [reporting-obligations]}}")
EOF
	rm -f "$tmp/big.log"
	"$mprisk" evaluate --rules rules/default --log "$tmp/big.log" "$tmp/big.yaml" >/dev/null
	size=$(wc -c <"$tmp/big.log")
	if run "replay $count activities" 0 "$mprisk" replay --rules rules/default "$tmp/big.log"; then
		ok "a $count-activity proposal's record ($size bytes) replays"
	else
		fail "a $count-activity proposal's record ($size bytes) replays"
	fi
done
run "max-record-bytes" 2 "$mprisk" replay --rules rules/default --max-record-bytes 100000 "$tmp/big.log" &&
	grep -q "a record longer than max_record_bytes=100000 (raise the limit: mprisk replay --max-record-bytes)" "$tmp/err" &&
	ok "--max-record-bytes: a longer record is reported on its line (exit 2)" || fail "--max-record-bytes: a longer record is reported on its line (exit 2)"
refused "--max-record-bytes must be a number" "needs a number of bytes" \
	"$mprisk" replay --rules rules/default --max-record-bytes 12k "$tmp/log"

# UTF-16 (PowerShell's default): recorded as the UTF-8 text it was decoded to
printf '\377\376' >"$tmp/u16.json"
printf '{"partnership": {"id": "u16", "country": "MA", "title": "Caf\\u00e9"}, "activities": [{"id": "a", "measure": "trade-mission"}]}' |
	iconv -f UTF-8 -t UTF-16LE >>"$tmp/u16.json"
rm -f "$tmp/u16.log"
"$mprisk" evaluate --rules rules/default --log "$tmp/u16.log" "$tmp/u16.json" >/dev/null
# (test/audit.sh checks the text and digest of UTF-16 LE and BE records)
want=$(printf '{"partnership": {"id": "u16", "country": "MA", "title": "Caf\\u00e9"}, "activities": [{"id": "a", "measure": "trade-mission"}]}' |
	sha256sum | cut -c1-64)
if grep -q '"sha256": "sha256:'"$want"'", "encoding": "utf-8", "text": "{\\"partnership\\"' "$tmp/u16.log" &&
	run "replay utf-16" 0 "$mprisk" replay --rules rules/default "$tmp/u16.log"; then
	ok "a UTF-16 input is recorded as its UTF-8 text, with that text's sha256, and replays"
else
	fail "a UTF-16 input is recorded as its UTF-8 text, with that text's sha256, and replays"
fi

# ---- writing: nothing on stdout unless the whole command succeeds ----------

refused "evaluate --log into a directory: nothing on stdout" "cannot open the log: Is a directory" \
	"$mprisk" evaluate --rules rules/default --log "$tmp" "$ma"
refused "evaluate --log into a missing directory: nothing on stdout" "cannot open the log" \
	"$mprisk" evaluate --rules rules/default --log "$tmp/none/x.log" "$ma"
ln -s "$tmp/log" "$tmp/link.log"
refused "evaluate --log through a symbolic link: refused" "is a symbolic link" \
	"$mprisk" evaluate --rules rules/default --log "$tmp/link.log" "$ma"
echo "the file a link points to" >"$tmp/target.txt"
ln -s "$tmp/target.txt" "$tmp/link.txt"
refused "-o to a symbolic link: refused" "is a symbolic link: outputs are not written through one" \
	"$mprisk" evaluate --rules rules/default -o "$tmp/link.txt" "$ma"
[ "$(cat "$tmp/target.txt")" = "the file a link points to" ] && ok "-o: the link's target is untouched" ||
	fail "-o followed the link"
size=$(wc -c <"$tmp/log")
refused "report -o to a symbolic link: refused before the log is touched" "is a symbolic link" \
	"$mprisk" evaluate --rules rules/default --log "$tmp/log" -o "$tmp/link.txt" "$ma"
[ "$(wc -c <"$tmp/log")" -eq "$size" ] && ok "-o refused: nothing appended to the log" || fail "-o refused, log appended"
run "-o -" 0 "$mprisk" evaluate --rules rules/default -o - "$ma" && grep -q "^proposal nl-ma-2027" "$tmp/out" &&
	ok "-o - writes to standard output" || fail "-o - writes to standard output"
run "-o /dev/null" 0 "$mprisk" evaluate --rules rules/default -o /dev/null "$ma" && [ ! -s "$tmp/out" ] &&
	ok "-o /dev/null: a device stays a valid output" || fail "-o /dev/null: a device stays a valid output"
