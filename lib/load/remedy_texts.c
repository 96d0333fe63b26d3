/*
 * remedy_texts.c - the remedies whose sentence depends only on the rules
 * (a fixed sentence, a safeguard to declare, an attribute to drop, a
 * partnership element to declare, who must deliver humanitarian support,
 * who must be named as receiving the support),
 * written here and only here: render/text.c prints these sentences, and at
 * load each such remedy is made once as the whole JSON object the JSON
 * output copies ({"kind", "id", "text"}).
 *
 * A one-activity proposal that declares nothing has about twenty remedies
 * (an element for each partnership finding, a safeguard for each one
 * missing). Writing each object and its sentence again for every result was
 * a fifth of mpr_evaluate_json; copying the text made at load is one
 * memcpy. The sentences that depend on the proposal (a frequency, the
 * activity's country, the tier it would take) stay in render/text.c.
 */
#include <stdlib.h>

#include "load/load.h"
#include "load/loader.h"

static const char *const kind_names[MPR_REMEDY_KINDS] = {
	[MPR_REMEDY_IMPOSSIBLE] = "impossible",
	[MPR_REMEDY_ADD_SAFEGUARD] = "add-safeguard",
	[MPR_REMEDY_DROP_ATTRIBUTE] = "drop-attribute",
	[MPR_REMEDY_ADD_ELEMENT] = "add-element",
	[MPR_REMEDY_SET_FREQUENCY] = "set-frequency",
	[MPR_REMEDY_ADD_BODY] = "add-body",
	[MPR_REMEDY_ADD_LOCAL_BODY] = "add-local-body",
	[MPR_REMEDY_ADD_EU_PARTY] = "add-eu-party",
	[MPR_REMEDY_ADD_ACTIVITY] = "add-activity",
	[MPR_REMEDY_COUNTRY_TIER] = "country-tier",
	[MPR_REMEDY_DECLARE_BENEFICIARY] = "declare-beneficiary",
	[MPR_REMEDY_DECLARE_NATIONALS_ONLY] = "declare-nationals-only",
	[MPR_REMEDY_SEPARATE_HUMANITARIAN] = "separate-humanitarian",
	[MPR_REMEDY_NAME_BENEFICIARY] = "name-beneficiary",
	[MPR_REMEDY_DECLARE_AGREEMENTS] = "declare-agreements",
	[MPR_REMEDY_COMPLETE_AGREEMENT] = "complete-agreement",
};

/* The remedies said the same way whatever the proposal and the rules. */
static const char *const fixed_remedy[MPR_REMEDY_KINDS] = {
	[MPR_REMEDY_IMPOSSIBLE] = N_("no change to this proposal can make it pass under these rules"),
	[MPR_REMEDY_SEPARATE_HUMANITARIAN] =
		N_("keep the humanitarian support in the excluded country out of this partnership: "
		   "a separate, humanitarian-only arrangement"),
	[MPR_REMEDY_ADD_BODY] =
		N_("add an independent monitoring body (international organisation, ombudsman)"),
	[MPR_REMEDY_ADD_LOCAL_BODY] = N_("add an independent monitoring body with local access"),
	[MPR_REMEDY_DECLARE_AGREEMENTS] =
		N_("declare concrete agreements (partnership.agreements): for each, who delivers it, "
		   "what, by when, and an indicator with the target it must reach"),
	[MPR_REMEDY_ADD_EU_PARTY] =
		N_("coordinate with European partners (declare eu-coordination, or make the EU a party)"),
	[MPR_REMEDY_ADD_ACTIVITY] =
		// NOLINTNEXTLINE(bugprone-suspicious-missing-comma): one text in two literals
		N_("add components beyond externalisation: the partnership must be broad (no change to "
		   "the listed activities alone can)"),
};

const char *mpr_remedy_kind_name(int kind)
{
	return kind >= 0 && kind < MPR_REMEDY_KINDS ? kind_names[kind] : "impossible";
}

/* ids, "a or b" (in lang). */
static void ids_after(mpr_buf *b, const mpr_lang *lang, const char *const *ids, size_t n)
{
	for (size_t k = 0; k < n; k++)
		mpr_buf_printf(b, "%s%s", k == 0 ? "" : mpr_tr(lang, " or "), ids[k]);
}

/* Only the beneficiaries that deliver to migrants and the independent
 * implementers: "(beneficiary: a or b; implementer: c or d)". */
