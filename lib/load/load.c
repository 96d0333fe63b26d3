/*
 * ruleset.c - YAML rule files -> a validated, immutable mpr_ruleset.
 *
 * Loading is where all the expensive and all the suspicious work happens, so
 * that deciding can be a few array lookups: every file is parsed into a tree,
 * every section is read with fail-closed schema checks, every id is resolved
 * to an index, the framework's own invariants are checked (every tier pair
 * has a cell, top x top is no-go, no cell lighter than one of lower risk),
 * and every country's tier is computed with its reasons. Any error names the
 * file, line and column at fault and nothing of the half-built ruleset
 * survives.
 *
 * Sections (top-level keys of any file): ruleset, sources, classification,
 * safeguards, attributes, escalations, measures, matrix, floor, countries,
 * measure_tags, partnership_elements, partnership_rules, monitoring_content.
 * `sources` and `countries` may be split over several files; every other
 * section is defined once. Format reference: docs/rules-format.md.
 */
#include <dirent.h>
#include <stdint.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "model.h"
#include "util/array.h"
#include "input/schema.h"
#include "input/tree.h"
#include "util/error.h"
#include "util/sha256.h"
#include "util/file.h"

enum { S_RULESET, S_SOURCES, S_CLASSIFICATION, S_SAFEGUARDS, S_ATTRIBUTES, S_ESCALATIONS,
       S_MEASURES, S_MATRIX, S_FLOOR, S_COUNTRIES, S_TAGS, S_ELEMENTS, S_PRULES, S_MONITOR,
       S_BENEFICIARIES, S_CONTEXT_KINDS, S_COUNT };
static const char *const section_names[] = {"ruleset", "sources", "classification",
	"safeguards", "attributes", "escalations", "measures", "matrix", "floor", "countries",
	"measure_tags", "partnership_elements", "partnership_rules", "monitoring_content",
	"beneficiaries", "context_kinds", NULL};
static const bool section_required[] = {true, false, true, true, false, false, true, true, true,
	true, false, false, false, false, false, false};
static const bool section_repeatable[] = {false, true, false, false, false, false, false, false,
	false, true, false, false, false, false, false, false};

/* A section as found in one file. */
typedef struct part {
	const yt_node *node;
	const char *file;
	unsigned line, column;
} part;

/* A rule id and where it was defined. */
typedef struct rule_name {
	const char *id;
	mpr_place at;
} rule_name;

typedef struct loader {
	mpr_ruleset *rs;
	mpr_error *err;
	mpr_load_options opts;
	yt_doc *docs;
	size_t n_docs;
	mpr_array(part) parts[S_COUNT];
	/* every rule id seen so far (one namespace for rule entries) */
	mpr_array(rule_name) rule_ids;
	mpr_array(mpr_entry) entries;
	/* beneficiaries name the measure whose risk they carry; resolved once
	 * the measures are loaded */
	const yt_node **carries;
	const char *carries_file;
} loader;

/* ------------------------------------------------------------------------ */
/* Finding the files                                                         */

typedef mpr_array(char *) pathlist;

static int pathlist_add(pathlist *p, const char *s)
{
	char **slot = mpr_array_push(*p);
	if (!slot)
		return -1;
	if (!(*slot = strdup(s))) {
		p->n--;
		return -1;
	}
	return 0;
}

static void pathlist_free(pathlist *p)
{
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i]);
	mpr_array_free(*p);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Collect *.yaml under dir. Hidden entries are skipped; a symbolic link is an
 * error rather than silently skipped, because a rule file nobody loads is a
 * surprise an auditor must not meet. depth bounds recursion. */
static int collect(const char *dir, unsigned depth, pathlist *out, mpr_error *err)
{
	if (depth > 16)
		return mpr_fail(err, MPR_ELIMIT, dir, 0, 0, "rules directories nested deeper than 16");
	DIR *d = opendir(dir);
	if (!d)
		return mpr_fail(err, MPR_EIO, dir, 0, 0, "cannot open rules directory: %s",
		                strerror(errno));
	pathlist here = MPR_ARRAY_INIT;
	int rc = MPR_OK;
	struct dirent *e;
	while (rc == MPR_OK && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		char path[4096];
		int w = snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		if (w < 0 || (size_t)w >= sizeof path) {
			rc = mpr_fail(err, MPR_ELIMIT, dir, 0, 0, "path too long: %s", e->d_name);
			break;
		}
		if (pathlist_add(&here, path))
			rc = mpr_fail(err, MPR_ENOMEM, dir, 0, 0, "out of memory");
	}
	closedir(d);
	if (rc == MPR_OK && here.n) /* qsort(NULL, 0, ...) is undefined */
		qsort(here.v, here.n, sizeof *here.v, cmp_str);
	for (size_t i = 0; rc == MPR_OK && i < here.n; i++) {
		struct stat st;
		if (lstat(here.v[i], &st) != 0) {
			rc = mpr_fail(err, MPR_EIO, here.v[i], 0, 0, "cannot stat: %s", strerror(errno));
		} else if (S_ISLNK(st.st_mode)) {
			/* a link that would bring in rules, or that loops, is refused:
			 * it would either be ignored silently or be a loop */
			struct stat target;
			if (stat(here.v[i], &target) != 0)
				rc = mpr_fail(err, MPR_EIO, here.v[i], 0, 0, "broken or looping symbolic link: %s",
				              strerror(errno));
			else if (S_ISDIR(target.st_mode) || ends_with(here.v[i], ".yaml") ||
			         ends_with(here.v[i], ".yml"))
				rc = mpr_fail(err, MPR_EIO, here.v[i], 0, 0,
				              "is a symbolic link; rules are read from regular files only");
		} else if (S_ISDIR(st.st_mode)) {
			rc = collect(here.v[i], depth + 1, out, err);
		} else if (S_ISREG(st.st_mode) && ends_with(here.v[i], ".yml")) {
			rc = mpr_fail(err, MPR_EIO, here.v[i], 0, 0,
			              "rule files must end in .yaml (rename it, or it would be ignored)");
		} else if (S_ISREG(st.st_mode) && ends_with(here.v[i], ".yaml")) {
			if (pathlist_add(out, here.v[i]))
				rc = mpr_fail(err, MPR_ENOMEM, dir, 0, 0, "out of memory");
		}
	}
	pathlist_free(&here);
	return rc;
}

/* ------------------------------------------------------------------------ */
/* Helpers                                                                   */

static sc_ctx ctx_of(loader *L, const char *file)
{
	sc_ctx c = {file, L->err, &L->rs->arena};
	return c;
}

static mpr_place place_of(const char *file, const yt_node *n)
{
	mpr_place p = {file, n ? n->line : 0, n ? n->column : 0};
	return p;
}

static void *alloc_array(loader *L, size_t n, size_t size)
{
	if (n && size > (size_t)-1 / n)
		return NULL;
	return mpr_arena_alloc(&L->rs->arena, (n ? n : 1) * size);
}

static int oom(loader *L, const char *file, const yt_node *at)
{
	return mpr_fail(L->err, MPR_ENOMEM, file, at ? at->line : 0, at ? at->column : 0,
	                "out of memory");
}

/* Register a rule id in the shared namespace of rule entries. */
static int rule_id(loader *L, sc_ctx *c, const char *id, const yt_node *at)
{
	for (size_t i = 0; i < L->rule_ids.n; i++) {
		const rule_name *r = &L->rule_ids.v[i];
		if (strcmp(r->id, id) == 0)
			return sc_fail(c, MPR_EREF, at, "duplicate rule id '%s' (first defined at %s:%u:%u)",
			               id, r->at.file, r->at.line, r->at.column);
	}
	rule_name *r = mpr_array_push(L->rule_ids);
	if (!r)
		return oom(L, c->file, at);
	r->id = id;
	r->at = place_of(c->file, at);
	return MPR_OK;
}

/* Register a rule entry: its place, its content hash, its justification. */
static int entry(loader *L, sc_ctx *c, int kind, const char *id, const yt_node *node)
{
	mpr_entry *e = mpr_array_push(L->entries);
	if (!e)
		return oom(L, c->file, node);
	memset(e, 0, sizeof *e);
	e->kind = kind;
	e->id = id;
	e->at = place_of(c->file, node);
	if (yt_hash_node(node, e->hash))
		return oom(L, c->file, node);
	const yt_node *j = yt_get(node, "justification");
	if (j) {
		static const char *const keys[] = {"text", "source", NULL};
		int rc;
		if ((rc = sc_map(c, j, "'justification'", keys)) ||
		    (rc = sc_str(c, j, "text", true, &e->justification)) ||
		    (rc = sc_str(c, j, "source", true, &e->justification_source)))
			return rc;
	}
	return MPR_OK;
}

static int find_in(const char *const *names, size_t n, const char *s);
static int tri_bool(sc_ctx *c, const yt_node *map, const char *key, int *out);

/* A list of tier names at map[key] -> a bit per tier. */
static int tier_mask(loader *L, sc_ctx *c, const yt_node *map, const char *key, unsigned *out)
{
	*out = 0;
	const yt_node *tiers = yt_get(map, key);
	if (!tiers)
		return MPR_OK;
	char what[64];
	snprintf(what, sizeof what, "'%s'", key);
	int rc = sc_seq(c, tiers, what, 1);
	if (rc)
		return rc;
	for (size_t k = 0; k < tiers->n; k++) {
		const char *t;
		if ((rc = sc_scalar_str(c, tiers->items[k], "a tier", &t)))
			return rc;
		int ti = find_in(L->rs->tiers, L->rs->n_tiers, t);
		if (ti < 0)
			return sc_fail(c, MPR_EREF, tiers->items[k], "unknown tier '%s'", t);
		*out |= 1u << ti;
	}
	return MPR_OK;
}

static int find_in(const char *const *names, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(names[i], s) == 0)
			return (int)i;
	return -1;
}

static int tier_of(loader *L, sc_ctx *c, const yt_node *map, const char *key, bool required,
                   int *out)
{
	return sc_enum(c, map, key, required, L->rs->tiers, L->rs->n_tiers, out);
}

/* Read a list of plain names (tiers, monitoring levels). */
static int name_list(sc_ctx *c, const yt_node *map, const char *key, const char **out,
                     size_t *n)
{
	const yt_node *v = yt_get(map, key);
	if (!v)
		return sc_fail(c, MPR_ESCHEMA, map, "missing required key '%s'", key);
	char what[64];
	snprintf(what, sizeof what, "'%s'", key);
	int rc = sc_seq(c, v, what, 2);
	if (rc)
		return rc;
	if (v->n > MPR_MAX_TIERS)
		return sc_fail(c, MPR_ELIMIT, v, "'%s' has %zu entries, at most %d are supported", key,
		               v->n, MPR_MAX_TIERS);
	for (size_t i = 0; i < v->n; i++) {
		if ((rc = sc_scalar_str(c, v->items[i], what, &out[i])))
			return rc;
		if (!sc_valid_id(out[i]))
			return sc_fail(c, MPR_ESCHEMA, v->items[i], "'%s' is not a valid name", out[i]);
		if (find_in(out, i, out[i]) >= 0)
			return sc_fail(c, MPR_ESCHEMA, v->items[i], "'%s' listed twice", out[i]);
	}
	*n = v->n;
	return MPR_OK;
}

