/*
 * load.c - YAML rule files -> a validated, immutable mpr_ruleset.
 *
 * Loading is where all the expensive and all the suspicious work happens, so
 * that deciding can be a few array lookups: every file is parsed into a tree
 * (the fingerprint hashed on the way), the trees are split into sections,
 * and one loop runs the loader of each section in the order of the table
 * below, each in its own file: every id is resolved to an index, the
 * framework's own invariants are checked (matrix.c), every country's tier is
 * computed with its reasons (classify.c). Any error names the file, line and
 * column at fault and nothing of the half-built ruleset survives.
 *
 * `sources` and `countries` may be split over several files; every other
 * section is defined once. Format reference: docs/rules-format.md.
 */
#include "load/load.h"

#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

#include "load/loader.h"
#include "util/error.h"
#include "util/file.h"
#include "util/sha256.h"

/* The sections in the order they are loaded (loader.h says why): each is
 * read by its loader, or, a list of items, as items.c reads lists;
 * required: some file must have it; repeatable: more than one file may. */
static const struct section {
	const char *name;
	ld_section_fn load;
	const ld_items *items;
	bool required, repeatable;
} sections[S_COUNT] = {
	[S_RULESET] = {"ruleset", ld_ruleset, .required = true},
	[S_SOURCES] = {"sources", .items = &ld_source_items, .repeatable = true},
	[S_SAFEGUARDS] = {"safeguards", .items = &ld_safeguard_items, .required = true},
	[S_ATTRIBUTES] = {"attributes", .items = &ld_attribute_items},
	[S_CLASSIFICATION] = {"classification", ld_classification, .required = true},
	[S_TAGS] = {"measure_tags", .items = &ld_tag_items},
	[S_CONTEXT_KINDS] = {"context_kinds", .items = &ld_context_kind_items},
	[S_BENEFICIARIES] = {"beneficiaries", .items = &ld_beneficiary_items},
	[S_IMPLEMENTERS] = {"implementers", .items = &ld_implementer_items},
	[S_ESCALATIONS] = {"escalations", .load = NULL}, /* read with the measures */
	[S_MEASURES] = {"measures", ld_measures, .required = true},
	[S_MATRIX] = {"matrix", ld_matrix, .required = true},
	[S_FLOOR] = {"floor", .items = &ld_floor_items, .required = true},
	[S_ELEMENTS] = {"partnership_elements", .items = &ld_element_items},
	[S_PRULES] = {"partnership_rules", .items = &ld_prule_items},
	[S_MONITOR] = {"monitoring_content", .items = &ld_monitor_items},
	[S_VIOLATION_KINDS] = {"violation_kinds", .items = &ld_violation_kind_items},
	[S_CONSEQUENCES] = {"consequences", .items = &ld_consequence_items},
	[S_MON_PARAMS] = {"monitoring_parameters", .load = ld_monitoring_parameters},
	[S_COUNTRIES] = {"countries", .items = &ld_country_items, .required = true, .repeatable = true},
	[S_TRANSLATION] = {"translation", .load = NULL, .repeatable = true}, /* read by finish */
};

/* The same names in the order the format reference (docs/rules-format.md)
 * lists them, which is the order messages list them in. */
static const char *const rule_file_keys[] = {"ruleset", "sources", "classification",
	"safeguards", "attributes", "escalations", "measures", "matrix", "floor", "countries",
	"measure_tags", "partnership_elements", "partnership_rules", "monitoring_content",
	"beneficiaries", "implementers", "context_kinds", "violation_kinds", "consequences",
	"monitoring_parameters", "translation", NULL};

static int section_named(const char *name)
{
	for (int s = 0; s < S_COUNT; s++)
		if (strcmp(sections[s].name, name) == 0)
			return s;
	return -1;
}

