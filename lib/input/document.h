/*
 * document.h - an input document (a proposal, a monitoring file) read the
 * one way every reader of the library's inputs reads it: its text as UTF-8,
 * the SHA-256 of that text, and its tree (document.c).
 *
 * What a decision record names and replays is the digest of exactly the
 * text that was decided: a UTF-16 input is the UTF-8 it stands for, so the
 * digest, the kept text and the tree are all of that one text.
 */
#ifndef MPR_INPUT_DOCUMENT_H
#define MPR_INPUT_DOCUMENT_H

#include <openssl/types.h>
#include <stddef.h>

#include "input/tree.h"
#include "mprisk.h"

typedef struct yt_document {
	yt_doc tree;             /* tree.root: NULL for an empty document */
	const char *text;        /* the text as UTF-8: the input itself or converted */
	size_t len;              /* bytes of text */
	char sha256[72];         /* "sha256:<64 hex>" of text */
	unsigned char *converted; /* owned; NULL when text is the input itself */
	unsigned char *bytes;     /* owned: a file's bytes, read by yt_document_read */
} yt_document;

/* Read the document named name: the file at path when path is not NULL
 * (within opts' max_file_bytes), else len bytes of data (NULL when len is
 * 0), which must then outlive the document. Convert a UTF-16 text to UTF-8,
 * digest it with md (a ruleset's fetched SHA-256; NULL: look it up) and
 * parse it under opts (effective options, yt_options). On error fills err
 * (FILE:LINE:COL where the text goes wrong) and returns a negative MPR_E*
 * code; yt_document_free is needed either way. */
int yt_document_read(yt_document *d, const EVP_MD *md, const char *name, const char *path,
                     const char *data, size_t len, const mpr_load_options *opts, mpr_error *err);
void yt_document_free(yt_document *d);

/* The digest of a subtree of another file (a proposal or monitoring file
 * written inline in a rule test): SHA-256 of its canonical encoding (the
 * encoding of the ruleset fingerprint), as "sha256:<64 hex>". MPR_ENOMEM,
 * with err at the subtree's place. */
int yt_node_digest(const yt_node *root, const EVP_MD *md, const char *file, char out[72],
                   mpr_error *err);

#endif
