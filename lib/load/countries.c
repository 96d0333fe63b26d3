/*
 * countries.c - the `countries` section, which may be split over several
 * files: each country's indicators with their year and source (Freedom
 * House, V-Dem, treaty statuses, state authority over territory), its
 * migrant-specific context factors with their evidence (R4), an exclusion
 * given beforehand (F2), notes on the data and the date it was assessed.
 * An unknown value is written ~ and counts towards higher risk; every
 * source a value cites must be declared under `sources`. Each country is
 * classified as soon as it is read (classify.c).
 */
#include <string.h>

#include "load/loader.h"

static int treaty_value(sc_ctx *c, const yt_node *map, const char *key, int *out)
{
	const yt_node *v = yt_get(map, key);
	if (!v)
		return sc_fail(c, MPR_ESCHEMA, map,
		               "missing required key '%s' (a year, false, or ~ when unknown)", key);
	if (yt_is_null(v)) {
		*out = MPR_TREATY_UNKNOWN;
		return MPR_OK;
	}
	if (v->kind == YT_SCALAR && v->plain && yt_is(v, "false")) {
		*out = MPR_TREATY_NOT_PARTY;
		return MPR_OK;
	}
	long y;
	int rc = sc_int(c, map, key, true, 1945, 2100, &y, NULL);
	if (rc)
		return sc_fail(c, MPR_ESCHEMA, v,
		               "'%s' must be a year of ratification, false (not a party) or ~ (unknown)",
		               key);
	*out = (int)y;
	return MPR_OK;
}

static int source_ref(loader *L, sc_ctx *c, const yt_node *map, const char **out)
{
	int rc = sc_str(c, map, "source", true, out);
	if (rc)
		return rc;
	for (size_t i = 0; i < L->rs->n_sources; i++)
		if (strcmp(L->rs->sources[i].id, *out) == 0)
			return MPR_OK;
	return sc_fail(c, MPR_EREF, yt_get(map, "source"),
	               "unknown source '%s' (define it under 'sources')", *out);
}

