/*
 * jsontree.c - JSON text (RFC 8259) -> yt_node tree, through yajl.
 *
 * Why: JSON is not quite YAML 1.1. Read through libyaml, valid JSON was
 * refused (a UTF-16 surrogate pair such as "\ud83d\ude00", which Python's
 * json.dumps writes for every emoji) or changed (a raw U+0085 became a
 * space). A document whose first non-blank character is { or [ is therefore
 * read under JSON's grammar, by yajl (docs/architecture.md says why yajl),
 * into the same tree the YAML reader builds (ytbuild.c), with a line and a
 * column on every key and value.
 *
 * yajl reports values, not places: after each callback it can say how many
 * bytes it has consumed, which is where the token ends. A token starts after
 * the previous token's end, blanks and at most one separator (',' after a
 * value, ':' after a key), so every token's extent is exact; a cursor turns
 * byte offsets into lines and columns (in characters, as libyaml counts).
 *
 * What yajl 2.1 gets wrong, and what is done about it here:
 *  - it takes a form feed or vertical tab as a blank, and its UTF-8 check
 *    lets overlong forms, encoded surrogates and code points above U+10FFFF
 *    through: the text is checked first (strict UTF-8; no control character
 *    except tab, CR and LF, which JSON allows only between tokens);
 *  - a \u escape of half a surrogate pair becomes '?' or invalid UTF-8: each
 *    string's escapes are checked before its value is taken (a lone half is
 *    refused; JSONTestSuite leaves it to the implementation);
 *  - it does not check its allocations: its allocator here is ours, and a
 *    failed allocation jumps back out of yajl (longjmp) to free everything
 *    yajl had and return MPR_ENOMEM.
 * A UTF-16 text with a byte order mark (what Windows PowerShell writes) is
 * converted to UTF-8 first; a UTF-8 byte order mark is skipped. The checks
 * and the conversion of the text are jsontext.c's; this file is yajl's
 * side: callbacks, places, its allocator and its errors.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yajl/yajl_parse.h>

#include "input/jsontext.h"
#include "input/ytbuild.h"
#include "util/error.h"
#include "util/format.h"

/* Every block yajl allocates, linked, so that all can be freed when an
 * allocation fails inside yajl and the parse is abandoned. */
typedef union jt_block {
	struct {
		union jt_block *prev, *next;
	} link;
	max_align_t align; // cppcheck-suppress unusedStructMember ; it aligns what follows a block
} jt_block;

enum { AFTER_OPEN, AFTER_KEY, AFTER_VALUE };

typedef struct jt {
	yt_builder b;
	const unsigned char *text; /* UTF-8, after any byte order mark */
	size_t len;
	/* the cursor: a byte offset and its place */
	size_t pos, index;
	unsigned line, column;
	size_t last_start, last_end; /* the last token yajl reported */
	int last;                    /* what it was: AFTER_* */
	int last_number;             /* and whether it was a number */
	unsigned last_line, last_column;
	int finishing;   /* in yajl_complete_parse: offsets are no longer into text */
	yajl_handle h;
	jt_block *blocks;
	jmp_buf oom;
	int rc;
} jt;

static void *jt_malloc(void *ctx, size_t n)
{
	jt *j = ctx;
	jt_block *b = n <= SIZE_MAX - sizeof *b ? malloc(sizeof *b + n) : NULL;
	if (!b)
		longjmp(j->oom, 1);
	b->link.prev = NULL;
	b->link.next = j->blocks;
	if (j->blocks)
		j->blocks->link.prev = b;
	j->blocks = b;
	return b + 1;
}

static void unlink_block(jt *j, jt_block *b)
{
	if (b->link.prev)
		b->link.prev->link.next = b->link.next;
	else
		j->blocks = b->link.next;
	if (b->link.next)
		b->link.next->link.prev = b->link.prev;
}

static void link_block(jt *j, jt_block *b)
{
	b->link.prev = NULL;
	b->link.next = j->blocks;
	if (j->blocks)
		j->blocks->link.prev = b;
	j->blocks = b;
}