/* ------------------------------------------------------------------------ */
/* Sections                                                                  */

static int load_ruleset_section(loader *L, const part *p)
{
	static const char *const keys[] = {"id", "title", "source", "tiers", "monitoring_levels",
	                                   "suspension_levels", "staleness_months", NULL};
	mpr_ruleset *rs = L->rs;
	/* split_sections guarantees every required section */
	// NOLINTNEXTLINE(clang-analyzer-core.NullDereference)
	sc_ctx c = ctx_of(L, p->file);
	const yt_node *n = p->node;
	int rc;
	if ((rc = sc_map(&c, n, "'ruleset'", keys)) || (rc = sc_id(&c, n, "id", &rs->id)) ||
	    (rc = sc_str(&c, n, "title", true, &rs->title)) ||
	    (rc = sc_str(&c, n, "source", true, &rs->source)) ||
	    (rc = name_list(&c, n, "tiers", rs->tiers, &rs->n_tiers)) ||
	    (rc = name_list(&c, n, "monitoring_levels", rs->monitoring, &rs->n_monitoring)))
		return rc;
	long stale = 12;
	if ((rc = sc_int(&c, n, "staleness_months", false, 1, 120, &stale, NULL)))
		return rc;
	rs->staleness_months = (unsigned)stale;
	const yt_node *s = yt_get(n, "suspension_levels");
	if (!s)
		return sc_fail(&c, MPR_ESCHEMA, n, "missing required key 'suspension_levels'");
	if ((rc = sc_seq(&c, s, "'suspension_levels'", 1)))
		return rc;
	if (s->n > MPR_MAX_TIERS)
		return sc_fail(&c, MPR_ELIMIT, s, "at most %d suspension levels are supported",
		               MPR_MAX_TIERS);
	static const char *const skeys[] = {"id", "name", "source", NULL};
	for (size_t i = 0; i < s->n; i++) {
		mpr_named *e = &rs->suspension[i];
		const yt_node *it = s->items[i];
		if ((rc = sc_map(&c, it, "a suspension level", skeys)) ||
		    (rc = sc_id(&c, it, "id", &e->id)) || (rc = sc_str(&c, it, "name", true, &e->name)) ||
		    (rc = sc_str(&c, it, "source", true, &e->source)))
			return rc;
		for (size_t j = 0; j < i; j++)
			if (strcmp(rs->suspension[j].id, e->id) == 0)
				return sc_fail(&c, MPR_EREF, yt_get(it, "id"),
				               "duplicate suspension level '%s'", e->id);
		e->at = place_of(p->file, it);
	}
	rs->n_suspension = s->n;
	return MPR_OK;
}

static int load_sources(loader *L)
{
	size_t total = 0;
	for (size_t k = 0; k < L->parts[S_SOURCES].n; k++) {
		sc_ctx c = ctx_of(L, L->parts[S_SOURCES].v[k].file);
		int rc = sc_seq(&c, L->parts[S_SOURCES].v[k].node, "'sources'", 0);
		if (rc)
			return rc;
		total += L->parts[S_SOURCES].v[k].node->n;
	}
	mpr_ruleset *rs = L->rs;
	rs->sources = alloc_array(L, total, sizeof *rs->sources);
	if (!rs->sources)
		return oom(L, NULL, NULL);
	static const char *const keys[] = {"id", "name", "url", NULL};
	for (size_t k = 0; k < L->parts[S_SOURCES].n; k++) {
		const part *p = &L->parts[S_SOURCES].v[k];
		sc_ctx c = ctx_of(L, p->file);
		for (size_t i = 0; i < p->node->n; i++) {
			const yt_node *it = p->node->items[i];
			mpr_source *s = &rs->sources[rs->n_sources];
			int rc;
			if ((rc = sc_map(&c, it, "a source", keys)) || (rc = sc_id(&c, it, "id", &s->id)) ||
			    (rc = sc_str(&c, it, "name", true, &s->name)) ||
			    (rc = sc_str(&c, it, "url", false, &s->url)))
				return rc;
			for (size_t j = 0; j < rs->n_sources; j++)
				if (strcmp(rs->sources[j].id, s->id) == 0)
					return sc_fail(&c, MPR_EREF, yt_get(it, "id"),
					               "duplicate source '%s' (first at %s:%u)", s->id,
					               rs->sources[j].at.file, rs->sources[j].at.line);
			s->at = place_of(p->file, it);
			rs->n_sources++;
		}
	}
	return MPR_OK;
}

/* safeguards and attributes share a shape: a list of {id, name, source, ...} */
static int load_named(sc_ctx *c, const yt_node *it, mpr_named *e,
                      const char *what, const char *const *keys)
{
	int rc;
	if ((rc = sc_map(c, it, what, keys)) || (rc = sc_id(c, it, "id", &e->id)) ||
	    (rc = sc_str(c, it, "name", true, &e->name)) ||
	    (rc = sc_str(c, it, "source", true, &e->source)))
		return rc;
	e->at = place_of(c->file, it);
	return MPR_OK;
}

static int check_unique_named(sc_ctx *c, const yt_node *it, const mpr_named *e,
                              const void *base, size_t stride, size_t n, const char *kind)
{
	for (size_t j = 0; j < n; j++) {
		const mpr_named *o = (const mpr_named *)((const char *)base + j * stride);
		if (strcmp(o->id, e->id) == 0)
			return sc_fail(c, MPR_EREF, yt_get(it, "id"),
			               "duplicate %s id '%s' (first defined at %s:%u:%u)", kind, e->id,
			               o->at.file, o->at.line, o->at.column);
	}
	return MPR_OK;
}

static int load_safeguards(loader *L)
{
	const part *p = &L->parts[S_SAFEGUARDS].v[0];
	/* split_sections guarantees every required section */
	// NOLINTNEXTLINE(clang-analyzer-core.NullDereference)
	sc_ctx c = ctx_of(L, p->file);
	int rc = sc_seq(&c, p->node, "'safeguards'", 1);
	if (rc)
		return rc;
	if (p->node->n > MPR_MAX_SET)
		return sc_fail(&c, MPR_ELIMIT, p->node, "%zu safeguards, at most %d are supported",
		               p->node->n, MPR_MAX_SET);
	mpr_ruleset *rs = L->rs;
	rs->safeguards = alloc_array(L, p->node->n, sizeof *rs->safeguards);
	if (!rs->safeguards)
		return oom(L, p->file, p->node);
	static const char *const keys[] = {"id", "name", "elements", "source", "justification", NULL};
	for (size_t i = 0; i < p->node->n; i++) {
		const yt_node *it = p->node->items[i];
		mpr_safeguard *s = &rs->safeguards[i];
		if ((rc = load_named(&c, it, &s->n, "a safeguard", keys)) ||
		    (rc = check_unique_named(&c, it, &s->n, rs->safeguards, sizeof *s, i, "safeguard")) ||
		    (rc = entry(L, &c, MPR_ENTRY_SAFEGUARD, s->n.id, it)))
			return rc;
		const yt_node *el = yt_get(it, "elements");
		if (!el)
			return sc_fail(&c, MPR_ESCHEMA, it, "missing required key 'elements'");
		if ((rc = sc_seq(&c, el, "'elements'", 1)))
			return rc;
		char joined[256] = "";
		size_t used = 0;
		for (size_t k = 0; k < el->n; k++) {
			const char *e;
			if ((rc = sc_scalar_str(&c, el->items[k], "an element", &e)))
				return rc;
			int w = snprintf(joined + used, sizeof joined - used, "%s%s", k ? ", " : "", e);
			if (w < 0 || (size_t)w >= sizeof joined - used)
				return sc_fail(&c, MPR_ELIMIT, el, "'elements' too long");
			used += (size_t)w;
		}
		if (!(s->elements = mpr_arena_strdup(&rs->arena, joined)))
			return oom(L, p->file, it);
		rs->n_safeguards++;
	}
	return MPR_OK;
}

static int load_attributes(loader *L)
{
	if (!L->parts[S_ATTRIBUTES].n)
		return MPR_OK;
	const part *p = &L->parts[S_ATTRIBUTES].v[0];
	sc_ctx c = ctx_of(L, p->file);
	int rc = sc_seq(&c, p->node, "'attributes'", 0);
	if (rc)
		return rc;
	if (p->node->n > MPR_MAX_SET)
		return sc_fail(&c, MPR_ELIMIT, p->node, "%zu attributes, at most %d are supported",
		               p->node->n, MPR_MAX_SET);
	mpr_ruleset *rs = L->rs;
	rs->attributes = alloc_array(L, p->node->n, sizeof *rs->attributes);
	if (!rs->attributes)
		return oom(L, p->file, p->node);
	static const char *const keys[] = {"id", "name", "source", "justification", NULL};
	for (size_t i = 0; i < p->node->n; i++) {
		const yt_node *it = p->node->items[i];
		mpr_attribute *a = &rs->attributes[i];
		if ((rc = load_named(&c, it, &a->n, "an attribute", keys)) ||
		    (rc = check_unique_named(&c, it, &a->n, rs->attributes, sizeof *a, i, "attribute")) ||
		    (rc = entry(L, &c, MPR_ENTRY_ATTRIBUTE, a->n.id, it)))
			return rc;
		rs->n_attributes++;
	}
	return MPR_OK;
}

/* measure_tags and partnership_elements: lists of {id, name, source}, each
 * at most 64 (sets). entry_kind < 0: not a rule entry (tags are a taxonomy). */
static int load_catalogue(loader *L, int section, int entry_kind, const char *what,
                          mpr_named **out, size_t *n_out)
{
	if (!L->parts[section].n)
		return MPR_OK;
	const part *p = &L->parts[section].v[0];
	sc_ctx c = ctx_of(L, p->file);
	char list[64];
	snprintf(list, sizeof list, "'%s'", section_names[section]);
	int rc = sc_seq(&c, p->node, list, 0);
	if (rc)
		return rc;
	if (p->node->n > MPR_MAX_SET)
		return sc_fail(&c, MPR_ELIMIT, p->node, "%zu entries, at most %d are supported",
		               p->node->n, MPR_MAX_SET);
	mpr_named *v = alloc_array(L, p->node->n, sizeof *v);
	if (!v)
		return oom(L, p->file, p->node);
	static const char *const keys[] = {"id", "name", "source", "justification", NULL};
	for (size_t i = 0; i < p->node->n; i++) {
		const yt_node *it = p->node->items[i];
		if ((rc = load_named(&c, it, &v[i], what, keys)) ||
		    (rc = check_unique_named(&c, it, &v[i], v, sizeof *v, i, what)) ||
		    (entry_kind >= 0 && (rc = entry(L, &c, entry_kind, v[i].id, it))))
			return rc;
		*n_out = i + 1;
	}
	*out = v;
	return MPR_OK;
}

