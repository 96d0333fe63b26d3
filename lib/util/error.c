/* error.c - error codes and messages (mpr_fail fills them in, always one
 * line of visible text: util/text.h), and the version string: what a
 * caller may ask before anything is loaded. */
#include "util/error.h"

#include <limits.h>
#include <stdint.h>
#include <stdarg.h>
#include <string.h>

#include "util/format.h"
#include "util/i18n.h"
#include "util/text.h"

const char *mpr_version(void)
{
	return MPR_VERSION_STRING;
}

const char *mpr_strerror(int code)
{
	switch (code) {
	case MPR_OK: return "success";
	case MPR_ENOMEM: return "out of memory";
	case MPR_EIO: return "cannot read input";
	case MPR_ESYNTAX: return "malformed YAML or JSON";
	case MPR_ESCHEMA: return "invalid structure";
	case MPR_EREF: return "unknown or duplicate id";
	case MPR_EINVARIANT: return "framework invariant violated";
	case MPR_ELIMIT: return "input limit exceeded";
	case MPR_EINVAL: return "invalid argument";
	case MPR_ENOTFOUND: return "not found";
	case MPR_ESIGNATURE: return "signature missing, invalid or by another key";
	default: return "unknown error";
	}
}

/* After the message's NUL, when there is room, the library notes which
 * message it was, so that mpr_error_format_lang can write it in another
 * language: a mark byte (0xfe, never in UTF-8), the FNV-1a hash of the
 * format (the msgid), the hash of the English message (a caller who
 * writes a message of their own leaves a note that no longer fits it),
 * and where each conversion's text is in the message. Nothing else is
 * kept: no pointer, no state. */
enum { NOTE_MARK = 0xfe, NOTE_SPANS = 16 };