static void delivering_beneficiaries(mpr_buf *b, const mpr_lang *lang, const mpr_ruleset *rs)
{
	const char *ids[MPR_MAX_SET];
	size_t n = 0;
	for (size_t k = 0; k < rs->n_beneficiaries && n < MPR_MAX_SET; k++)
		if (rs->beneficiaries[k].delivers_to_migrants)
			ids[n++] = rs->beneficiaries[k].n.id;
	mpr_buf_puts(b, mpr_tr(lang, "if the support is delivered to migrants by an independent "
	                             "organisation, declare who receives it and who carries it out "
	                             "(beneficiary: "));
	ids_after(b, lang, ids, n);
	n = 0;
	for (size_t k = 0; k < rs->n_implementers && n < MPR_MAX_SET; k++)
		if (rs->implementers[k].independent)
			ids[n++] = rs->implementers[k].n.id;
	mpr_buf_puts(b, mpr_tr(lang, "; implementer: "));
	ids_after(b, lang, ids, n);
	mpr_buf_puts(b, ")");
}

/* Every beneficiary a proposal may declare that carries no measure's risk. */
static void civilian_beneficiaries(mpr_buf *b, const mpr_lang *lang, const mpr_ruleset *rs)
{
	const char *ids[MPR_MAX_SET];
	size_t n = 0;
	for (size_t k = 0; k < rs->n_beneficiaries && n < MPR_MAX_SET; k++)
		if (rs->beneficiaries[k].carries < 0 && !rs->beneficiaries[k].assumed_tiers)
			ids[n++] = rs->beneficiaries[k].n.id;
	mpr_buf_puts(b, mpr_tr(lang, "name who ends up with the money, equipment or training, if it "
	                             "is none of the security forces (beneficiary: "));
	ids_after(b, lang, ids, n);
	mpr_buf_puts(b, mpr_tr(lang, "): an unnamed one is judged as a security force"));
}

/* The same sentences in a language of the catalogues (lang->program):
 * its formats, the rules' texts in it (the ids as they are). */
static bool sentence_in(mpr_buf *b, const mpr_lang *lang, const mpr_ruleset *rs, int kind,
                        int index)
{
	switch (kind) {
	case MPR_REMEDY_ADD_SAFEGUARD:
		mpr_buf_printf(b, mpr_tr(lang, "declare safeguard %s"), rs->safeguards[index].n.id);
		return true;
	case MPR_REMEDY_DROP_ATTRIBUTE:
		mpr_buf_printf(b,
		               mpr_tr(lang, "drop attribute %s (change the activity so that it no longer "
		                            "applies)"),
		               rs->attributes[index].n.id);
		return true;
	case MPR_REMEDY_ADD_ELEMENT:
		if (rs->elements[index].detail)
			mpr_buf_printf(b, mpr_tr(lang, "declare partnership element %s, stating its %s"),
			               rs->elements[index].n.id,
			               mpr_rule_text(lang, rs->elements[index].detail));
		else
			mpr_buf_printf(b, mpr_tr(lang, "declare partnership element %s"),
			               rs->elements[index].n.id);
		return true;
	case MPR_REMEDY_DECLARE_BENEFICIARY:
		delivering_beneficiaries(b, lang, rs);
		return true;
	case MPR_REMEDY_NAME_BENEFICIARY:
		civilian_beneficiaries(b, lang, rs);
		return true;
	default:
		return false;
	}
}

bool mpr_remedy_sentence(mpr_buf *b, const mpr_lang *lang, const mpr_ruleset *rs, int kind,
                         int index)
{
	if (kind >= 0 && kind < MPR_REMEDY_KINDS && fixed_remedy[kind]) {
		mpr_buf_puts(b, mpr_tr(lang, fixed_remedy[kind]));
		return true;
	}
	if (lang && lang->program)
		return sentence_in(b, lang, rs, kind, index);
	switch (kind) {
	case MPR_REMEDY_ADD_SAFEGUARD:
		mpr_buf_cat(b, "declare safeguard ", rs->safeguards[index].n.id, (const char *)NULL);
		return true;
	case MPR_REMEDY_DROP_ATTRIBUTE:
		mpr_buf_cat(b, "drop attribute ", rs->attributes[index].n.id,
		            " (change the activity so that it no longer applies)",
		            (const char *)NULL);
		return true;
	case MPR_REMEDY_ADD_ELEMENT:
		mpr_buf_cat(b, "declare partnership element ", rs->elements[index].n.id,
		            (const char *)NULL);
		if (rs->elements[index].detail)
			mpr_buf_cat(b, ", stating its ", rs->elements[index].detail, (const char *)NULL);
		return true;
	case MPR_REMEDY_DECLARE_BENEFICIARY:
		delivering_beneficiaries(b, NULL, rs);
		return true;
	case MPR_REMEDY_NAME_BENEFICIARY:
		civilian_beneficiaries(b, NULL, rs);
		return true;
	default:
		return false;
	}
}