static void *jt_realloc(void *ctx, void *p, size_t n)
{
	jt *j = ctx;
	if (!p)
		return jt_malloc(ctx, n);
	jt_block *old = (jt_block *)p - 1;
	unlink_block(j, old);
	jt_block *b = n <= SIZE_MAX - sizeof *b ? realloc(old, sizeof *b + n) : NULL;
	if (!b) {
		link_block(j, old); /* still valid: freed with the rest */
		longjmp(j->oom, 1);
	}
	link_block(j, b);
	return b + 1;
}

static void jt_free(void *ctx, void *p)
{
	if (!p)
		return;
	jt_block *b = (jt_block *)p - 1;
	unlink_block(ctx, b);
	free(b);
}

static void free_blocks(jt *j)
{
	while (j->blocks) {
		jt_block *b = j->blocks;
		j->blocks = b->link.next;
		free(b);
	}
}

/* Move the cursor forward to byte offset to. Lines break at LF, CRLF and a
 * lone CR, as in libyaml; columns and the index count characters. */
static void advance(jt *j, size_t to)
{
	for (; j->pos < to && j->pos < j->len; j->pos++) {
		unsigned char ch = j->text[j->pos];
		if ((ch & 0xC0) == 0x80)
			continue; /* a UTF-8 continuation byte */
		j->index++;
		if (ch == '\n' || (ch == '\r' && (j->pos + 1 >= j->len || j->text[j->pos + 1] != '\n'))) {
			j->line++;
			j->column = 1;
		} else if (ch != '\r') {
			j->column++;
		}
	}
}

static int fail_at(jt *j, size_t pos, int code, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 4, 5)))
#endif
	;

/* An error at byte offset pos (the formats start "JSON syntax: "). */
static int fail_at(jt *j, size_t pos, int code, const char *fmt, ...)
{
	advance(j, pos);
	va_list ap;
	va_start(ap, fmt);
	mpr_vfail(j->b.err, code, j->b.doc->file, j->line, j->column, fmt, ap);
	va_end(ap);
	return code;
}

static size_t skip_blanks(const jt *j, size_t p)
{
	while (p < j->len && (j->text[p] == ' ' || j->text[p] == '\t' || j->text[p] == '\n' ||
	                      j->text[p] == '\r'))
		p++;
	return p;
}

/* Where the token yajl is reporting (or choking on) starts. */
static size_t token_start(const jt *j)
{
	size_t p = skip_blanks(j, j->last_end);
	if (p < j->len && ((j->last == AFTER_KEY && j->text[p] == ':') ||
	                   (j->last == AFTER_VALUE && j->b.depth > 0 && j->text[p] == ',')))
		p = skip_blanks(j, p + 1);
	return p;
}

static size_t token_end(const jt *j)
{
	/* yajl_complete_parse parses one blank of its own: a number that ended
	 * the text is reported then, and ends at the end of the text */
	return j->finishing ? j->len : yajl_get_bytes_consumed(j->h);
}

/* Its place: line and column of start, and start and end in characters. */
static void token_place(jt *j, size_t start, size_t end, yt_place *at)
{
	advance(j, start);
	at->line = j->line;
	at->column = j->column;
	at->start = j->index;
	advance(j, end);
	at->end = j->index;
}

static unsigned hex4(const unsigned char *s)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		unsigned char c = s[i];
		v = v * 16 + (c <= '9' ? (unsigned)(c - '0') : (unsigned)((c | 0x20) - 'a' + 10));
	}
	return v;
}

/* The \u escapes of the string token [start, end) (quotes included), which
 * yajl has lexed: a surrogate half must be one of a pair. */