/* partnership_elements: like a catalogue, plus an optional `detail`: what a
 * proposal declaring the element must state about it. */
static int load_elements(loader *L)
{
	if (!L->parts[S_ELEMENTS].n)
		return MPR_OK;
	const part *p = &L->parts[S_ELEMENTS].v[0];
	sc_ctx c = ctx_of(L, p->file);
	int rc = sc_seq(&c, p->node, "'partnership_elements'", 0);
	if (rc)
		return rc;
	if (p->node->n > MPR_MAX_SET)
		return sc_fail(&c, MPR_ELIMIT, p->node, "%zu entries, at most %d are supported",
		               p->node->n, MPR_MAX_SET);
	mpr_ruleset *rs = L->rs;
	rs->elements = alloc_array(L, p->node->n, sizeof *rs->elements);
	if (!rs->elements)
		return oom(L, p->file, p->node);
	static const char *const keys[] = {"id", "name", "detail", "source", "justification", NULL};
	for (size_t i = 0; i < p->node->n; i++) {
		const yt_node *it = p->node->items[i];
		mpr_element *e = &rs->elements[i];
		if ((rc = load_named(&c, it, &e->n, "a partnership element", keys)) ||
		    (rc = check_unique_named(&c, it, &e->n, rs->elements, sizeof *e, i,
		                             "partnership element")) ||
		    (rc = entry(L, &c, MPR_ENTRY_ELEMENT, e->n.id, it)))
			return rc;
		if (yt_get(it, "detail")) {
			if ((rc = sc_id(&c, it, "detail", &e->detail)))
				return rc;
			if (strcmp(e->detail, "id") == 0)
				return sc_fail(&c, MPR_ESCHEMA, yt_get(it, "detail"),
				               "'id' cannot be an element's detail");
		}
		rs->n_elements = i + 1;
	}
	return MPR_OK;
}

/* beneficiaries: who receives an activity's support (§4.1.4, F2). */
static int load_beneficiaries(loader *L)
{
	if (!L->parts[S_BENEFICIARIES].n)
		return MPR_OK;
	const part *p = &L->parts[S_BENEFICIARIES].v[0];
	sc_ctx c = ctx_of(L, p->file);
	int rc = sc_seq(&c, p->node, "'beneficiaries'", 0);
	if (rc)
		return rc;
	mpr_ruleset *rs = L->rs;
	rs->beneficiaries = alloc_array(L, p->node->n, sizeof *rs->beneficiaries);
	L->carries = calloc(p->node->n ? p->node->n : 1, sizeof *L->carries);
	if (!rs->beneficiaries || !L->carries)
		return oom(L, p->file, p->node);
	L->carries_file = p->file;
	static const char *const keys[] = {"id", "name", "delivers_to_migrants", "carries", "source",
	                                   "justification", NULL};
	for (size_t i = 0; i < p->node->n; i++) {
		const yt_node *it = p->node->items[i];
		mpr_beneficiary *b = &rs->beneficiaries[i];
		if ((rc = load_named(&c, it, &b->n, "a beneficiary", keys)) ||
		    (rc = check_unique_named(&c, it, &b->n, rs->beneficiaries, sizeof *b, i, "beneficiary")) ||
		    (rc = rule_id(L, &c, b->n.id, yt_get(it, "id"))) ||
		    (rc = sc_bool(&c, it, "delivers_to_migrants", true, &b->delivers_to_migrants)) ||
		    (rc = entry(L, &c, MPR_ENTRY_BENEFICIARY, b->n.id, it)))
			return rc;
		b->carries = -1;
		L->carries[i] = yt_get(it, "carries");
		if (L->carries[i] && b->delivers_to_migrants)
			return sc_fail(&c, MPR_ESCHEMA, L->carries[i],
			               "a beneficiary that carries a measure's risk cannot deliver to migrants");
		rs->n_beneficiaries = i + 1;
	}
	return MPR_OK;
}

/* After the measures: what each beneficiary carries, and the trace texts. */
static int resolve_beneficiaries(loader *L)
{
	mpr_ruleset *rs = L->rs;
	sc_ctx c = ctx_of(L, L->carries_file);
	for (size_t i = 0; i < rs->n_beneficiaries; i++) {
		mpr_beneficiary *b = &rs->beneficiaries[i];
		char what[512];
		if (L->carries[i]) {
			const char *m;
			int rc = sc_scalar_str(&c, L->carries[i], "'carries'", &m);
			if (rc)
				return rc;
			b->carries = mpr_find_measure(rs, m);
			if (b->carries < 0)
				return sc_fail(&c, MPR_EREF, L->carries[i], "unknown measure '%s'", m);
			const mpr_measure *cm = &rs->measures[b->carries];
			snprintf(what, sizeof what,
			         "support to %s carries the risk of %s (tier %s) whatever measure it is "
			         "filed under; not humanitarian support to migrants",
			         b->n.id, cm->n.id, rs->tiers[cm->tier]);
		} else if (b->delivers_to_migrants) {
			snprintf(what, sizeof what, "support delivered to migrants by %s", b->n.id);
		} else {
			snprintf(what, sizeof what,
			         "support to %s: not humanitarian support delivered to migrants", b->n.id);
		}
		b->effect_declared = mpr_arena_printf(&rs->arena, "beneficiary %s (declared): %s",
		                                      b->n.id, what);
		b->effect_default = mpr_arena_printf(&rs->arena,
		                                     "beneficiary %s (none declared: the measure's default, "
		                                     "fail closed): %s", b->n.id, what);
		if (!b->effect_declared || !b->effect_default)
			return oom(L, L->carries_file, NULL);
	}
	return MPR_OK;
}

static int load_partnership_rules(loader *L)
{
	mpr_ruleset *rs = L->rs;
	if (!L->parts[S_PRULES].n)
		return MPR_OK;
	const part *p = &L->parts[S_PRULES].v[0];
	sc_ctx c = ctx_of(L, p->file);
	int rc = sc_seq(&c, p->node, "'partnership_rules'", 0);
	if (rc)
		return rc;
	rs->prules = alloc_array(L, p->node->n, sizeof *rs->prules);
	if (!rs->prules)
		return oom(L, p->file, p->node);
	static const char *const keys[] = {"id", "when", "severity", "message", "source",
	                                   "justification", NULL};
	static const char *const wkeys[] = {"lacks_any", "any_activity_tagged", "all_activities_tagged",
	                                    "bilateral", "any_activity_country_tier", "monitoring",
	                                    "any_activity_in_excluded_country",
	                                    "any_activity_humanitarian", NULL};
	static const char *const severities[] = {"permitted", "conditional", "no-go", "prohibited"};
	static const char *const monitoring[] = {"(any)", "none", "no-independent-body",
	                                         "no-independent-local-body",
	                                         "less-frequent-than-required"};
	for (size_t i = 0; i < p->node->n; i++) {
		const yt_node *it = p->node->items[i];
		mpr_prule *pr = &rs->prules[i];
		const yt_node *w;
		int sev;
		if ((rc = sc_map(&c, it, "a partnership rule", keys)) || (rc = sc_id(&c, it, "id", &pr->id)) ||
		    (rc = rule_id(L, &c, pr->id, yt_get(it, "id"))) ||
		    (rc = sc_str(&c, it, "message", true, &pr->message)) ||
		    (rc = sc_str(&c, it, "source", true, &pr->source)) ||
		    (rc = sc_enum(&c, it, "severity", true, severities, 4, &sev)) ||
		    (rc = entry(L, &c, MPR_ENTRY_PARTNERSHIP_RULE, pr->id, it)))
			return rc;
		if (sev == MPR_PERMITTED)
			return sc_fail(&c, MPR_ESCHEMA, yt_get(it, "severity"),
			               "a finding's severity is conditional, no-go or prohibited");
		pr->severity = (mpr_verdict)sev;
		if (!(w = yt_get(it, "when")))
			return sc_fail(&c, MPR_ESCHEMA, it, "missing required key 'when'");
		if ((rc = sc_map(&c, w, "'when'", wkeys)) ||
		    (rc = sc_id_set(&c, w, "lacks_any", 1, mpr_find_element, rs, "partnership element", false,
		                    &pr->lacks_any)) ||
		    (rc = sc_id_set(&c, w, "any_activity_tagged", 1, mpr_find_tag, rs, "measure tag", false,
		                    &pr->any_tagged)) ||
		    (rc = sc_id_set(&c, w, "all_activities_tagged", 1, mpr_find_tag, rs, "measure tag", false,
		                    &pr->all_tagged)))
			return rc;
		if (w->n == 0)
			return sc_fail(&c, MPR_ESCHEMA, w, "a partnership rule needs at least one condition");
		pr->bilateral = -1;
		if (yt_get(w, "bilateral")) {
			bool b;
			if ((rc = sc_bool(&c, w, "bilateral", true, &b)))
				return rc;
			if (!b)
				return sc_fail(&c, MPR_ESCHEMA, yt_get(w, "bilateral"),
				               "'bilateral' can only be true (leave it out for any parties)");
			pr->bilateral = 1;
		}
		if (yt_get(w, "monitoring") &&
		    (rc = sc_enum(&c, w, "monitoring", true, monitoring + 1, 4, &pr->monitoring)))
			return rc;
		if (yt_get(w, "monitoring"))
			pr->monitoring++;
		if ((rc = tier_mask(L, &c, w, "any_activity_country_tier", &pr->tier_mask)) ||
		    (rc = tri_bool(&c, w, "any_activity_in_excluded_country", &pr->any_excluded)) ||
		    (rc = tri_bool(&c, w, "any_activity_humanitarian", &pr->any_humanitarian)))
			return rc;
		if (pr->any_excluded == 0)
			return sc_fail(&c, MPR_ESCHEMA, yt_get(w, "any_activity_in_excluded_country"),
			               "'any_activity_in_excluded_country' can only be true (leave it out "
			               "otherwise)");
		pr->at = place_of(p->file, it);
		rs->n_prules++;
	}
	return MPR_OK;
}

