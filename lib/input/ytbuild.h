/*
 * ytbuild.h - the tree builder both readers use (ytbuild.c), and only they:
 * libyaml's events (yamltree.c) and yajl's callbacks (jsontree.c) become
 * nodes here. It enforces max_nodes, max_string and max_depth, refuses NUL
 * inside values, non-scalar keys and duplicate keys, and feeds the
 * fingerprint's canonical encoding, so YAML and JSON input cannot drift
 * apart in what they allow or in how they hash.
 */
#ifndef MPR_INPUT_YTBUILD_H
#define MPR_INPUT_YTBUILD_H

#include "input/tree.h"
#include "util/array.h"
#include "util/buf.h"

/* Where a node stands in the text. */
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

/* The two readers, each given a document begun (yt_doc_begin) and the
 * effective limits: libyaml's events (yamltree.c: one document; aliases,
 * anchors, tags and a second document are refused) and yajl's callbacks
 * (jsontree.c). tree.c chooses. */
int yt_read_yaml(yt_doc *doc, const unsigned char *data, size_t len, const mpr_load_options *o,
                 EVP_MD_CTX *hash, mpr_error *err);
int yt_read_json(yt_doc *doc, const unsigned char *data, size_t len, const mpr_load_options *o,
                 EVP_MD_CTX *hash, mpr_error *err);

/* A document about to be read: empty, its file name in its arena, and the
 * input within max_file_bytes (MPR_ELIMIT at 1:1 otherwise). */
int yt_doc_begin(yt_doc *doc, const char *file, size_t len, const mpr_load_options *o,
                 mpr_error *err);

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
/* A scalar in the canonical encoding: a style byte ('P' plain, 'Q'
 * quoted), an 8-byte little-endian length and the bytes. */
void yt_canon_scalar(mpr_buf *b, const char *v, size_t n, bool plain);

#endif
