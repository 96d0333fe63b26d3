/* fuzz_text.c - what no output writes raw (util/text.h), on any bytes:
 * text made visible holds no hidden character, is valid UTF-8 and is the
 * same when made visible again; a fixed buffer is cut at a character or
 * escape and agrees with the whole; the formatter's %s shows the same; and
 * a JSON string of any bytes is valid JSON that reads back as the text (a
 * byte that is not UTF-8 as U+FFFD). Seeds: the hostile proposals. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input/tree.h"
#include "util/buf.h"
#include "util/format.h"
#include "util/json.h"
#include "util/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void no_hidden(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		size_t k = mpr_utf8_next(u + i, n - i, &cp);
		if (!k || mpr_char_hidden(cp))
			abort();
		i += k;
	}
}

static char *visible(const char *s, size_t n, size_t *len)
{
	mpr_buf b = {0};
	mpr_sink out = {.buf = &b};
	mpr_visible(&out, s, n);
	mpr_buf_puts(&b, "");
	if (b.failed || out.need != b.len)
		abort();
	*len = b.len;
	return b.data;
}

static void json_reads_back(const char *s, size_t n)
{
	mpr_buf b = {0};
	mpr_buf_puts(&b, "[");
	mpr_json_text(&b, s, n);
	mpr_buf_puts(&b, "]");
	if (b.failed)
		abort();
	yt_doc doc;
	mpr_error err;
	int rc = yt_parse_json(&doc, "fuzz", (const unsigned char *)b.data, b.len, NULL, NULL, &err);
	if (memchr(s, 0, n)) { /* NUL is refused on purpose (docs/proposal-format.md) */
		if (rc == MPR_OK)
			abort();
	} else if (rc != MPR_OK || !doc.root || doc.root->n != 1) {
		abort();
	} else {
		const yt_node *v = doc.root->items[0];
		if (mpr_text_is_utf8(s, n) && (v->len != n || memcmp(v->value, s, n) != 0))
			abort();
		if (!mpr_text_is_utf8(v->value, v->len))
			abort();
	}
	yt_doc_free(&doc);
	free(b.data);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	size_t n1, n2;
	char *once = visible(s, size, &n1);
	no_hidden(once, n1);
	char *twice = visible(once, n1, &n2);
	if (n1 != n2 || memcmp(once, twice, n1) != 0)
		abort();
	/* a fixed buffer: a prefix of the whole, cut at a character or escape */
	char small[64];
	mpr_sink cut = mpr_sink_fixed(small, size ? 1 + data[0] % sizeof small : sizeof small);
	mpr_visible(&cut, s, size);
	if (cut.need != n1 || cut.len > n1 || memcmp(small, once, cut.len) != 0 || small[cut.len])
		abort();
	no_hidden(small, cut.len);
	/* the formatter shows a string argument the same way */
	if (!memchr(s, 0, size)) {
		char *z = malloc(size + 1);
		if (!z)
			abort();
		memcpy(z, s, size);
		z[size] = '\0';
		mpr_buf b = {0};
		mpr_buf_printf(&b, "[%s]", z);
		if (b.failed || b.len != n1 + 2 || memcmp(b.data + 1, once, n1) != 0)
			abort();
		free(b.data);
		free(z);
	}
	json_reads_back(s, size);
	free(once);
	free(twice);
	return 0;
}
