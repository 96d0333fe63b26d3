/*
 * yamltree.h - YAML (and JSON) text -> a tree of nodes with positions.
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
 * one builder (ytbuild.c), so limits and refusals are the same.
 *
 * While parsing, a canonical encoding of the tree (structure, scalar values,
 * plain or quoted) can be fed to a SHA-256 context: the ruleset fingerprint
 * ignores comments and layout but not content.
 */
#ifndef MPR_YAMLTREE_H
#define MPR_YAMLTREE_H

#include <stdbool.h>
#include <stddef.h>
#include <openssl/evp.h>

#include "util/arena.h"
#include "util/array.h"
#include "util/buf.h"
#include "mprisk.h"

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

/* Parse len bytes: JSON when yt_is_json says so, YAML otherwise. hash may
 * be NULL. On error fills err (with file, line, column) and returns a
 * negative MPR_E* code; yt_doc_free is needed either way. */
int yt_parse(yt_doc *doc, const char *file, const unsigned char *data, size_t len,
             const mpr_load_options *opts, EVP_MD_CTX *hash, mpr_error *err);
void yt_doc_free(yt_doc *doc);

/* The JSON syntax layer alone: parse len bytes under RFC 8259's grammar
 * whatever they start with (jsontree.c). A syntax or encoding error is
 * MPR_ESYNTAX at its line and column; the limits are MPR_ELIMIT; duplicate
 * keys and NUL characters are refused (MPR_ESCHEMA) as in YAML. */
int yt_parse_json(yt_doc *doc, const char *file, const unsigned char *data, size_t len,
                  const mpr_load_options *opts, EVP_MD_CTX *hash, mpr_error *err);
/* True when the first character that is not a JSON blank (space, tab, CR,
 * LF), after an optional byte order mark (UTF-8, or UTF-16 of either byte
 * order), is { or [. */
bool yt_is_json(const unsigned char *data, size_t len);

/* The tree builder both readers use (ytbuild.c): it enforces max_nodes,
 * max_string and max_depth, refuses NUL inside values, non-scalar keys and
 * duplicate keys, and feeds the fingerprint's canonical encoding. */
typedef struct yt_place {
	unsigned line, column; /* 1-based, in characters */
	size_t start, end;     /* in characters from the start of the text */
} yt_place;

typedef struct yt_builder {
	yt_doc *doc;
	mpr_load_options o;
	EVP_MD_CTX *hash;
	mpr_error *err;
	const char *nodes_name; /* "YAML nodes", "JSON values": for the max_nodes message */
	yt_node **stack;        /* open collections */
	size_t *starts;         /* where each one's children start in children */
	size_t depth, nodes;
	/* children of the open collections, in one growable array: those of the
	 * innermost are its last entries, so nodes need no build-time links */
	mpr_array(yt_node *) children;
	mpr_buf canon;
} yt_builder;

/* doc->file must be set. Returns MPR_ENOMEM with err filled on failure;
 * yt_build_finish is needed either way. */
int yt_build_init(yt_builder *b, yt_doc *doc, const mpr_load_options *o, EVP_MD_CTX *hash,
                  const char *nodes_name, mpr_error *err);
/* A scalar (value, len, plain) or an opened collection (kind YT_SEQ/YT_MAP),
 * attached to the innermost open collection or made the root. */
int yt_build_node(yt_builder *b, yt_kind kind, const yt_place *at, bool flow, const char *value,
                  size_t len, bool plain);
/* Close the innermost open collection; end is its end in characters. */
int yt_build_close(yt_builder *b, size_t end);
/* Hash what is left (when rc is MPR_OK) and free the builder; returns rc or
 * the hashing error. */
int yt_build_finish(yt_builder *b, int rc);
void yt_canon_scalar(mpr_buf *b, const char *v, size_t n, bool plain);

/* SHA-256 of the canonical encoding of a subtree (the same encoding the
 * fingerprint uses), so that an entry's content can be compared across
 * rulesets whatever its comments, layout or position. */
int yt_hash_node(const yt_node *n, unsigned char out[32]);

/* Scalar helpers. */
bool yt_is_null(const yt_node *n);
bool yt_is(const yt_node *n, const char *text);
/* Mapping lookup: the value for key, or NULL. */
const yt_node *yt_get(const yt_node *map, const char *key);
const char *yt_kind_name(const yt_node *n);

/* The effective options (defaults where opts is NULL or older). */
mpr_load_options yt_options(const mpr_load_options *opts);

#endif
