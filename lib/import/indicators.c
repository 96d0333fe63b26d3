/*
 * indicators.c - refresh the country indicators of a ruleset from the
 * published tables (mpr_indicators_import; docs/countries.md).
 *
 * The rule files are edited as text, not re-emitted from a tree: only the
 * values that change are replaced, at the positions libyaml reports
 * (input/edit.c), so comments, layout, context factors, notes and sources
 * stay as their authors wrote them, and the change reads as a small diff
 * in review. Nothing is written until the edited ruleset has loaded and
 * classified every country; the report then shows what changed, per
 * country and as the decisions that change (the view of mpr_diff).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/import.h"
#include "input/schema.h"
#include "load/load.h"
#include "util/dirswap.h"
#include "util/date.h"
#include "util/error.h"

static const tbl_measure hri_measure = {"human rights index", "0", "1", false};
static const tbl_measure regime_measure = {"political regime", "0", "3", true};
static const tbl_measure territory_measure = {"state authority over territory", "0", "100",
                                              false};

static const mpr_country *old_country(const import *im, const char *code)
{
	int i = mpr_index_find(&im->old->country_index, code);
	return i < 0 ? NULL : &im->old->countries[i];
}

/* The ASCII digits at p as a number (saturating), *end after them. */
static unsigned long digits(const char *p, const char **end)
{
	unsigned long v = 0;
	for (; *p >= '0' && *p <= '9'; p++)
		v = v <= (ULONG_MAX - 9) / 10 ? v * 10 + (unsigned long)(*p - '0') : ULONG_MAX;
	*end = p;
	return v;
}

/* "v15" < "v16", "v15.1" < "v16": false when either is not of that form. */
static bool version_older(const char *a, const char *b)
{
	unsigned long x[2] = {0, 0}, y[2] = {0, 0};
	const char *v[2] = {a, b};
	unsigned long *out[2] = {x, y};
	for (int k = 0; k < 2; k++) {
		const char *p = v[k];
		if (*p != 'v' || !(p[1] >= '0' && p[1] <= '9'))
			return false;
		const char *end;
		out[k][0] = digits(p + 1, &end);
		if (*end == '.' && end[1] >= '0' && end[1] <= '9')
			out[k][1] = digits(end + 1, &end);
		if (*end)
			return false;
	}
	return x[0] < y[0] || (x[0] == y[0] && x[1] < y[1]);
}

/* The text of a value in the rules as written, or "unknown". */
static const char *old_text(const yt_node *map, const char *key)
{
	const yt_node *v = map ? yt_get(map, key) : NULL;
	return v && v->kind == YT_SCALAR && !yt_is_null(v) ? v->value : "unknown";
}

