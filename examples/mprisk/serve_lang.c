/*
 * serve_lang.c - the language of one request of `mprisk serve`: what its
 * Accept-Language header prefers (RFC 9110 §12.5.4) among the languages the
 * ruleset can be written in (mpr_ruleset_language: "en", and "nl" with the
 * default rules). Each request gets its own; the server has none, and the
 * driver's own language (--lang, LANG) plays no part. English when the
 * header is absent, malformed or names nothing the rules have.
 */
#include <stdlib.h>
#include <string.h>

#include "serve.h"

/* The index among the ruleset's languages of the range at s (n bytes, e.g.
 * "nl-NL", "NL", "*"), or -1. A range names a language by its primary tag;
 * "*" names the first (English). */
static int match(const mpr_ruleset *rules, const char *s, size_t n)
{
	if (n == 1 && s[0] == '*')
		return 0;
	size_t primary = 0;
	while (primary < n && s[primary] != '-')
		primary++;
	for (size_t i = 0; i < mpr_ruleset_language_count(rules); i++) {
		const char *code = mpr_ruleset_language(rules, i);
		if (strlen(code) != primary)
			continue;
		size_t k = 0;
		while (k < primary && (s[k] | 0x20) == code[k])
			k++;
		if (k == primary)
			return (int)i;
	}
	return -1;
}

/* A quality value "q=0.8" in the parameters at p (up to end): 0..1000, or
 * 1000 without one; -1 when malformed. */
static int quality(const char *p, const char *end)
{
	while (p < end && (*p == ';' || *p == ' ' || *p == '\t'))
		p++;
	if (p == end)
		return 1000;
	if (end - p < 3 || (p[0] != 'q' && p[0] != 'Q') || p[1] != '=')
		return -1;
	p += 2;
	int q = 0;
	if (*p == '0' || *p == '1')
		q = (*p++ - '0') * 1000;
	else
		return -1;
	if (p < end && *p == '.') {
		p++;
		for (int scale = 100; p < end && *p >= '0' && *p <= '9' && scale; p++, scale /= 10)
			q += (*p - '0') * scale;
	}
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p == end && q <= 1000 ? q : -1;
}

const char *srv_pick_language(const mpr_ruleset *rules, const char *header)
{
	int best = 0, best_q = 0;
	for (const char *p = header; p && *p;) {
		const char *end = p + strcspn(p, ",");
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		size_t n = strcspn(p, ";, \t");
		const char *params = p + n < end ? p + n : end;
		int q = quality(params, end), lang = n ? match(rules, p, n) : -1;
		if (lang >= 0 && q > best_q) { /* the first of equal ones wins */
			best = lang;
			best_q = q;
		}
		p = *end ? end + 1 : end;
	}
	return mpr_ruleset_language(rules, (size_t)best);
}