static int check_escapes(jt *j, size_t start, size_t end)
{
	const unsigned char *t = j->text;
	if (end < start + 2 || !memchr(t + start, '\\', end - start))
		return MPR_OK;
	char esc[7];
	for (size_t i = start + 1; i + 1 < end - 1; i++) {
		if (t[i] != '\\')
			continue;
		if (t[i + 1] != 'u') {
			i++;
			continue;
		}
		unsigned u = hex4(t + i + 2);
		memcpy(esc, t + i, 6);
		esc[6] = '\0';
		if (u >= 0xD800 && u <= 0xDBFF) {
			if (i + 7 < end - 1 && t[i + 6] == '\\' && t[i + 7] == 'u') {
				unsigned v = hex4(t + i + 8);
				if (v >= 0xDC00 && v <= 0xDFFF) {
					i += 11;
					continue;
				}
			}
			return fail_at(j, i, MPR_ESYNTAX,
			               "JSON syntax: %s is the first half of a UTF-16 surrogate pair, and "
			               "its second half (\\uDC00 to \\uDFFF) does not follow",
			               esc);
		}
		if (u >= 0xDC00 && u <= 0xDFFF)
			return fail_at(j, i, MPR_ESYNTAX,
			               "JSON syntax: %s is the second half of a UTF-16 surrogate pair, "
			               "without its first half",
			               esc);
		i += 5;
	}
	return MPR_OK;
}

/* The token yajl reported, [start, end): its place in *at, and what the
 * next token may follow (what: AFTER_*). */
static void take_token(jt *j, size_t start, size_t end, int what, yt_place *at)
{
	token_place(j, start, end, at);
	j->last_start = start;
	j->last_end = end;
	j->last = what;
	j->last_number = 0;
	j->last_line = at->line;
	j->last_column = at->column;
}

static int scalar(jt *j, const char *v, size_t n, int plain, int what)
{
	size_t start = token_start(j), end = token_end(j);
	if (!plain && (j->rc = check_escapes(j, start, end)) != MPR_OK)
		return 0;
	yt_place at;
	take_token(j, start, end, what, &at);
	j->rc = yt_build_node(&j->b, YT_SCALAR, &at, false, v, n, plain != 0);
	return j->rc == MPR_OK;
}

static int on_null(void *ctx) { return scalar(ctx, "null", 4, 1, AFTER_VALUE); }

static int on_boolean(void *ctx, int v)
{
	return scalar(ctx, v ? "true" : "false", v ? 4 : 5, 1, AFTER_VALUE);
}

static int on_number(void *ctx, const char *s, size_t n)
{
	jt *j = ctx;
	int ok = scalar(j, s, n, 1, AFTER_VALUE);
	j->last_number = 1;
	return ok;
}

static int on_string(void *ctx, const unsigned char *s, size_t n)
{
	return scalar(ctx, (const char *)s, n, 0, AFTER_VALUE);
}

static int on_key(void *ctx, const unsigned char *s, size_t n)
{
	return scalar(ctx, (const char *)s, n, 0, AFTER_KEY);
}

static int open_collection(jt *j, yt_kind kind)
{
	yt_place at;
	take_token(j, token_start(j), token_end(j), AFTER_OPEN, &at);
	j->rc = yt_build_node(&j->b, kind, &at, true, NULL, 0, false);
	return j->rc == MPR_OK;
}

static int close_collection(jt *j)
{
	size_t end = token_end(j);
	j->last_start = token_start(j);
	advance(j, end);
	j->last_end = end;
	j->last = AFTER_VALUE;
	j->last_number = 0;
	j->rc = yt_build_close(&j->b, j->index);
	return j->rc == MPR_OK;
}

static int on_start_map(void *ctx) { return open_collection(ctx, YT_MAP); }
static int on_start_array(void *ctx) { return open_collection(ctx, YT_SEQ); }
static int on_end(void *ctx) { return close_collection(ctx); }

static const yajl_callbacks callbacks = {
	on_null, on_boolean, NULL, NULL, on_number, on_string,
	on_start_map, on_key, on_end, on_start_array, on_end,
};

/* yajl's errors in plainer words, and where each one is: the lexer stops
 * at the character it could not take (just after it when no token starts
 * with it); a word that is not true, false or null, and the parser's
 * errors, are placed at the token, which starts after the last good one. */