static int import_fh(import *im, yt_edits *fe, const yt_node *entry, const mpr_country *k,
                     bool *refreshed)
{
	mpr_buf *r = &im->report;
	tbl_pick p;
	int rc = tbl_find(&im->fh, k->fh_name, NULL, &p, im->err);
	if (rc != MPR_OK)
		return rc;
	if (!p.row || p.edition < k->fh_edition) {
		if (!p.row)
			mpr_buf_printf(r, " Freedom House: no row for '%s' (kept %d);", k->fh_name,
			               k->fh_edition);
		else
			mpr_buf_printf(r, " Freedom House: the latest row for '%s' is of edition %ld, older "
			                  "than the rules' %d (kept);",
			               k->fh_name, p.edition, k->fh_edition);
		im->kept++;
		*refreshed = false;
		return MPR_OK;
	}
	const yt_node *m = yt_get(entry, "freedom_house");
	const char *status = p.status ? p.status : "~";
	bool known = !p.status;
	for (size_t i = 0; !known && i < im->old->classification.n_fh_status; i++)
		known = strcmp(im->old->classification.fh_status_names[i], p.status) == 0;
	if (!known) { /* a ruleset whose classification names other statuses */
		const csv_field *f = &p.row->fields[im->fh.c_status];
		return mpr_fail(im->err, MPR_ESCHEMA, im->fh.path, f->line, f->column,
		                "Status of '%s' is %s, which the rules' classification does not name",
		                k->fh_name, p.status);
	}
	char edition[24], id[64];
	snprintf(edition, sizeof edition, "%ld", p.edition);
	snprintf(id, sizeof id, "fh-%ld", p.edition);
	if ((rc = yt_edits_set(fe, m, "status", status, im->err)) ||
	    (rc = yt_edits_set(fe, m, "score", p.score, im->err)) ||
	    (rc = yt_edits_set(fe, m, "edition", edition, im->err)) ||
	    (rc = yt_edits_set(fe, m, "source", id, im->err)))
		return rc;
	import_use_source(im, id, SOURCE_FH, p.edition);
	const char *old_status =
	    k->fh_status < 0 ? "unknown" : im->old->classification.fh_status_names[k->fh_status];
	mpr_buf_printf(r, " Freedom House %d %s %s -> %ld %s %s", k->fh_edition, old_status,
	               old_text(m, "score"), p.edition, p.status ? p.status : "unknown",
	               p.score[0] == '~' ? "unknown" : p.score);
	if (p.edition < im->fh.newest) {
		mpr_buf_printf(r, " (no row in edition %ld, the table's newest: renamed? check fh_name)",
		               im->fh.newest);
		*refreshed = false;
	}
	mpr_buf_puts(r, ";");
	return MPR_OK;
}

/* Whether a year and version from a table are older than those in the
 * rules: such a value is not written (the rules would go back in time). */
static bool older(const import *im, long year, int old_year, const char *old_version)
{
	return year < old_year ||
	       (year == old_year && old_version && version_older(im->src->vdem_version, old_version));
}

/* A value taken from an OWID table: the country is refreshed only when it
 * is of the table's newest year. Ends the table's part of the report. */
static int newest_or_not(import *im, long year, const tbl *t, bool *refreshed)
{
	if (year < t->newest) {
		mpr_buf_printf(&im->report, " (no value for %ld, the table's newest year)", t->newest);
		*refreshed = false;
	}
	mpr_buf_puts(&im->report, ";");
	return MPR_OK;
}

static int import_vdem(import *im, yt_edits *fe, const yt_node *entry, const mpr_country *k,
                       bool *refreshed)
{
	mpr_buf *r = &im->report;
	const char *who = k->iso3 ? k->iso3 : k->n.name;
	tbl_pick h, g;
	int rc = tbl_find(&im->hri, k->n.name, k->iso3, &h, im->err);
	if (rc == MPR_OK && im->src->regime)
		rc = tbl_find(&im->regime, k->n.name, k->iso3, &g, im->err);
	if (rc != MPR_OK)
		return rc;
	if (!h.row || older(im, h.edition, k->vdem_year, k->vdem_version)) {
		if (!h.row)
			mpr_buf_printf(r, " V-Dem: no value for %s (kept %s %d);", who, k->vdem_version,
			               k->vdem_year);
		else
			mpr_buf_printf(r, " V-Dem: the latest value for %s is %s (%ld), older than the "
			                  "rules' %s (%d) (kept);",
			               who, im->src->vdem_version, h.edition, k->vdem_version, k->vdem_year);
		im->kept++;
		*refreshed = false;
		return MPR_OK;
	}
	/* the regime is kept only where it is of the same year and version;
	 * otherwise unknown rather than relabelled */
	char regime[48] = "~";
	if (im->src->regime && g.row && g.edition == h.edition)
		snprintf(regime, sizeof regime, "%s", g.value);
	else if (!im->src->regime && k->vdem_regime >= 0 && h.edition == k->vdem_year &&
	         strcmp(im->src->vdem_version, k->vdem_version) == 0)
		snprintf(regime, sizeof regime, "%d", k->vdem_regime);
	const yt_node *m = yt_get(entry, "vdem");
	char year[24], id[80];
	snprintf(year, sizeof year, "%ld", h.edition);
	snprintf(id, sizeof id, "vdem-%s-owid", im->src->vdem_version);
	mpr_buf_printf(r, " V-Dem %s (%d) %s -> %s (%ld) %s, regime %s", k->vdem_version,
	               k->vdem_year, old_text(m, "human_rights_index"), im->src->vdem_version,
	               h.edition, h.value, regime[0] == '~' ? "unknown" : regime);
	if ((rc = yt_edits_set(fe, m, "human_rights_index", h.value, im->err)) ||
	    (rc = yt_edits_set(fe, m, "year", year, im->err)) ||
	    (rc = yt_edits_set(fe, m, "version", im->src->vdem_version, im->err)) ||
	    (rc = yt_edits_set(fe, m, "source", id, im->err)) ||
	    (rc = yt_edits_set(fe, m, "regime", regime, im->err)))
		return rc;
	import_use_source(im, id, SOURCE_HRI, 0);
	return newest_or_not(im, h.edition, &im->hri, refreshed);
}