static int load_monitoring_content(loader *L)
{
	mpr_ruleset *rs = L->rs;
	if (!L->parts[S_MONITOR].n)
		return MPR_OK;
	const part *p = &L->parts[S_MONITOR].v[0];
	sc_ctx c = ctx_of(L, p->file);
	int rc = sc_seq(&c, p->node, "'monitoring_content'", 0);
	if (rc)
		return rc;
	rs->monitor_items = alloc_array(L, p->node->n, sizeof *rs->monitor_items);
	if (!rs->monitor_items)
		return oom(L, p->file, p->node);
	static const char *const keys[] = {"id", "what", "for_tags", "for_safeguards", "source",
	                                   "justification", NULL};
	for (size_t i = 0; i < p->node->n; i++) {
		const yt_node *it = p->node->items[i];
		mpr_monitor_item *m = &rs->monitor_items[i];
		if ((rc = sc_map(&c, it, "a monitoring content item", keys)) ||
		    (rc = sc_id(&c, it, "id", &m->id)) || (rc = rule_id(L, &c, m->id, yt_get(it, "id"))) ||
		    (rc = sc_str(&c, it, "what", true, &m->what)) ||
		    (rc = sc_str(&c, it, "source", true, &m->source)) ||
		    (rc = sc_id_set(&c, it, "for_tags", 1, mpr_find_tag, rs, "measure tag", false, &m->for_tags)) ||
		    (rc = sc_id_set(&c, it, "for_safeguards", 0, mpr_find_safeguard, L->rs, "safeguard", true, &m->for_safeguards)))
			return rc;
		rs->n_monitor_items++;
	}
	return MPR_OK;
}

static int load_classification(loader *L)
{
	const part *p = &L->parts[S_CLASSIFICATION].v[0];
	sc_ctx c = ctx_of(L, p->file);
	mpr_ruleset *rs = L->rs;
	mpr_classification *cl = &rs->classification;
	const yt_node *n = p->node;
	static const char *const keys[] = {"id", "source", "freedom_house", "human_rights_index",
	                                   "missing_indicator_tier", "treaties",
	                                   "restricted_freedoms", "functioning_state",
	                                   "justification", NULL};
	int rc;
	if ((rc = sc_map(&c, n, "'classification'", keys)) || (rc = sc_id(&c, n, "id", &cl->id)) ||
	    (rc = sc_str(&c, n, "source", true, &cl->source)) ||
	    (rc = rule_id(L, &c, cl->id, yt_get(n, "id"))) ||
	    (rc = entry(L, &c, MPR_ENTRY_CLASSIFICATION, cl->id, n)) ||
	    (rc = tier_of(L, &c, n, "missing_indicator_tier", true, &cl->missing_tier)))
		return rc;

	/* Freedom House status -> tier */
	const yt_node *fh = yt_get(n, "freedom_house");
	static const char *const fkeys[] = {"source", "status_tiers", NULL};
	if (!fh)
		return sc_fail(&c, MPR_ESCHEMA, n, "missing required key 'freedom_house'");
	if ((rc = sc_map(&c, fh, "'freedom_house'", fkeys)) ||
	    (rc = sc_str(&c, fh, "source", true, &cl->fh_rule_source)))
		return rc;
	const yt_node *st = yt_get(fh, "status_tiers");
	if (!st)
		return sc_fail(&c, MPR_ESCHEMA, fh, "missing required key 'status_tiers'");
	if ((rc = sc_map(&c, st, "'status_tiers'", NULL)))
		return rc;
	if (st->n == 0 || st->n > MPR_MAX_TIERS)
		return sc_fail(&c, MPR_ESCHEMA, st, "'status_tiers' needs 1 to %d statuses",
		               MPR_MAX_TIERS);
	for (size_t i = 0; i < st->n; i++) {
		cl->fh_status_names[i] = mpr_arena_strdup(&rs->arena, st->items[2 * i]->value);
		if (!cl->fh_status_names[i])
			return oom(L, p->file, st);
		if ((rc = tier_of(L, &c, st, st->items[2 * i]->value, true, &cl->fh_status_tier[i])))
			return rc;
	}
	cl->n_fh_status = st->n;

	/* V-Dem human rights index bands */
	const yt_node *hri = yt_get(n, "human_rights_index");
	static const char *const hkeys[] = {"source", "bands", NULL};
	if (!hri)
		return sc_fail(&c, MPR_ESCHEMA, n, "missing required key 'human_rights_index'");
	if ((rc = sc_map(&c, hri, "'human_rights_index'", hkeys)) ||
	    (rc = sc_str(&c, hri, "source", true, &cl->hri_rule_source)))
		return rc;
	const yt_node *bands = yt_get(hri, "bands");
	if (!bands)
		return sc_fail(&c, MPR_ESCHEMA, hri, "missing required key 'bands'");
	if ((rc = sc_seq(&c, bands, "'bands'", 1)))
		return rc;
	if (bands->n > MPR_MAX_TIERS)
		return sc_fail(&c, MPR_ELIMIT, bands, "at most %d bands", MPR_MAX_TIERS);
	static const char *const bkeys[] = {"at_least", "tier", NULL};
	for (size_t i = 0; i < bands->n; i++) {
		const yt_node *b = bands->items[i];
		mpr_band *band = &cl->bands[i];
		if ((rc = sc_map(&c, b, "a band", bkeys)) ||
		    (rc = sc_num(&c, b, "at_least", true, 0.0, 1.0, &band->at_least, NULL)) ||
		    (rc = tier_of(L, &c, b, "tier", true, &band->tier)))
			return rc;
		if (i && band->at_least >= cl->bands[i - 1].at_least)
			return sc_fail(&c, MPR_EINVARIANT, b,
			               "bands must be listed from the highest 'at_least' down");
		if (i && band->tier < cl->bands[i - 1].tier)
			return sc_fail(&c, MPR_EINVARIANT, b,
			               "a lower index cannot give a lower-risk tier than a higher one");
	}
	if (cl->bands[bands->n - 1].at_least != 0.0)
		return sc_fail(&c, MPR_EINVARIANT, bands->items[bands->n - 1],
		               "the last band must start at 0 so that every index value has a tier");
	cl->n_bands = bands->n;

	/* treaty rules (F1) */
	const yt_node *tr = yt_get(n, "treaties");
	if (tr) {
		if ((rc = sc_seq(&c, tr, "'treaties'", 0)))
			return rc;
		cl->treaty_rules = alloc_array(L, tr->n, sizeof *cl->treaty_rules);
		if (!cl->treaty_rules)
			return oom(L, p->file, tr);
		static const char *const tkeys[] = {"id", "treaty", "not_party_at_least", "source",
		                                    "justification", NULL};
		static const char *const treaties[] = {"refugee_convention", "refugee_protocol", "cat",
		                                       "iccpr"};
		for (size_t i = 0; i < tr->n; i++) {
			const yt_node *t = tr->items[i];
			mpr_treaty_rule *r = &cl->treaty_rules[i];
			if ((rc = sc_map(&c, t, "a treaty rule", tkeys)) || (rc = sc_id(&c, t, "id", &r->id)) ||
			    (rc = rule_id(L, &c, r->id, yt_get(t, "id"))) ||
			    (rc = sc_enum(&c, t, "treaty", true, treaties, 4, &r->treaty)) ||
			    (rc = tier_of(L, &c, t, "not_party_at_least", true, &r->at_least)) ||
			    (rc = sc_str(&c, t, "source", true, &r->source)) ||
			    (rc = entry(L, &c, MPR_ENTRY_TREATY_RULE, r->id, t)))
				return rc;
			r->effect = mpr_arena_printf(&rs->arena, "not a party to the %s: at least %s",
			                             treaties[r->treaty], rs->tiers[r->at_least]);
			if (!r->effect)
				return oom(L, p->file, t);
		}
		cl->n_treaty_rules = tr->n;
	}

	/* restricted freedoms (R8 condition) */
	const yt_node *rf = yt_get(n, "restricted_freedoms");
	static const char *const rkeys[] = {"source", "freedom_house_status",
	                                    "human_rights_index_below", NULL};
	if (!rf)
		return sc_fail(&c, MPR_ESCHEMA, n, "missing required key 'restricted_freedoms'");
	if ((rc = sc_map(&c, rf, "'restricted_freedoms'", rkeys)) ||
	    (rc = sc_str(&c, rf, "source", true, &cl->restricted_source)) ||
	    (rc = sc_num(&c, rf, "human_rights_index_below", true, 0.0, 1.0,
	                 &cl->restricted_hri_below, NULL)))
		return rc;
	const yt_node *rs_st = yt_get(rf, "freedom_house_status");
	if (!rs_st)
		return sc_fail(&c, MPR_ESCHEMA, rf, "missing required key 'freedom_house_status'");
	if ((rc = sc_seq(&c, rs_st, "'freedom_house_status'", 0)))
		return rc;
	if (rs_st->n > MPR_MAX_TIERS)
		return sc_fail(&c, MPR_ELIMIT, rs_st, "too many statuses");
	for (size_t i = 0; i < rs_st->n; i++) {
		const char *s;
		if ((rc = sc_scalar_str(&c, rs_st->items[i], "a Freedom House status", &s)))
			return rc;
		if (find_in(cl->fh_status_names, cl->n_fh_status, s) < 0)
			return sc_fail(&c, MPR_EREF, rs_st->items[i],
			               "'%s' is not a status of freedom_house.status_tiers", s);
		cl->restricted_statuses[i] = s;
	}
	cl->n_restricted_statuses = rs_st->n;

	/* limited presence of a functioning state (F2) */
	const yt_node *fs = yt_get(n, "functioning_state");
	static const char *const skeys[] = {"source", "state_authority_below", NULL};
	if (fs && ((rc = sc_map(&c, fs, "'functioning_state'", skeys)) ||
	           (rc = sc_str(&c, fs, "source", true, &cl->functioning_state_source)) ||
	           (rc = sc_num(&c, fs, "state_authority_below", true, 0.0, 100.0,
	                        &cl->state_authority_below, NULL))))
		return rc;
	return MPR_OK;
}

static int load_escalation(loader *L, sc_ctx *c, const yt_node *it, mpr_escalation *e)
{
	static const char *const keys[] = {"id", "attribute", "when_country", "raise", "requires",
	                                   "source", "justification", NULL};
	static const char *const conds[] = {"restricted-freedoms"};
	mpr_ruleset *rs = L->rs;
	int rc;
	const char *attr;
	long raise = 0;
	bool has_raise = false;
	if ((rc = sc_map(c, it, "an escalation", keys)) || (rc = sc_id(c, it, "id", &e->id)) ||
	    (rc = rule_id(L, c, e->id, yt_get(it, "id"))) ||
	    (rc = sc_str(c, it, "source", true, &e->source)) ||
	    (rc = sc_str(c, it, "attribute", true, &attr)) ||
	    (rc = sc_int(c, it, "raise", false, 0, MPR_MAX_TIERS, &raise, &has_raise)) ||
	    (rc = sc_id_set(c, it, "requires", 0, mpr_find_safeguard, L->rs, "safeguard", true, &e->requires)) ||
	    (rc = entry(L, c, MPR_ENTRY_ESCALATION, e->id, it)))
		return rc;
	e->attribute = mpr_find_attribute(rs, attr);
	if (e->attribute < 0)
		return sc_fail(c, MPR_EREF, yt_get(it, "attribute"), "unknown attribute '%s'", attr);
	e->condition = MPR_COND_NONE;
	if (yt_get(it, "when_country")) {
		int k;
		if ((rc = sc_enum(c, it, "when_country", true, conds, 1, &k)))
			return rc;
		e->condition = MPR_COND_RESTRICTED_FREEDOMS;
	}
	if (raise == 0 && e->requires == 0)
		return sc_fail(c, MPR_ESCHEMA, it,
		               "escalation '%s' neither raises the tier nor requires a safeguard", e->id);
	e->raise = (int)raise;
	e->at = place_of(c->file, it);
	char req[512] = "";
	size_t used = 0;
	for (size_t s = 0; s < rs->n_safeguards; s++)
		if (e->requires & ((mpr_set)1 << s)) {
			int w = snprintf(req + used, sizeof req - used, "%s%s", used ? ", " : "",
			                 rs->safeguards[s].n.id);
			if (w > 0 && (size_t)w < sizeof req - used)
				used += (size_t)w;
		}
	char text[768];
	int w = snprintf(text, sizeof text, "attribute %s%s:", attr,
	                 e->condition ? " in a country with restricted freedoms" : "");
	if (raise && w > 0 && (size_t)w < sizeof text)
		w += snprintf(text + w, sizeof text - (size_t)w, " raises the measure tier by %ld", raise);
	if (e->requires && w > 0 && (size_t)w < sizeof text)
		snprintf(text + w, sizeof text - (size_t)w, "%s requires %s", raise ? ";" : "", req);
	e->effect = mpr_arena_strdup(&rs->arena, text);
	if (!e->effect)
		return oom(L, c->file, it);
	return MPR_OK;
}

