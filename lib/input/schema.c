/*
 * schema.c - see schema.h: the typed readers every rule, proposal and
 * rule-test file goes through, so that "what is allowed here" and "where is
 * it wrong" are answered once: maps with their allowed keys, lists with a
 * minimum, ids, strings, numbers that must be whole or in range, enums and
 * id sets resolved against the ruleset's indexes.
 */
#include "input/schema.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "util/date.h"
#include "util/error.h"
#include "util/number.h"
#include "util/text.h"

int sc_fail(sc_ctx *c, int code, const yt_node *at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	mpr_vfail(c->err, code, c->file, at ? at->line : 0, at ? at->column : 0, fmt, ap);
	va_end(ap);
	return code;
}

int sc_map(sc_ctx *c, const yt_node *n, const char *what, const char *const *allowed)
{
	if (!n || n->kind != YT_MAP)
		return sc_fail(c, MPR_ESCHEMA, n, "%s must be a mapping, found %s", what,
		               yt_kind_name(n));
	for (size_t i = 0; allowed && i < n->n; i++) {
		const yt_node *k = n->items[2 * i];
		bool ok = false;
		for (const char *const *a = allowed; *a; a++)
			if (strcmp(k->value, *a) == 0)
				ok = true;
		if (!ok) {
			char list[384] = "";
			size_t used = 0;
			for (const char *const *a = allowed; *a && used < sizeof list - 40; a++) {
				int w = snprintf(list + used, sizeof list - used, "%s%s",
				                 a == allowed ? "" : ", ", *a);
				if (w > 0)
					used += (size_t)w;
			}
			return sc_fail(c, MPR_ESCHEMA, k, "unknown key '%s' in %s (allowed: %s)", k->value,
			               what, list);
		}
	}
	return MPR_OK;
}

int sc_seq(sc_ctx *c, const yt_node *n, const char *what, size_t min_items)
{
	if (!n || n->kind != YT_SEQ)
		return sc_fail(c, MPR_ESCHEMA, n, "%s must be a list, found %s", what, yt_kind_name(n));
	if (n->n < min_items)
		return min_items == 1
		               ? sc_fail(c, MPR_ESCHEMA, n, "%s must have at least 1 entry", what)
		               : sc_fail(c, MPR_ESCHEMA, n, "%s must have at least %zu entries", what,
		                         min_items);
	return MPR_OK;
}

int sc_list(sc_ctx *c, const yt_node *map, const char *key, bool required, size_t min_items,
            const yt_node **out)
{
	*out = yt_get(map, key);
	if (!*out)
		return required ? sc_fail(c, MPR_ESCHEMA, map, "missing required key '%s'", key) : MPR_OK;
	if ((*out)->kind == YT_SEQ && (*out)->n >= min_items) /* the message is made only if needed */
		return MPR_OK;
	char what[96];
	snprintf(what, sizeof what, "'%s'", key);
	return sc_seq(c, *out, what, min_items);
}

int sc_item_str(sc_ctx *c, const yt_node *item, const char *key, const char **out)
{
	if (item && item->kind == YT_SCALAR && item->len && !yt_is_null(item))
		return sc_scalar_str(c, item, "", out);
	char what[96];
	snprintf(what, sizeof what, "'%s'", key);
	return sc_scalar_str(c, item, what, out);
}

const yt_node *sc_get(const yt_node *map, const char *key)
{
	const yt_node *v = yt_get(map, key);
	return yt_is_null(v) ? NULL : v;
}

/* map[key]; an optional key whose value is null (null, ~ or nothing, as
 * editors and serializers write for "not set") counts as absent. */
static const yt_node *need(sc_ctx *c, const yt_node *map, const char *key, bool required,
                           int *rc)
{
	*rc = MPR_OK;
	const yt_node *v = required ? yt_get(map, key) : sc_get(map, key);
	if (!v && required)
		*rc = sc_fail(c, MPR_ESCHEMA, map, "missing required key '%s'", key);
	return v;
}

