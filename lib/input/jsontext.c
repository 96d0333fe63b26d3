/*
 * jsontext.c - see jsontext.h: the JSON text as yajl must see it. yajl 2.1
 * takes a form feed or vertical tab as a blank, and its own UTF-8 check lets
 * overlong forms, encoded surrogates and code points above U+10FFFF
 * through: the text is checked here first. A UTF-16 text with a byte order
 * mark (what Windows PowerShell writes) is converted to UTF-8, the only
 * encoding yajl reads.
 */
#include "input/jsontext.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "input/tree.h"
#include "util/text.h"

static void problem(json_problem *why, size_t at, const char *message)
{
	why->at = at;
	why->message = message;
}

/* A control character other than tab, LF and CR at offset i. */
static void control_character(json_problem *why, size_t i, unsigned char c)
{
	char what[64];
	if (c == 0)
		snprintf(what, sizeof what, "%s", "a NUL character (U+0000) is not allowed");
	else
		snprintf(what, sizeof what, "control character U+%04X is not allowed", (unsigned)c);
	snprintf(why->text, sizeof why->text,
	         "%s (between tokens only space, tab, CR and LF may stand; inside a string write it "
	         "as an escape)",
	         what);
	problem(why, i, why->text);
}

void json_check_text(const unsigned char *t, size_t len, json_problem *why)
{
	why->message = NULL;
	for (size_t i = 0; i < len;) {
		unsigned char c = t[i];
		if (c < 0x80) {
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') {
				control_character(why, i, c);
				return;
			}
			i++;
			continue;
		}
		uint32_t cp;
		size_t n = mpr_utf8_next(t + i, len - i, &cp);
		if (!n) {
			snprintf(why->text, sizeof why->text,
			         "invalid UTF-8 (a sequence starting with byte 0x%02X); JSON text must be "
			         "UTF-8",
			         (unsigned)c);
			problem(why, i, why->text);
			return;
		}
		i += n;
	}
}

static size_t blank_units16(const unsigned char *d, size_t len, bool be, size_t i)
{
	while (i + 1 < len) {
		unsigned u = be ? (unsigned)d[i] << 8 | d[i + 1] : (unsigned)d[i + 1] << 8 | d[i];
		if (u != ' ' && u != '\t' && u != '\n' && u != '\r')
			break;
		i += 2;
	}
	return i;
}

bool yt_is_json(const unsigned char *d, size_t len)
{
	if (!d)
		return false;
	if (len >= 2 && ((d[0] == 0xFF && d[1] == 0xFE) || (d[0] == 0xFE && d[1] == 0xFF))) {
		bool be = d[0] == 0xFE;
		size_t i = blank_units16(d, len, be, 2);
		if (i + 1 >= len)
			return false;
		unsigned u = be ? (unsigned)d[i] << 8 | d[i + 1] : (unsigned)d[i + 1] << 8 | d[i];
		return u == '{' || u == '[';
	}
	size_t i = len >= 3 && d[0] == 0xEF && d[1] == 0xBB && d[2] == 0xBF ? 3 : 0;
	while (i < len && (d[i] == ' ' || d[i] == '\t' || d[i] == '\n' || d[i] == '\r'))
		i++;
	return i < len && (d[i] == '{' || d[i] == '[');
}

/* A code point as UTF-8 at u8 + n; the new length. */
static size_t put_utf8(unsigned char *u8, size_t n, uint32_t cp)
{
	if (cp < 0x80) {
		u8[n++] = (unsigned char)cp;
	} else if (cp < 0x800) {
		u8[n++] = (unsigned char)(0xC0 | cp >> 6);
		u8[n++] = (unsigned char)(0x80 | (cp & 0x3F));
	} else if (cp < 0x10000) {
		u8[n++] = (unsigned char)(0xE0 | cp >> 12);
		u8[n++] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		u8[n++] = (unsigned char)(0x80 | (cp & 0x3F));
	} else {
		u8[n++] = (unsigned char)(0xF0 | cp >> 18);
		u8[n++] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
		u8[n++] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		u8[n++] = (unsigned char)(0x80 | (cp & 0x3F));
	}
	return n;
}

int json_from_utf16(const unsigned char *d, size_t len, unsigned char **out, size_t *out_len,
                    json_problem *why)
{
	bool be = d[0] == 0xFE;
	unsigned char *u8 = malloc((len / 2) * 3 + 1);
	if (!u8)
		return MPR_ENOMEM;
	size_t n = 0;
	why->message = NULL;
	for (size_t i = 2; i < len && !why->message; i += 2) {
		if (i + 1 >= len) {
			problem(why, n, "the UTF-16 text ends in the middle of a character");
			break;
		}
		unsigned u = be ? (unsigned)d[i] << 8 | d[i + 1] : (unsigned)d[i + 1] << 8 | d[i];
		uint32_t cp = u;
		if (u >= 0xDC00 && u <= 0xDFFF) {
			problem(why, n, "invalid UTF-16: the second half of a surrogate pair without its first");
		} else if (u >= 0xD800 && u <= 0xDBFF) {
			unsigned v = 0;
			if (i + 3 < len)
				v = be ? (unsigned)d[i + 2] << 8 | d[i + 3] : (unsigned)d[i + 3] << 8 | d[i + 2];
			if (v < 0xDC00 || v > 0xDFFF)
				problem(why, n, "invalid UTF-16: the first half of a surrogate pair without its second");
			else {
				cp = 0x10000 + ((uint32_t)(u - 0xD800) << 10) + (v - 0xDC00);
				i += 2;
			}
		}
		if (!why->message)
			n = put_utf8(u8, n, cp);
	}
	*out = u8;
	*out_len = n;
	return MPR_OK;
}
