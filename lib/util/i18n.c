/*
 * i18n.c - see i18n.h: the lookup of program strings in a built-in
 * catalogue (a binary search over msgids sorted as msgfmt sorts them), and
 * which catalogue a language code names. No locale, no environment, no
 * state: the caller says which language, per call.
 */
#include "util/i18n.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static int by_msgid(const void *key, const void *entry)
{
	return strcmp(key, *(const char *const *)entry);
}

const char *mpr_tr(const mpr_lang *lang, const char *msgid)
{
	if (!lang || !lang->program || !msgid)
		return msgid;
	const mpr_catalogue *c = lang->program;
	const char *const *hit = bsearch(msgid, c->msgid, c->n, sizeof *c->msgid, by_msgid);
	if (!hit)
		return msgid;
	const char *s = c->msgstr[hit - c->msgid];
	return s && *s ? s : msgid;
}

/* Whether the first n bytes of tag are code, ASCII letters in any case
 * (no locale: a host program's LC_CTYPE must not change the answer). */
static int same_code(const char *code, const char *tag, size_t n)
{
	if (strlen(code) != n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = tag[i] >= 'A' && tag[i] <= 'Z' ? (char)(tag[i] - 'A' + 'a') : tag[i];
		if (c != code[i])
			return 0;
	}
	return 1;
}

const mpr_catalogue *mpr_catalogue_find(const char *code, int *known)
{
	*known = 0;
	if (!code)
		return NULL;
	size_t n = strcspn(code, "-_.@");
	if (same_code("en", code, n)) {
		*known = 1;
		return NULL;
	}
	for (const mpr_catalogue *const *c = mpr_catalogues; *c; c++)
		if (same_code((*c)->code, code, n)) {
			*known = 1;
			return *c;
		}
	return NULL;
}

const char *mpr_rule_text(const mpr_lang *lang, const char *text)
{
	if (!lang || !lang->rules || !text)
		return text;
	const mpr_text_map *m = lang->rules;
	size_t lo = 0, hi = m->n;
	uintptr_t key = (uintptr_t)text;
	while (lo < hi) { /* by address: the map holds the very pointers of the ruleset */
		size_t mid = lo + (hi - lo) / 2;
		uintptr_t at = (uintptr_t)m->from[mid];
		if (at == key)
			return m->to[mid];
		if (at < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return text;
}