enum { AT_OFFSET, BEFORE_OFFSET, AT_TOKEN };
static const struct {
	const char *yajl, *says;
	int where;
} yajl_errors[] = {
	{"invalid char in json text", "unexpected character", BEFORE_OFFSET},
	{"invalid string in json text", "unknown word (the JSON words are true, false and null)",
	 AT_TOKEN},
	{"probable comment found in input text, comments are not enabled",
	 "comments are not allowed in JSON", AT_OFFSET},
	{"inside a string, '\\' occurs before a character which it may not",
	 "invalid escape in a string (the escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)",
	 AT_OFFSET},
	{"invalid character inside string",
	 "a control character inside a string must be written as an escape (\\n, \\t, \\uXXXX)",
	 AT_OFFSET},
	{"invalid (non-hex) character occurs after '\\u' inside string",
	 "\\u must be followed by four hexadecimal digits", AT_OFFSET},
	{"malformed number, a digit is required after the exponent",
	 "malformed number: a digit is required after the exponent", AT_OFFSET},
	{"malformed number, a digit is required after the decimal point",
	 "malformed number: a digit is required after the decimal point", AT_OFFSET},
	{"malformed number, a digit is required after the minus sign",
	 "malformed number: a digit is required after the minus sign", AT_OFFSET},
	{"after array element, I expect ',' or ']'", "expected ',' or ']' after an item of a list",
	 AT_TOKEN},
	{"after key and value, inside map, I expect ',' or '}'",
	 "expected ',' or '}' after a key and its value", AT_TOKEN},
	{"object key and value must be separated by a colon (':')",
	 "expected ':' between a key and its value", AT_TOKEN},
	{"invalid object key (must be a string)", "expected a key (a string in double quotes)",
	 AT_TOKEN},
	{"unallowed token at this point in JSON text", "expected a value", AT_TOKEN},
	{"trailing garbage", "more text after the end of the JSON document", AT_TOKEN},
	{"premature EOF", "the text ends before the document does (an unclosed [, { or string)",
	 AT_TOKEN},
};

/* yajl's error as one located line. */
static int syntax_error(jt *j)
{
	char msg[256] = "";
	unsigned char *m = yajl_get_error(j->h, 0, NULL, 0);
	if (m) {
		snprintf(msg, sizeof msg, "%s", (const char *)m);
		yajl_free_error(j->h, m);
	}
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == '.' || msg[n - 1] == ' '))
		msg[--n] = '\0';
	const char *text = msg;
	if (strncmp(msg, "lexical error: ", 15) == 0)
		text += 15;
	else if (strncmp(msg, "parse error: ", 13) == 0)
		text += 13;
	int where = AT_TOKEN;
	for (size_t i = 0; i < sizeof yajl_errors / sizeof *yajl_errors; i++)
		if (strcmp(text, yajl_errors[i].yajl) == 0) {
			text = yajl_errors[i].says;
			where = yajl_errors[i].where;
			break;
		}
	size_t pos = yajl_get_bytes_consumed(j->h);
	/* 010: yajl reads the number 0, then chokes on the 10 right after it */
	const unsigned char *t = j->text;
	if (where == AT_TOKEN && !j->finishing && j->last_number &&
	    t[j->last_start + (t[j->last_start] == '-')] == '0' && token_start(j) == j->last_end &&
	    j->last_end < j->len && t[j->last_end] >= '0' && t[j->last_end] <= '9') {
		size_t end = j->last_end;
		while (end < j->len && ((t[end] >= '0' && t[end] <= '9') || t[end] == '.'))
			end++;
		char number[32];
		bool cut = end - j->last_start > 24;
		snprintf(number, sizeof number, "%.*s%s", (int)(cut ? 24 : end - j->last_start),
		         (const char *)t + j->last_start, cut ? "..." : "");
		return mpr_fail(j->b.err, MPR_ESYNTAX, j->b.doc->file, j->last_line, j->last_column,
		                "JSON syntax: a number with a leading zero (%s), which JSON does not "
		                "allow and YAML 1.1 reads as octal: write it without the leading zero",
		                number);
	}
	if (j->finishing) /* yajl_complete_parse fails only at the end of the text */
		pos = j->len;
	else if (where == AT_TOKEN)
		pos = token_start(j);
	else if (where == BEFORE_OFFSET && pos > 0)
		pos--;
	return fail_at(j, pos, MPR_ESYNTAX, "JSON syntax: %s", text[0] ? text : "invalid JSON");
}

