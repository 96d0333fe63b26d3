/*
 * html_text.c - text into every HTML page the library writes (the report,
 * the monitoring page): the one escaper, and a printf whose format is the
 * library's HTML and whose string arguments are text, escaped. A page
 * printed with mpr_html_printf cannot forget to escape what an input says.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "render/render.h"
#include "util/format.h"
#include "util/text.h"

const char *const mpr_html_verdict_class[4] = {"permitted", "conditional", "no-go", "prohibited"};
/* check mark, C, ballot X, P */
const char *const mpr_html_verdict_mark[4] = {"&#10003;", "C", "&#10007;", "P"};

/* Text as HTML text or attribute value: & < > " ' as references, and the
 * characters no output writes raw (util/text.h) shown as the text views
 * show them (\n, \x1b, \u202e), so that a name can neither close an
 * attribute nor reorder or hide the page's text (docs/security.md). */
static void text_n(mpr_buf *b, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	mpr_sink out = {.buf = b};
	for (size_t i = 0; i < n;) {
		size_t end = i + mpr_text_plain_run(u + i, n - i);
		while (i < end) {
			size_t k = i;
			while (k < end && !strchr("&<>\"'", s[k]))
				k++;
			mpr_buf_append(b, s + i, k - i);
			if (k < end) {
				static const char *const refs[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"};
				mpr_buf_puts(b, refs[strchr("&<>\"'", s[k]) - "&<>\"'"]);
				k++;
			}
			i = k;
		}
		if (i >= n)
			break;
		uint32_t cp;
		size_t len = mpr_utf8_next(u + i, n - i, &cp);
		mpr_visible(&out, s + i, len ? len : 1);
		i += len ? len : 1;
	}
}

void mpr_html_text(mpr_buf *b, const char *s)
{
	text_n(b, s, s ? strlen(s) : 0);
}

/* More conversions than this in one format are escaped, format and all:
 * safe, though no page of the library's needs it. */
enum { HTML_SPANS = 24 };

void mpr_html_printf(mpr_buf *b, const char *fmt, ...)
{
	mpr_buf t = {0};
	mpr_sink out = {.buf = &t};
	mpr_span spans[HTML_SPANS];
	va_list ap;
	va_start(ap, fmt);
	size_t n = mpr_sink_vprintf_spans(&out, true, fmt, ap, spans, HTML_SPANS);
	va_end(ap);
	if (t.failed) {
		mpr_buf_fail(b);
		free(t.data);
		return;
	}
	size_t at = 0;
	for (size_t i = 0; i < n && i < HTML_SPANS; i++) {
		mpr_buf_append(b, t.data + at, spans[i].from - at);
		text_n(b, t.data + spans[i].from, spans[i].to - spans[i].from);
		at = spans[i].to;
	}
	if (n > HTML_SPANS)
		text_n(b, t.data + at, t.len - at);
	else
		mpr_buf_append(b, t.data + at, t.len - at);
	free(t.data);
}