static int import_territory(import *im, yt_edits *fe, const yt_node *entry,
                            const mpr_country *k, bool *refreshed)
{
	mpr_buf *r = &im->report;
	const char *who = k->iso3 ? k->iso3 : k->n.name;
	const yt_node *m = yt_get(entry, "state_authority");
	const char *old_version = m ? k->state_authority_version : "none";
	int old_year = m ? k->state_authority_year : 0;
	tbl_pick a;
	int rc = tbl_find(&im->territory, k->n.name, k->iso3, &a, im->err);
	if (rc != MPR_OK)
		return rc;
	if (!a.row || older(im, a.edition, old_year, m ? old_version : NULL)) {
		if (!a.row)
			mpr_buf_printf(r, " state authority: no value for %s (kept %s %d);", who,
			               old_version, old_year);
		else
			mpr_buf_printf(r, " state authority: the latest value for %s is %s (%ld), older "
			                  "than the rules' %s (%d) (kept);",
			               who, im->src->vdem_version, a.edition, old_version, old_year);
		im->kept++;
		*refreshed = false;
		return MPR_OK;
	}
	char year[24], id[80];
	snprintf(year, sizeof year, "%ld", a.edition);
	snprintf(id, sizeof id, "vdem-%s-owid-territory", im->src->vdem_version);
	mpr_buf_printf(r, " state authority %s (%d) %s -> %s (%ld) %s", old_version, old_year,
	               old_text(m, "percent"), im->src->vdem_version, a.edition, a.value);
	if (!m) {
		char value[256];
		snprintf(value, sizeof value, "{percent: %s, year: %s, version: %s, source: %s}",
		         a.value, year, im->src->vdem_version, id);
		rc = yt_edits_set(fe, entry, "state_authority", value, im->err);
	} else if (!(rc = yt_edits_set(fe, m, "percent", a.value, im->err)) &&
	           !(rc = yt_edits_set(fe, m, "year", year, im->err)) &&
	           !(rc = yt_edits_set(fe, m, "version", im->src->vdem_version, im->err))) {
		rc = yt_edits_set(fe, m, "source", id, im->err);
	}
	if (rc != MPR_OK)
		return rc;
	import_use_source(im, id, SOURCE_TERRITORY, 0);
	return newest_or_not(im, a.edition, &im->territory, refreshed);
}

/* One country entry: look its values up and edit what changed. Its
 * 'assessed' date moves only when every table given has it in its newest
 * edition or year: a country missing there (renamed, dropped, not yet
 * coded) keeps its date, so that lint goes on reporting it as stale. */
