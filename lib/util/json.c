/* json.c - see json.h: the JSON writer, escaping in runs, and the layout of
 * compact and pretty output in one pass. */
#include "util/json.h"

#include <string.h>

#include "util/number.h"
#include "util/text.h"

/* ---- escaping ----------------------------------------------------------- */

/* What is escaped is what every printer of the library hides (util/text.h):
 * besides the quote and the backslash, every control (C0, DEL, C1), the
 * line and paragraph separators, the bidi controls, and each byte that is
 * not valid UTF-8 (as U+FFFD), so that the output is valid JSON whatever
 * the input. \n, \t and \r are written short, the rest as \uhhhh. */

/* 1 for a byte that is printed as it is when it stands alone: printable
 * ASCII but the quote and the backslash. */
static const unsigned char plain_ascii[256] = {
	[' '] = 1, ['!'] = 1, ['#'] = 1, ['$'] = 1, ['%'] = 1, ['&'] = 1, ['\''] = 1, ['('] = 1,
	[')'] = 1, ['*'] = 1, ['+'] = 1, [','] = 1, ['-'] = 1, ['.'] = 1, ['/'] = 1, ['0'] = 1,
	['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1,
	['9'] = 1, [':'] = 1, [';'] = 1, ['<'] = 1, ['='] = 1, ['>'] = 1, ['?'] = 1, ['@'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1, ['H'] = 1,
	['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1,
	['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
	['Y'] = 1, ['Z'] = 1, ['['] = 1, [']'] = 1, ['^'] = 1, ['_'] = 1, ['`'] = 1, ['a'] = 1,
	['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1, ['h'] = 1, ['i'] = 1,
	['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1,
	['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1,
	['z'] = 1, ['{'] = 1, ['|'] = 1, ['}'] = 1, ['~'] = 1};

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

/* The length of the leading run of p[0..n) that is written as it is:
 * eight bytes at a time while they are plain ASCII (a control, DEL, a quote,
 * a backslash or a byte above 0x7f among them sets a high bit of t), then a
 * character at a time through what is not (UTF-8 that is valid and not
 * hidden goes as it is) until the next plain stretch. */
static size_t clean_run(const unsigned char *p, size_t n)
{
	size_t i = 0;
	for (;;) {
		for (; i + 8 <= n; i += 8) {
			uint64_t x, q, s, d;
			memcpy(&x, p + i, 8);
			q = x ^ (ONES * '"');
			s = x ^ (ONES * '\\');
			d = x ^ (ONES * 0x7f);
			uint64_t t = ((x - ONES * 0x20) & ~x) | ((q - ONES) & ~q) | ((s - ONES) & ~s) |
			             ((d - ONES) & ~d) | x;
			if (t & HIGHS)
				break;
		}
		if (i >= n)
			return n;
		if (plain_ascii[p[i]]) {
			i++;
			continue;
		}
		uint32_t cp;
		size_t k = p[i] < 0x80 ? 0 : mpr_utf8_next(p + i, n - i, &cp);
		if (!k || mpr_char_hidden(cp))
			return i;
		i += k;
	}
}

/* The escape of the character at p (n > 0 bytes left) into e; its length,
 * and in *used the bytes it stands for. */
static size_t escape_at(const unsigned char *p, size_t n, char e[6], size_t *used)
{
	static const char hex[] = "0123456789abcdef";
	uint32_t cp = p[0];
	*used = 1;
	if (cp == '"' || cp == '\\' || cp == '\n' || cp == '\t' || cp == '\r') {
		e[0] = '\\';
		e[1] = cp == '\n' ? 'n' : cp == '\t' ? 't' : cp == '\r' ? 'r' : (char)cp;
		return 2;
	}
	if (cp >= 0x80) {
		size_t k = mpr_utf8_next(p, n, &cp);
		if (k)
			*used = k;
		else
			cp = 0xfffd; /* not UTF-8: the replacement character */
	}
	/* every hidden character is below U+10000 */
	e[0] = '\\';
	e[1] = 'u';
	for (int k = 0; k < 4; k++)
		e[2 + k] = hex[cp >> (12 - 4 * k) & 0xF];
	return 6;
}

/* The rest of a string, from its first character that needs an escape. */
static void escaped(mpr_buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	while (n) {
		size_t run = clean_run(p, n);
		mpr_buf_append(b, (const char *)p, run);
		if (run == n)
			break;
		char e[6];
		size_t used, len = escape_at(p + run, n - run, e, &used);
		mpr_buf_append(b, e, len);
		p += run + used;
		n -= run + used;
	}
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

void mpr_json_string(mpr_buf *b, const char *s)
{
	mpr_json_text(b, s, strlen(s));
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
	int n = mpr_double_format(text, sizeof text, 'f', decimals, v); /* the C locale's point */
	if (n < 0 || (size_t)n >= sizeof text) {
		mpr_buf_fail(w->b);
		return;
	}
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
	const unsigned char *p = (const unsigned char *)b->data;
	size_t clean = start + clean_run(p + start, b->len - start);
	/* how much the escapes add */
	size_t extra = 0;
	for (size_t i = clean; i < b->len;) {
		i += clean_run(p + i, b->len - i);
		if (i >= b->len)
			break;
		char e[6];
		size_t used, len = escape_at(p + i, b->len - i, e, &used);
		extra += len - used;
		i += used;
	}
	if (extra && mpr_buf_reserve(b, extra)) {
		/* the rest moves up by extra, then is escaped forward into place:
		 * what is written never overtakes what is still to be read */
		char *d = b->data;
		size_t end = b->len + extra, r = clean + extra, to = clean;
		memmove(d + r, d + clean, b->len - clean);
		while (r < end) {
			size_t run = clean_run((const unsigned char *)d + r, end - r);
			memmove(d + to, d + r, run);
			to += run;
			r += run;
			if (r >= end)
				break;
			char e[6];
			size_t used, len = escape_at((const unsigned char *)d + r, end - r, e, &used);
			memcpy(d + to, e, len);
			to += len;
			r += used;
		}
		b->len = to;
		d[b->len] = '\0';
	}
	mpr_buf_append(b, "\"", 1);
}
