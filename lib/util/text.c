/* text.c - see text.h: the characters no printer writes raw, and the one
 * escaping that makes them visible in text, error messages, markdown and
 * HTML. */
#include "util/text.h"

#include <string.h>

#include "mprisk.h"

mpr_sink mpr_sink_fixed(char *at, size_t size)
{
	at[0] = '\0';
	return (mpr_sink){.at = at, .size = size};
}

void mpr_sink_put(mpr_sink *s, const char *p, size_t n)
{
	s->need += n;
	if (s->buf) {
		mpr_buf_append(s->buf, p, n);
		return;
	}
	if (s->full || s->len + n >= s->size) {
		s->full = true; /* cut here: never half a character or an escape */
		return;
	}
	memcpy(s->at + s->len, p, n);
	s->len += n;
	s->at[s->len] = '\0';
}

void mpr_sink_text(mpr_sink *s, const char *p, size_t n)
{
	if (s->buf) {
		mpr_sink_put(s, p, n);
		return;
	}
	const unsigned char *u = (const unsigned char *)p;
	for (size_t k = 0; k < n;) {
		uint32_t cp;
		size_t len = u[k] < 0x80 ? 1 : mpr_utf8_next(u + k, n - k, &cp);
		len = len ? len : 1;
		mpr_sink_put(s, p + k, len);
		k += len;
	}
}

size_t mpr_utf8_next(const unsigned char *s, size_t n, uint32_t *cp)
{
	unsigned char c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	size_t len = c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
	unsigned char lo = 0x80, hi = 0xBF; /* the second byte's range */
	if (c == 0xE0)
		lo = 0xA0; /* overlong */
	else if (c == 0xED)
		hi = 0x9F; /* U+D800..U+DFFF */
	else if (c == 0xF0)
		lo = 0x90; /* overlong */
	else if (c == 0xF4)
		hi = 0x8F; /* above U+10FFFF */
	if (!len || len > n || s[1] < lo || s[1] > hi)
		return 0;
	uint32_t v = c & (0x7F >> len);
	for (size_t k = 1; k < len; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return 0;
		v = v << 6 | (s[k] & 0x3F);
	}
	*cp = v;
	return len;
}

bool mpr_text_is_utf8(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = mpr_utf8_next(u + i, n - i, &cp);
		if (!len)
			return false;
		i += len;
	}
	return true;
}

bool mpr_char_hidden(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x061C || cp == 0x200E ||
	       cp == 0x200F || cp == 0x2028 || cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E) ||
	       (cp >= 0x2066 && cp <= 0x2069);
}

size_t mpr_text_plain_run(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char c = s[i];
		if (c >= 0x20 && c < 0x7F) {
			i++;
			continue;
		}
		uint32_t cp;
		size_t k = c < 0x80 ? 0 : mpr_utf8_next(s + i, n - i, &cp);
		if (!k || mpr_char_hidden(cp))
			break;
		i += k;
	}
	return i;
}

/* One hidden character or invalid byte as its escape. */
static void escape_one(mpr_sink *out, uint32_t cp, bool invalid)
{
	static const char hex[] = "0123456789abcdef";
	char e[8];
	if (!invalid && (cp == '\n' || cp == '\r' || cp == '\t')) {
		e[0] = '\\';
		e[1] = cp == '\n' ? 'n' : cp == '\r' ? 'r' : 't';
		mpr_sink_put(out, e, 2);
	} else if (invalid || cp < 0x80) {
		e[0] = '\\';
		e[1] = 'x';
		e[2] = hex[cp >> 4 & 0xF];
		e[3] = hex[cp & 0xF];
		mpr_sink_put(out, e, 4);
	} else {
		e[0] = '\\';
		e[1] = 'u';
		for (int k = 0; k < 4; k++)
			e[2 + k] = hex[cp >> (12 - 4 * k) & 0xF];
		mpr_sink_put(out, e, 6);
	}
}

void mpr_visible(mpr_sink *out, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		size_t run = mpr_text_plain_run(u + i, n - i);
		mpr_sink_text(out, s + i, run);
		i += run;
		if (i >= n)
			break;
		uint32_t cp = u[i];
		size_t len = mpr_utf8_next(u + i, n - i, &cp);
		escape_one(out, len ? cp : u[i], len == 0);
		i += len ? len : 1;
	}
}

size_t mpr_text_visible(char *buf, size_t size, const char *text)
{
	char none[1];
	mpr_sink out = size && buf ? mpr_sink_fixed(buf, size) : mpr_sink_fixed(none, 1);
	if (text)
		mpr_visible(&out, text, strlen(text));
	return out.need;
}

void mpr_buf_visible(mpr_buf *b, const char *s)
{
	mpr_sink out = {.buf = b};
	mpr_visible(&out, s, strlen(s));
}

/* Unicode White_Space, and the characters that show nothing. */
static bool blank_char(uint32_t cp)
{
	return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
	       cp == 0x180E || (cp >= 0x2000 && cp <= 0x200F) || cp == 0x2028 || cp == 0x2029 ||
	       cp == 0x202F || cp == 0x205F || cp == 0x2060 || cp == 0x3000 || cp == 0xFEFF;
}

bool mpr_text_blank(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t len = mpr_utf8_next(u + i, n - i, &cp);
		if (!len || !blank_char(cp))
			return false;
		i += len;
	}
	return true;
}