static int import_country(import *im, yt_edits *fe, const yt_node *entry)
{
	mpr_error *err = im->err;
	const yt_node *code = yt_get(entry, "code");
	const mpr_country *k = code ? old_country(im, code->value) : NULL;
	if (!k) /* the old ruleset loaded: cannot happen */
		return mpr_fail(err, MPR_ESCHEMA, fe->name, entry->line, entry->column,
		                "a country entry the ruleset does not know");
	mpr_buf *r = &im->report;
	bool refreshed = true;
	int rc = MPR_OK;
	mpr_buf_printf(r, "  %s %s:", k->n.id, k->n.name);
	if (im->src->freedom_house)
		rc = import_fh(im, fe, entry, k, &refreshed);
	if (rc == MPR_OK && im->src->human_rights)
		rc = import_vdem(im, fe, entry, k, &refreshed);
	if (rc == MPR_OK && im->src->territory)
		rc = import_territory(im, fe, entry, k, &refreshed);
	if (rc != MPR_OK)
		return rc;
	if (refreshed) {
		if ((rc = yt_edits_set(fe, entry, "assessed", im->src->today, err)))
			return rc;
		im->refreshed++;
	} else {
		mpr_buf_printf(r, " not refreshed (assessed stays %s);", k->assessed);
		mpr_buf_printf(&im->stale, " %s", k->n.id);
		im->not_refreshed++;
	}
	if (r->len && r->data[r->len - 1] == ';')
		r->len--;
	mpr_buf_puts(r, "\n");
	return fe->failed ? mpr_fail(err, MPR_ENOMEM, fe->name, 0, 0, "out of memory") : MPR_OK;
}

/* Whether a country's tier, its exclusion or its review (F2) changed: a
 * country already in the top tier that becomes excluded changes no tier but
 * many decisions. */
static bool tier_changed(const mpr_country *o, const mpr_country *c)
{
	return o && (o->tier != c->tier || !o->excluded != !c->excluded ||
	             o->under_review != c->under_review);
}

/* What changed about F2 between two assessments of a country, or "". */
static const char *f2_change(const mpr_country *o, const mpr_country *c)
{
	if (!o->excluded != !c->excluded)
		return c->excluded ? ", now excluded (F2)" : ", no longer excluded (F2)";
	if (o->under_review != c->under_review)
		return c->under_review ? ", state authority now under review (F2)"
		                       : ", state authority no longer under review (F2)";
	return "";
}

static void report_tiers(import *im, const mpr_ruleset *now)
{
	mpr_buf *r = &im->report;
	size_t changed = 0;
	for (size_t i = 0; i < now->n_countries; i++)
		changed += tier_changed(old_country(im, now->countries[i].n.id), &now->countries[i]);
	mpr_buf_printf(r, "tier changes: %zu\n", changed);
	for (size_t i = 0; i < now->n_countries; i++) {
		const mpr_country *c = &now->countries[i];
		const mpr_country *o = old_country(im, c->n.id);
		if (!tier_changed(o, c))
			continue;
		mpr_buf_printf(r, "  %s %s: %s -> %s (base %s -> %s)%s\n", c->n.id, c->n.name,
		               im->old->tiers[o->tier], now->tiers[c->tier], im->old->tiers[o->base_tier],
		               now->tiers[c->base_tier], f2_change(o, c));
	}
}

/* What the caller gives, before anything is read. */
static int check_arguments(const char *dir, const mpr_import_sources *src, const char *out_dir,
                           char **report, size_t *report_len, mpr_error *err)
{
	if (!dir || !src || !out_dir || !report || !report_len)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_indicators_import: invalid arguments");
	*report = NULL;
	*report_len = 0;
	long day;
	if (!mpr_date_parse(src->today, &day))
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "today must be a date YYYY-MM-DD, got '%s'",
		                src->today ? src->today : "(null)");
	if (!src->freedom_house && !src->human_rights && !src->territory)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0,
		                "nothing to import: give a Freedom House table, a V-Dem table or both");
	if (src->regime && !src->human_rights)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0,
		                "a regime table is imported together with the human rights index table");
	if ((src->human_rights || src->territory) &&
	    (!src->vdem_version || !sc_valid_id(src->vdem_version)))
		return mpr_fail(err, MPR_EINVAL, "", 0, 0,
		                "the V-Dem version of the table is required (e.g. v16): OWID's CSV does "
		                "not name it");
	if (src->vdem_version && strlen(src->vdem_version) > 32) /* it goes into source ids */
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "the V-Dem version must be at most 32 "
		                                          "characters (e.g. v16)");
	return MPR_OK;
}

