/*
 * loader.h - what the files of the load stage share, and nothing outside
 * lib/load/ includes: the loader's state, the sections in the order they
 * are loaded, the readers every section uses (readers.c), how the sections
 * that are lists of items are read (items.c), the registry of rule ids and
 * entries (registry.c), and the loaders of the other sections.
 *
 * A section is read from its parts (one per file that has it: none when an
 * optional section is absent, one for a section defined once, any number
 * for `sources` and `countries`) into the ruleset being built, resolving
 * every id against the sections loaded before it.
 */
#ifndef MPR_LOAD_LOADER_H
#define MPR_LOAD_LOADER_H

#include "input/schema.h"
#include "input/tree.h"
#include "model.h"
#include "util/array.h"
#include "util/buf.h"
#include "util/sha256.h"

/* The sections of a ruleset in the order they are loaded (load.c's table):
 * a section refers only to ids of the sections before it, and entries are
 * registered in this order, which coverage, lint and the diff list. */
enum {
	S_RULESET, S_SOURCES, S_SAFEGUARDS, S_ATTRIBUTES, S_CLASSIFICATION, S_TAGS,
	S_CONTEXT_KINDS, S_BENEFICIARIES, S_IMPLEMENTERS, S_ESCALATIONS, S_MEASURES, S_MATRIX,
	S_FLOOR, S_ELEMENTS, S_PRULES, S_MONITOR, S_VIOLATION_KINDS, S_CONSEQUENCES, S_MON_PARAMS,
	S_COUNTRIES, S_TRANSLATION, S_COUNT
};

/* A section as found in one file: its value and where its key stands. */
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
	 * the measures are loaded (ld_resolve_beneficiaries) */
	mpr_array(const yt_node *) carries;
	const char *carries_file;
	/* every entry's content hash: one context and one buffer for all */
	mpr_hasher entry_hasher;
	mpr_buf entry_canon;
} loader;

/* ---- steps.c: every trace step a decision can emit, with its JSON ------ */

/* Made once the sections are loaded and the shared texts set. */
int ld_steps(loader *L);
/* The text written into scratch since it was emptied, copied to the
 * ruleset's arena as *json (len bytes); scratch is emptied. MPR_ENOMEM. */
int ld_keep_text(loader *L, mpr_buf *scratch, const char **json, size_t *len);
/* Every remedy whose sentence depends only on the rules, as JSON (remedy_texts.c). */
int ld_remedy_texts(loader *L);

/* ---- readers.c: the small readers every section uses ------------------- */

sc_ctx ld_ctx(loader *L, const char *file);
mpr_place ld_place(const char *file, const yt_node *n);
/* n items of size bytes, zeroed, in the ruleset's arena (room for one when
 * n is 0); NULL when out of memory or the size overflows. */
void *ld_alloc(loader *L, size_t n, size_t size);
/* MPR_ENOMEM with the place (file and at may be NULL). */
int ld_oom(loader *L, const char *file, const yt_node *at);
/* Index a catalogue as soon as it is loaded, so later sections can look
 * its ids up (mpr_index_find on the ruleset's index). */
int ld_index(loader *L, mpr_index *ix, const void *first_id, size_t stride, size_t n);
/* The position of s in names[0..n), or -1. */
int ld_find_in(const char *const *names, size_t n, const char *s);
/* A tier name at map[key] -> its index. */
int ld_tier(loader *L, sc_ctx *c, const yt_node *map, const char *key, bool required, int *out);
/* A list of tier names at map[key] -> a bit per tier (0 when absent). */
int ld_tier_mask(loader *L, sc_ctx *c, const yt_node *map, const char *key, unsigned *out);
/* An optional boolean: -1 absent, 0 false, 1 true. */
int ld_tri_bool(sc_ctx *c, const yt_node *map, const char *key, int *out);
/* A rule's conditions: its map `when`, required, with keys allowed. */
int ld_when(sc_ctx *c, const yt_node *it, const char *const *keys, const yt_node **when);
/* The shape of catalogue entries: {id, name, source, ...} with keys allowed. */
int ld_named(sc_ctx *c, const yt_node *it, mpr_named *e, const char *what,
             const char *const *keys);