int sc_scalar_str(sc_ctx *c, const yt_node *n, const char *what, const char **out)
{
	if (!n || n->kind != YT_SCALAR || yt_is_null(n))
		return sc_fail(c, MPR_ESCHEMA, n, "%s must be a text, found %s", what, yt_kind_name(n));
	if (n->len == 0)
		return sc_fail(c, MPR_ESCHEMA, n, "%s must not be empty", what);
	*out = mpr_arena_strndup(c->arena, n->value, n->len);
	if (!*out)
		return sc_fail(c, MPR_ENOMEM, n, "out of memory");
	return MPR_OK;
}

int sc_str(sc_ctx *c, const yt_node *map, const char *key, bool required, const char **out)
{
	int rc;
	const yt_node *v = need(c, map, key, required, &rc);
	if (!v)
		return rc;
	if (v->kind == YT_SCALAR && v->len && !yt_is_null(v)) /* no message to name it in */
		return sc_scalar_str(c, v, "", out);
	char what[96];
	snprintf(what, sizeof what, "'%s'", key);
	return sc_scalar_str(c, v, what, out);
}

/* What a hidden character is called in a message. */
static const char *hidden_name(uint32_t cp)
{
	if (cp == '\n' || cp == '\r')
		return "a line break";
	if (cp == '\t')
		return "a tab";
	if (cp == 0x2028)
		return "a line separator";
	if (cp == 0x2029)
		return "a paragraph separator";
	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
		return "a control character";
	return "a bidi control";
}

int sc_text(sc_ctx *c, const yt_node *map, const char *key, bool required, bool lines,
            const char **out)
{
	const char *text = NULL;
	int rc = sc_str(c, map, key, required, &text);
	if (rc || !text)
		return rc;
	const yt_node *v = yt_get(map, key);
	const unsigned char *u = (const unsigned char *)text;
	size_t n = strlen(text);
	for (size_t i = 0; i < n;) {
		uint32_t cp = u[i];
		size_t len = mpr_utf8_next(u + i, n - i, &cp);
		if (!len)
			return sc_fail(c, MPR_ESCHEMA, v, "'%s' is not UTF-8 text (byte 0x%02X)", key,
			               (unsigned)u[i]);
		bool allowed = lines && (cp == '\t' || cp == '\n' || cp == '\r');
		if (mpr_char_hidden(cp) && !allowed)
			return sc_fail(c, MPR_ESCHEMA, v,
			               lines ? "'%s' contains %s (U+%04X): text may hold tabs and line "
			                       "breaks, but no other control character and no bidi control"
			                     : "'%s' contains %s (U+%04X): it is one line of text, without "
			                       "control characters or bidi controls",
			               key, hidden_name(cp), (unsigned)cp);
		i += len;
	}
	if (!lines && mpr_text_blank(text, n))
		return required ? sc_fail(c, MPR_ESCHEMA, v,
		                          "'%s' is blank (only spaces or invisible characters)", key)
		                : sc_fail(c, MPR_ESCHEMA, v,
		                          "'%s' is blank (only spaces or invisible characters): write the "
		                          "text, or leave the key out",
		                          key);
	*out = text;
	return MPR_OK;
}

bool sc_valid_id(const char *s)
{
	if (!s || !*s)
		return false;
	for (const char *p = s; *p; p++) {
		char ch = *p;
		bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
		          (p != s && (ch == '-' || ch == '.' || ch == '_'));
		if (!ok)
			return false;
	}
	return true;
}

int sc_id(sc_ctx *c, const yt_node *map, const char *key, const char **out)
{
	int rc = sc_str(c, map, key, true, out);
	if (rc)
		return rc;
	if (!sc_valid_id(*out))
		return sc_fail(c, MPR_ESCHEMA, yt_get(map, key),
		               "'%s' is not a valid id (letters, digits, '-', '.', '_'; starting with a letter or digit)",
		               *out);
	return MPR_OK;
}

/* A whole number written in decimal, read without the C library (and so
 * without the locale): [+-]digits[.digits][(e|E)[+-]digits], whose value is
 * exactly whole: 6.0, 1e1 and 12.0E0 are 6, 10 and 12, as JSON serializers
 * write them. */
enum { WN_OK, WN_NOT_A_NUMBER, WN_NOT_WHOLE, WN_TOO_BIG, WN_LEADING_ZERO };