/* The tables given, each checked as a whole. */
static int read_tables(import *im)
{
	const mpr_import_sources *src = im->src;
	int rc = src->freedom_house ? tbl_read_fh(&im->fh, src->freedom_house, im->err) : MPR_OK;
	if (rc == MPR_OK && src->human_rights)
		rc = tbl_read_owid(&im->hri, src->human_rights, &hri_measure, im->err);
	if (rc == MPR_OK && src->regime)
		rc = tbl_read_owid(&im->regime, src->regime, &regime_measure, im->err);
	if (rc == MPR_OK && src->territory)
		rc = tbl_read_owid(&im->territory, src->territory, &territory_measure, im->err);
	return rc;
}

/* The report's first lines: the tables and what was taken from each. */
static void report_tables(import *im, const char *dir, const char *out_dir)
{
	const mpr_import_sources *src = im->src;
	char q[256];
	mpr_buf_printf(&im->report, "indicators import: %s -> %s\n", dir, out_dir);
	if (src->freedom_house)
		mpr_buf_printf(&im->report, "  Freedom House: %s (newest edition %ld)\n",
		               src->freedom_house, im->fh.newest);
	if (src->human_rights)
		mpr_buf_printf(&im->report, "  V-Dem %s human rights index: %s, column '%s' (newest year %ld)\n",
		               src->vdem_version, src->human_rights,
		               tbl_quote(im->hri.value_name ? im->hri.value_name : "", q, sizeof q),
		               im->hri.newest);
	if (src->regime)
		mpr_buf_printf(&im->report, "  V-Dem %s regime: %s, column '%s'\n", src->vdem_version,
		               src->regime,
		               tbl_quote(im->regime.value_name ? im->regime.value_name : "", q, sizeof q));
	if (src->territory)
		mpr_buf_printf(&im->report,
		               "  V-Dem %s state authority over territory: %s, column '%s' (newest year %ld)\n",
		               src->vdem_version, src->territory,
		               tbl_quote(im->territory.value_name ? im->territory.value_name : "", q,
		                         sizeof q),
		               im->territory.newest);
	mpr_buf_puts(&im->report, "countries:\n");
}

/* Every country entry of every rule file, then the new sources; the
 * report's summary of what was refreshed. */
static int edit_files(import *im, yt_edits *fe, const mpr_rule_file *files, size_t n)
{
	int rc = MPR_OK;
	for (size_t i = 0; rc == MPR_OK && i < n; i++) {
		rc = yt_edits_init(&fe[i], files[i].name, files[i].data, files[i].len, im->err);
		const yt_node *countries = rc == MPR_OK ? yt_get(fe[i].doc.root, "countries") : NULL;
		for (size_t k = 0; countries && countries->kind == YT_SEQ && k < countries->n && !rc; k++)
			rc = import_country(im, &fe[i], countries->items[k]);
	}
	if (rc == MPR_OK)
		rc = import_declare_sources(im, fe, files, n);
	mpr_buf_printf(&im->report, "%zu %s refreshed (assessed %s), %zu not refreshed (assessed "
	               "kept), %zu %s kept\n",
	               im->refreshed, im->refreshed == 1 ? "country" : "countries", im->src->today,
	               im->not_refreshed, im->kept, im->kept == 1 ? "value" : "values");
	if (im->not_refreshed)
		mpr_buf_printf(&im->report, "not refreshed:%s\n", im->stale.data ? im->stale.data : "");
	if (rc == MPR_OK && (im->report.failed || im->stale.failed))
		rc = mpr_fail(im->err, MPR_ENOMEM, im->dir, 0, 0, "out of memory");
	return rc;
}

/* The edited text of every file, which must load before anything is
 * written; the report then shows the tiers and decisions that change. */
