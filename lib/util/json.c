/* json.c - see json.h: the JSON writer, escaping in runs, and the layout of
 * compact and pretty output in one pass. */
#include "util/json.h"

#include <stdio.h>
#include <string.h>

/* ---- escaping ----------------------------------------------------------- */

/* How a byte is written inside a string: 0 as it is, else its escape
 * (the forms every earlier version wrote: \" \\ \n \t \r, \u00XX). */
static const char *const control[32] = {
	"\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006", "\\u0007",
	"\\u0008", "\\t",     "\\n",     "\\u000b", "\\u000c", "\\r",     "\\u000e", "\\u000f",
	"\\u0010", "\\u0011", "\\u0012", "\\u0013", "\\u0014", "\\u0015", "\\u0016", "\\u0017",
	"\\u0018", "\\u0019", "\\u001a", "\\u001b", "\\u001c", "\\u001d", "\\u001e", "\\u001f"};

static const char *escape_of(unsigned char c)
{
	if (c < 0x20)
		return control[c];
	return c == '"' ? "\\\"" : c == '\\' ? "\\\\" : NULL;
}

/* 1 for a byte that needs an escape (a control byte, a quote, a backslash):
 * the byte loop's test, one load instead of escape_of's comparisons. */
static const unsigned char needs_escape[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	['"'] = 1, ['\\'] = 1};

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

/* The length of the leading run of p[0..n) that needs no escape: eight
 * bytes at a time (a control byte, a quote or a backslash among them sets
 * a high bit of t; the test is exact for "is there one", and the byte loop
 * then finds which). */
static size_t clean_run(const unsigned char *p, size_t n)
{
	size_t i = 0;
	for (; i + 8 <= n; i += 8) {
		uint64_t x, q, s;
		memcpy(&x, p + i, 8);
		q = x ^ (ONES * '"');
		s = x ^ (ONES * '\\');
		uint64_t t = ((x - ONES * 0x20) & ~x) | ((q - ONES) & ~q) | ((s - ONES) & ~s);
		if (t & HIGHS)
			break;
	}
	while (i < n && !needs_escape[p[i]])
		i++;
	return i;
}

/* The rest of a string, from its first byte that needs an escape. */
static void escaped(mpr_buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	while (n) {
		size_t run = clean_run(p, n);
		mpr_buf_append(b, (const char *)p, run);
		if (run == n)
			break;
		const char *e = escape_of(p[run]);
		mpr_buf_append(b, e, strlen(e));
		p += run + 1;
		n -= run + 1;
	}
}

void mpr_json_string(mpr_buf *b, const char *s)
{
	mpr_json_text(b, s, strlen(s));
}

void mpr_json_text(mpr_buf *b, const char *s, size_t n)
{
	if (!mpr_buf_room(b, n + 2))
		return;
	/* the usual case, a string with nothing to escape: one copy, in place */
	char *o = b->data + b->len;
	size_t run = clean_run((const unsigned char *)s, n);
	*o = '"';
	memcpy(o + 1, s, run);
	b->len += 1 + run;
	if (run < n)
		escaped(b, s + run, n - run);
	mpr_buf_append(b, "\"", 1);
}

/* ---- layout ------------------------------------------------------------- */

/* ",\n" and the deepest indentation: a separator is a slice of it. */
static const char separator[] =
	",\n                                                                "
	"                                                                ";

/* A separator: n bytes of separator[] from s (a line break, perhaps after
 * a comma, and the indentation). Up to 16 bytes, as deep as the library's
 * documents go, it is copied as a constant 16 bytes and the bytes past n
 * are left to be overwritten: a copy of a length the compiler cannot know,
 * but knows to be small, may be compiled to a string instruction that
 * costs more to start than the whole copy (rep movsq, on some x86
 * processors), and a document has a separator for every member. */
static void put_separator(mpr_buf *b, const char *s, size_t n)
{
	if (n <= 16 && mpr_buf_room(b, 16)) {
		memcpy(b->data + b->len, s, 16);
		b->len += n;
		b->data[b->len] = '\0';
	} else {
		mpr_buf_append(b, s, n);
	}
}

void mpr_jw_init(mpr_jw *w, mpr_buf *b, bool pretty)
{
	memset(w, 0, sizeof *w);
	w->b = b;
	w->pretty = pretty;
}

/* The open containers, counted up to MPR_JW_MAX_DEPTH (deeper ones are
 * all written as the one at that depth). */
static unsigned level(unsigned depth)
{
	return depth > MPR_JW_MAX_DEPTH ? MPR_JW_MAX_DEPTH : depth;
}

/* The bit of the innermost open container (bit 0 when none is open). */
static uint64_t bit_of(const mpr_jw *w)
{
	unsigned d = level(w->depth);
	return (uint64_t)1 << (d ? d - 1 : 0);
}

void mpr_jw_member(mpr_jw *w)
{
	if (!w->depth)
		return;
	uint64_t bit = bit_of(w);
	int filled = (w->filled & bit) != 0;
	w->filled |= bit;
	if (w->block & bit) {
		size_t indent = 2 * (size_t)level(w->depth);
		put_separator(w->b, separator + !filled, (size_t)(1 + filled) + indent);
	} else if (filled) {
		mpr_buf_append(w->b, ", ", 2);
	}
}

