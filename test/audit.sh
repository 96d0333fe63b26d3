#!/bin/sh
# The audit workflow end to end: the shipped example rule changes are
# applied to copies of rules/default, `mprisk diff --check` must accept the
# tightening and the justified loosening and refuse the unjustified one, and
# a sealed decision log of the example proposals (written now, its times
# fixed by test/logtool.py) must replay unchanged under rules/default and
# show the differences under the tightened rules; the shipped unsealed log
# of mprisk 0.1 (test/golden/decisions.log) replays as legacy records, and
# shows what the rules added since would change in them (Rec. 1: the
# proposals of 0.1 declared no concrete agreements).
# Outputs are pinned in test/golden/. Prints "ok ..." or "FAIL ..." per check.
set -u
build=$1
mode=${2:-check}
cd "$(dirname "$0")/.." || exit 2
mprisk="$build/mprisk"
dir=build/rule-changes # fixed, so that paths in the output are the same for every build
out=$(mktemp)
trap 'rm -f "$out" "$out.log"' EXIT
rm -rf "$dir" && mkdir -p "$dir"
for change in examples/rule-changes/*.patch; do
	name=$(basename "$change" .patch)
	cp -r rules/default "$dir/$name"
	if ! patch -s -d "$dir/$name" -p1 <"$change"; then
		echo "FAIL $change does not apply to rules/default"
	fi
done

golden() { # NAME EXPECTED_EXIT ARGS...
	name=$1 want=$2
	shift 2
	"$mprisk" "$@" >"$out" 2>&1
	st=$?
	if [ "$mode" = update ]; then
		cp "$out" "test/golden/$name"
		echo "updated $name"
	elif [ "$st" -ne "$want" ]; then
		echo "FAIL $name: exit $st, expected $want (mprisk $*)"
		head -5 "$out"
	elif ! diff -u "test/golden/$name" "$out"; then
		echo "FAIL $name: output differs (mprisk $*)"
	else
		echo "ok $name"
	fi
}

golden diff-tighten.txt 0 diff --check rules/default "$dir/tighten-high-low-monitoring"
golden diff-loosen-unjustified.txt 1 diff --check rules/default "$dir/loosen-medium-high-unjustified"
golden diff-loosen-justified.txt 0 diff --check rules/default "$dir/loosen-medium-high-justified"
golden diff-none.txt 0 diff --check rules/default rules/default
# a sealed log whose bytes do not depend on when the test runs
sealed=build/rule-changes/decisions.log
rm -f "$sealed"
"$mprisk" evaluate --rules rules/default --log "$sealed" examples/proposals/*.yaml >/dev/null
python3 test/logtool.py retime "$sealed" 2026-11-30T12:00:00Z
golden replay-same.txt 0 replay --rules rules/default "$sealed"
golden replay-tighten.txt 1 replay --rules "$dir/tighten-high-low-monitoring" "$sealed"
golden replay-legacy.txt 1 replay --rules rules/default test/golden/decisions.log

# the JSON diff lists every changed decision with its label
"$mprisk" diff --format json rules/default "$dir/loosen-medium-high-unjustified" >"$out"
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["loosening"] == len(d["decisions"]) == d["unjustified"] > 0 and all(x["label"] == "loosening" for x in d["decisions"])' "$out"; then
	echo "ok diff json"
else
	echo "FAIL diff json: not valid, or the loosenings are not all listed"
fi

# --log appends one JSON line per proposal, and appending again adds more
rm -f "$out.log"
"$mprisk" evaluate --rules rules/default --log "$out.log" examples/proposals/*.yaml >/dev/null
"$mprisk" evaluate --rules rules/default --log "$out.log" examples/proposals/ma-action-plan.yaml >/dev/null
n=$(ls examples/proposals/*.yaml | wc -l)
if [ "$(wc -l <"$out.log")" -eq $((n + 1)) ] &&
	python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$out.log" &&
	"$mprisk" replay --rules rules/default "$out.log" >/dev/null; then
	echo "ok decision log"
else
	echo "FAIL decision log: records missing, not JSON lines, or not replaying"
fi

# R9: a record holds the experience its decisions used, and replay decides
# with it again; an experience altered under its sha256 is tampering, and so
# is one dropped and resealed (the decision made again differs)
rm -f "$out.log"
"$mprisk" evaluate --rules rules/default --experience examples/monitoring/eg-structural.yaml \
	--as-of 2027-09-30 --log "$out.log" examples/proposals/eg-strategic-partnership.yaml >/dev/null
if python3 -c 'import json,sys; r=json.loads(open(sys.argv[1]).read()); (x,)=r["experience"]; assert x["file"]=="<experience as of 2027-09-30>" and x["sha256"].startswith("sha256:") and x["encoding"]=="utf-8" and "eg-2027-06-2" in x["text"]' "$out.log" &&
	"$mprisk" replay --rules rules/default "$out.log" >"$out" && grep -q ': 0 would now be decided differently' "$out"; then
	echo "ok a decision with experience is recorded with it and replays the same"
else
	echo "FAIL replay with experience"
fi
# edit the record's line and seal it again, as one who can write the log can
reseal() {
	python3 - "$@" <<'PY'
import hashlib, sys
line = open(sys.argv[1], encoding="utf-8").read().rstrip("\n")
old, new = sys.argv[3], sys.argv[4]
assert old in line
line = line.replace(old, new, 1)
body = line[:line.rindex(', "seal": "')]
open(sys.argv[2], "w", encoding="utf-8").write(
    body + ', "seal": "sha256:' + hashlib.sha256(body.encode()).hexdigest() + '"}\n')
PY
}
reseal "$out.log" "$out.bad" 'inhuman-detention\", \"severity\": \"structural' 'inhuman-detention\", \"severity\": \"isolated'
"$mprisk" replay --rules rules/default "$out.bad" >"$out"
[ $? -eq 3 ] && grep -q 'TAMPERED: its experience (R9) does not match the recorded sha256 of the experience' "$out" &&
	echo "ok replay reports an experience altered under its sha256 as tampering" ||
	echo "FAIL replay of an altered experience: $(cat "$out")"
python3 -c 'import sys; l=open(sys.argv[1]).read(); a=l.index("\"experience\": ["); b=l.index("], \"decision\": "); print(l[a:b+1])' \
	"$out.log" >"$out.exp"
reseal "$out.log" "$out.bad" "$(cat "$out.exp")" '"experience": []'
"$mprisk" replay --rules rules/default "$out.bad" >"$out"
[ $? -eq 3 ] && grep -q 'TAMPERED: it does not match its own input' "$out" && grep -q 'prospects-reception' "$out" &&
	echo "ok a record whose experience was dropped and resealed does not match its own input" ||
	echo "FAIL replay without the experience: $(cat "$out")"

# two processes appending to one log at the same time: no record is torn
rm -f "$out.log"
for writer in 1 2; do
	(for i in 1 2 3 4 5 6 7 8 9 10; do
		"$mprisk" evaluate --rules rules/default --log "$out.log" examples/proposals/*.yaml >/dev/null
	done) &
done
wait
if [ "$(wc -l <"$out.log")" -eq $((2 * 10 * n)) ] &&
	python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$out.log" &&
	"$mprisk" replay --rules rules/default "$out.log" >"$out" 2>&1; then
	echo "ok concurrent decision log: every record whole, one unbroken chain"
else
	echo "FAIL concurrent decision log: torn or missing records, or a broken chain"
	tail -3 "$out"
fi

# a UTF-16 proposal (PowerShell's default) is decided, recorded and replayed
# as the UTF-8 text it stands for: the record keeps that text, its sha256 is
# that text's, and replay decides it again unchanged
rm -f "$out.log"
python3 - "$dir" <<'PY'
import codecs, json, sys
yaml = open("examples/proposals/sn-compass.yaml", encoding="utf-8").read()
doc = json.dumps({"partnership": {"id": "p", "country": "MA", "title": "Côte d’Ivoire 😀"},
                  "activities": [{"id": "a", "measure": "trade-mission"}]}, ensure_ascii=False)
for name, text, bom, enc in [("u16le.yaml", yaml, codecs.BOM_UTF16_LE, "utf-16-le"),
                             ("u16le.json", doc, codecs.BOM_UTF16_LE, "utf-16-le"),
                             ("u16be.json", doc, codecs.BOM_UTF16_BE, "utf-16-be")]:
    open(f"{sys.argv[1]}/{name}", "wb").write(bom + text.encode(enc))
    open(f"{sys.argv[1]}/{name}.utf8", "w", encoding="utf-8").write(text)
PY
"$mprisk" evaluate --rules rules/default --log "$out.log" "$dir/u16le.yaml" "$dir/u16le.json" \
	"$dir/u16be.json" >/dev/null
if python3 - "$out.log" "$dir" <<'PY' &&
import hashlib, json, sys
recs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert len(recs) == 3
for rec, name in zip(recs, ["u16le.yaml", "u16le.json", "u16be.json"]):
    text = open(f"{sys.argv[2]}/{name}.utf8", encoding="utf-8").read()
    assert rec["input"]["text"] == text, name
    assert rec["input"]["encoding"] == "utf-8", name
    want = "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert rec["input"]["sha256"] == want, name
PY
	"$mprisk" replay --rules rules/default "$out.log" >"$out" &&
	grep -q '^3 records replayed .*: 0 would now be decided differently (0 changes), 0 tampered with, 0 unreadable$' "$out"; then
	echo "ok UTF-16 proposals: recorded as their UTF-8 text and replayed unchanged"
else
	echo "FAIL UTF-16 proposals: record not faithful or not replayed"
	cat "$out"
fi
