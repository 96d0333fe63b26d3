/*
 * tree.h - YAML (and JSON) text -> a tree of nodes with positions.
 *
 * Built from libyaml's event API rather than its document API so that the
 * limits of mpr_load_options apply while parsing (depth, node count, scalar
 * length), duplicate keys are caught at the second key, and aliases, tags
 * and multi-document streams are refused: rules and proposals are data that
 * a person audits, and every value must stand where it applies.
 *
 * A document whose first non-blank character is { or [ is JSON and is read
 * under RFC 8259's grammar instead (jsontree.c, through yajl), into the same
 * tree: YAML 1.1 reads some valid JSON differently (escapes such as a UTF-16
 * surrogate pair, raw U+0085, U+2028). Both readers build the tree through
 * one builder (ytbuild.h), so limits and refusals are the same; tree.c
 * chooses the reader and holds what a finished tree offers.
 *
 * While parsing, a canonical encoding of the tree (structure, scalar values,
 * plain or quoted) can be fed to a SHA-256 context: the ruleset fingerprint
 * ignores comments and layout but not content.
 */
#ifndef MPR_INPUT_TREE_H
#define MPR_INPUT_TREE_H

#include <openssl/evp.h>
#include <stdbool.h>
#include <stddef.h>

#include "mprisk.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/sha256.h"

typedef enum yt_kind { YT_SCALAR, YT_SEQ, YT_MAP } yt_kind;

typedef struct yt_node yt_node;
struct yt_node {
	yt_kind kind;
	unsigned line, column; /* 1-based */
	/* Where the node's text starts and ends, in characters (code points)
	 * from the start of the input, as libyaml counts: for editing a file in
	 * place (indicators.c). A flow collection ends after its closing bracket. */
	size_t start, end;
	bool flow; /* a collection written [..] or {..} */
	/* scalar */
	const char *value;
	size_t len;
	bool plain; /* unquoted: may be null, a boolean or a number */
	/* collections: a sequence's items, or a mapping's keys and values
	 * alternating (items[2i] key, items[2i+1] value); n counts entries */
	yt_node **items;
	size_t n;
};

typedef struct yt_doc {
	mpr_arena arena;
	const char *file;
	yt_node *root; /* NULL for an empty document */
} yt_doc;

/* Parse len bytes (tree.c): JSON when yt_is_json says so, YAML otherwise.
 * hash may be NULL. On error fills err (with file, line, column) and returns a
 * negative MPR_E* code; yt_doc_free is needed either way. */
int yt_parse(yt_doc *doc, const char *file, const unsigned char *data, size_t len,
             const mpr_load_options *opts, EVP_MD_CTX *hash, mpr_error *err);
void yt_doc_free(yt_doc *doc);

/* The file at path (yt_read_input) parsed by yt_parse, without a digest:
 * the tree holds its own copy of every value. yt_doc_free is needed either
 * way. */
int yt_parse_file(yt_doc *doc, const char *path, const mpr_load_options *opts, mpr_error *err);

/* The bytes of an input file (rule file, proposal, rule-test file) within
 * opts' max_file_bytes: mpr_file_read with the effective limit; *data is
 * freed by the caller. */
int yt_read_input(const char *path, const mpr_load_options *opts, unsigned char **data,
                  size_t *len, mpr_error *err);

/* The text of an input as UTF-8: a UTF-16 text with a byte order mark
 * (either byte order; what Windows PowerShell writes) is converted, without
 * its mark, into a malloc'd *converted that *text then points to (freed by
 * the caller); any other text is data itself (*converted NULL). A UTF-16
 * text that is not valid (half a surrogate pair, an odd last byte) is
 * MPR_ESYNTAX at the line and column where it goes wrong; MPR_ENOMEM. */
int yt_text_utf8(const char *file, const unsigned char *data, size_t len,
                 const unsigned char **text, size_t *text_len, unsigned char **converted,
                 mpr_error *err);

/* The JSON syntax layer alone: parse len bytes under RFC 8259's grammar
 * whatever they start with (jsontree.c). A syntax or encoding error is
 * MPR_ESYNTAX at its line and column; the limits are MPR_ELIMIT; duplicate
 * keys and NUL characters are refused (MPR_ESCHEMA) as in YAML. */
int yt_parse_json(yt_doc *doc, const char *file, const unsigned char *data, size_t len,
                  const mpr_load_options *opts, EVP_MD_CTX *hash, mpr_error *err);
/* True when the first character that is not a JSON blank (space, tab, CR,
 * LF), after an optional byte order mark (UTF-8, or UTF-16 of either byte
 * order), is { or [ (jsontext.c). */
bool yt_is_json(const unsigned char *data, size_t len);

/* SHA-256 of the canonical encoding of a subtree (the same encoding the
 * fingerprint uses), so that an entry's content can be compared across
 * rulesets whatever its comments, layout or position. The encoding is made
 * in scratch (emptied first, kept for the next call) and hashed with h: a
 * load hashes every entry with one of each. MPR_ENOMEM. */
int yt_hash_node(const yt_node *n, mpr_hasher *h, mpr_buf *scratch, unsigned char out[32]);

/* Scalar helpers. */
bool yt_is_null(const yt_node *n);
bool yt_is(const yt_node *n, const char *text);
/* Mapping lookup: the value for key, or NULL. */
const yt_node *yt_get(const yt_node *map, const char *key);
const char *yt_kind_name(const yt_node *n);

/* The effective options (defaults where opts is NULL or older). */
mpr_load_options yt_options(const mpr_load_options *opts);

#endif