/* Before a value: a separator when it is an item of an array. */
static void value(mpr_jw *w)
{
	if (w->depth && (w->array & bit_of(w)))
		mpr_jw_member(w);
}

static void open_container(mpr_jw *w, int layout, char bracket, bool array)
{
	value(w);
	mpr_buf_append(w->b, &bracket, 1);
	bool block = w->pretty && layout == MPR_JW_BLOCK && (!w->depth || (w->block & bit_of(w)));
	w->depth++;
	uint64_t bit = bit_of(w);
	w->filled &= ~bit;
	w->block = block ? w->block | bit : w->block & ~bit;
	w->array = array ? w->array | bit : w->array & ~bit;
}

void mpr_jw_object(mpr_jw *w, int layout)
{
	open_container(w, layout, '{', false);
}

void mpr_jw_array(mpr_jw *w, int layout)
{
	open_container(w, layout, '[', true);
}

void mpr_jw_object_head(mpr_jw *w, const char *head, size_t n)
{
	value(w);
	mpr_buf_append(w->b, head, n);
	w->depth++;
	uint64_t bit = bit_of(w);
	w->filled |= bit;
	w->block &= ~bit;
	w->array &= ~bit;
}

void mpr_jw_end(mpr_jw *w)
{
	if (!w->depth)
		return;
	uint64_t bit = bit_of(w);
	if ((w->block & bit) && (w->filled & bit))
		put_separator(w->b, separator + 1, 1 + 2 * (size_t)level(w->depth - 1));
	mpr_buf_append(w->b, (w->array & bit) ? "]" : "}", 1);
	w->depth--;
}

/* ---- keys and values ---------------------------------------------------- */

void mpr_jw_key_string(mpr_jw *w, const char *key_text, size_t n, const char *value)
{
	mpr_jw_key_text(w, key_text, n);
	mpr_jw_string(w, value);
}

void mpr_jw_key(mpr_jw *w, const char *name)
{
	mpr_jw_member(w);
	mpr_json_string(w->b, name);
	mpr_buf_append(w->b, ": ", 2);
}

void mpr_jw_string(mpr_jw *w, const char *s)
{
	value(w);
	if (s)
		mpr_json_string(w->b, s);
	else
		mpr_buf_append(w->b, "null", 4);
}

void mpr_jw_string_len(mpr_jw *w, const char *s, size_t n)
{
	value(w);
	mpr_json_text(w->b, s, n);
}

void mpr_jw_raw(mpr_jw *w, const char *json, size_t n)
{
	value(w);
	mpr_buf_append(w->b, json, n);
}

void mpr_jw_uint(mpr_jw *w, unsigned long long v)
{
	char digits[24];
	size_t i = sizeof digits;
	do {
		digits[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	mpr_jw_raw(w, digits + i, sizeof digits - i);
}

void mpr_jw_int(mpr_jw *w, long long v)
{
	if (v >= 0) {
		mpr_jw_uint(w, (unsigned long long)v);
		return;
	}
	value(w);
	mpr_buf_append(w->b, "-", 1);
	unsigned long long u = 0ULL - (unsigned long long)v;
	char digits[24];
	size_t i = sizeof digits;
	do {
		digits[--i] = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	mpr_buf_append(w->b, digits + i, sizeof digits - i);
}

void mpr_jw_bool(mpr_jw *w, bool v)
{
	mpr_jw_raw(w, v ? "true" : "false", v ? 4 : 5);
}

void mpr_jw_null(mpr_jw *w)
{
	mpr_jw_raw(w, "null", 4);
}

void mpr_jw_fixed(mpr_jw *w, double v, int decimals)
{
	char text[64];
	int n = snprintf(text, sizeof text, "%.*f", decimals, v);
	if (n < 0 || (size_t)n >= sizeof text) {
		mpr_buf_fail(w->b);
		return;
	}
	for (int i = 0; i < n; i++) /* a host program's locale may write a comma */
		if ((text[i] < '0' || text[i] > '9') && text[i] != '-')
			text[i] = '.';
	mpr_jw_raw(w, text, (size_t)n);
}

/* ---- text printed in place ----------------------------------------------- */

size_t mpr_jw_text_begin(mpr_jw *w)
{
	value(w);
	mpr_buf_append(w->b, "\"", 1);
	return w->b->len;
}

void mpr_jw_text_end(mpr_jw *w, size_t start)
{
	mpr_buf *b = w->b;
	if (b->failed || start > b->len)
		return;
	size_t extra = 0, clean = clean_run((const unsigned char *)b->data + start, b->len - start);
	for (size_t i = start + clean; i < b->len; i++) {
		const char *e = escape_of((unsigned char)b->data[i]);
		if (e)
			extra += strlen(e) - 1;
	}
	if (extra && mpr_buf_reserve(b, extra)) {
		/* from the end backwards, so that nothing is overwritten before it moved */
		size_t to = b->len + extra;
		for (size_t i = b->len; i-- > start + clean;) {
			const char *e = escape_of((unsigned char)b->data[i]);
			size_t n = e ? strlen(e) : 1;
			to -= n;
			memcpy(b->data + to, e ? e : &b->data[i], n);
		}
		b->len += extra;
		b->data[b->len] = '\0';
	}
	mpr_buf_append(b, "\"", 1);
}