static int whole_number(const char *s, long *out)
{
	const char *p = s;
	bool negative = *p == '-';
	if (*p == '-' || *p == '+')
		p++;
	const char *int_digits = p;
	while (*p >= '0' && *p <= '9')
		p++;
	size_t n_int = (size_t)(p - int_digits);
	if (!n_int)
		return WN_NOT_A_NUMBER;
	const char *frac_digits = NULL;
	size_t n_frac = 0;
	if (*p == '.') {
		frac_digits = ++p;
		while (*p >= '0' && *p <= '9')
			p++;
		n_frac = (size_t)(p - frac_digits);
		if (!n_frac)
			return WN_NOT_A_NUMBER;
	}
	long long exp = 0;
	if (*p == 'e' || *p == 'E') {
		p++;
		bool exp_negative = *p == '-';
		if (*p == '-' || *p == '+')
			p++;
		if (!(*p >= '0' && *p <= '9'))
			return WN_NOT_A_NUMBER;
		for (; *p >= '0' && *p <= '9'; p++)
			if (exp < 1000000000)
				exp = exp * 10 + (*p - '0');
		if (exp_negative)
			exp = -exp;
	}
	if (*p)
		return WN_NOT_A_NUMBER;
	if (n_int > 1 && int_digits[0] == '0')
		return WN_LEADING_ZERO;
	/* the digits as one string S (integer part, then fraction): the value
	 * is S * 10^(exp - n_frac); its significant part runs from the first to
	 * the last digit that is not 0 */
	size_t n = n_int + n_frac, first = n, last = 0;
	for (size_t i = 0; i < n; i++) {
		char ch = i < n_int ? int_digits[i] : frac_digits[i - n_int];
		if (ch != '0') {
			if (first == n)
				first = i;
			last = i;
		}
	}
	if (first == n) {
		*out = 0;
		return WN_OK;
	}
	/* significant digits times 10^e */
	long long e = exp - (long long)n_frac + (long long)(n - 1 - last);
	if (e < 0)
		return WN_NOT_WHOLE;
	if (last - first + 1 > 18 || (long long)(last - first + 1) + e > 18)
		return WN_TOO_BIG;
	long long v = 0;
	for (size_t i = first; i <= last; i++)
		v = v * 10 + ((i < n_int ? int_digits[i] : frac_digits[i - n_int]) - '0');
	for (long long i = 0; i < e; i++)
		v *= 10;
	*out = (long)(negative ? -v : v);
	return WN_OK;
}

/* map[key] as a plain scalar (what a number is written as): NULL with *rc
 * MPR_OK when an optional key is absent or null, with *rc an error when a
 * required one is missing or the value is not plain ("must be WHAT"). */
static const yt_node *plain(sc_ctx *c, const yt_node *map, const char *key, bool required,
                            bool *present, const char *what, int *rc)
{
	const yt_node *v = need(c, map, key, required, rc);
	if (present)
		*present = v != NULL;
	if (v && (v->kind != YT_SCALAR || !v->plain || v->len == 0)) {
		*rc = sc_fail(c, MPR_ESCHEMA, v, "'%s' must be %s, found %s", key, what,
		              v->kind == YT_SCALAR ? "a quoted text" : yt_kind_name(v));
		return NULL;
	}
	return v;
}

int sc_int(sc_ctx *c, const yt_node *map, const char *key, bool required, long min,
           long max, long *out, bool *present)
{
	int rc;
	const yt_node *v = plain(c, map, key, required, present, "a whole number", &rc);
	if (!v)
		return rc;
	size_t kl = strlen(key);
	const char *unit = kl > 7 && strcmp(key + kl - 7, "_months") == 0 ? " of months" : "";
	long x = 0;
	switch (whole_number(v->value, &x)) {
	case WN_OK:
		break;
	case WN_NOT_WHOLE:
		return sc_fail(c, MPR_ESCHEMA, v, "'%s' must be a whole number%s, found %s", key, unit,
		               v->value);
	case WN_TOO_BIG:
		return sc_fail(c, MPR_ESCHEMA, v, "'%s' must be between %ld and %ld, found %s", key, min,
		               max, v->value);
	case WN_LEADING_ZERO:
		return sc_fail(c, MPR_ESCHEMA, v,
		               "'%s' is written with a leading zero (%s), which YAML 1.1 reads as an "
		               "octal number and other readers as decimal: write it without the leading "
		               "zero",
		               key, v->value);
	default:
		return sc_fail(c, MPR_ESCHEMA, v, "'%s' must be a whole number, found '%s'", key,
		               v->value);
	}
	if (x < min || x > max)
		return sc_fail(c, MPR_ESCHEMA, v, "'%s' must be between %ld and %ld, found %ld", key,
		               min, max, x);
	*out = x;
	return MPR_OK;
}