static int load_measures(loader *L)
{
	mpr_ruleset *rs = L->rs;
	const part *gp = L->parts[S_ESCALATIONS].n ? &L->parts[S_ESCALATIONS].v[0] : NULL;
	const part *p = &L->parts[S_MEASURES].v[0];
	sc_ctx c = ctx_of(L, p->file);
	int rc = sc_seq(&c, p->node, "'measures'", 1);
	if (rc)
		return rc;
	/* count escalations to allocate once */
	size_t total = 0;
	if (gp) {
		sc_ctx gc = ctx_of(L, gp->file);
		if ((rc = sc_seq(&gc, gp->node, "'escalations'", 0)))
			return rc;
		total += gp->node->n;
	}
	for (size_t i = 0; i < p->node->n; i++) {
		const yt_node *esc = yt_get(p->node->items[i], "escalations");
		if (esc) {
			if ((rc = sc_seq(&c, esc, "'escalations'", 1)))
				return rc;
			total += esc->n;
		}
	}
	rs->escalations = alloc_array(L, total, sizeof *rs->escalations);
	rs->measures = alloc_array(L, p->node->n, sizeof *rs->measures);
	if (!rs->escalations || !rs->measures)
		return oom(L, p->file, p->node);
	if (gp) {
		sc_ctx gc = ctx_of(L, gp->file);
		int *g = alloc_array(L, gp->node->n, sizeof *g);
		if (!g)
			return oom(L, gp->file, gp->node);
		for (size_t i = 0; i < gp->node->n; i++) {
			if ((rc = load_escalation(L, &gc, gp->node->items[i], &rs->escalations[rs->n_escalations])))
				return rc;
			g[i] = (int)rs->n_escalations++;
		}
		rs->global_escalations = g;
		rs->n_global_escalations = gp->node->n;
	}
	static const char *const keys[] = {"id", "name", "goal", "tier", "direct", "humanitarian",
	                                   "transfers_third_country_nationals", "default_beneficiary",
	                                   "requires", "escalations", "tags", "source", "justification",
	                                   NULL};
	static const char *const transfers[] = {"always", "unless-nationals-only"};
	for (size_t i = 0; i < p->node->n; i++) {
		const yt_node *it = p->node->items[i];
		mpr_measure *m = &rs->measures[i];
		long goal = 0;
		m->default_beneficiary = -1;
		if (yt_get(it, "transfers_third_country_nationals")) {
			int t;
			if ((rc = sc_enum(&c, it, "transfers_third_country_nationals", true, transfers, 2, &t)))
				return rc;
			m->transfers = t == 0 ? MPR_TRANSFERS_ALWAYS : MPR_TRANSFERS_UNLESS_NATIONALS;
		}
		if (yt_get(it, "default_beneficiary")) {
			const char *b;
			if ((rc = sc_str(&c, it, "default_beneficiary", true, &b)))
				return rc;
			m->default_beneficiary = mpr_find_beneficiary(rs, b);
			if (m->default_beneficiary < 0)
				return sc_fail(&c, MPR_EREF, yt_get(it, "default_beneficiary"),
				               "unknown beneficiary '%s'", b);
		}
		if ((rc = load_named(&c, it, &m->n, "a measure", keys)) ||
		    (rc = check_unique_named(&c, it, &m->n, rs->measures, sizeof *m, i, "measure")) ||
		    (rc = sc_int(&c, it, "goal", true, 0, 4, &goal, NULL)) ||
		    (rc = tier_of(L, &c, it, "tier", true, &m->tier)) ||
		    (rc = sc_bool(&c, it, "direct", true, &m->direct)) ||
		    (rc = sc_bool(&c, it, "humanitarian", false, &m->humanitarian)) ||
		    (rc = sc_id_set(&c, it, "requires", 0, mpr_find_safeguard, L->rs, "safeguard", true, &m->requires)) ||
		    (rc = sc_id_set(&c, it, "tags", 1, mpr_find_tag, rs, "measure tag", false, &m->tags)) ||
		    (rc = entry(L, &c, MPR_ENTRY_MEASURE, m->n.id, it)))
			return rc;
		m->goal = (int)goal;
		const yt_node *esc = yt_get(it, "escalations");
		if (esc) {
			int *idx = alloc_array(L, esc->n, sizeof *idx);
			if (!idx)
				return oom(L, p->file, esc);
			for (size_t k = 0; k < esc->n; k++) {
				if ((rc = load_escalation(L, &c, esc->items[k], &rs->escalations[rs->n_escalations])))
					return rc;
				idx[k] = (int)rs->n_escalations++;
			}
			m->escalations = idx;
			m->n_escalations = esc->n;
		}
		m->effect = mpr_arena_printf(&rs->arena, "base tier %s (%s%s)", rs->tiers[m->tier],
		                             m->direct ? "intervenes directly in migrants' lives"
		                                       : "indirect",
		                             m->humanitarian ? ", humanitarian" : "");
		if (!m->effect)
			return oom(L, p->file, it);
		rs->n_measures++;
	}
	return MPR_OK;
}

/* C3: a cell of higher risk must not be lighter in any respect. */
static int check_not_lighter(loader *L, const mpr_cell *lower, const mpr_cell *higher)
{
	mpr_ruleset *rs = L->rs;
	const char *why = NULL;
	char detail[256] = "";
	if (higher->verdict < lower->verdict) {
		why = "a milder verdict";
		snprintf(detail, sizeof detail, "%s < %s", mpr_verdict_name(higher->verdict),
		         mpr_verdict_name(lower->verdict));
	} else if (higher->monitoring < lower->monitoring) {
		why = "a lighter monitoring level";
		snprintf(detail, sizeof detail, "%s < %s", rs->monitoring[higher->monitoring],
		         rs->monitoring[lower->monitoring]);
	} else if (higher->months > lower->months) {
		why = "less frequent monitoring";
		snprintf(detail, sizeof detail, "every %u months > every %u months", higher->months,
		         lower->months);
	} else if (higher->suspension < lower->suspension) {
		why = "a lighter suspension mechanism";
		snprintf(detail, sizeof detail, "%s < %s", rs->suspension[higher->suspension].id,
		         rs->suspension[lower->suspension].id);
	} else if ((lower->safeguards & ~higher->safeguards) != 0) {
		why = "fewer safeguards";
		mpr_set gone = lower->safeguards & ~higher->safeguards;
		for (size_t s = 0; s < rs->n_safeguards; s++)
			if (gone & ((mpr_set)1 << s)) {
				snprintf(detail, sizeof detail, "lacks %s", rs->safeguards[s].n.id);
				break;
			}
	}
	if (!why)
		return MPR_OK;
	return mpr_fail(L->err, MPR_EINVARIANT, higher->at.file, higher->at.line, higher->at.column,
	                "cell '%s' has %s than '%s', a cell of lower risk (%s); C3 requires "
	                "safeguards and monitoring never to lighten as risk rises",
	                higher->id, why, lower->id, detail);
}

