/*
 * mprisk/core.h - part of the public header <mprisk.h>:
 * version, the export macro, error codes and mpr_error, limits.
 * Programs include <mprisk.h>; its Conventions (errors, ownership of the
 * text returned, threads) hold for every function here.
 */
#ifndef MPRISK_CORE_H
#define MPRISK_CORE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#define MPR_VERSION_MAJOR 0
#define MPR_VERSION_MINOR 1
#define MPR_VERSION_PATCH 0
#define MPR_VERSION_STRING "0.1.0"

#if defined(__GNUC__) && defined(MPR_BUILDING_LIBRARY)
#define MPR_API __attribute__((visibility("default")))
#else
#define MPR_API
#endif

/* Version of the library actually linked, e.g. "0.1.0". */
MPR_API const char *mpr_version(void);

/* ------------------------------------------------------------------------ */
/* Errors                                                                    */

enum {
	MPR_OK = 0,
	MPR_ENOMEM = -1,     /* an allocation failed */
	MPR_EIO = -2,        /* a file or directory could not be read */
	MPR_ESYNTAX = -3,    /* not well-formed YAML/JSON */
	MPR_ESCHEMA = -4,    /* unknown key, wrong type, missing or duplicate field */
	MPR_EREF = -5,       /* an id that is not defined (or defined twice) */
	MPR_EINVARIANT = -6, /* the rules break an invariant of the framework */
	MPR_ELIMIT = -7,     /* input exceeds a limit of mpr_load_options */
	MPR_EINVAL = -8,     /* invalid argument passed by the caller */
	MPR_ENOTFOUND = -9,  /* asked for a country or measure the rules lack */
	MPR_ESIGNATURE = -10 /* a signature is missing, invalid, or by another key */
};

/* Filled by every function that can fail. file is "" and line/column are 0
 * when the error is not about a place in an input file. */
typedef struct mpr_error {
	int code;
	char file[512];
	unsigned line;   /* 1-based */
	unsigned column; /* 1-based */
	char message[512];
} mpr_error;

/* A static English name for an MPR_E* code ("out of memory", ...). */
MPR_API const char *mpr_strerror(int code);

/* Write "FILE:LINE:COL: message" (or just "message" when no place is known)
 * into buf (always NUL-terminated when size > 0). Returns the length the
 * full text needs, like snprintf. Always one line: file and message are
 * shown as mpr_text_visible shows text (the library fills them in so). */
MPR_API int mpr_error_format(const mpr_error *err, char *buf, size_t size);

/* The same in a language (as for mpr_render_options.lang: NULL or "en" is
 * English, "nl", "nl-NL", "nl_NL.UTF-8" Dutch): err->message stays English,
 * and the library notes after its NUL which message it is, so that it can
 * be written again in another language, per call; what the input said
 * (ids, names, paths) is shown as it was. A message the library has no
 * translation of, a language it does not have, or a message the caller
 * wrote into err itself is written in English, as mpr_error_format writes
 * it. */
MPR_API int mpr_error_format_lang(const mpr_error *err, const char *lang, char *buf, size_t size);

/* Text as the library shows what an input says in every text output and
 * error message (docs/security.md): each control character (C0 with tab
 * and newline, DEL, C1), line or paragraph separator (U+2028, U+2029),
 * bidi control (U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) and
 * byte that is not UTF-8 becomes a visible escape (\n, \r, \t, \x1b,
 * \u202e), everything else stays as it is; escaping twice changes nothing.
 * So a title or a file name cannot start a line, forge a "FILE:LINE:COL"
 * or hide the verdict on a terminal (the red team's F9). For callers that
 * print input next to the library's output (mprisk's usage errors). Writes
 * at most size bytes into buf, NUL-terminated when size > 0 and cut only
 * between whole characters or escapes; returns the length the whole text
 * needs, like snprintf. text NULL is "". */
MPR_API size_t mpr_text_visible(char *buf, size_t size, const char *text);

/* ------------------------------------------------------------------------ */
/* Limits                                                                    */

/* Limits applied to every input file (rules and proposals). Initialise with
 * MPR_LOAD_OPTIONS_INIT and change what you need; the version field lets the
 * struct grow without breaking callers. Passing NULL means the defaults. */
typedef struct mpr_load_options {
	unsigned version;        /* MPR_LOAD_OPTIONS_VERSION */
	size_t max_file_bytes;   /* largest input file (default 4 MiB) */
	unsigned max_depth;      /* deepest nesting of collections (default 32) */
	size_t max_nodes;        /* YAML nodes per file (default 200000) */
	size_t max_string;       /* longest scalar in bytes (default 8192) */
	size_t max_activities;   /* activities in one proposal (default 10000) */
} mpr_load_options;

#define MPR_LOAD_OPTIONS_VERSION 1
#define MPR_LOAD_OPTIONS_INIT { MPR_LOAD_OPTIONS_VERSION, 4u << 20, 32u, 200000u, 8192u, 10000u }

/* Read a whole input the way the library reads its own (docs/security.md,
 * "Files that are not files"), for callers that read proposals or logs
 * themselves: path names a regular file, opened without waiting (a FIFO,
 * device, directory or socket is refused at once, naming its kind; a
 * symbolic link is not followed), or is NULL for standard input, read to
 * its end whatever it is, as "<stdin>" in messages. Never more than max
 * bytes: pass the max_file_bytes of mpr_load_options for a proposal (so
 * standard input has the files' limit), SIZE_MAX for no limit (a decision
 * log). *data is text (see Conventions), *len its length (may be NULL).
 * Errors: MPR_EIO (cannot open or read, including a read error on standard
 * input, which is never an empty text; not a regular file), MPR_ELIMIT,
 * MPR_ENOMEM, MPR_EINVAL (data NULL). */
MPR_API int mpr_input_read(const char *path, size_t max, char **data, size_t *len,
                           mpr_error *err);

#ifdef __cplusplus
}
#endif

#endif /* MPRISK_CORE_H */