int sc_num(sc_ctx *c, const yt_node *map, const char *key, bool required, double min,
           double max, double *out, bool *present)
{
	int rc = MPR_OK;
	const yt_node *v = plain(c, map, key, required, present, "a number", &rc);
	if (!v)
		return rc;
	/* digits, one optional sign and point only: no nan/inf/hex, and read
	 * the same whatever the host program's locale (util/number.h) */
	double x;
	if (!mpr_decimal_parse(v->value, &x))
		return sc_fail(c, MPR_ESCHEMA, v, "'%s' must be a decimal number, found '%s'", key,
		               v->value);
	if (!isfinite(x) || x < min || x > max)
		return sc_fail(c, MPR_ESCHEMA, v, "'%s' must be between %g and %g, found %s", key, min,
		               max, v->value);
	*out = x;
	return MPR_OK;
}

int sc_bool(sc_ctx *c, const yt_node *map, const char *key, bool required, bool *out)
{
	int rc;
	const yt_node *v = need(c, map, key, required, &rc);
	if (!v)
		return rc;
	if (v->kind == YT_SCALAR && v->plain && yt_is(v, "true"))
		*out = true;
	else if (v->kind == YT_SCALAR && v->plain && yt_is(v, "false"))
		*out = false;
	else
		return sc_fail(c, MPR_ESCHEMA, v, "'%s' must be true or false", key);
	return MPR_OK;
}

int sc_date(sc_ctx *c, const yt_node *map, const char *key, bool required, const char **out)
{
	int rc = sc_str(c, map, key, required, out);
	if (rc || !sc_get(map, key)) /* absent or null: not given (*out unchanged) */
		return rc;
	long day;
	if (!mpr_date_parse(*out, &day))
		return sc_fail(c, MPR_ESCHEMA, yt_get(map, key),
		               "'%s' must be a date YYYY-MM-DD, found '%s'", key, *out);
	return MPR_OK;
}

int sc_enum(sc_ctx *c, const yt_node *map, const char *key, bool required,
            const char *const *names, size_t n, int *out)
{
	int rc;
	const yt_node *v = need(c, map, key, required, &rc);
	if (!v)
		return rc;
	if (v->kind == YT_SCALAR)
		for (size_t i = 0; i < n; i++)
			if (strcmp(v->value, names[i]) == 0) {
				*out = (int)i;
				return MPR_OK;
			}
	char list[256] = "";
	size_t used = 0;
	for (size_t i = 0; i < n && used < sizeof list - 40; i++) {
		int w = snprintf(list + used, sizeof list - used, "%s%s", i ? ", " : "", names[i]);
		if (w > 0)
			used += (size_t)w;
	}
	return sc_fail(c, MPR_ESCHEMA, v, "'%s' must be one of %s, found %s%s%s", key, list,
	               v->kind == YT_SCALAR ? "'" : "", v->kind == YT_SCALAR ? v->value : yt_kind_name(v),
	               v->kind == YT_SCALAR ? "'" : "");
}

int sc_id_set(sc_ctx *c, const yt_node *map, const char *key, size_t min_items,
              const mpr_index *index, const char *kind, bool unique, uint64_t *out)
{
	*out = 0;
	if (!sc_get(map, key))
		return MPR_OK;
	const yt_node *v;
	int rc = sc_list(c, map, key, false, min_items, &v);
	if (rc)
		return rc;
	for (size_t i = 0; i < v->n; i++) {
		const char *id = "";
		if ((rc = sc_item_str(c, v->items[i], key, &id)))
			return rc;
		int k = mpr_index_find(index, id);
		if (k < 0)
			return sc_fail(c, MPR_EREF, v->items[i], "unknown %s '%s'", kind, id);
		if (unique && (*out & ((uint64_t)1 << k)))
			return sc_fail(c, MPR_ESCHEMA, v->items[i], "%s '%s' listed twice", kind, id);
		*out |= (uint64_t)1 << k;
	}
	return MPR_OK;
}
