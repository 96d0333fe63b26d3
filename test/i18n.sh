#!/bin/sh
# Dutch and English (docs/translating.md): every program string xgettext
# finds in the library and the driver has a translation in each .po file
# (msgcmp against the .pot the build made; msgfmt --statistics counts no
# fuzzy or untranslated message); the default rules have a translation of
# every rule text (lint); the language follows --lang, else LC_ALL,
# LC_MESSAGES and LANG (nl_NL.UTF-8 is nl, C is en), --lang wins, an unknown
# --lang is a usage error; a ruleset without a Dutch translation is written
# in English when LANG asks for Dutch and refused when --lang does; JSON keys,
# ids and exit statuses are the same in both languages; the short answer in
# Dutch of every example proposal fits on one screen; the library's own
# error messages are written in Dutch too; a signature covers the
# translation file.
# Prints "ok ..." or "FAIL ..." per check. Usage: test/i18n.sh BUILD
set -u
build=$1
cd "$(dirname "$0")/.." || exit 2
mprisk="$build/mprisk"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset LC_ALL LC_MESSAGES LANGUAGE MPRISK_RULES
ok() { echo "ok $1"; }
fail() { echo "FAIL $1"; }

# 1. every msgid translated, in both domains
for domain in libmprisk:lib/po mprisk:examples/mprisk/po; do
	name=${domain%%:*} dir=${domain#*:}
	pot=$build/po/$name.pot
	if [ ! -s "$pot" ]; then
		fail "$pot was not made (make all makes it with xgettext)"
		continue
	fi
	for po in "$dir"/*.po; do
		if msgcmp --use-untranslated "$po" "$pot" >"$tmp/cmp" 2>&1; then
			ok "$po has every msgid of $name"
		else
			fail "$po lacks msgids of $name: $(grep -c 'this message is used but not defined' "$tmp/cmp") (make po, then translate)"
			head -4 "$tmp/cmp"
		fi
		stats=$(LC_ALL=C msgfmt --check --statistics -o /dev/null "$po" 2>&1)
		case "$stats" in
		*fuzzy* | *untranslated*) fail "$po: $stats" ;;
		*) ok "$po: $stats" ;;
		esac
	done
done

# 2. lint: no untranslated rule text in the default rules
if "$mprisk" lint --rules rules/default --today 2026-11-23 >"$tmp/lint" 2>&1 &&
	! grep -q 'has no translation' "$tmp/lint"; then
	ok "lint: every rule text of rules/default has a Dutch translation"
else
	fail "lint finds untranslated rule texts in rules/default"
	grep 'has no translation' "$tmp/lint" | head -3
fi

# 3. which language: --lang, else LC_ALL, LC_MESSAGES, LANG
sn=examples/proposals/sn-compass.yaml
first() { "$@" 2>&1 | head -1; }
check_lang() { # name, expected first line, command...
	name=$1 want=$2
	shift 2
	got=$(first "$@")
	[ "$got" = "$want" ] && ok "$name" || fail "$name: got '$got'"
}
nl_line="nl-sn-compass (SN laag): voorwaardelijk, voldoet niet; 11 bevindingen over het partnerschap"
en_line="nl-sn-compass (SN low): conditional, does not pass; 11 partnership findings"
check_lang "--lang nl" "$nl_line" "$mprisk" evaluate --rules rules/default --brief --lang nl "$sn"
check_lang "--lang before the command" "$nl_line" "$mprisk" --lang=nl evaluate --rules rules/default --brief "$sn"
check_lang "LANG=nl_NL.UTF-8" "$nl_line" env LANG=nl_NL.UTF-8 "$mprisk" evaluate --rules rules/default --brief "$sn"
check_lang "LC_MESSAGES=nl_NL before LANG=C" "$nl_line" env LANG=C LC_MESSAGES=nl_NL "$mprisk" evaluate --rules rules/default --brief "$sn"
check_lang "LC_ALL=C before LANG=nl" "$en_line" env LANG=nl_NL.UTF-8 LC_ALL=C "$mprisk" evaluate --rules rules/default --brief "$sn"
check_lang "--lang en before LANG=nl" "$en_line" env LANG=nl_NL.UTF-8 "$mprisk" evaluate --rules rules/default --brief --lang en "$sn"
check_lang "LANG=de_DE: English" "$en_line" env LANG=de_DE.UTF-8 "$mprisk" evaluate --rules rules/default --brief "$sn"
check_lang "help in Dutch" "gebruik: mprisk evaluate [OPTIONS] FILE|DIR..." env LANG=nl_NL.UTF-8 "$mprisk" evaluate --help
check_lang "usage error in Dutch" "mprisk evaluate: vereist ten minste één voorstel FILE of DIR (mprisk evaluate --help)" \
	"$mprisk" evaluate --lang nl --rules rules/default
"$mprisk" evaluate --lang fr --rules rules/default "$sn" >"$tmp/out" 2>"$tmp/err"
st=$?
[ "$st" -eq 2 ] && [ ! -s "$tmp/out" ] &&
	[ "$(cat "$tmp/err")" = "mprisk: unknown language 'fr' (--lang en or nl) (mprisk --help)" ] &&
	ok "--lang fr: a usage error" || fail "--lang fr: exit $st, $(cat "$tmp/err")"

# 4. rules without a Dutch translation: English when LANG asks, an error when --lang does
mkdir -p "$tmp/rules" && cp rules/default/*.yaml "$tmp/rules/" && rm "$tmp/rules/nl.yaml"
check_lang "LANG=nl with rules in English only: English" "$en_line" env LANG=nl_NL.UTF-8 "$mprisk" evaluate --rules "$tmp/rules" --brief "$sn"
"$mprisk" evaluate --lang nl --rules "$tmp/rules" --brief "$sn" >"$tmp/out" 2>"$tmp/err"
st=$?
[ "$st" -eq 2 ] && [ ! -s "$tmp/out" ] && grep -qx "mprisk: de regels am-aiv-2026 hebben geen teksten in 'nl' (geen nl.yaml ernaast)" "$tmp/err" &&
	ok "--lang nl with rules in English only: exit 2, one line" || fail "--lang nl without nl.yaml: exit $st"

# 5. JSON: keys, ids, verdicts and exit status the same in both languages
"$mprisk" evaluate --rules rules/default --format json examples/proposals/ >"$tmp/en.json" 2>/dev/null
st_en=$?
"$mprisk" evaluate --rules rules/default --format json --lang nl examples/proposals/ >"$tmp/nl.json" 2>/dev/null
st_nl=$?
if [ "$st_en" -eq "$st_nl" ] && python3 - "$tmp/en.json" "$tmp/nl.json" <<'EOF'
import json, sys
def shape(v):
    if isinstance(v, dict):
        return {k: shape(x) for k, x in v.items()}
    if isinstance(v, list):
        return [shape(x) for x in v]
    return type(v).__name__
a, b = (json.load(open(p)) for p in sys.argv[1:3])
assert shape(a) == shape(b), "the shapes differ"
for x, y in zip(a, b):
    assert x["verdict"] == y["verdict"] and x["passes"] == y["passes"]
    assert [t["id"] for t in x["activities"]] == [t["id"] for t in y["activities"]]
    assert [t["verdict"] for t in x["activities"]] == [t["verdict"] for t in y["activities"]]
    assert [f["rule"] for f in x["findings"]] == [f["rule"] for f in y["findings"]]
EOF
then
	ok "JSON in Dutch: the same keys, ids, verdicts and exit status ($st_nl)"
else
	fail "JSON in Dutch differs in keys, ids, verdicts or exit status ($st_en, $st_nl)"
fi

# 6. the Dutch short answer of every example fits on one screen
"$mprisk" evaluate --rules rules/default --brief --lang nl examples/proposals/*.yaml >"$tmp/brief" 2>&1
lines=$(wc -l <"$tmp/brief")
widest=$(python3 -c 'import sys; print(max(len(l.rstrip("\n")) for l in open(sys.argv[1], encoding="utf-8")))' "$tmp/brief")
[ "$lines" -le 60 ] && [ "$widest" -le 100 ] &&
	ok "evaluate --brief --lang nl examples/proposals/*.yaml: $lines lines, at most $widest characters" ||
	fail "the Dutch short answer: $lines lines, $widest characters wide"

# 7. the library's own messages in Dutch (mpr_error_format_lang): the words
# it puts in translated, what the input said as it was, the place the same
printf 'partnership: {id: x, title: t, country: MA}\nactivities: {}\n' >"$tmp/kind.yaml"
printf 'partnership: {id: x, title: t, country: XX}\nactivities: [{id: a, measure: trade-mission}]\n' >"$tmp/country.yaml"
printf '{"partnership": {"id": "x", "title": "t", "country": "MA"}, "activities": tru}' >"$tmp/word.json"
printf 'partnership: {id: x, title: t, country: MA, colour: red}\nactivities: []\n' >"$tmp/key.yaml"
check_error() { # file, expected message after "FILE:LINE:COL: "
	"$mprisk" evaluate --lang nl --rules rules/default "$1" >"$tmp/out" 2>"$tmp/err"
	st=$?
	got=$(cat "$tmp/err")
	[ "$st" -eq 2 ] && [ ! -s "$tmp/out" ] && [ "$got" = "$1:$2" ] &&
		ok "library message in Dutch: ${2#*: }" || fail "library message in Dutch: exit $st, '$got'"
}
check_error "$tmp/kind.yaml" "2:13: 'activities' moet een lijst zijn, gevonden: een mapping"
check_error "$tmp/country.yaml" "1:41: onbekend land 'XX': de regelset heeft er geen beoordeling van, dus er kan geen besluit worden genomen"
check_error "$tmp/word.json" "1:75: JSON-syntaxis: onbekend woord (de JSON-woorden zijn true, false en null)"
check_error "$tmp/key.yaml" "1:45: onbekende sleutel 'colour' in 'partnership' (toegestaan: id, title, country, description, parties, elements, monitoring, agreements)"
"$mprisk" evaluate --rules rules/default "$tmp/kind.yaml" 2>"$tmp/err" >/dev/null
[ "$(cat "$tmp/err")" = "$tmp/kind.yaml:2:13: 'activities' must be a list, found a mapping" ] &&
	ok "and in English without --lang" || fail "in English: $(cat "$tmp/err")"

# 8. the translation file is part of the rules: the fingerprint covers it, and
# so does a signature (a changed Dutch text is a changed ruleset)
mkdir -p "$tmp/signed" && cp rules/default/*.yaml "$tmp/signed/"
openssl genpkey -algorithm ed25519 -out "$tmp/key.pem" 2>/dev/null &&
	openssl pkey -in "$tmp/key.pem" -pubout -out "$tmp/pub.pem" 2>/dev/null &&
	"$mprisk" sign --key "$tmp/key.pem" "$tmp/signed" >/dev/null 2>&1
before=$("$mprisk" matrix --rules "$tmp/signed" --format json 2>/dev/null | grep -o 'sha256:[0-9a-f]*' | head -1)
"$mprisk" verify --pubkey "$tmp/pub.pem" "$tmp/signed" >/dev/null 2>&1
st_signed=$?
sed -i 's/Marokko/Marokko (gewijzigd)/' "$tmp/signed/nl.yaml"
after=$("$mprisk" matrix --rules "$tmp/signed" --format json 2>/dev/null | grep -o 'sha256:[0-9a-f]*' | head -1)
"$mprisk" verify --pubkey "$tmp/pub.pem" "$tmp/signed" >"$tmp/out" 2>&1
st_changed=$?
[ "$st_signed" -eq 0 ] && [ "$st_changed" -eq 1 ] && [ -n "$before" ] && [ "$before" != "$after" ] &&
	grep -q 'NOT VERIFIED' "$tmp/out" &&
	ok "a changed translation changes the fingerprint and breaks the signature" ||
	fail "a changed translation: verify $st_signed then $st_changed, fingerprint $before -> $after"