static uint32_t fnv1a(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

static void note(mpr_error *err, const char *fmt, size_t len, const mpr_span *spans, size_t n)
{
	size_t at = len + 1;
	if (n > NOTE_SPANS || at + 10 + 4 * n > sizeof err->message)
		return;
	unsigned char *p = (unsigned char *)err->message + at;
	uint32_t hf = fnv1a(fmt, strlen(fmt)), hm = fnv1a(err->message, len);
	*p++ = NOTE_MARK;
	memcpy(p, &hf, 4);
	memcpy(p + 4, &hm, 4);
	p += 8;
	*p++ = (unsigned char)n;
	for (size_t i = 0; i < n; i++) {
		uint16_t v[2] = {(uint16_t)spans[i].from, (uint16_t)spans[i].to};
		memcpy(p, v, 4);
		p += 4;
	}
}

int mpr_vfail(mpr_error *err, int code, const char *file, unsigned line, unsigned column,
              const char *fmt, va_list ap)
{
	if (!err)
		return code;
	err->code = code;
	mpr_sink at = mpr_sink_fixed(err->file, sizeof err->file);
	mpr_visible(&at, file ? file : "", file ? strlen(file) : 0);
	err->line = line;
	err->column = column;
	memset(err->message, 0, sizeof err->message);
	mpr_sink msg = mpr_sink_fixed(err->message, sizeof err->message);
	mpr_span spans[NOTE_SPANS];
	size_t n = mpr_sink_vprintf_spans(&msg, true, fmt, ap, spans, NOTE_SPANS);
	if (!msg.full)
		note(err, fmt, msg.len, spans, n);
	return code;
}

void mpr_error_place(mpr_error *err, const char *file, unsigned line, unsigned column)
{
	mpr_sink at = mpr_sink_fixed(err->file, sizeof err->file);
	mpr_visible(&at, file ? file : "", file ? strlen(file) : 0);
	err->line = line;
	err->column = column;
}

int mpr_fail(mpr_error *err, int code, const char *file, unsigned line, unsigned column,
             const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	mpr_vfail(err, code, file, line, column, fmt, ap);
	va_end(ap);
	return code;
}

int mpr_error_format(const mpr_error *err, char *buf, size_t size)
{
	/* file and message are visible already when the library filled them
	 * in (mpr_fail); showing them visibly again changes nothing, and keeps
	 * the line one line whoever filled err */
	char none[1];
	mpr_sink out = size ? mpr_sink_fixed(buf, size) : mpr_sink_fixed(none, 1);
	if (!err) {
		mpr_sink_put(&out, "no error information", 20);
	} else {
		const char *file = err->file, *message = err->message;
		size_t fl = strnlen(file, sizeof err->file), ml = strnlen(message, sizeof err->message);
		if (fl) {
			mpr_visible(&out, file, fl);
			if (err->line)
				mpr_sink_printf(&out, false, ":%u:%u", err->line, err->column);
			mpr_sink_put(&out, ": ", 2);
		}
		mpr_visible(&out, message, ml);
	}
	return out.need > (size_t)INT_MAX ? INT_MAX : (int)out.need;
}

/* The words the library puts into its messages as arguments: kinds of
 * node and of id, the nouns of limits, the whys of a check, the readers'
 * own problem texts. When a message is written in a language, an argument
 * that is exactly one of these is translated too (in the context "error
 * argument"); every other argument is what the input said, and stays. A
 * new word given as an argument belongs here. */
static const char *const words[] = {
	NC_("error argument", "context kind"),
	NC_("error argument", "safeguard"),
	NC_("error argument", "beneficiary"),
	NC_("error argument", "attribute"),
	NC_("error argument", "measure"),
	NC_("error argument", "measure tag"),
	NC_("error argument", "a safeguard"),
	NC_("error argument", "safeguards"),
	NC_("error argument", "an attribute"),
	NC_("error argument", "attributes"),
	NC_("error argument", "entries"),
	NC_("error argument", "a partnership element"),
	NC_("error argument", "partnership element"),
	NC_("error argument", "less frequent monitoring"),
	NC_("error argument", "a lighter suspension mechanism"),
	NC_("error argument", "fewer safeguards"),
	NC_("error argument", "the ruleset defines no country"),
	NC_("error argument", "country"),
	NC_("error argument", "nothing"),
	NC_("error argument", "a scalar"),
	NC_("error argument", "a list"),
	NC_("error argument", "a mapping"),
	NC_("error argument", "the UTF-16 text ends in the middle of a character"),
	NC_("error argument", "invalid UTF-16: the second half of a surrogate pair without its first"),
	NC_("error argument", "invalid UTF-16: the first half of a surrogate pair without its second"),
	NC_("error argument", "a quoted text"),
	NC_("error argument", " of months"),
	NC_("error argument", "unexpected character"),
	NC_("error argument", "unknown word (the JSON words are true, false and null)"),
	NC_("error argument", "comments are not allowed in JSON"),
	NC_("error argument",
	    "invalid escape in a string (the escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)"),
	NC_("error argument",
	    "a control character inside a string must be written as an escape (\\n, \\t, \\uXXXX)"),
	NC_("error argument", "\\u must be followed by four hexadecimal digits"),
	NC_("error argument", "malformed number: a digit is required after the exponent"),
	NC_("error argument", "malformed number: a digit is required after the decimal point"),
	NC_("error argument", "malformed number: a digit is required after the minus sign"),
	NC_("error argument", "expected ',' or ']' after an item of a list"),
	NC_("error argument", "expected ',' or '}' after a key and its value"),
	NC_("error argument", "expected ':' between a key and its value"),
	NC_("error argument", "expected a key (a string in double quotes)"),
	NC_("error argument", "expected a value"),
	NC_("error argument", "more text after the end of the JSON document"),
	NC_("error argument", "the text ends before the document does (an unclosed [, { or string)"),
	NC_("error argument", "invalid JSON"),
	NC_("error argument", "JSON values"),
	NC_("error argument", "YAML nodes"),
	NC_("error argument", "a whole number"),
	NC_("error argument", "a number"),
	NC_("error argument", "year"),
	NC_("error argument", "edition"),
	NC_("error argument", "a band"),
	NC_("error argument", "a context factor"),
	NC_("error argument", "a country"),
	NC_("error argument", "a declared element"),
	NC_("error argument", "a floor rule"),
	NC_("error argument", "a matrix cell"),
	NC_("error argument", "a monitoring body"),
	NC_("error argument", "a monitoring content item"),
	NC_("error argument", "a partnership rule"),
	NC_("error argument", "a proposal"),
	NC_("error argument", "a rule file"),
	NC_("error argument", "a section of a translation"),
	NC_("error argument", "a source"),
	NC_("error argument", "a suspension level"),
	NC_("error argument", "a test case"),
	NC_("error argument", "a test file"),
	NC_("error argument", "a translation"),
	NC_("error argument", "a treaty rule"),
	NC_("error argument", "an activity"),
	NC_("error argument", "an escalation"),
	NC_("error argument", "the texts of an entry"),
	NC_("error argument", "is a private key: give the public key (openssl pkey -in KEY -pubout)"),
	NC_("error argument", "is not a PEM public key (too long)"),
	NC_("error argument", "is not a PEM public key (BEGIN PUBLIC KEY)"),
	NC_("error argument", "is not an Ed25519 key (openssl genpkey -algorithm ed25519)"),
	NC_("error argument", "cannot read the public key"),
	NC_("error argument", "is not a PEM private key (too long)"),
	NC_("error argument",
	    "is an encrypted private key: decrypt it into a pipe (openssl pkey -in KEY | mprisk sign --key - ...)"),
	NC_("error argument", "is not a PEM private key (BEGIN PRIVATE KEY)"),
	NC_("error argument", "cannot sign with this key"),
};

/* The translation of the argument [s, s+n) when it is one of the words. */
static const char *argument(const mpr_lang *lang, const char *s, size_t n)
{
	static const char ctx[] = "error argument\004";
	for (size_t i = 0; i < sizeof words / sizeof *words; i++) {
		if (strlen(words[i]) != n || memcmp(words[i], s, n) != 0)
			continue;
		char key[160];
		if (n >= sizeof key - sizeof ctx)
			return NULL;
		memcpy(key, ctx, sizeof ctx - 1);
		memcpy(key + sizeof ctx - 1, s, n);
		key[sizeof ctx - 1 + n] = 0;
		const char *t = mpr_tr(lang, key);
		return t == key ? NULL : t;
	}
	return NULL;
}

/* The format of err's message in lang, from the note mpr_vfail left, and
 * where its arguments are in the English message; NULL when there is no
 * note, it does not fit the message, or lang has no translation of it. */
static const char *translated(const mpr_error *err, size_t ml, const mpr_lang *lang,
                              mpr_span *spans, size_t *n_spans)
{
	const unsigned char *p = (const unsigned char *)err->message + ml + 1;
	const unsigned char *end = (const unsigned char *)err->message + sizeof err->message;
	if (ml >= sizeof err->message || end - p < 10 || *p != NOTE_MARK)
		return NULL;
	uint32_t hf, hm;
	memcpy(&hf, p + 1, 4);
	memcpy(&hm, p + 5, 4);
	size_t n = p[9];
	p += 10;
	if (n > NOTE_SPANS || (size_t)(end - p) < 4 * n || hm != fnv1a(err->message, ml))
		return NULL;
	for (size_t i = 0; i < n; i++) {
		uint16_t v[2];
		memcpy(v, p + 4 * i, 4);
		if (v[0] > v[1] || v[1] > ml)
			return NULL;
		spans[i] = (mpr_span){v[0], v[1]};
	}
	const mpr_catalogue *c = lang->program;
	const char *fmt = NULL;
	for (size_t i = 0; i < c->n && !fmt; i++)
		if (!strchr(c->msgid[i], '\004') && fnv1a(c->msgid[i], strlen(c->msgid[i])) == hf)
			fmt = c->msgstr[i];
	if (!fmt || !*fmt)
		return NULL;
	/* the conversions of the translation, in order, are the English ones
	 * (msgfmt --check holds it to that): each takes its argument's text */
	size_t k = 0;
	for (const char *q = fmt; (q = strchr(q, '%'));) {
		size_t w = mpr_format_conversion(q);
		if (!w)
			return NULL;
		k += q[w - 1] != '%';
		q += w;
	}
	*n_spans = n;
	return k == n ? fmt : NULL;
}

int mpr_error_format_lang(const mpr_error *err, const char *lang, char *buf, size_t size)
{
	int known;
	mpr_lang l = {.code = lang, .program = mpr_catalogue_find(lang, &known)};
	mpr_span spans[NOTE_SPANS] = {{0, 0}};
	size_t n = 0;
	size_t ml = err ? strnlen(err->message, sizeof err->message) : 0;
	const char *fmt = err && l.program ? translated(err, ml, &l, spans, &n) : NULL;
	if (!fmt)
		return mpr_error_format(err, buf, size);
	char none[1];
	mpr_sink out = size ? mpr_sink_fixed(buf, size) : mpr_sink_fixed(none, 1);
	size_t fl = strnlen(err->file, sizeof err->file);
	if (fl) {
		mpr_visible(&out, err->file, fl);
		if (err->line)
			mpr_sink_printf(&out, false, ":%u:%u", err->line, err->column);
		mpr_sink_put(&out, ": ", 2);
	}
	size_t k = 0;
	for (const char *q = fmt; *q;) {
		const char *pct = strchr(q, '%');
		size_t lit = pct ? (size_t)(pct - q) : strlen(q);
		mpr_visible(&out, q, lit);
		if (!pct)
			break;
		size_t w = mpr_format_conversion(pct);
		if (!w || (pct[w - 1] != '%' && k >= n))
			break; /* not so: translated() counted them */
		if (pct[w - 1] == '%') {
			mpr_sink_put(&out, "%", 1);
		} else {
			const char *arg = err->message + spans[k].from;
			size_t an = spans[k].to - spans[k].from;
			const char *t = argument(&l, arg, an);
			if (t)
				mpr_visible(&out, t, strlen(t));
			else
				mpr_sink_put(&out, arg, an);
			k++;
		}
		q = pct + w;
	}
	return out.need > (size_t)INT_MAX ? INT_MAX : (int)out.need;
}
