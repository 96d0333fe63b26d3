/* format.c - see format.h: a printf whose numbers do not depend on the
 * locale and whose string arguments are shown visibly. Integers are
 * written here digit by digit; doubles by the C library in the C locale
 * (number.c). */
#include "util/format.h"

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "util/number.h"

typedef enum length { L_NONE, L_L, L_LL, L_Z } length;

/* One conversion specification: %[flags][width][.precision][length]conv */
typedef struct spec {
	bool left, plus, space, alt, zero;
	int width;     /* 0: none */
	int precision; /* -1: none */
	length len;
	char conv;
} spec;

/* Where the next byte goes: the end of a buffer sink's buffer, or of a
 * fixed sink's text. */
static size_t sink_at(const mpr_sink *out)
{
	return out->buf ? out->buf->len : out->len;
}

static void pad(mpr_sink *out, char c, size_t n)
{
	char run[16];
	memset(run, c, sizeof run);
	for (; n > sizeof run; n -= sizeof run)
		mpr_sink_put(out, run, sizeof run);
	mpr_sink_put(out, run, n);
}

static int read_number(const char **p)
{
	int v = 0;
	for (; **p >= '0' && **p <= '9'; (*p)++)
		v = v < 100000 ? v * 10 + (**p - '0') : v;
	return v;
}

/* The specification after a '%' at *p, moving *p past it; false when it
 * is not one the formatter knows. */
static bool read_spec(const char **p, spec *sp, va_list *ap)
{
	*sp = (spec){.precision = -1};
	for (;; (*p)++) {
		if (**p == '-')
			sp->left = true;
		else if (**p == '+')
			sp->plus = true;
		else if (**p == ' ')
			sp->space = true;
		else if (**p == '#')
			sp->alt = true;
		else if (**p == '0')
			sp->zero = true;
		else
			break;
	}
	if (**p == '*') {
		(*p)++;
		sp->width = va_arg(*ap, int);
		if (sp->width < 0) {
			sp->left = true;
			sp->width = sp->width > -100000 ? -sp->width : 100000;
		}
	} else {
		sp->width = read_number(p);
	}
	if (**p == '.') {
		(*p)++;
		if (**p == '*') {
			(*p)++;
			sp->precision = va_arg(*ap, int);
			if (sp->precision < 0)
				sp->precision = -1;
		} else {
			sp->precision = read_number(p);
		}
	}
	static const struct {
		const char *text;
		length len;
	} lengths[] = {{"ll", L_LL}, {"l", L_L}, {"z", L_Z}};
	for (size_t i = 0; i < sizeof lengths / sizeof *lengths; i++) {
		size_t n = strlen(lengths[i].text);
		if (strncmp(*p, lengths[i].text, n) == 0) {
			sp->len = lengths[i].len;
			*p += n;
			break;
		}
	}
	sp->conv = **p;
	if (!sp->conv || !strchr("diuxXocsfFeEgG%", sp->conv))
		return false;
	(*p)++;
	return true;
}

/* Prefix, zeros and digits padded to the width. */
static void put_padded(mpr_sink *out, const spec *sp, const char *prefix, size_t n_prefix,
                       size_t zeros, const char *digits, size_t n_digits)
{
	size_t total = n_prefix + zeros + n_digits;
	size_t width = (size_t)sp->width;
	if (width > total && !sp->left && sp->zero) {
		zeros += width - total;
		total = width;
	}
	if (width > total && !sp->left)
		pad(out, ' ', width - total);
	mpr_sink_put(out, prefix, n_prefix);
	pad(out, '0', zeros);
	mpr_sink_put(out, digits, n_digits);
	if (width > total && sp->left)
		pad(out, ' ', width - total);
}

static void put_integer(mpr_sink *out, const spec *sp, bool is_signed, bool negative,
                        unsigned long long v)
{
	unsigned base = sp->conv == 'o' ? 8 : sp->conv == 'x' || sp->conv == 'X' ? 16 : 10;
	const char *hex = sp->conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
	char digits[32];
	size_t n = 0;
	bool zero = v == 0;
	for (; v || (n == 0 && sp->precision != 0); v /= base)
		digits[sizeof digits - ++n] = hex[v % base];
	char prefix[3];
	size_t np = 0;
	if (negative)
		prefix[np++] = '-';
	else if (is_signed && sp->plus)
		prefix[np++] = '+';
	else if (is_signed && sp->space)
		prefix[np++] = ' ';
	if (sp->alt && base == 16 && !zero) {
		prefix[np++] = '0';
		prefix[np++] = sp->conv;
	}
	size_t zeros = sp->precision > 0 && (size_t)sp->precision > n ? (size_t)sp->precision - n : 0;
	if (sp->alt && base == 8 && !zeros && (n == 0 || digits[sizeof digits - n] != '0'))
		zeros = 1;
	spec s = *sp;
	s.zero = sp->zero && sp->precision < 0;
	put_padded(out, &s, prefix, np, zeros, digits + sizeof digits - n, n);
}

/* A signed or unsigned integer argument of the specification's length.
 * The branches read different types, which are the same size on some
 * platforms: clang-tidy takes them for clones. */
