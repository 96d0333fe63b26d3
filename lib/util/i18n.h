/*
 * i18n.h - texts for people in their language, without a process-global
 * language: a view is written for one mpr_lang, resolved per call, and every
 * text it prints goes through it. Program strings (the renderers' own words)
 * are GNU gettext messages: mpr_tr looks a msgid up in the catalogue the
 * build made from lib/po/LANG.po; rule texts (names, messages, effects,
 * sources) are data, translated by the ruleset's own LANG.yaml and looked up
 * with mpr_rule_text. English is the msgid and the rules as written: a NULL
 * language, or "en", translates nothing.
 */
#ifndef MPR_UTIL_I18N_H
#define MPR_UTIL_I18N_H

#include <stddef.h>

#if defined(__GNUC__)
#define MPR_FORMAT_ARG(n) __attribute__((format_arg(n)))
#else
#define MPR_FORMAT_ARG(n)
#endif

/* A message catalogue of program strings (build/lib/po_LANG.c, made from
 * lib/po/LANG.po by msgfmt and mo2c): msgids sorted by strcmp. */
typedef struct mpr_catalogue {
	const char *code; /* "nl" */
	const char *const *msgid;
	const char *const *msgstr;
	size_t n;
} mpr_catalogue;

/* The rule texts of one language of a ruleset (load/translation.c): the
 * English texts the loaded ruleset holds, as pointers sorted by address, and
 * their translations. */
typedef struct mpr_text_map {
	const char *const *from;
	const char *const *to;
	size_t n;
} mpr_text_map;

/* A language as one call writes it: its code, its catalogue (NULL: the
 * msgids, English) and the ruleset's translations (NULL: as written). */
typedef struct mpr_lang {
	const char *code;
	const mpr_catalogue *program;
	const mpr_text_map *rules;
	const char *file; /* the ruleset's translation file, NULL for English */
} mpr_lang;

/* The catalogues built into the library (build/gen/catalogues.c, made by
 * lib/po/mo2c.c), NULL-terminated. */
extern const mpr_catalogue *const mpr_catalogues[];

/* The catalogue of a language code ("nl", "nl-NL", "nl_NL.UTF-8": the part
 * before '-', '_' or '.', any case), NULL for English or one not built in.
 * *known is set to whether the language is English or built in. */
const mpr_catalogue *mpr_catalogue_find(const char *code, int *known);

/* msgid in lang, or msgid itself (English, or not translated). */
const char *mpr_tr(const mpr_lang *lang, const char *msgid) MPR_FORMAT_ARG(2);

/* A rule text (a pointer the loaded ruleset holds) in lang, or itself. */
const char *mpr_rule_text(const mpr_lang *lang, const char *text);

/* Marks a msgid for xgettext where it is not translated on the spot. */
#define N_(s) s
/* Marks a word the library puts into an error message as an argument ("a
 * mapping", "nothing"): translated in the context "error argument" when
 * the message is written in a language (mpr_error_format_lang). */
#define NC_(context, s) s

#endif
