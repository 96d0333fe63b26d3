/*
 * sources.c - the sources an indicator import cites: each Freedom House
 * edition and V-Dem version whose values it writes needs a source id the
 * rules declare, so a new one is declared in the rule files' text, with
 * the table it was imported from.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import/import.h"
#include "util/error.h"

static bool declared(const mpr_ruleset *rs, const char *id)
{
	for (size_t i = 0; i < rs->n_sources; i++)
		if (strcmp(rs->sources[i].id, id) == 0)
			return true;
	return false;
}

void import_use_source(import *im, const char *id, int kind, long edition)
{
	for (size_t i = 0; i < im->n_used; i++)
		if (strcmp(im->used[i].id, id) == 0)
			return;
	if (im->n_used == MAX_USED_SOURCES) /* cannot happen: see MAX_USED_SOURCES */
		return;
	used_source *u = &im->used[im->n_used++];
	snprintf(u->id, sizeof u->id, "%s", id);
	u->kind = kind;
	u->edition = edition;
}

static void yaml_quoted(mpr_buf *b, const char *s)
{
	mpr_buf_puts(b, "\"");
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			mpr_buf_append(b, "\\", 1);
		mpr_buf_append(b, s, 1);
	}
	mpr_buf_puts(b, "\"");
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

/* Declare a source the new values cite, before the first item of 'sources'. */
static int declare_source(import *im, yt_edits *fe, const char *rel, const yt_node *sources,
                          const used_source *u)
{
	const char *d = (const char *)fe->data;
	if (sources->kind != YT_SEQ || sources->flow || sources->n == 0 ||
	    sources->items[0]->kind != YT_MAP)
		return mpr_fail(im->err, MPR_ESCHEMA, fe->name, sources->line, sources->column,
		                "cannot declare source '%s' in this 'sources' list: declare it by hand",
		                u->id);
	const yt_node *first = sources->items[0];
	size_t at = yt_edits_byte(fe, first->start);
	while (at > 0 && d[at - 1] != '\n')
		at--;
	char q[256], c[256];
	const char *version = im->src->vdem_version;
	mpr_buf name = {0};
	if (u->kind == SOURCE_FH)
		mpr_buf_printf(&name, "Freedom House, Freedom in the World %ld", u->edition);
	else if (u->kind == SOURCE_HRI)
		mpr_buf_printf(&name, "V-Dem %s human rights index, processed by Our World in Data "
		               "(column '%s')", version, tbl_quote(im->hri.value_name, c, sizeof c));
	else
		mpr_buf_printf(&name, "V-Dem %s state authority over territory (v2svstterr), processed "
		               "by Our World in Data (column '%s')",
		               version, tbl_quote(im->territory.value_name, c, sizeof c));
	size_t what_len = name.len;
	const char *path = u->kind == SOURCE_FH    ? im->src->freedom_house
	                   : u->kind == SOURCE_HRI ? im->src->human_rights
	                                           : im->src->territory;
	mpr_buf_printf(&name, ", imported from %s on %s (add the publisher's URL)",
	               tbl_quote(base_name(path), q, sizeof q), im->src->today);
	mpr_buf quoted = {0};
	if (!name.failed)
		yaml_quoted(&quoted, name.data);
	if (quoted.failed || name.failed) {
		free(name.data);
		free(quoted.data);
		return mpr_fail(im->err, MPR_ENOMEM, fe->name, 0, 0, "out of memory");
	}
	int dash = (int)first->column - 3; /* "- " before the item */
	yt_edits_add(fe, at, at, "%*s- id: %s\n%*sname: %s\n", dash < 0 ? 0 : dash, "", u->id,
	             (int)first->column - 1, "", quoted.data);
	free(quoted.data);
	mpr_buf_printf(&im->report, "declared source %s in %s: %.*s\n", u->id, rel,
	               (int)what_len, name.data);
	free(name.data);
	return fe->failed ? mpr_fail(im->err, MPR_ENOMEM, fe->name, 0, 0, "out of memory")
	                  : MPR_OK;
}

int import_declare_sources(import *im, yt_edits *fe, const mpr_rule_file *files, size_t n)
{
	for (size_t f = 0; f < n; f++) {
		const yt_node *sources = yt_get(fe[f].doc.root, "sources");
		if (!sources)
			continue;
		for (size_t i = 0; i < im->n_used; i++) {
			if (declared(im->old, im->used[i].id))
				continue;
			int rc = declare_source(im, &fe[f], files[f].rel, sources, &im->used[i]);
			if (rc != MPR_OK)
				return rc;
		}
		return MPR_OK;
	}
	return MPR_OK;
}