/* The id a remedy of these kinds names (NULL: none). */
static const char *id_of(const mpr_ruleset *rs, int kind, int index)
{
	switch (kind) {
	case MPR_REMEDY_ADD_SAFEGUARD: return rs->safeguards[index].n.id;
	case MPR_REMEDY_DROP_ATTRIBUTE: return rs->attributes[index].n.id;
	case MPR_REMEDY_ADD_ELEMENT: return rs->elements[index].n.id;
	default: return NULL;
	}
}

bool mpr_json_remedy_of_rules(mpr_jw *w, const mpr_lang *lang, const mpr_ruleset *rs, int kind,
                              int index)
{
	if (kind < 0 || kind >= MPR_REMEDY_KINDS ||
	    (!fixed_remedy[kind] && kind != MPR_REMEDY_ADD_SAFEGUARD &&
	     kind != MPR_REMEDY_DROP_ATTRIBUTE && kind != MPR_REMEDY_ADD_ELEMENT &&
	     kind != MPR_REMEDY_DECLARE_BENEFICIARY && kind != MPR_REMEDY_NAME_BENEFICIARY))
		return false;
	mpr_jw_object(w, MPR_JW_INLINE);
	MPR_JW_STR(w, "kind", kind_names[kind]);
	const char *id = id_of(rs, kind, index);
	if (id) {
		MPR_JW_STR(w, "id", id);
	}
	MPR_JW_KEY(w, "text");
	size_t start = mpr_jw_text_begin(w);
	mpr_remedy_sentence(w->b, lang, rs, kind, index);
	mpr_jw_text_end(w, start);
	mpr_jw_end(w);
	return true;
}

const char *mpr_remedy_json(const mpr_ruleset *rs, int kind, int index, size_t *len)
{
	const char *json = NULL;
	*len = 0;
	if (kind == MPR_REMEDY_ADD_SAFEGUARD) {
		json = rs->safeguards[index].remedy_json;
		*len = rs->safeguards[index].remedy_json_len;
	} else if (kind == MPR_REMEDY_DROP_ATTRIBUTE) {
		json = rs->attributes[index].remedy_json;
		*len = rs->attributes[index].remedy_json_len;
	} else if (kind == MPR_REMEDY_ADD_ELEMENT) {
		json = rs->elements[index].remedy_json;
		*len = rs->elements[index].remedy_json_len;
	} else if (kind >= 0 && kind < MPR_REMEDY_KINDS) {
		json = rs->remedy_json[kind];
		*len = rs->remedy_json_len[kind];
	}
	return json;
}

/* One remedy made into scratch and kept in the ruleset's arena. */
static int make(loader *L, mpr_buf *scratch, int kind, int index, const char **json, size_t *len)
{
	mpr_jw w;
	mpr_jw_init(&w, scratch, false);
	if (!mpr_json_remedy_of_rules(&w, NULL, L->rs, kind, index))
		return MPR_OK; /* a sentence that depends on the proposal: none to keep */
	return ld_keep_text(L, scratch, json, len);
}

int ld_remedy_texts(loader *L)
{
	mpr_ruleset *rs = L->rs;
	mpr_buf scratch = {0};
	int rc = MPR_OK;
	for (int k = 0; rc == MPR_OK && k < MPR_REMEDY_KINDS; k++)
		if (k != MPR_REMEDY_ADD_SAFEGUARD && k != MPR_REMEDY_DROP_ATTRIBUTE &&
		    k != MPR_REMEDY_ADD_ELEMENT)
			rc = make(L, &scratch, k, -1, &rs->remedy_json[k], &rs->remedy_json_len[k]);
	for (size_t i = 0; rc == MPR_OK && i < rs->n_safeguards; i++)
		rc = make(L, &scratch, MPR_REMEDY_ADD_SAFEGUARD, (int)i, &rs->safeguards[i].remedy_json,
		          &rs->safeguards[i].remedy_json_len);
	for (size_t i = 0; rc == MPR_OK && i < rs->n_attributes; i++)
		rc = make(L, &scratch, MPR_REMEDY_DROP_ATTRIBUTE, (int)i, &rs->attributes[i].remedy_json,
		          &rs->attributes[i].remedy_json_len);
	for (size_t i = 0; rc == MPR_OK && i < rs->n_elements; i++)
		rc = make(L, &scratch, MPR_REMEDY_ADD_ELEMENT, (int)i, &rs->elements[i].remedy_json,
		          &rs->elements[i].remedy_json_len);
	free(scratch.data);
	return rc;
}