// NOLINTBEGIN(bugprone-branch-clone)
static void integer(mpr_sink *out, const spec *sp, va_list *ap)
{
	if (sp->conv == 'd' || sp->conv == 'i') {
		long long v;
		switch (sp->len) {
		case L_L: v = va_arg(*ap, long); break;
		case L_LL: v = va_arg(*ap, long long); break;
		case L_Z: v = (long long)va_arg(*ap, size_t); break;
		default: v = va_arg(*ap, int); break;
		}
		unsigned long long m = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
		put_integer(out, sp, true, v < 0, m);
		return;
	}
	unsigned long long v;
	switch (sp->len) {
	case L_L: v = va_arg(*ap, unsigned long); break;
	case L_LL: v = va_arg(*ap, unsigned long long); break;
	case L_Z: v = va_arg(*ap, size_t); break;
	default: v = va_arg(*ap, unsigned); break;
	}
	put_integer(out, sp, false, false, v);
}
// NOLINTEND(bugprone-branch-clone)

static void floating(mpr_sink *out, const spec *sp, double x)
{
	char conv = sp->conv == 'F' ? 'f' : sp->conv == 'E' ? 'e' : sp->conv == 'G' ? 'g' : sp->conv;
	char text[400];
	int n = mpr_double_format(text, sizeof text, conv, sp->precision < 0 ? 6 : sp->precision, x);
	if (n < 0) {
		mpr_sink_put(out, "?", 1);
		return;
	}
	size_t len = (size_t)n < sizeof text ? (size_t)n : sizeof text - 1;
	if (sp->conv >= 'A' && sp->conv <= 'Z')
		for (size_t i = 0; i < len; i++)
			if (text[i] >= 'a' && text[i] <= 'z')
				text[i] = (char)(text[i] - 'a' + 'A');
	const char *digits = text;
	char prefix[1] = {'-'};
	size_t np = 0;
	if (text[0] == '-') {
		np = 1;
		digits++;
		len--;
	} else if (sp->plus || sp->space) {
		prefix[0] = sp->plus ? '+' : ' ';
		np = 1;
	}
	bool finite = digits[0] >= '0' && digits[0] <= '9';
	spec s = *sp;
	s.zero = sp->zero && finite;
	put_padded(out, &s, prefix, np, 0, digits, len);
}

/* A string (or one character) argument, shown visibly when asked. */
static void string(mpr_sink *out, const spec *sp, bool visible, const char *s, size_t n)
{
	size_t shown = n;
	if (visible && sp->width > 0) {
		mpr_sink count = {0};
		mpr_visible(&count, s, n);
		shown = count.need;
	}
	size_t width = (size_t)sp->width;
	if (width > shown && !sp->left)
		pad(out, ' ', width - shown);
	if (visible)
		mpr_visible(out, s, n);
	else
		mpr_sink_text(out, s, n);
	if (width > shown && sp->left)
		pad(out, ' ', width - shown);
}

static void vformat(mpr_sink *out, bool visible, const char *fmt, va_list ap, mpr_span *spans,
                    size_t max_spans, size_t *n_spans)
{
	va_list args;
	va_copy(args, ap);
	const char *p = fmt;
	while (*p) {
		const char *pct = strchr(p, '%');
		size_t lit = pct ? (size_t)(pct - p) : strlen(p);
		mpr_sink_text(out, p, lit);
		if (!pct)
			break;
		p = pct + 1;
		spec sp;
		if (!read_spec(&p, &sp, &args)) { /* not ours: the rest as it stands */
			mpr_sink_text(out, pct, strlen(pct));
			break;
		}
		size_t from = sink_at(out);
		switch (sp.conv) {
		case '%': mpr_sink_put(out, "%", 1); break;
		case 'c': {
			char c = (char)va_arg(args, int);
			string(out, &sp, visible, &c, 1);
			break;
		}
		case 's': {
			const char *s = va_arg(args, const char *);
			if (!s) /* nothing (format.h) */
				s = "";
			size_t n = sp.precision >= 0 ? strnlen(s, (size_t)sp.precision) : strlen(s);
			string(out, &sp, visible, s, n);
			break;
		}
		case 'f': case 'F': case 'e': case 'E': case 'g': case 'G':
			floating(out, &sp, va_arg(args, double));
			break;
		default: integer(out, &sp, &args); break;
		}
		if (spans && sp.conv != '%') {
			if (*n_spans < max_spans)
				spans[*n_spans] = (mpr_span){from, sink_at(out)};
			++*n_spans;
		}
	}
	va_end(args);
}

void mpr_sink_vprintf(mpr_sink *out, bool visible, const char *fmt, va_list ap)
{
	vformat(out, visible, fmt, ap, NULL, 0, NULL);
}

size_t mpr_sink_vprintf_spans(mpr_sink *out, bool visible, const char *fmt, va_list ap,
                              mpr_span *spans, size_t max_spans)
{
	size_t n = 0;
	vformat(out, visible, fmt, ap, spans, max_spans, &n);
	return n;
}

size_t mpr_format_conversion(const char *pct)
{
	const char *p = pct + 1;
	p += strspn(p, "-+ #0");
	if (*p == '*')
		p++;
	else
		p += strspn(p, "0123456789");
	if (*p == '.') {
		p++;
		if (*p == '*')
			p++;
		else
			p += strspn(p, "0123456789");
	}
	if (strncmp(p, "ll", 2) == 0)
		p += 2;
	else if (*p == 'l' || *p == 'z')
		p++;
	if (!*p || !strchr("diuxXocsfFeEgG%", *p))
		return 0;
	return (size_t)(p + 1 - pct);
}

void mpr_sink_printf(mpr_sink *out, bool visible, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	mpr_sink_vprintf(out, visible, fmt, ap);
	va_end(ap);
}