static bool valid_code(const char *s)
{
	return strlen(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

static bool valid_code3(const char *s)
{
	return strlen(s) == 3 && valid_code(s + 1) && s[0] >= 'A' && s[0] <= 'Z';
}

/* A context factor's kind must be one the ruleset names (context_kinds). */
static int context_kind(loader *L, sc_ctx *c, const yt_node *f, int *out)
{
	const char *kind = yt_get(f, "kind")->value;
	*out = mpr_index_find(&L->rs->context_kind_index, kind);
	if (*out < 0)
		return sc_fail(c, MPR_EREF, yt_get(f, "kind"),
		               "unknown context kind '%s' (define it under 'context_kinds')", kind);
	return MPR_OK;
}

/* Who the country is: codes, names, the date it was assessed. */
static int identity(loader *L, sc_ctx *c, const yt_node *it, mpr_country *k)
{
	static const char *const keys[] = {"code", "iso3", "name", "fh_name", "eu_member",
	                                   "assessed", "freedom_house", "vdem", "treaties", "state_authority",
	                                   "context", "excluded", "notes", "justification", NULL};
	int rc;
	if ((rc = sc_map(c, it, "a country", keys)) || (rc = sc_str(c, it, "code", true, &k->n.id)) ||
	    (rc = sc_str(c, it, "name", true, &k->n.name)) ||
	    (rc = sc_date(c, it, "assessed", true, &k->assessed)))
		return rc;
	if (!valid_code(k->n.id))
		return sc_fail(c, MPR_ESCHEMA, yt_get(it, "code"),
		               "'%s' is not an ISO 3166-1 alpha-2 code in capitals (e.g. TN)", k->n.id);
	if ((rc = sc_str(c, it, "iso3", false, &k->iso3)) ||
	    (rc = sc_str(c, it, "fh_name", false, &k->fh_name)) ||
	    (rc = sc_bool(c, it, "eu_member", false, &k->eu_member)))
		return rc;
	if (k->iso3 && !valid_code3(k->iso3))
		return sc_fail(c, MPR_ESCHEMA, yt_get(it, "iso3"),
		               "'%s' is not an ISO 3166-1 alpha-3 code in capitals (e.g. TUN)", k->iso3);
	if (!k->fh_name)
		k->fh_name = k->n.name;
	k->n.at = ld_place(c->file, it);
	k->n.source = k->n.id; /* a country's sources are those of its indicators */
	return ld_entry(L, c, MPR_ENTRY_COUNTRY, k->n.id, it);
}

/* Freedom House: status (~ when unknown), score, edition, source. */
static int freedom_house(loader *L, sc_ctx *c, const yt_node *it, mpr_country *k)
{
	static const char *const fkeys[] = {"status", "score", "edition", "source", NULL};
	mpr_ruleset *rs = L->rs;
	const yt_node *v;
	int rc;
	k->fh_status = -1;
	k->fh_score = -1;
	if (!(v = yt_get(it, "freedom_house")))
		return sc_fail(c, MPR_ESCHEMA, it, "missing required key 'freedom_house'");
	if ((rc = sc_map(c, v, "'freedom_house'", fkeys)) || (rc = source_ref(L, c, v, &k->fh_source)))
		return rc;
	const yt_node *st = yt_get(v, "status");
	if (!st)
		return sc_fail(c, MPR_ESCHEMA, v, "missing required key 'status' (use ~ when unknown)");
	if (!yt_is_null(st) &&
	    (rc = sc_enum(c, v, "status", true, rs->classification.fh_status_names,
	                  rs->classification.n_fh_status, &k->fh_status)))
		return rc;
	long x;
	bool present;
	if ((rc = sc_int(c, v, "edition", true, 1973, 2100, &x, NULL)))
		return rc;
	k->fh_edition = (int)x;
	if (yt_get(v, "score") && !yt_is_null(yt_get(v, "score"))) {
		if ((rc = sc_int(c, v, "score", true, 0, 100, &x, &present)))
			return rc;
		k->fh_score = (int)x;
	}
	return MPR_OK;
}

/* V-Dem: the human rights index (~ when unknown), regime, year, version. */
static int vdem(loader *L, sc_ctx *c, const yt_node *it, mpr_country *k)
{
	static const char *const vkeys[] = {"human_rights_index", "regime", "year", "version",
	                                    "source", NULL};
	const yt_node *v;
	int rc;
	long x;
	k->hri = -1.0;
	k->vdem_regime = -1;
	if (!(v = yt_get(it, "vdem")))
		return sc_fail(c, MPR_ESCHEMA, it, "missing required key 'vdem'");
	if ((rc = sc_map(c, v, "'vdem'", vkeys)) || (rc = source_ref(L, c, v, &k->vdem_source)) ||
	    (rc = sc_int(c, v, "year", true, 1900, 2100, &x, NULL)) ||
	    (rc = sc_str(c, v, "version", true, &k->vdem_version)))
		return rc;
	k->vdem_year = (int)x;
	const yt_node *h = yt_get(v, "human_rights_index");
	if (!h)
		return sc_fail(c, MPR_ESCHEMA, v,
		               "missing required key 'human_rights_index' (use ~ when unknown)");
	if (!yt_is_null(h) && (rc = sc_num(c, v, "human_rights_index", true, 0.0, 1.0, &k->hri, NULL)))
		return rc;
	if (yt_get(v, "regime") && !yt_is_null(yt_get(v, "regime"))) {
		if ((rc = sc_int(c, v, "regime", true, 0, 3, &x, NULL)))
			return rc;
		k->vdem_regime = (int)x;
	}
	return MPR_OK;
}

/* The treaty statuses (F1): a year, false, or ~ when unknown. */
static int treaties(loader *L, sc_ctx *c, const yt_node *it, mpr_country *k)
{
	static const char *const tkeys[] = {"refugee_convention", "refugee_protocol", "cat", "iccpr",
	                                    "source", "refugee_source", NULL};
	mpr_ruleset *rs = L->rs;
	const yt_node *v;
	int rc;
	if (!(v = yt_get(it, "treaties")))
		return sc_fail(c, MPR_ESCHEMA, it, "missing required key 'treaties'");
	if ((rc = sc_map(c, v, "'treaties'", tkeys)) || (rc = source_ref(L, c, v, &k->treaty_source)) ||
	    (rc = treaty_value(c, v, "refugee_convention", &k->treaty[MPR_TREATY_REFUGEE_CONVENTION])) ||
	    (rc = treaty_value(c, v, "refugee_protocol", &k->treaty[MPR_TREATY_REFUGEE_PROTOCOL])) ||
	    (rc = treaty_value(c, v, "cat", &k->treaty[MPR_TREATY_CAT])) ||
	    (rc = treaty_value(c, v, "iccpr", &k->treaty[MPR_TREATY_ICCPR])))
		return rc;
	if (yt_get(v, "refugee_source")) {
		/* refugee_source is a source id, checked like the others */
		const yt_node *rsrc = yt_get(v, "refugee_source");
		if ((rc = sc_scalar_str(c, rsrc, "'refugee_source'", &k->refugee_source)))
			return rc;
		bool found = false;
		for (size_t i = 0; i < rs->n_sources; i++)
			found |= strcmp(rs->sources[i].id, k->refugee_source) == 0;
		if (!found)
			return sc_fail(c, MPR_EREF, rsrc, "unknown source '%s' (define it under 'sources')",
			               k->refugee_source);
	}
	return MPR_OK;
}

/* State authority over territory (F2: a functioning state). */
static int state_authority(loader *L, sc_ctx *c, const yt_node *it, mpr_country *k)
{
	static const char *const akeys[] = {"percent", "year", "version", "source", NULL};
	const yt_node *v = yt_get(it, "state_authority"), *pct;
	int rc;
	long x;
	k->state_authority = -1.0;
	if (!v)
		return MPR_OK;
	if ((rc = sc_map(c, v, "'state_authority'", akeys)) ||
	    (rc = source_ref(L, c, v, &k->state_authority_source)) ||
	    (rc = sc_int(c, v, "year", true, 1900, 2100, &x, NULL)) ||
	    (rc = sc_str(c, v, "version", true, &k->state_authority_version)))
		return rc;
	k->state_authority_year = (int)x;
	if (!(pct = yt_get(v, "percent")))
		return sc_fail(c, MPR_ESCHEMA, v, "missing required key 'percent' (use ~ when unknown)");
	if (!yt_is_null(pct) &&
	    (rc = sc_num(c, v, "percent", true, 0.0, 100.0, &k->state_authority, NULL)))
		return rc;
	return MPR_OK;
}

/* One context factor of country k, with the trace text a floor rule citing
 * it shows (chain refoulement, F3). */
static int context_factor(loader *L, sc_ctx *c, const yt_node *f, mpr_country *k, mpr_context *x)
{
	static const char *const ckeys[] = {"id", "kind", "raise", "evidence", "source", "date",
	                                    "max_age_months", "justification", NULL};
	mpr_ruleset *rs = L->rs;
	long raise, max_age = (long)rs->staleness_months;
	int rc;
	if ((rc = sc_map(c, f, "a context factor", ckeys)) || (rc = sc_id(c, f, "id", &x->id)) ||
	    (rc = ld_rule_id(L, c, x->id, yt_get(f, "id"))) || (rc = sc_id(c, f, "kind", &x->kind)) ||
	    (rc = context_kind(L, c, f, &x->kind_index)) ||
	    (rc = sc_int(c, f, "raise", true, 0, MPR_MAX_TIERS, &raise, NULL)) ||
	    (rc = sc_str(c, f, "evidence", true, &x->evidence)) ||
	    (rc = sc_str(c, f, "source", true, &x->source)) ||
	    (rc = sc_date(c, f, "date", true, &x->date)) ||
	    (rc = sc_int(c, f, "max_age_months", false, 1, 120, &max_age, NULL)) ||
	    (rc = ld_entry(L, c, MPR_ENTRY_CONTEXT, x->id, f)))
		return rc;
	x->raise = (int)raise;
	x->max_age_months = (unsigned)max_age;
	k->context_kinds |= (mpr_set)1 << x->kind_index;
	x->floor_effect = ld_context_floor_effect(&rs->arena, NULL, rs, k, x);
	if (!x->floor_effect)
		return ld_oom(L, c->file, f);
	x->at = ld_place(c->file, f);
	return MPR_OK;
}

/* Migrant-specific context factors (R4), each with its evidence. */
static int context(loader *L, sc_ctx *c, const yt_node *it, mpr_country *k)
{
	const yt_node *v = yt_get(it, "context");
	if (!v)
		return MPR_OK;
	int rc = sc_seq(c, v, "'context'", 1);
	if (rc)
		return rc;
	mpr_context *cx = ld_alloc(L, v->n, sizeof *cx);
	if (!cx)
		return ld_oom(L, c->file, v);
	for (size_t i = 0; i < v->n; i++)
		if ((rc = context_factor(L, c, v->items[i], k, &cx[i])))
			return rc;
	k->context = cx;
	k->n_context = v->n;
	return MPR_OK;
}

/* An exclusion given beforehand (F2), and notes on the data. */
static int exclusion_and_notes(loader *L, sc_ctx *c, const yt_node *it, mpr_country *k)
{
	static const char *const xkeys[] = {"reason", "source", NULL};
	const yt_node *v;
	int rc;
	if ((v = yt_get(it, "excluded")) &&
	    ((rc = sc_map(c, v, "'excluded'", xkeys)) ||
	     (rc = sc_str(c, v, "reason", true, &k->excluded)) ||
	     (rc = sc_str(c, v, "source", true, &k->excluded_source))))
		return rc;
	if (!(v = yt_get(it, "notes")))
		return MPR_OK;
	if ((rc = sc_seq(c, v, "'notes'", 0)))
		return rc;
	const char **notes = ld_alloc(L, v->n, sizeof *notes);
	if (!notes)
		return ld_oom(L, c->file, v);
	for (size_t i = 0; i < v->n; i++)
		if ((rc = sc_scalar_str(c, v->items[i], "a note", &notes[i])))
			return rc;
	k->notes = notes;
	k->n_notes = v->n;
	return MPR_OK;
}

/* One country: read in the order of its keys' checks, then classified. */
static int country(loader *L, sc_ctx *c, const yt_node *it, mpr_country *k)
{
	int rc;
	if ((rc = identity(L, c, it, k)) || (rc = freedom_house(L, c, it, k)) ||
	    (rc = vdem(L, c, it, k)) || (rc = treaties(L, c, it, k)) ||
	    (rc = state_authority(L, c, it, k)) || (rc = context(L, c, it, k)) ||
	    (rc = exclusion_and_notes(L, c, it, k)))
		return rc;
	return mpr_classify_country(L->rs, k, L->err);
}

/* One country entry, after those read before it. */
static int country_item(loader *L, sc_ctx *c, const yt_node *it, void *items, size_t i)
{
	mpr_country *countries = items, *co = &countries[i];
	int rc = country(L, c, it, co);
	if (rc)
		return rc;
	for (size_t j = 0; j < i; j++)
		if (strcmp(countries[j].n.id, co->n.id) == 0)
			return sc_fail(c, MPR_EREF, yt_get(it, "code"),
			               "duplicate country '%s' (first defined at %s:%u:%u)", co->n.id,
			               countries[j].n.at.file, countries[j].n.at.line,
			               countries[j].n.at.column);
	return MPR_OK;
}

const ld_items ld_country_items = {.size = sizeof(mpr_country), .item = country_item,
                                   .if_none = "the ruleset defines no country"};