/* Every top-level key of every file into the parts of its section. */
static int split_sections(loader *L)
{
	for (size_t d = 0; d < L->n_docs; d++) {
		const yt_doc *doc = &L->docs[d];
		sc_ctx c = ld_ctx(L, doc->file);
		if (!doc->root)
			return mpr_fail(L->err, MPR_ESCHEMA, doc->file, 1, 1,
			                "empty rule file (expected a mapping of sections: ruleset, "
			                "classification, safeguards, measures, matrix, floor, countries, ...)");
		int rc = sc_map(&c, doc->root, "a rule file", rule_file_keys);
		if (rc)
			return rc;
		for (size_t i = 0; i < doc->root->n; i++) {
			const yt_node *key = doc->root->items[2 * i];
			int s = section_named(key->value); /* sc_map allowed only these */
			const part *first = L->parts[s].n ? &L->parts[s].v[0] : NULL;
			if (first && !sections[s].repeatable)
				return mpr_fail(L->err, MPR_ESCHEMA, doc->file, key->line, key->column,
				                "section '%s' is already defined at %s:%u:%u", key->value,
				                first->file, first->line, first->column);
			part *np = mpr_array_push(L->parts[s]);
			if (!np)
				return ld_oom(L, doc->file, key);
			*np = (part){doc->root->items[2 * i + 1], doc->file, key->line, key->column};
		}
	}
	for (const char *const *k = rule_file_keys; *k; k++) {
		int s = section_named(*k);
		if (sections[s].required && !L->parts[s].n)
			return mpr_fail(L->err, MPR_ESCHEMA, L->n_docs ? L->docs[0].file : "", 0, 0,
			                "the ruleset has no '%s' section in any file", *k);
	}
	return MPR_OK;
}

/* Parse every file into a tree, hashing the fingerprint on the way: each
 * file's relative path, then its tree in the canonical encoding. */
static int parse_files(loader *L, const mpr_rule_file *files, size_t n_files)
{
	mpr_error *err = L->err;
	yt_doc *docs = calloc(n_files ? n_files : 1, sizeof *docs);
	if (!docs)
		return mpr_fail(err, MPR_ENOMEM, "", 0, 0, "out of memory");
	L->docs = docs;
	EVP_MD_CTX *hash = EVP_MD_CTX_new();
	int rc = hash ? MPR_OK : mpr_fail(err, MPR_ENOMEM, "", 0, 0, "out of memory");
	const EVP_MD *sha256 = L->rs->sha256 ? L->rs->sha256 : EVP_sha256();
	if (rc == MPR_OK && !EVP_DigestInit_ex(hash, sha256, NULL))
		rc = mpr_fail(err, MPR_ENOMEM, "", 0, 0, "cannot initialise SHA-256");
	for (size_t i = 0; rc == MPR_OK && i < n_files; i++) {
		EVP_DigestUpdate(hash, files[i].rel, strlen(files[i].rel) + 1);
		rc = yt_parse(&docs[i], files[i].name, files[i].data, files[i].len, &L->opts, hash, err);
		L->n_docs = i + 1;
		/* entries keep their file name after the trees are freed */
		if (rc == MPR_OK && !(docs[i].file = mpr_arena_strdup(&L->rs->arena, files[i].name)))
			rc = mpr_fail(err, MPR_ENOMEM, files[i].name, 0, 0, "out of memory");
	}
	if (rc == MPR_OK) {
		unsigned char md[EVP_MAX_MD_SIZE];
		unsigned mdlen = 0;
		if (!EVP_DigestFinal_ex(hash, md, &mdlen))
			rc = mpr_fail(err, MPR_ENOMEM, "", 0, 0, "SHA-256 failed");
		else
			mpr_digest_text(md, L->rs->fingerprint);
	}
	EVP_MD_CTX_free(hash);
	return rc;
}

/* What the loaded ruleset needs besides its sections: the entries, the
 * trace capacity any one decision can need, the shared trace texts. */