/* e's id must not be one of the n entries before it (stride bytes apart). */
int ld_unique_named(sc_ctx *c, const yt_node *it, const mpr_named *e, const void *base,
                    size_t stride, size_t n, const char *kind);

/* ---- items.c: the sections that are lists of items --------------------- */

/* item() reads the i-th item of a section (it, from the file c reads) into
 * items[i], with the items before it read. */
typedef int (*ld_item_fn)(loader *L, sc_ctx *c, const yt_node *it, void *items, size_t i);

/* How the items of a list section are read. A catalogue's items are
 * entries {id, name, source, ...} (each starting with an mpr_named) read
 * with keys, unique, and registered as rule entries: what is not NULL. */
typedef struct ld_items {
	size_t min_items;        /* in every part */
	size_t size;             /* bytes per item */
	ld_item_fn item;         /* the item (the rest of it, for a catalogue); NULL: nothing */
	const char *what;        /* a catalogue: "a safeguard", an item of the wrong shape */
	const char *kind;        /* "safeguard": an id defined twice */
	int entry_kind;          /* MPR_ENTRY_*, or -1: its items are no rule entries */
	const char *const *keys; /* the keys its items may have */
	size_t max_items;        /* 0: no limit; else "N NOUN, at most MAX are supported" */
	const char *noun;
	const char *if_none;     /* the error when the parts hold no item, or NULL */
} ld_items;

/* Read the items of section s (named name; its parts, in file order) into
 * an array in the arena that the ruleset gets before the first item is
 * read: every part must be a list of at least min_items. The ruleset's count of them
 * counts the items read; a catalogue, the beneficiaries and the countries
 * are then indexed by id. An optional section that is absent leaves the
 * ruleset's array NULL. The first error stops. */
int ld_read_items(loader *L, int s, const char *name, const part *parts, size_t n_parts,
                  const ld_items *how);

/* How each list section is read, in its family's file. */
extern const ld_items ld_source_items;                        /* ruleset.c */
extern const ld_items ld_safeguard_items, ld_attribute_items; /* catalogues.c */
extern const ld_items ld_tag_items, ld_context_kind_items;    /* catalogues.c */
extern const ld_items ld_element_items, ld_beneficiary_items; /* catalogues.c */
extern const ld_items ld_implementer_items;                   /* catalogues.c */
extern const ld_items ld_floor_items;                         /* floor.c */
extern const ld_items ld_prule_items, ld_monitor_items;       /* partnership.c */
extern const ld_items ld_violation_kind_items, ld_consequence_items; /* monitoring.c */
extern const ld_items ld_country_items;                       /* countries.c */

/* ---- registry.c: rule ids and entries ---------------------------------- */

/* Register a rule id in the one namespace of rule entries: a second
 * definition is an error naming the first. */
int ld_rule_id(loader *L, sc_ctx *c, const char *id, const yt_node *at);
/* Register a rule entry: its kind, id, place, content hash, justification. */
int ld_entry(loader *L, sc_ctx *c, int kind, const char *id, const yt_node *node);
/* Hand the entries to the ruleset, with the lookup by id pointer. */
int ld_registry_finish(loader *L);

/* ---- the loaders of the other sections --------------------------------- */

typedef int (*ld_section_fn)(loader *L, const part *parts, size_t n_parts);

int ld_ruleset(loader *L, const part *parts, size_t n_parts);        /* ruleset.c */
int ld_classification(loader *L, const part *parts, size_t n_parts); /* classification.c */
int ld_measures(loader *L, const part *parts, size_t n_parts);       /* measures.c (+ escalations) */
int ld_matrix(loader *L, const part *parts, size_t n_parts);         /* matrix.c */
int ld_monitoring_parameters(loader *L, const part *parts, size_t n_parts); /* monitoring.c */
/* After the measures: what each beneficiary carries, and its trace texts. */
int ld_resolve_beneficiaries(loader *L);                             /* catalogues.c */