static int load_matrix(loader *L)
{
	mpr_ruleset *rs = L->rs;
	const part *p = &L->parts[S_MATRIX].v[0];
	sc_ctx c = ctx_of(L, p->file);
	int rc = sc_seq(&c, p->node, "'matrix'", 1);
	if (rc)
		return rc;
	static const char *const keys[] = {"id", "country", "measure", "verdict", "monitoring",
	                                   "suspension", "safeguards", "source", "justification", NULL};
	static const char *const verdicts[] = {"permitted", "conditional", "no-go", "prohibited"};
	static const char *const mkeys[] = {"level", "every_months", NULL};
	const char *susp_ids[MPR_MAX_TIERS];
	for (size_t i = 0; i < rs->n_suspension; i++)
		susp_ids[i] = rs->suspension[i].id;
	for (size_t i = 0; i < p->node->n; i++) {
		const yt_node *it = p->node->items[i];
		int ct, mt, v, lvl, susp;
		long months;
		mpr_cell cell;
		memset(&cell, 0, sizeof cell);
		const yt_node *mon;
		if ((rc = sc_map(&c, it, "a matrix cell", keys)) || (rc = sc_id(&c, it, "id", &cell.id)) ||
		    (rc = rule_id(L, &c, cell.id, yt_get(it, "id"))) ||
		    (rc = sc_str(&c, it, "source", true, &cell.source)) ||
		    (rc = tier_of(L, &c, it, "country", true, &ct)) ||
		    (rc = tier_of(L, &c, it, "measure", true, &mt)) ||
		    (rc = sc_enum(&c, it, "verdict", true, verdicts, 4, &v)) ||
		    (rc = sc_enum(&c, it, "suspension", true, susp_ids, rs->n_suspension, &susp)) ||
		    (rc = sc_id_set(&c, it, "safeguards", 0, mpr_find_safeguard, L->rs, "safeguard", true, &cell.safeguards)) ||
		    (rc = entry(L, &c, MPR_ENTRY_CELL, cell.id, it)))
			return rc;
		if (!yt_get(it, "safeguards"))
			return sc_fail(&c, MPR_ESCHEMA, it, "missing required key 'safeguards' (use [] for none)");
		if (!(mon = yt_get(it, "monitoring")))
			return sc_fail(&c, MPR_ESCHEMA, it, "missing required key 'monitoring'");
		if ((rc = sc_map(&c, mon, "'monitoring'", mkeys)) ||
		    (rc = sc_enum(&c, mon, "level", true, rs->monitoring, rs->n_monitoring, &lvl)) ||
		    (rc = sc_int(&c, mon, "every_months", true, 1, 120, &months, NULL)))
			return rc;
		if (v == MPR_PROHIBITED)
			return sc_fail(&c, MPR_EINVARIANT, yt_get(it, "verdict"),
			               "a matrix cell cannot be 'prohibited': the floor rules decide that");
		if (v == MPR_PERMITTED && cell.safeguards)
			return sc_fail(&c, MPR_EINVARIANT, yt_get(it, "safeguards"),
			               "a 'permitted' cell cannot require safeguards; make it 'conditional'");
		mpr_cell *slot = &rs->cells[ct][mt];
		if (slot->defined)
			return sc_fail(&c, MPR_EREF, it, "second cell for country %s x measure %s (first: '%s' at line %u)",
			               rs->tiers[ct], rs->tiers[mt], slot->id, slot->at.line);
		cell.verdict = (mpr_verdict)v;
		cell.monitoring = lvl;
		cell.months = (unsigned)months;
		cell.suspension = susp;
		cell.at = place_of(p->file, it);
		cell.defined = true;
		size_t nreq = 0;
		for (size_t s = 0; s < rs->n_safeguards; s++)
			nreq += (cell.safeguards >> s) & 1u;
		cell.effect = mpr_arena_printf(&rs->arena,
		                               "country %s x measure %s: %s; monitoring %s every %u months; "
		                               "suspension: %s; %zu safeguard%s required",
		                               rs->tiers[ct], rs->tiers[mt], verdicts[v], rs->monitoring[lvl],
		                               cell.months, rs->suspension[susp].id, nreq, nreq == 1 ? "" : "s");
		if (!cell.effect)
			return oom(L, p->file, it);
		*slot = cell;
	}
	/* every pair has a cell; C1; C3 */
	for (size_t ct = 0; ct < rs->n_tiers; ct++)
		for (size_t mt = 0; mt < rs->n_tiers; mt++)
			if (!rs->cells[ct][mt].defined)
				return sc_fail(&c, MPR_EINVARIANT, p->node,
				               "no cell for country tier '%s' x measure tier '%s'",
				               rs->tiers[ct], rs->tiers[mt]);
	size_t top = rs->n_tiers - 1;
	const mpr_cell *tt = &rs->cells[top][top];
	if (tt->verdict != MPR_NO_GO)
		return mpr_fail(L->err, MPR_EINVARIANT, tt->at.file, tt->at.line, tt->at.column,
		                "cell '%s' (%s country x %s measure) must be 'no-go' (C1, §4.2.1)", tt->id,
		                rs->tiers[top], rs->tiers[top]);
	for (size_t ct = 0; ct < rs->n_tiers; ct++)
		for (size_t mt = 0; mt < rs->n_tiers; mt++) {
			if (ct + 1 < rs->n_tiers &&
			    (rc = check_not_lighter(L, &rs->cells[ct][mt], &rs->cells[ct + 1][mt])))
				return rc;
			if (mt + 1 < rs->n_tiers &&
			    (rc = check_not_lighter(L, &rs->cells[ct][mt], &rs->cells[ct][mt + 1])))
				return rc;
		}
	return MPR_OK;
}

static int tri_bool(sc_ctx *c, const yt_node *map, const char *key, int *out)
{
	*out = -1;
	if (!yt_get(map, key))
		return MPR_OK;
	bool b;
	int rc = sc_bool(c, map, key, true, &b);
	if (!rc)
		*out = b;
	return rc;
}

static int load_floor(loader *L)
{
	mpr_ruleset *rs = L->rs;
	const part *p = &L->parts[S_FLOOR].v[0];
	sc_ctx c = ctx_of(L, p->file);
	int rc = sc_seq(&c, p->node, "'floor'", 1);
	if (rc)
		return rc;
	rs->floor = alloc_array(L, p->node->n, sizeof *rs->floor);
	if (!rs->floor)
		return oom(L, p->file, p->node);
	static const char *const keys[] = {"id", "when", "message", "source", "justification", NULL};
	static const char *const wkeys[] = {"attribute", "country_excluded", "humanitarian",
	                                    "country_tier", "lacks_any",
	                                    "transfers_third_country_nationals", "country_context",
	                                    NULL};
	for (size_t i = 0; i < p->node->n; i++) {
		const yt_node *it = p->node->items[i];
		mpr_floor *f = &rs->floor[i];
		const yt_node *w;
		if ((rc = sc_map(&c, it, "a floor rule", keys)) || (rc = sc_id(&c, it, "id", &f->id)) ||
		    (rc = rule_id(L, &c, f->id, yt_get(it, "id"))) ||
		    (rc = sc_str(&c, it, "message", true, &f->message)) ||
		    (rc = sc_str(&c, it, "source", true, &f->source)) ||
		    (rc = entry(L, &c, MPR_ENTRY_FLOOR, f->id, it)))
			return rc;
		if (!(w = yt_get(it, "when")))
			return sc_fail(&c, MPR_ESCHEMA, it, "missing required key 'when'");
		if ((rc = sc_map(&c, w, "'when'", wkeys)) ||
		    (rc = sc_id_set(&c, w, "attribute", 1, mpr_find_attribute, L->rs, "attribute", false, &f->any_attribute)) ||
		    (rc = tri_bool(&c, w, "country_excluded", &f->excluded)) ||
		    (rc = tri_bool(&c, w, "humanitarian", &f->humanitarian)) ||
		    (rc = tri_bool(&c, w, "transfers_third_country_nationals", &f->transfers)) ||
		    (rc = sc_id_set(&c, w, "country_context", 1, mpr_find_context_kind, L->rs,
		                    "context kind", true, &f->country_context)) ||
		    (rc = sc_id_set(&c, w, "lacks_any", 0, mpr_find_safeguard, L->rs, "safeguard", true, &f->lacks_any)))
			return rc;
		if (f->transfers == 0)
			return sc_fail(&c, MPR_ESCHEMA, yt_get(w, "transfers_third_country_nationals"),
			               "'transfers_third_country_nationals' can only be true (leave it out "
			               "otherwise)");
		if (w->n == 0)
			return sc_fail(&c, MPR_ESCHEMA, w, "a floor rule needs at least one condition");
		if ((rc = tier_mask(L, &c, w, "country_tier", &f->tier_mask)))
			return rc;
		if (yt_get(w, "lacks_any") && !f->lacks_any)
			return sc_fail(&c, MPR_ESCHEMA, yt_get(w, "lacks_any"),
			               "'lacks_any' must list at least one safeguard");
		f->at = place_of(p->file, it);
		rs->n_floor++;
	}
	return MPR_OK;
}

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
	*out = mpr_find_context_kind(L->rs, kind);
	if (*out < 0)
		return sc_fail(c, MPR_EREF, yt_get(f, "kind"),
		               "unknown context kind '%s' (define it under 'context_kinds')", kind);
	return MPR_OK;
}

static int load_country(loader *L, sc_ctx *c, const yt_node *it, mpr_country *k)
{
	mpr_ruleset *rs = L->rs;
	static const char *const keys[] = {"code", "iso3", "name", "fh_name", "assessed",
	                                   "freedom_house", "vdem", "treaties", "state_authority",
	                                   "context", "excluded", "notes", "justification", NULL};
	static const char *const akeys[] = {"percent", "year", "version", "source", NULL};
	static const char *const fkeys[] = {"status", "score", "edition", "source", NULL};
	static const char *const vkeys[] = {"human_rights_index", "regime", "year", "version",
	                                    "source", NULL};
	static const char *const tkeys[] = {"refugee_convention", "refugee_protocol", "cat", "iccpr",
	                                    "source", "refugee_source", NULL};
	static const char *const ckeys[] = {"id", "kind", "raise", "evidence", "source", "date",
	                                    "max_age_months", "justification", NULL};
	static const char *const xkeys[] = {"reason", "source", NULL};
	int rc;
	const yt_node *v;
	if ((rc = sc_map(c, it, "a country", keys)) || (rc = sc_str(c, it, "code", true, &k->n.id)) ||
	    (rc = sc_str(c, it, "name", true, &k->n.name)) ||
	    (rc = sc_date(c, it, "assessed", true, &k->assessed)))
		return rc;
	if (!valid_code(k->n.id))
		return sc_fail(c, MPR_ESCHEMA, yt_get(it, "code"),
		               "'%s' is not an ISO 3166-1 alpha-2 code in capitals (e.g. TN)", k->n.id);
	if ((rc = sc_str(c, it, "iso3", false, &k->iso3)) ||
	    (rc = sc_str(c, it, "fh_name", false, &k->fh_name)))
		return rc;
	if (k->iso3 && !valid_code3(k->iso3))
		return sc_fail(c, MPR_ESCHEMA, yt_get(it, "iso3"),
		               "'%s' is not an ISO 3166-1 alpha-3 code in capitals (e.g. TUN)", k->iso3);
	if (!k->fh_name)
		k->fh_name = k->n.name;
	k->n.at = place_of(c->file, it);
	k->n.source = k->n.id; /* a country's sources are those of its indicators */
	if ((rc = entry(L, c, MPR_ENTRY_COUNTRY, k->n.id, it)))
		return rc;

	/* Freedom House */
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

	/* V-Dem */
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

	/* treaties */
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

	/* state authority over territory (F2: a functioning state) */
	k->state_authority = -1.0;
	if ((v = yt_get(it, "state_authority"))) {
		const yt_node *pct;
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
	}

	/* context factors (R4) */
	if ((v = yt_get(it, "context"))) {
		if ((rc = sc_seq(c, v, "'context'", 1)))
			return rc;
		mpr_context *cx = alloc_array(L, v->n, sizeof *cx);
		if (!cx)
			return oom(L, c->file, v);
		for (size_t i = 0; i < v->n; i++) {
			const yt_node *f = v->items[i];
			long raise, max_age = (long)rs->staleness_months;
			if ((rc = sc_map(c, f, "a context factor", ckeys)) || (rc = sc_id(c, f, "id", &cx[i].id)) ||
			    (rc = rule_id(L, c, cx[i].id, yt_get(f, "id"))) ||
			    (rc = sc_id(c, f, "kind", &cx[i].kind)) ||
			    (rc = context_kind(L, c, f, &cx[i].kind_index)) ||
			    (rc = sc_int(c, f, "raise", true, 0, MPR_MAX_TIERS, &raise, NULL)) ||
			    (rc = sc_str(c, f, "evidence", true, &cx[i].evidence)) ||
			    (rc = sc_str(c, f, "source", true, &cx[i].source)) ||
			    (rc = sc_date(c, f, "date", true, &cx[i].date)) ||
			    (rc = sc_int(c, f, "max_age_months", false, 1, 120, &max_age, NULL)) ||
			    (rc = entry(L, c, MPR_ENTRY_CONTEXT, cx[i].id, f)))
				return rc;
			cx[i].raise = (int)raise;
			cx[i].max_age_months = (unsigned)max_age;
			k->context_kinds |= (mpr_set)1 << cx[i].kind_index;
			cx[i].floor_effect = mpr_arena_printf(&rs->arena, "evidence on %s: %s (assessed %s): %s",
			                                      k->n.id, rs->context_kinds[cx[i].kind_index].name,
			                                      cx[i].date, cx[i].evidence);
			if (!cx[i].floor_effect)
				return oom(L, c->file, f);
			cx[i].at = place_of(c->file, f);
		}
		k->context = cx;
		k->n_context = v->n;
	}

	/* exclusion (F2) */
	if ((v = yt_get(it, "excluded"))) {
		if ((rc = sc_map(c, v, "'excluded'", xkeys)) ||
		    (rc = sc_str(c, v, "reason", true, &k->excluded)) ||
		    (rc = sc_str(c, v, "source", true, &k->excluded_source)))
			return rc;
	}

	if ((v = yt_get(it, "notes"))) {
		if ((rc = sc_seq(c, v, "'notes'", 0)))
			return rc;
		const char **notes = alloc_array(L, v->n, sizeof *notes);
		if (!notes)
			return oom(L, c->file, v);
		for (size_t i = 0; i < v->n; i++)
			if ((rc = sc_scalar_str(c, v->items[i], "a note", &notes[i])))
				return rc;
		k->notes = notes;
		k->n_notes = v->n;
	}
	return mpr_classify_country(rs, k, L->err);
}