/* Every call into yajl; a failed allocation inside lands in run(). */
static int parse_with_yajl(jt *j)
{
	yajl_alloc_funcs afs = {jt_malloc, jt_realloc, jt_free, j};
	j->h = yajl_alloc(&callbacks, &afs, j);
	if (!j->h) /* only for a bad allocator table, but never call yajl with NULL */
		return mpr_fail(j->b.err, MPR_ENOMEM, j->b.doc->file, 0, 0, "out of memory");
	/* yajl's defaults are the RFC: no comments, no trailing garbage, one
	 * value; its own UTF-8 check stays on behind ours */
	yajl_status s = yajl_parse(j->h, j->text, j->len);
	if (s == yajl_status_ok) {
		j->finishing = 1;
		s = yajl_complete_parse(j->h);
	}
	int rc = MPR_OK;
	if (s == yajl_status_client_canceled)
		rc = j->rc;
	else if (s != yajl_status_ok)
		rc = syntax_error(j);
	yajl_free(j->h);
	j->h = NULL;
	return rc;
}

static int run(jt *j)
{
	if (setjmp(j->oom) != 0) {
		free_blocks(j);
		j->h = NULL;
		return mpr_fail(j->b.err, MPR_ENOMEM, j->b.doc->file, 0, 0, "out of memory");
	}
	return parse_with_yajl(j);
}

/* The text as yajl must see it (jsontext.c): UTF-8 without a byte order
 * mark, strictly valid, no control character but tab, CR and LF. *converted
 * is the UTF-8 made from a UTF-16 text, for the caller to free. */
static int prepare_text(jt *j, unsigned char **converted)
{
	const unsigned char *t = j->text;
	json_problem why;
	why.message = NULL;
	if (j->len >= 2 && ((t[0] == 0xFF && t[1] == 0xFE) || (t[0] == 0xFE && t[1] == 0xFF))) {
		size_t n;
		if (json_from_utf16(t, j->len, converted, &n, &why) == MPR_ENOMEM)
			return mpr_fail(j->b.err, MPR_ENOMEM, j->b.doc->file, 0, 0, "out of memory");
		j->text = *converted;
		j->len = n;
	} else if (j->len >= 3 && t[0] == 0xEF && t[1] == 0xBB && t[2] == 0xBF) {
		j->text += 3; /* the byte order mark is no character of the text */
		j->len -= 3;
	}
	if (!why.message)
		json_check_text(j->text, j->len, &why);
	if (why.message)
		return fail_at(j, why.at, MPR_ESYNTAX, "JSON syntax: %s", why.message);
	return MPR_OK;
}

int yt_read_json(yt_doc *doc, const unsigned char *data, size_t len, const mpr_load_options *o,
                 EVP_MD_CTX *hash, mpr_error *err)
{
	jt *j = calloc(1, sizeof *j);
	if (!j)
		return mpr_fail(err, MPR_ENOMEM, doc->file, 0, 0, "out of memory");
	j->line = j->column = 1;
	j->last = AFTER_OPEN;
	j->text = data ? data : (const unsigned char *)"";
	j->len = data ? len : 0;
	unsigned char *converted = NULL;
	int rc = yt_build_init(&j->b, doc, o, hash, "JSON values", err);
	if (rc == MPR_OK)
		rc = prepare_text(j, &converted);
	if (rc == MPR_OK) {
		/* the cursor starts again for the tokens */
		j->pos = j->index = 0;
		j->line = j->column = 1;
		rc = run(j);
	}
	rc = yt_build_finish(&j->b, rc);
	free(converted);
	free(j);
	return rc;
}