static int finish(loader *L)
{
	mpr_ruleset *rs = L->rs;
	int rc = ld_registry_finish(L);
	if (rc)
		return rc;
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
	/* country reasons; the partner country, the measure's base, a default
	 * kept and two beneficiaries, the implementer, no beneficiary or no
	 * independent implementer, a transfer, an evacuation, what the measure
	 * implies (10); escalations; floor rules each with the country evidence
	 * it cites; the cell, measure requirements, the conditional note (3);
	 * one line per safeguard */
	rs->max_trace = max_reasons + 10 + rs->n_global_escalations + max_esc +
	                rs->n_floor * (1 + max_context) + 3 + rs->n_safeguards;
	ld_shared_effects(rs);
	rc = ld_steps(L);
	if (rc == MPR_OK)
		rc = ld_remedy_texts(L);
	/* last: the translations read every text above, in every section */
	return rc == MPR_OK ? ld_translations(L, L->parts[S_TRANSLATION].v, L->parts[S_TRANSLATION].n)
	                    : rc;
}

static void loader_free(loader *L)
{
	for (size_t i = 0; i < L->n_docs; i++)
		yt_doc_free(&L->docs[i]);
	free(L->docs);
	for (int s = 0; s < S_COUNT; s++)
		mpr_array_free(L->parts[s]);
	mpr_array_free(L->rule_ids);
	mpr_array_free(L->entries);
	mpr_array_free(L->carries);
	mpr_hasher_free(&L->entry_hasher);
	free(L->entry_canon.data);
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
	L.rs->sha256 = mpr_sha256_fetch(); /* NULL: EVP_sha256() each time, slower */
	L.rs->undeclared_beneficiary = -1;
	int rc = mpr_hasher_init(&L.entry_hasher, L.rs->sha256);
	if (rc)
		mpr_fail(err, rc, "", 0, 0, "out of memory");
	else
		rc = parse_files(&L, files, n_files);
	if (rc == MPR_OK)
		rc = split_sections(&L);
	for (int s = 0; rc == MPR_OK && s < S_COUNT; s++) {
		const struct section *sec = &sections[s];
		if (sec->items)
			rc = ld_read_items(&L, s, sec->name, L.parts[s].v, L.parts[s].n, sec->items);
		else if (sec->load)
			rc = sec->load(&L, L.parts[s].v, L.parts[s].n);
	}
	if (rc == MPR_OK)
		rc = finish(&L);
	loader_free(&L);
	if (rc != MPR_OK) {
		mpr_ruleset_free(L.rs);
		return rc;
	}
	*out = L.rs;
	return MPR_OK;
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
	/* the owner's signature, beside the rule files (signature.c) */
	if (rc == MPR_OK && (rc = ld_signature_read(*out, dir, err)) != MPR_OK) {
		mpr_ruleset_free(*out);
		*out = NULL;
	}
	return rc;
}

void mpr_ruleset_free(mpr_ruleset *rs)
{
	if (rs) {
		mpr_arena_free(&rs->arena);
		mpr_sha256_release(rs->sha256);
	}
	free(rs);
}

/* ------------------------------------------------------------------------ */
/* Accessors                                                                 */

const char *mpr_ruleset_fingerprint(const mpr_ruleset *rs) { return rs ? rs->fingerprint : NULL; }
const char *mpr_ruleset_id(const mpr_ruleset *rs) { return rs ? rs->id : NULL; }
const char *mpr_ruleset_title(const mpr_ruleset *rs) { return rs ? rs->title : NULL; }
size_t mpr_ruleset_country_count(const mpr_ruleset *rs) { return rs ? rs->n_countries : 0; }
size_t mpr_ruleset_measure_count(const mpr_ruleset *rs) { return rs ? rs->n_measures : 0; }

size_t mpr_ruleset_language_count(const mpr_ruleset *rs) { return rs ? rs->n_langs : 0; }

const char *mpr_ruleset_language(const mpr_ruleset *rs, size_t i)
{
	return rs && i < rs->n_langs ? rs->langs[i].code : NULL;
}

const mpr_lang *mpr_ruleset_lang(const mpr_ruleset *rs, const char *code)
{
	int known;
	const mpr_catalogue *c = mpr_catalogue_find(code, &known);
	if (!known)
		return NULL;
	for (size_t i = 0; i < rs->n_langs; i++)
		if (rs->langs[i].program == c)
			return &rs->langs[i];
	return NULL;
}

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
	int c = mpr_index_find(&rs->country_index, code);
	return c < 0 ? NULL : rs->tiers[rs->countries[c].tier];
}