/* classify.c: a country's base tier, tier, conditions and reasons. */
int mpr_classify_country(mpr_ruleset *rules, mpr_country *c, mpr_error *err);
/* The same reasons in lang, each given to map as the translation of the
 * English one (and the exclusion F2 derives from an indicator); the country
 * is unchanged. false when out of memory. */
bool ld_classify_texts(mpr_ruleset *rules, const mpr_country *c, const mpr_lang *lang,
                       bool (*map)(void *ctx, const char *en, const char *text), void *ctx);

/* ---- compose.c: the trace texts made from the rules' values ------------ */

/* Each in lang (NULL: English, the text the model holds), in the arena A;
 * NULL when out of memory. */
const char *ld_measure_effect(mpr_arena *A, const mpr_lang *lang, const mpr_ruleset *rs,
                              const mpr_measure *m);
const char *ld_transfer_effect(mpr_arena *A, const mpr_lang *lang, const mpr_ruleset *rs,
                               const mpr_measure *carried);
/* An evacuation's step: LD_EVACUATION (people come from a place of danger,
 * beside the evacuation from there), LD_NOT_FROM_DANGER (no country of
 * danger named) or LD_NO_EVACUATION (none beside it); the last two name the
 * measure whose risk the activity then carries. */
enum { LD_EVACUATION, LD_NOT_FROM_DANGER, LD_NO_EVACUATION };
const char *ld_evacuation_effect(mpr_arena *A, const mpr_lang *lang, const mpr_ruleset *rs,
                                 const mpr_measure *m, int which);
const char *ld_implies_effect(mpr_arena *A, const mpr_lang *lang, const mpr_ruleset *rs,
                              mpr_set implies);
const char *ld_default_kept_effect(mpr_arena *A, const mpr_lang *lang, const mpr_beneficiary *b);
const char *ld_escalation_effect(mpr_arena *A, const mpr_lang *lang, const mpr_ruleset *rs,
                                 const mpr_escalation *e);
const char *ld_beneficiary_effect(mpr_arena *A, const mpr_lang *lang, const mpr_ruleset *rs,
                                  const mpr_beneficiary *b, bool declared);
const char *ld_implementer_effect(mpr_arena *A, const mpr_lang *lang, const mpr_implementer *m);
const char *ld_cell_effect(mpr_arena *A, const mpr_lang *lang, const mpr_ruleset *rs,
                           const mpr_cell *cl, int country_tier, int measure_tier);
const char *ld_treaty_effect(mpr_arena *A, const mpr_lang *lang, const mpr_ruleset *rs,
                             const mpr_treaty_rule *r, const char *treaty);
const char *ld_context_floor_effect(mpr_arena *A, const mpr_lang *lang, const mpr_ruleset *rs,
                                    const mpr_country *k, const mpr_context *x);
/* The texts every ruleset shares, set in rs; and each of them, for the
 * translations. */
void ld_shared_effects(mpr_ruleset *rs);
size_t ld_shared_count(void);
const char *ld_shared_text(size_t i);

/* classification.c: a treaty's key as the rules write it ("cat"). */
const char *ld_treaty_key(int treaty);

/* ---- translation.c: the translation files ------------------------------ */

/* After every section: read each translation file (section `translation`,
 * one per language), map every rule text it translates and compose every
 * trace text in its language; the ruleset's languages are then English and
 * each of these the library has a catalogue for. */
int ld_translations(loader *L, const part *parts, size_t n_parts);


/* ---- signature.c ------------------------------------------------------- */

/* Read DIR/ruleset.sig, if there is one, into rs->signature: what it proves
 * about the loaded rules. A file that is not a signature is an error with
 * its place; one that does not cover these rules is MPR_SIGNATURE_INVALID. */
int ld_signature_read(mpr_ruleset *rs, const char *dir, mpr_error *err);

#endif