static int load_countries(loader *L)
{
	mpr_ruleset *rs = L->rs;
	size_t total = 0;
	for (size_t k = 0; k < L->parts[S_COUNTRIES].n; k++) {
		sc_ctx c = ctx_of(L, L->parts[S_COUNTRIES].v[k].file);
		int rc = sc_seq(&c, L->parts[S_COUNTRIES].v[k].node, "'countries'", 0);
		if (rc)
			return rc;
		total += L->parts[S_COUNTRIES].v[k].node->n;
	}
	if (total == 0) {
		const part *p = &L->parts[S_COUNTRIES].v[0];
		return mpr_fail(L->err, MPR_ESCHEMA, p->file, p->line, p->column,
		                "the ruleset defines no country");
	}
	rs->countries = alloc_array(L, total, sizeof *rs->countries);
	if (!rs->countries)
		return oom(L, NULL, NULL);
	for (size_t k = 0; k < L->parts[S_COUNTRIES].n; k++) {
		const part *p = &L->parts[S_COUNTRIES].v[k];
		sc_ctx c = ctx_of(L, p->file);
		for (size_t i = 0; i < p->node->n; i++) {
			const yt_node *it = p->node->items[i];
			mpr_country *co = &rs->countries[rs->n_countries];
			int rc = load_country(L, &c, it, co);
			if (rc)
				return rc;
			for (size_t j = 0; j < rs->n_countries; j++)
				if (strcmp(rs->countries[j].n.id, co->n.id) == 0)
					return sc_fail(&c, MPR_EREF, yt_get(it, "code"),
					               "duplicate country '%s' (first defined at %s:%u:%u)", co->n.id,
					               rs->countries[j].n.at.file, rs->countries[j].n.at.line,
					               rs->countries[j].n.at.column);
			rs->n_countries++;
		}
	}
	return MPR_OK;
}

/* ------------------------------------------------------------------------ */
/* Driver of the load                                                        */

static int split_sections(loader *L)
{
	for (size_t d = 0; d < L->n_docs; d++) {
		const yt_doc *doc = &L->docs[d];
		sc_ctx c = ctx_of(L, doc->file);
		if (!doc->root)
			return mpr_fail(L->err, MPR_ESCHEMA, doc->file, 1, 1,
			                "empty rule file (expected a mapping of sections: ruleset, "
			                "classification, safeguards, measures, matrix, floor, countries, ...)");
		int rc = sc_map(&c, doc->root, "a rule file", section_names);
		if (rc)
			return rc;
		for (size_t i = 0; i < doc->root->n; i++) {
			const yt_node *key = doc->root->items[2 * i];
			int s = find_in(section_names, S_COUNT, key->value);
			if (L->parts[s].n && !section_repeatable[s])
				return mpr_fail(L->err, MPR_ESCHEMA, doc->file, key->line, key->column,
				                "section '%s' is already defined at %s:%u:%u", key->value,
				                L->parts[s].v[0].file, L->parts[s].v[0].line, L->parts[s].v[0].column);
			part *np = mpr_array_push(L->parts[s]);
			if (!np)
				return oom(L, doc->file, key);
			np->node = doc->root->items[2 * i + 1];
			np->file = doc->file;
			np->line = key->line;
			np->column = key->column;
		}
	}
	for (int s = 0; s < S_COUNT; s++)
		if (section_required[s] && !L->parts[s].n)
			return mpr_fail(L->err, MPR_ESCHEMA, L->n_docs ? L->docs[0].file : "", 0, 0,
			                "the ruleset has no '%s' section in any file", section_names[s]);
	return MPR_OK;
}

static int cmp_entry_ptr(const void *a, const void *b)
{
	const mpr_entry *x = *(const mpr_entry *const *)a, *y = *(const mpr_entry *const *)b;
	uintptr_t p = (uintptr_t)x->id, q = (uintptr_t)y->id;
	return p < q ? -1 : p > q;
}

static int finish(loader *L)
{
	mpr_ruleset *rs = L->rs;
	rs->entries = alloc_array(L, L->entries.n, sizeof *rs->entries);
	rs->by_pointer = alloc_array(L, L->entries.n, sizeof *rs->by_pointer);
	if (!rs->entries || !rs->by_pointer)
		return oom(L, NULL, NULL);
	if (L->entries.n)
		memcpy(rs->entries, L->entries.v, L->entries.n * sizeof *rs->entries);
	rs->n_entries = L->entries.n;
	for (size_t i = 0; i < rs->n_entries; i++)
		rs->by_pointer[i] = &rs->entries[i];
	if (rs->n_entries)
		qsort(rs->by_pointer, rs->n_entries, sizeof *rs->by_pointer, cmp_entry_ptr);
	size_t max_reasons = 0, max_esc = 0, max_context = 0;
	for (size_t i = 0; i < rs->n_countries; i++) {
		if (rs->countries[i].n_reasons > max_reasons)
			max_reasons = rs->countries[i].n_reasons;
		if (rs->countries[i].n_context > max_context)
			max_context = rs->countries[i].n_context;
	}
	for (size_t i = 0; i < rs->n_measures; i++)
		if (rs->measures[i].n_escalations > max_esc)
			max_esc = rs->measures[i].n_escalations;
	/* country reasons, measure base, beneficiary, escalations, measure
	 * requirements, floor rules each with the country evidence it cites, the
	 * cell, the conditional note, one line per safeguard */
	rs->max_trace = max_reasons + 1 + 1 + rs->n_global_escalations + max_esc + 1 +
	                rs->n_floor * (1 + max_context) + 1 + 1 + rs->n_safeguards;
	if (mpr_index_build(&rs->country_index, &rs->arena, &rs->countries[0].n.id,
	                    sizeof *rs->countries, rs->n_countries) ||
	    mpr_index_build(&rs->measure_index, &rs->arena, &rs->measures[0].n.id,
	                    sizeof *rs->measures, rs->n_measures) ||
	    mpr_index_build(&rs->safeguard_index, &rs->arena, &rs->safeguards[0].n.id,
	                    sizeof *rs->safeguards, rs->n_safeguards) ||
	    mpr_index_build(&rs->attribute_index, &rs->arena,
	                    rs->n_attributes ? (const void *)&rs->attributes[0].n.id : NULL,
	                    sizeof *rs->attributes, rs->n_attributes))
		return oom(L, NULL, NULL);
	rs->effect_missing = "required but not declared";
	rs->effect_required_by_measure = "the measure itself requires safeguards";
	rs->effect_conditional = "safeguards are required, so the verdict is at least conditional";
	rs->effect_no_beneficiary = "no beneficiary declared: the support counts as humanitarian "
	                            "support delivered to migrants only when a beneficiary that "
	                            "delivers to migrants is declared (fail closed)";
	return MPR_OK;
}

int mpr_ruleset_load_files(mpr_ruleset **out, const mpr_rule_file *files, size_t n_files,
                           const mpr_load_options *opts, mpr_error *err)
{
	*out = NULL;
	loader L;
	memset(&L, 0, sizeof L);
	L.err = err;
	L.opts = yt_options(opts);
	L.rs = calloc(1, sizeof *L.rs);
	if (!L.rs)
		return mpr_fail(err, MPR_ENOMEM, "", 0, 0, "out of memory");
	EVP_MD_CTX *hash = EVP_MD_CTX_new();
	int rc = hash ? MPR_OK : mpr_fail(err, MPR_ENOMEM, "", 0, 0, "out of memory");
	if (rc == MPR_OK && !EVP_DigestInit_ex(hash, EVP_sha256(), NULL))
		rc = mpr_fail(err, MPR_ENOMEM, "", 0, 0, "cannot initialise SHA-256");
	if (rc == MPR_OK && !(L.docs = calloc(n_files ? n_files : 1, sizeof *L.docs)))
		rc = mpr_fail(err, MPR_ENOMEM, "", 0, 0, "out of memory");
	for (size_t i = 0; rc == MPR_OK && i < n_files; i++) {
		/* the fingerprint covers the relative path, then the tree */
		EVP_DigestUpdate(hash, files[i].rel, strlen(files[i].rel) + 1);
		rc = yt_parse(&L.docs[i], files[i].name, files[i].data, files[i].len, &L.opts, hash, err);
		L.n_docs = i + 1;
		/* entries keep their file name after the trees are freed */
		/* L.docs is allocated: rc is MPR_OK */
		// NOLINTNEXTLINE(clang-analyzer-core.NullDereference)
		if (rc == MPR_OK && !(L.docs[i].file = mpr_arena_strdup(&L.rs->arena, files[i].name)))
			rc = mpr_fail(err, MPR_ENOMEM, files[i].name, 0, 0, "out of memory");
	}
	if (rc == MPR_OK) {
		unsigned char md[EVP_MAX_MD_SIZE];
		unsigned mdlen = 0;
		if (!EVP_DigestFinal_ex(hash, md, &mdlen))
			rc = mpr_fail(err, MPR_ENOMEM, "", 0, 0, "SHA-256 failed");
		else
			mpr_digest_text(md, L.rs->fingerprint);
	}
	if (rc == MPR_OK)
		rc = split_sections(&L);
	if (rc == MPR_OK)
		/* every allocation is owned by L and freed below */
		// NOLINTNEXTLINE(clang-analyzer-unix.Malloc)
		rc = load_ruleset_section(&L, &L.parts[S_RULESET].v[0]);
	if (rc == MPR_OK)
		rc = load_sources(&L);
	if (rc == MPR_OK)
		rc = load_safeguards(&L);
	if (rc == MPR_OK)
		rc = load_attributes(&L);
	if (rc == MPR_OK)
		rc = load_classification(&L);
	if (rc == MPR_OK)
		rc = load_catalogue(&L, S_TAGS, -1, "measure tag", &L.rs->tags,
		                    &L.rs->n_tags);
	if (rc == MPR_OK)
		rc = load_catalogue(&L, S_CONTEXT_KINDS, MPR_ENTRY_CONTEXT_KIND, "context kind",
		                    &L.rs->context_kinds, &L.rs->n_context_kinds);
	if (rc == MPR_OK)
		rc = load_beneficiaries(&L);
	if (rc == MPR_OK)
		rc = load_measures(&L);
	if (rc == MPR_OK)
		rc = resolve_beneficiaries(&L);
	if (rc == MPR_OK)
		rc = load_matrix(&L);
	if (rc == MPR_OK)
		rc = load_floor(&L);
	if (rc == MPR_OK)
		rc = load_elements(&L);
	if (rc == MPR_OK)
		rc = load_partnership_rules(&L);
	if (rc == MPR_OK)
		rc = load_monitoring_content(&L);
	if (rc == MPR_OK)
		rc = load_countries(&L);
	if (rc == MPR_OK)
		rc = finish(&L);

	EVP_MD_CTX_free(hash);
	for (size_t i = 0; i < L.n_docs; i++)
		yt_doc_free(&L.docs[i]);
	free(L.docs);
	for (int s = 0; s < S_COUNT; s++)
		mpr_array_free(L.parts[s]);
	mpr_array_free(L.rule_ids);
	mpr_array_free(L.entries);
	free(L.carries);
	if (rc != MPR_OK) {
		mpr_ruleset_free(L.rs);
		return rc;
	}
	*out = L.rs;
	return MPR_OK;
}

