/*
 * load.h - the load stage as the other stages see it: rule files, read
 * from a directory (walk.c) or handed over in memory, become an immutable,
 * validated mpr_ruleset (load.c), and every rule entry of it can be found
 * by kind and id or by the id pointer a trace step carries (registry.c).
 */
#ifndef MPR_LOAD_LOAD_H
#define MPR_LOAD_LOAD_H

#include "model.h"
#include "util/json.h"

/* A rule file in memory: name is used in messages, rel (its path relative
 * to the rules directory) in the fingerprint. */
typedef struct mpr_rule_file {
	const char *name;
	const char *rel;
	const unsigned char *data;
	size_t len;
} mpr_rule_file;

/* Load from files already in memory, in the given order (the directory
 * loader, the importer, the fuzzers and the allocation-failure sweep use
 * it). As mpr_ruleset_load otherwise. */
int mpr_ruleset_load_files(mpr_ruleset **out, const mpr_rule_file *files, size_t n_files,
                           const mpr_load_options *opts, mpr_error *err);

/* Read every rule file under dir as mpr_ruleset_load finds them (walk.c);
 * name and data of each are malloc'd, and *out freed with
 * mpr_rule_files_free, also after a failure. */
int mpr_rule_files_read(const char *dir, const mpr_load_options *opts, mpr_rule_file **out,
                        size_t *n_out, mpr_error *err);
void mpr_rule_files_free(mpr_rule_file *files, size_t n);

/* A trace step as JSON, {"rule", "source", "effect"}, and a safeguard,
 * {"id", "source"}, with w (steps.c): the one place these shapes are
 * written, at load for every step and safeguard of a ruleset, and by the
 * renderers for a step that has no text of its own. */
void mpr_json_step(mpr_jw *w, const char *rule, const char *source, const char *effect);
void mpr_json_id_source(mpr_jw *w, const char *id, const char *source);
/* A finding of a partnership rule as JSON up to its remedies, left open;
 * a monitoring item, {"id", "what", "source"}. */
void mpr_json_finding_head(mpr_jw *w, const mpr_prule *pr);
void mpr_json_monitor_item(mpr_jw *w, const mpr_monitor_item *m);

/* Remedies (remedy_texts.c): the name of a kind in JSON ("add-element");
 * the sentence of a remedy whose sentence depends only on the rules,
 * appended to b (false, nothing written, for the other kinds); such a
 * remedy as a JSON object {"kind", "id", "text"} with w (false for the
 * other kinds); and that object as made at load, or NULL (*len bytes). */
const char *mpr_remedy_kind_name(int kind);
bool mpr_remedy_sentence(mpr_buf *b, const mpr_lang *lang, const mpr_ruleset *rules, int kind,
                         int index);
bool mpr_json_remedy_of_rules(mpr_jw *w, const mpr_lang *lang, const mpr_ruleset *rules, int kind,
                              int index);
const char *mpr_remedy_json(const mpr_ruleset *rules, int kind, int index, size_t *len);

/* One rule text a person reads (texts.c): its key in a translation file
 * (SECTION: ID: FIELD, and the item of a list such as a country's notes),
 * the English text the ruleset holds (the pointer renderers look up) and
 * the place of its entry in the rules ("" when it has none). */
typedef struct mpr_text_ref {
	const char *section, *id, *field;
	size_t index;
	const char *text;
	mpr_place at;
} mpr_text_ref;
typedef bool (*mpr_text_fn)(void *ctx, const mpr_text_ref *ref);
/* Every rule text of rules in the order of the rule files; false when fn
 * stopped the walk by returning false. */
bool mpr_rule_texts(const mpr_ruleset *rules, mpr_text_fn fn, void *ctx);
/* The order of keys: section, id, field, index. */
int mpr_text_ref_cmp(const mpr_text_ref *a, const mpr_text_ref *b);

/* The language named by code ("nl", "nl-NL", "nl_NL.UTF-8", "en") as the
 * ruleset can be written in it, or NULL when it cannot. */
const mpr_lang *mpr_ruleset_lang(const mpr_ruleset *rules, const char *code);

/* "country", "matrix cell", ...: an entry kind as coverage and diffs name it. */
const char *mpr_entry_kind_name(int kind);
/* The entry whose id pointer is rule (a trace step's rule), or NULL. */
const mpr_entry *mpr_entry_by_pointer(const mpr_ruleset *rules, const char *rule);
/* The entry of a kind with this id, or NULL. */
const mpr_entry *mpr_entry_find(const mpr_ruleset *rules, int kind, const char *id);

#endif