static int apply_and_load(import *im, yt_edits *fe, const mpr_rule_file *files,
                          mpr_rule_file *edited, size_t n, mpr_ruleset **now)
{
	int rc = MPR_OK;
	for (size_t i = 0; rc == MPR_OK && i < n; i++) {
		unsigned char *text;
		edited[i] = files[i];
		if (yt_edits_apply(&fe[i], &text, &edited[i].len))
			rc = mpr_fail(im->err, MPR_ENOMEM, im->dir, 0, 0, "out of memory");
		else
			edited[i].data = text;
	}
	if (rc == MPR_OK)
		rc = mpr_ruleset_load_files(now, edited, n, NULL, im->err);
	if (rc == MPR_OK) {
		report_tiers(im, *now);
		char *diff;
		size_t dlen;
		if ((rc = mpr_diff(im->old, *now, MPR_FORMAT_TEXT, &diff, &dlen, NULL, im->err)) == MPR_OK) {
			mpr_buf_append(&im->report, diff, dlen);
			free(diff);
		}
	}
	return rc;
}

/* Every rule file into out_dir at once (util/dirswap.c): a failure or a
 * kill at any step leaves out_dir as it was, never half updated. */
static int write_files(import *im, const char *out_dir, const mpr_rule_file *files,
                       const mpr_rule_file *edited, size_t n, mpr_error *err)
{
	mpr_file_update *up = calloc(n ? n : 1, sizeof *up);
	if (!up)
		return mpr_fail(err, MPR_ENOMEM, out_dir, 0, 0, "out of memory");
	for (size_t i = 0; i < n; i++)
		up[i] = (mpr_file_update){files[i].rel, edited[i].data, edited[i].len};
	int rc = mpr_dir_update(out_dir, up, n, &im->report, err);
	free(up);
	return rc;
}

static void import_free(import *im, yt_edits *fe, const mpr_rule_file *files,
                        mpr_rule_file *edited, size_t n)
{
	for (size_t i = 0; fe && i < n; i++) {
		yt_edits_free(&fe[i]);
		if (edited) {
			void *p;
			memcpy(&p, &edited[i].data, sizeof p);
			if (p != files[i].data)
				free(p);
		}
	}
	free(fe);
	free(edited);
	free(im->stale.data);
	tbl_free(&im->fh);
	tbl_free(&im->hri);
	tbl_free(&im->regime);
	tbl_free(&im->territory);
}

int mpr_indicators_import(const char *dir, const mpr_import_sources *src, const char *out_dir,
                          char **report, size_t *report_len, mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	int rc = check_arguments(dir, src, out_dir, report, report_len, err);
	if (rc)
		return rc;
	import im = {0};
	im.src = src;
	im.dir = dir;
	im.err = err;
	mpr_rule_file *files = NULL, *edited = NULL;
	size_t n = 0;
	yt_edits *fe = NULL;
	mpr_ruleset *old = NULL, *now = NULL;
	rc = mpr_rule_files_read(dir, NULL, &files, &n, err);
	if (rc == MPR_OK)
		rc = mpr_ruleset_load_files(&old, files, n, NULL, err);
	im.old = old;
	if (rc == MPR_OK)
		rc = read_tables(&im);
	if (rc == MPR_OK) {
		fe = calloc(n, sizeof *fe);
		edited = calloc(n, sizeof *edited);
		if (!fe || !edited) {
			mpr_fail(err, MPR_ENOMEM, dir, 0, 0, "out of memory");
			rc = MPR_ENOMEM;
		}
	}
	report_tables(&im, dir, out_dir);
	if (rc == MPR_OK)
		rc = edit_files(&im, fe, files, n);
	if (rc == MPR_OK)
		rc = apply_and_load(&im, fe, files, edited, n, &now);
	if (rc == MPR_OK)
		rc = write_files(&im, out_dir, files, edited, n, err);
	if (rc == MPR_OK && mpr_buf_finish(&im.report, report, report_len))
		rc = mpr_fail(err, MPR_ENOMEM, dir, 0, 0, "out of memory");
	if (rc != MPR_OK)
		free(im.report.data);
	import_free(&im, fe, files, edited, n);
	mpr_ruleset_free(old);
	mpr_ruleset_free(now);
	mpr_rule_files_free(files, n);
	return rc;
}