int mpr_rule_files_read(const char *dir, const mpr_load_options *opts, mpr_rule_file **out,
                        size_t *n_out, mpr_error *err)
{
	*out = NULL;
	*n_out = 0;
	mpr_load_options o = yt_options(opts);
	pathlist paths = MPR_ARRAY_INIT;
	int rc = collect(dir, 0, &paths, err);
	if (rc == MPR_OK && paths.n == 0)
		rc = mpr_fail(err, MPR_EIO, dir, 0, 0, "no *.yaml rule files in this directory");
	size_t n = rc == MPR_OK ? paths.n : 0;
	mpr_rule_file *files = NULL;
	/* n > 0 here: an empty directory failed above */
	// NOLINTNEXTLINE(clang-analyzer-optin.portability.UnixAPI)
	if (n && !(files = calloc(n, sizeof *files)))
		rc = mpr_fail(err, MPR_ENOMEM, dir, 0, 0, "out of memory");
	size_t dirlen = strlen(dir);
	for (size_t i = 0; files && i < n; i++) {
		/* the file takes over the path; rel points into it */
		files[i].name = paths.v[i];
		files[i].rel = paths.v[i] + dirlen + (paths.v[i][dirlen] == '/');
		paths.v[i] = NULL;
		unsigned char *data = NULL;
		if (rc == MPR_OK)
			rc = mpr_file_read(files[i].name, o.max_file_bytes, &data, &files[i].len, err);
		files[i].data = data;
	}
	pathlist_free(&paths); /* frees the paths no file took over */
	if (rc != MPR_OK) {
		mpr_rule_files_free(files, n);
		return rc;
	}
	*out = files;
	*n_out = n;
	return MPR_OK;
}

void mpr_rule_files_free(mpr_rule_file *files, size_t n)
{
	for (size_t i = 0; files && i < n; i++) {
		/* both were malloc'd by mpr_rule_files_read; the struct only shows them const */
		void *name, *data;
		memcpy(&name, &files[i].name, sizeof name);
		memcpy(&data, &files[i].data, sizeof data);
		free(name);
		free(data);
	}
	free(files);
}

int mpr_ruleset_load(mpr_ruleset **out, const char *dir, const mpr_load_options *opts,
                     mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!out || !dir)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_ruleset_load: out and dir are required");
	*out = NULL;
	mpr_rule_file *files;
	size_t n;
	int rc = mpr_rule_files_read(dir, opts, &files, &n, err);
	if (rc == MPR_OK)
		rc = mpr_ruleset_load_files(out, files, n, opts, err);
	mpr_rule_files_free(files, n);
	return rc;
}

void mpr_ruleset_free(mpr_ruleset *rs)
{
	if (!rs)
		return;
	mpr_arena_free(&rs->arena);
	free(rs);
}

/* ------------------------------------------------------------------------ */
/* Accessors and lookups                                                     */

const char *mpr_ruleset_fingerprint(const mpr_ruleset *rs) { return rs ? rs->fingerprint : NULL; }
const char *mpr_ruleset_id(const mpr_ruleset *rs) { return rs ? rs->id : NULL; }
const char *mpr_ruleset_title(const mpr_ruleset *rs) { return rs ? rs->title : NULL; }
size_t mpr_ruleset_country_count(const mpr_ruleset *rs) { return rs ? rs->n_countries : 0; }
size_t mpr_ruleset_measure_count(const mpr_ruleset *rs) { return rs ? rs->n_measures : 0; }

const char *mpr_ruleset_country_code(const mpr_ruleset *rs, size_t i)
{
	return rs && i < rs->n_countries ? rs->countries[i].n.id : NULL;
}

const char *mpr_ruleset_measure_id(const mpr_ruleset *rs, size_t i)
{
	return rs && i < rs->n_measures ? rs->measures[i].n.id : NULL;
}

const char *mpr_ruleset_country_tier(const mpr_ruleset *rs, const char *code)
{
	if (!rs || !code)
		return NULL;
	int c = mpr_find_country(rs, code);
	return c < 0 ? NULL : rs->tiers[rs->countries[c].tier];
}

/* FNV-1a: short ids, no adversary (ids come from the rules) */
static size_t hash_id(const char *s)
{
	size_t h = (size_t)14695981039346656037ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * (size_t)1099511628211ULL;
	return h;
}

static const char *id_at(const mpr_index *ix, size_t pos)
{
	return *(const char *const *)((const char *)ix->ids + pos * ix->stride);
}

int mpr_index_build(mpr_index *ix, mpr_arena *arena, const void *first_id, size_t stride,
                    size_t n)
{
	size_t size = 8;
	while (size < 2 * n)
		size *= 2;
	ix->ids = first_id;
	ix->stride = stride;
	ix->mask = size - 1;
	ix->slots = mpr_arena_alloc(arena, size * sizeof *ix->slots);
	if (!ix->slots)
		return MPR_ENOMEM;
	for (size_t pos = 0; pos < n; pos++) {
		size_t h = hash_id(id_at(ix, pos)) & ix->mask;
		while (ix->slots[h])
			h = (h + 1) & ix->mask;
		ix->slots[h] = (int)pos + 1;
	}
	return MPR_OK;
}

int mpr_index_find(const mpr_index *ix, const char *id)
{
	if (!ix->slots)
		return -1;
	for (size_t h = hash_id(id) & ix->mask; ix->slots[h]; h = (h + 1) & ix->mask) {
		int pos = ix->slots[h] - 1;
		if (strcmp(id_at(ix, (size_t)pos), id) == 0)
			return pos;
	}
	return -1;
}

/* While loading, the catalogues are still growing: search them directly.
 * After load, the hash indexes answer. */
static int find_linear(const void *first_id, size_t stride, size_t n, const char *id)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(*(const char *const *)((const char *)first_id + i * stride), id) == 0)
			return (int)i;
	return -1;
}

int mpr_find_country(const mpr_ruleset *rs, const char *code)
{
	if (rs->country_index.slots)
		return mpr_index_find(&rs->country_index, code);
	return rs->n_countries ? find_linear(&rs->countries[0].n.id, sizeof *rs->countries, rs->n_countries, code) : -1;
}

int mpr_find_measure(const mpr_ruleset *rs, const char *id)
{
	if (rs->measure_index.slots)
		return mpr_index_find(&rs->measure_index, id);
	return rs->n_measures ? find_linear(&rs->measures[0].n.id, sizeof *rs->measures, rs->n_measures, id) : -1;
}

int mpr_find_safeguard(const mpr_ruleset *rs, const char *id)
{
	if (rs->safeguard_index.slots)
		return mpr_index_find(&rs->safeguard_index, id);
	return rs->n_safeguards ? find_linear(&rs->safeguards[0].n.id, sizeof *rs->safeguards, rs->n_safeguards, id) : -1;
}

int mpr_find_element(const mpr_ruleset *rs, const char *id)
{
	return rs->n_elements ? find_linear(&rs->elements[0].n.id, sizeof *rs->elements, rs->n_elements, id) : -1;
}

int mpr_find_beneficiary(const mpr_ruleset *rs, const char *id)
{
	return rs->n_beneficiaries ? find_linear(&rs->beneficiaries[0].n.id, sizeof *rs->beneficiaries,
	                                         rs->n_beneficiaries, id)
	                           : -1;
}

int mpr_find_context_kind(const mpr_ruleset *rs, const char *id)
{
	return rs->n_context_kinds ? find_linear(&rs->context_kinds[0].id, sizeof *rs->context_kinds,
	                                         rs->n_context_kinds, id)
	                           : -1;
}

int mpr_find_tag(const mpr_ruleset *rs, const char *id)
{
	return rs->n_tags ? find_linear(&rs->tags[0].id, sizeof *rs->tags, rs->n_tags, id) : -1;
}

int mpr_find_attribute(const mpr_ruleset *rs, const char *id)
{
	if (rs->attribute_index.slots)
		return mpr_index_find(&rs->attribute_index, id);
	return rs->n_attributes ? find_linear(&rs->attributes[0].n.id, sizeof *rs->attributes, rs->n_attributes, id) : -1;
}

const char *mpr_entry_kind_name(int kind)
{
	static const char *const names[] = {"country", "context factor", "classification",
	                                    "treaty rule", "measure", "escalation", "attribute",
	                                    "safeguard", "matrix cell", "floor rule",
	                                    "partnership element", "partnership rule",
	                                    "beneficiary", "context kind"};
	return kind >= 0 && kind < MPR_ENTRY_KINDS ? names[kind] : "?";
}

const mpr_entry *mpr_entry_by_pointer(const mpr_ruleset *rs, const char *rule)
{
	size_t lo = 0, hi = rs->n_entries;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *p = rs->by_pointer[mid]->id;
		if ((uintptr_t)p == (uintptr_t)rule)
			return rs->by_pointer[mid];
		if ((uintptr_t)p < (uintptr_t)rule)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

const mpr_entry *mpr_entry_find(const mpr_ruleset *rs, int kind, const char *id)
{
	for (size_t i = 0; i < rs->n_entries; i++)
		if (rs->entries[i].kind == kind && strcmp(rs->entries[i].id, id) == 0)
			return &rs->entries[i];
	return NULL;
}
