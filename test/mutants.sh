#!/bin/sh
# Deliberate bugs the fast suite must catch (mutation testing by hand).
#
#   test/mutants.sh            every mutant below
#   test/mutants.sh NAME...    only these
#   test/mutants.sh --list     the mutants, without running them
#   test/mutants.sh --check    only that each mutant still applies: its text
#                              occurs once in its file (a second; make check
#                              runs it, so that code that moves takes its
#                              mutant along)
#
# The counts of `make check` say how many checks passed, not whether the
# checks can fail. Each mutant here is one small bug of the kind that would
# let a wrong decision or a forged output through (a floor rule ignored, a
# tier off by one, a condition inverted, escaping removed, a changed verdict
# not reported). Each is applied in turn to a scratch copy of the working
# tree (a temporary directory; the working tree itself is never touched),
# the copy is rebuilt, and the fast suite (`make test-fast`: unit tests,
# rule tests, golden, bad inputs, hostile text in every output format,
# audit, records, import, the command line, the languages (test/i18n.sh)
# and the report's page; no
# sanitizer build, no browser, no valgrind) runs against it. A mutant that
# no step catches has survived: the tests are too weak there, and the fix
# is a stronger test, never a weaker mutant.
#
# Prints a table (mutant, file, what it breaks, caught by which steps) and
# exits 1 if a mutant survived, no longer applies (the code it changes has
# moved: update its text), or does not build. Not part of `make check`,
# but for --check (docs/security.md). KEEP=1 keeps the scratch copy and its
# logs.
set -u
cd "$(dirname "$0")/.." || exit 2
root=$PWD
list=no
case "${1:-}" in
--list) list=yes && shift ;;
--check) list=check && shift ;;
esac
selected=" $* "
unapplied=0

if [ "$list" = no ]; then
	scratch=$(mktemp -d /tmp/mprisk-mutants-XXXXXX)
	if [ "${KEEP:-}" = 1 ]; then
		trap 'echo "scratch copy kept: $scratch"' EXIT
	else
		trap 'rm -rf "$scratch"' EXIT
	fi
	trap 'exit 130' INT TERM # so that an interrupted run removes its copy too
	# the working tree as it is (committed or not), without builds, git or
	# the browser tests' node modules (the fast suite needs none of them)
	tar -C "$root" --exclude=./build --exclude=./.git --exclude=./test/web/node_modules -cf - . |
		tar -C "$scratch" -xf - || exit 2
	mkdir -p "$scratch/.mutants"
	rows=$scratch/.mutants/rows
	: >"$rows"
	start=$(date +%s)
	if ! (cd "$scratch" && make -s -j2 test-fast) >"$scratch/.mutants/baseline.log" 2>&1; then
		echo "the fast suite fails without any mutant; fix that first:"
		grep -E '^FAIL|passed, ' "$scratch/.mutants/baseline.log"
		exit 1
	fi
	echo "baseline: $(tail -1 "$scratch/.mutants/baseline.log") in $(($(date +%s) - start)) s (make test-fast)"
fi

# mutant NAME FILE WHAT OLD NEW: replace the one occurrence of OLD in FILE
# by NEW, rebuild, run the fast suite, note which steps failed, restore FILE
mutant() {
	name=$1 file=$2 what=$3 old=$4 new=$5
	case "$selected" in "  " | *" $name "*) ;; *) return 0 ;; esac
	if [ "$list" = yes ]; then
		printf '%-32s %-28s %s\n' "$name" "$file" "$what"
		return 0
	fi
	if [ "$list" = check ]; then
		n=$(python3 -c 'import sys
print(open(sys.argv[1], encoding="utf-8").read().count(sys.argv[2]))' "$root/$file" "$old" 2>/dev/null)
		if [ "${n:-0}" = 1 ]; then
			echo "ok mutant $name applies to $file"
		else
			echo "FAIL mutant $name: its text occurs ${n:-0} times in $file, not once: the code moved, so update the mutant in test/mutants.sh (same bug, new text) and run sh test/mutants.sh $name"
			unapplied=$((unapplied + 1))
		fi
		return 0
	fi
	log=$scratch/.mutants/$name.log
	t0=$(date +%s)
	cp "$scratch/$file" "$scratch/.mutants/original"
	if ! python3 -c 'import sys
path, old, new = sys.argv[1:]
text = open(path, encoding="utf-8").read()
if text.count(old) != 1:
    sys.exit(f"{path}: the text to change occurs {text.count(old)} times, not once")
open(path, "w", encoding="utf-8").write(text.replace(old, new))' \
		"$scratch/$file" "$old" "$new" >"$log" 2>&1; then
		caught="DOES NOT APPLY: $(cat "$log")"
	elif ! (cd "$scratch" && make -s -j2 all >/dev/null 2>"$log.build"); then
		caught="DOES NOT BUILD (see $log.build)"
	else
		(cd "$scratch" && make -s -j2 test-fast) >"$log" 2>&1
		# the steps that failed: test/run.sh's own lines "FAIL STEP: ..."
		caught=$(sed -n 's/^FAIL \([^ :]*\):.*/\1/p' "$log" | sed 's|^build/||; s|^test/||' |
			sort -u | tr '\n' ' ' | sed 's/ $//; s/ /, /g')
		[ -z "$caught" ] && caught="SURVIVED"
	fi
	cp "$scratch/.mutants/original" "$scratch/$file"
	printf '%s\t%s\t%s\t%s\n' "$name" "$file" "$what" "$caught" >>"$rows"
	printf '%-32s %s (%s s)\n' "$name" "$caught" "$(($(date +%s) - t0))"
}

