/*
 * edit.h - edits of a YAML text at the places of its nodes (edit.c): the
 * importer refreshes values in the rule files' text instead of writing the
 * files anew from a tree, so that comments, layout, context factors, notes
 * and sources stay as their authors wrote them and the change reads as a
 * small diff in review. A node's start and end are counted in characters,
 * as libyaml counts them; the edits work in bytes.
 */
#ifndef MPR_INPUT_EDIT_H
#define MPR_INPUT_EDIT_H

#include <stddef.h>

#include "input/tree.h"
#include "util/array.h"

/* A replacement of the bytes [from, to) by text (malloc'd). */
typedef struct yt_edit {
	size_t from, to;
	size_t seq; /* edits at one place apply in the order they were made */
	char *text;
} yt_edit;

typedef struct yt_edits {
	const char *name;          /* the file's name, for messages */
	const unsigned char *data; /* its text, not owned */
	size_t len;
	yt_doc doc;                /* its tree, parsed once for every edit */
	size_t *byte_at;           /* the byte offset of each character (code point) */
	size_t n_chars;
	mpr_array(yt_edit) edits;
	int failed;                /* an edit could not be allocated */
} yt_edits;

/* Parse the text (with the default limits) for editing; yt_edits_free is
 * needed either way. */
int yt_edits_init(yt_edits *fe, const char *name, const unsigned char *data, size_t len,
                  mpr_error *err);
/* The byte offset of character ch (the end of the text beyond it). */
size_t yt_edits_byte(const yt_edits *fe, size_t ch);
/* Replace the bytes [from, to) by the formatted text; a failed allocation
 * sets fe->failed. */
void yt_edits_add(yt_edits *fe, size_t from, size_t to, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;
/* Set key of a mapping to a plain YAML value: replace the value where it
 * is; add it to a flow mapping before its '}'; add it to a block mapping on
 * a line of its own after the mapping's first entry. A value that is not a
 * scalar, or a mapping it cannot be added to, is MPR_ESCHEMA at its place. */
int yt_edits_set(yt_edits *fe, const yt_node *map, const char *key, const char *value,
                 mpr_error *err);
/* The text with the edits applied, malloc'd into *out; MPR_ENOMEM. */
int yt_edits_apply(yt_edits *fe, unsigned char **out, size_t *len);
void yt_edits_free(yt_edits *fe);

#endif
