/*
 * registry.c - every rule entry of a ruleset, for the auditors' tools: its
 * kind, its id (the very pointer the trace steps carry), its place and a
 * hash of its content, registered while the sections load; one namespace
 * of rule ids, so that a trace step names one entry; and the lookups the
 * audit stage makes (by id pointer: binary search; by kind and id).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "load/load.h"
#include "load/loader.h"
#include "util/error.h"

/* Register a rule id in the shared namespace of rule entries. */
int ld_rule_id(loader *L, sc_ctx *c, const char *id, const yt_node *at)
{
	for (size_t i = 0; i < L->rule_ids.n; i++) {
		const rule_name *r = &L->rule_ids.v[i];
		if (strcmp(r->id, id) == 0)
			return sc_fail(c, MPR_EREF, at, "duplicate rule id '%s' (first defined at %s:%u:%u)",
			               id, r->at.file, r->at.line, r->at.column);
	}
	rule_name *r = mpr_array_push(L->rule_ids);
	if (!r)
		return ld_oom(L, c->file, at);
	r->id = id;
	r->at = ld_place(c->file, at);
	return MPR_OK;
}

/* Register a rule entry: its place, its content hash, its justification. */
int ld_entry(loader *L, sc_ctx *c, int kind, const char *id, const yt_node *node)
{
	mpr_entry *e = mpr_array_push(L->entries);
	if (!e)
		return ld_oom(L, c->file, node);
	memset(e, 0, sizeof *e);
	e->kind = kind;
	e->id = id;
	e->at = ld_place(c->file, node);
	if (yt_hash_node(node, &L->entry_hasher, &L->entry_canon, e->hash))
		return ld_oom(L, c->file, node);
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

static int cmp_entry_ptr(const void *a, const void *b)
{
	const mpr_entry *x = *(const mpr_entry *const *)a, *y = *(const mpr_entry *const *)b;
	uintptr_t p = (uintptr_t)x->id, q = (uintptr_t)y->id;
	return p < q ? -1 : p > q;
}

int ld_registry_finish(loader *L)
{
	mpr_ruleset *rs = L->rs;
	rs->entries = ld_alloc(L, L->entries.n, sizeof *rs->entries);
	rs->by_pointer = ld_alloc(L, L->entries.n, sizeof *rs->by_pointer);
	if (!rs->entries || !rs->by_pointer)
		return ld_oom(L, NULL, NULL);
	if (L->entries.n)
		memcpy(rs->entries, L->entries.v, L->entries.n * sizeof *rs->entries);
	rs->n_entries = L->entries.n;
	for (size_t i = 0; i < rs->n_entries; i++)
		rs->by_pointer[i] = &rs->entries[i];
	if (rs->n_entries)
		qsort(rs->by_pointer, rs->n_entries, sizeof *rs->by_pointer, cmp_entry_ptr);
	return MPR_OK;
}

const char *mpr_entry_kind_name(int kind)
{
	static const char *const names[] = {"country", "context factor", "classification",
	                                    "treaty rule", "measure", "escalation", "attribute",
	                                    "safeguard", "matrix cell", "floor rule",
	                                    "partnership element", "partnership rule",
	                                    "beneficiary", "context kind", "implementer",
	                                    "violation kind", "consequence", "monitoring parameter"};
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