# --- decide: one decision -------------------------------------------------
mutant floor-first-ignored lib/decide/decide.c \
	"the first floor rule (F2-excluded-country) is never checked" \
	'for (size_t i = 0; i < rs->n_floor; i++) {' \
	'for (size_t i = 1; i < rs->n_floor; i++) {'
mutant cell-tier-off-by-one lib/decide/decide.c \
	"the matrix cell is read one measure tier too low (C1-C4)" \
	'const mpr_cell *cell = &rs->cells[c->tier][tier];' \
	'const mpr_cell *cell = &rs->cells[c->tier][tier > 0 ? tier - 1 : 0];'
mutant missing-one-uncounted lib/decide/decide.c \
	"one missing safeguard (the first) is not counted as missing" \
	'd->missing = d->required & ~declared;' \
	'd->missing = (d->required & ~declared) & ((d->required & ~declared) - 1);'
# --- decide: substance over label (beneficiaries, transfers) ---------------
mutant security-force-risk-ignored lib/decide/decide.c \
	"support to a security force no longer carries the risk of the measure it names" \
	'if (ben->carries >= 0)' \
	'if (ben->carries >= 0 && 0)'
mutant nationals-only-inverted lib/decide/decide.c \
	"nationals_only inverted: a return of third-country nationals no longer transfers (F3 chain refoulement)" \
	'(m->transfers == MPR_TRANSFERS_UNLESS_NATIONALS && !s->nationals_only);
	if (d->transfers &&' \
	'(m->transfers == MPR_TRANSFERS_UNLESS_NATIONALS && s->nationals_only);
	if (d->transfers &&'
mutant humanitarian-by-label lib/decide/decide.c \
	"a humanitarian measure is humanitarian whoever receives it (F2, F5 exceptions by label)" \
	'if (!m->humanitarian || !rs->beneficiaries[r.who].delivers_to_migrants)' \
	'if (!m->humanitarian)'
mutant implementer-independence-ignored lib/decide/decide.c \
	"humanitarian support is humanitarian whoever carries it out (a government, not only an independent UN agency or NGO: F2, F5 exceptions)" \
	'd->humanitarian = s->implementer >= 0 && rs->implementers[s->implementer].independent;' \
	'd->humanitarian = s->implementer >= 0;'
mutant security-force-partner-safer lib/decide/decide.c \
	"support to a security force, or a return, is judged in the safer of the activity's and the partner's country, not the riskier" \
	'return mpr_country_riskier(k, s->partner, s->country) ? s->partner : s->country;' \
	'return mpr_country_riskier(k, s->country, s->partner) ? s->partner : s->country;'
mutant evacuation-from-low-risk lib/decide/decide.c \
	"an evacuation from a low-risk country counts as one from a place of danger, if riskier than the hub (a return hub by another name)" \
	'(from->excluded || from->tier >= m->evacuation_tier) &&' \
	'(1 || from->tier >= m->evacuation_tier) &&'
# --- decide: partnership rules ----------------------------------------------
mutant m1-local-access-ignored lib/decide/partnership.c \
	"M1: an independent body without local access counts as one with it" \
	'return !p->independent_local;' \
	'return !p->independent;'
mutant p6-bilateral-inverted lib/decide/partnership.c \
	"P6 inverted: a partnership with an EU party is the bilateral one" \
	'if (pr->bilateral == 1 && p->eu_party)' \
	'if (pr->bilateral == 1 && !p->eu_party)'
mutant f2-humanitarian-only-inverted lib/decide/partnership.c \
	"F2-humanitarian-only: humanitarian activities are what an excluded country's partnership may not contain" \
	'humanitarian |= a.humanitarian == (pr->any_humanitarian == 1);' \
	'humanitarian |= a.humanitarian != (pr->any_humanitarian == 1);'
# --- load: the framework's invariants ----------------------------------------
mutant c1-top-cell-not-checked lib/load/matrix.c \
	"C1: a high x high cell that is merely conditional loads (only a prohibited one is refused)" \
	'if (tt->verdict != MPR_NO_GO)' \
	'if (tt->verdict > MPR_NO_GO)'
mutant c3-milder-verdict-loads lib/load/matrix.c \
	"C3: a cell of higher risk with a milder verdict than one of lower risk loads" \
	'if (higher->verdict < lower->verdict) {' \
	'if (higher->verdict < lower->verdict && 0) {'
mutant c3-lighter-monitoring-loads lib/load/matrix.c \
	"C3: a cell of higher risk with a lighter monitoring level loads" \
	'} else if (higher->monitoring < lower->monitoring) {' \
	'} else if (higher->monitoring < lower->monitoring && 0) {'
mutant c3-lighter-suspension-loads lib/load/matrix.c \
	"C3: a cell of higher risk with a lighter suspension mechanism loads" \
	'} else if (higher->suspension < lower->suspension) {' \
	'} else if (higher->suspension < lower->suspension && 0) {'
# --- escaping in every output format -----------------------------------------
mutant json-quote-raw lib/util/json.c \
	"JSON: a double quote inside a string is written raw" \
	'*used = 1;' \
	"*used = 1; if (cp == '\"') { e[0] = '\"'; return 1; }"
mutant json-control-raw lib/util/json.c \
	"JSON: a control character (other than \\n \\t \\r) inside a string is written raw" \
	'/* every hidden character is below U+10000 */' \
	'if (cp < 0x20) { e[0] = (char)cp; return 1; }'
mutant text-newline-raw lib/util/text.c \
	"text, markdown, HTML and messages: a line break in input text is written raw, so a name can forge a line (F9)" \
	'mpr_sink_put(out, e, 2);' \
	"mpr_sink_put(out, cp == '\\n' ? \"\\n\" : e, cp == '\\n' ? 1 : 2);"
mutant text-bidi-raw lib/util/text.c \
	"text, markdown, HTML and messages: C1 controls, line separators and bidi controls (U+202E) are written raw" \
	'escape_one(out, len ? cp : u[i], len == 0);' \
	'if (len && cp > 0x7F) mpr_sink_text(out, s + i, len); else escape_one(out, len ? cp : u[i], len == 0);'
mutant markdown-pipe-raw lib/render/markdown.c \
	"markdown: a | in a name is written raw, so it ends the table cell and shifts the verdict counts" \
	'strchr("\\|<>&[]`*_~", shown.data[k])' \
	'strchr("\\<>&[]`*_~", shown.data[k])'
mutant markdown-lt-raw lib/render/markdown.c \
	"markdown: < in a name is written raw, so the rendered table can hold HTML from the input" \
	'mpr_buf_puts(b, "&lt;");' \
	'mpr_buf_puts(b, "<");'
mutant html-lt-raw lib/render/html_text.c \
	"HTML: < is written raw, so input text can open elements" \
	'{"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"}' \
	'{"&amp;", "<", "&gt;", "&quot;", "&#39;"}'
mutant html-quote-raw lib/render/html_text.c \
	"HTML: a double quote is written raw, so text in an attribute can add attributes" \
	'{"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"}' \
	'{"&amp;", "&lt;", "&gt;", "\"", "&#39;"}'
mutant html-amp-raw lib/render/html_text.c \
	"HTML: & is written raw, so text that spells a reference shows as another character" \
	'{"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"}' \
	'{"&", "&lt;", "&gt;", "&quot;", "&#39;"}'
# --- replay -------------------------------------------------------------------
mutant replay-verdict-ignored lib/audit/summary.c \
	"replay: an activity whose verdict alone changed is not reported" \
	'if (!same(w->verdict, n->verdict))' \
	'if (!same(w->verdict, n->verdict) && 0)'
mutant replay-overall-verdict-ignored lib/audit/summary.c \
	"replay: a proposal whose overall verdict changed, but not whether it passes, is not reported" \
	'if (!same(was->verdict, now->verdict) || was->passes != now->passes)' \
	'if (was->passes != now->passes)'

[ "$list" = yes ] && exit 0
[ "$list" = check ] && exit $((unapplied != 0))

# the table, aligned, as Markdown
echo
awk -F '\t' '
	# a | in a cell would end it: written \| (a cell of the table, escaped)
	{ for (i = 1; i <= 4; i++) { c = $i; gsub(/\|/, "\\|", c); cell[NR, i] = c; if (length(c) > w[i]) w[i] = length(c) } }
	END {
		h[1] = "mutant"; h[2] = "file"; h[3] = "what it breaks"; h[4] = "caught by"
		for (i = 1; i <= 4; i++) if (length(h[i]) > w[i]) w[i] = length(h[i])
		for (i = 1; i <= 4; i++) printf "| %-*s ", w[i], h[i]; print "|"
		for (i = 1; i <= 4; i++) { printf "|"; for (k = 0; k < w[i] + 2; k++) printf "-" } print "|"
		for (r = 1; r <= NR; r++) {
			for (i = 1; i <= 4; i++) printf "| %-*s ", w[i], cell[r, i]
			print "|"
		}
	}' "$rows"
n=$(wc -l <"$rows")
bad=$(cut -f4 "$rows" | grep -c -E '^(SURVIVED|DOES NOT)')
echo
echo "$((n - bad)) of $n mutants caught by the fast suite, $bad not, in $(($(date +%s) - start)) s"
[ "$n" -gt 0 ] && [ "$bad" -eq 0 ]
