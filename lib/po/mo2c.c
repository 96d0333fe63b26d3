/*
 * mo2c.c - a build tool: GNU gettext message catalogues (.mo files, which
 * msgfmt --check makes from the .po files beside this one) into C tables, so
 * that the library and the driver carry their translations in themselves
 * and look a text up with a binary search, per call, in the language the
 * caller names: no locale to install, no environment, no bindtextdomain
 * (docs/architecture.md says why not glibc's gettext()).
 *
 *   mo2c OUT.c HEADER TYPE LIST CODE=FILE.mo...
 *
 * writes OUT.c including HEADER, one TYPE {code, msgid[], msgstr[], n} per
 * catalogue, and `const TYPE *const LIST[]` naming them, NULL-terminated.
 * The msgids stay in the order msgfmt sorts them (strcmp), which is checked;
 * the header entry (msgid "") is left out; an entry with a context is kept
 * as the .mo file keys it, "CONTEXT\004MSGID" (looked up so: the words of
 * error messages, util/error.c); one with a plural form is refused, since
 * the lookups know none. Every byte that is not printable ASCII is written
 * as an octal escape.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct mo {
	unsigned char *data;
	size_t len;
	int swap;
} mo;

static uint32_t word(const mo *m, size_t at)
{
	if (at + 4 > m->len)
		return 0;
	const unsigned char *p = m->data + at;
	return m->swap ? (uint32_t)p[3] | (uint32_t)p[2] << 8 | (uint32_t)p[1] << 16 | (uint32_t)p[0] << 24
	               : (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static int fail(const char *what, const char *why)
{
	fprintf(stderr, "mo2c: %s: %s\n", what, why);
	return 1;
}

static int read_mo(const char *path, mo *m)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return fail(path, "cannot open");
	m->data = NULL;
	m->len = 0;
	size_t cap = 0, n;
	unsigned char chunk[65536];
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		if (m->len + n > cap) {
			cap = (m->len + n) * 2;
			unsigned char *p = realloc(m->data, cap);
			if (!p) {
				fclose(f);
				free(m->data);
				m->data = NULL;
				return fail(path, "out of memory");
			}
			m->data = p;
		}
		memcpy(m->data + m->len, chunk, n);
		m->len += n;
	}
	fclose(f);
	m->swap = 0;
	if (word(m, 0) != 0x950412deu) {
		m->swap = 1;
		if (word(m, 0) != 0x950412deu) {
			free(m->data);
			m->data = NULL;
			return fail(path, "not a GNU message catalogue");
		}
	}
	return 0;
}

/* The i-th string of the table at offset table: *s, *len; 0 or 1. */
static int string_at(const mo *m, uint32_t table, uint32_t i, const char **s, uint32_t *len)
{
	*len = word(m, table + 8u * i);
	uint32_t at = word(m, table + 8u * i + 4);
	if ((size_t)at + *len + 1 > m->len || m->data[at + *len] != '\0')
		return 1;
	*s = (const char *)m->data + at;
	return 0;
}

static void literal(FILE *out, const char *s, uint32_t len)
{
	fputc('"', out);
	for (uint32_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20 || c >= 0x7f || c == '?')
			fprintf(out, "\\%03o", c); /* '?' too: no trigraphs */
		else
			fputc(c, out);
	}
	fputc('"', out);
}

static int emit(FILE *out, const char *type, const char *code, const char *path)
{
	mo m;
	if (read_mo(path, &m))
		return 1;
	uint32_t n = word(&m, 8), orig = word(&m, 12), trans = word(&m, 16);
	const char *prev = NULL;
	int rc = 0;
	for (int pass = 0; pass < 2 && !rc; pass++) {
		fprintf(out, "static const char *const %s_%s[] = {\n", code, pass ? "msgstr" : "msgid");
		for (uint32_t i = 0; i < n && !rc; i++) {
			const char *id, *str;
			uint32_t id_len, str_len;
			if (string_at(&m, orig, i, &id, &id_len) || string_at(&m, trans, i, &str, &str_len)) {
				rc = fail(path, "a string lies outside the file");
				break;
			}
			if (!id_len)
				continue; /* the header */
			if (strlen(id) != id_len || strlen(str) != str_len) {
				rc = fail(path, "a plural form: not supported");
				break;
			}
			if (!pass && prev && strcmp(prev, id) >= 0) {
				rc = fail(path, "the msgids are not sorted");
				break;
			}
			prev = id;
			fputc('\t', out);
			literal(out, pass ? str : id, pass ? str_len : id_len);
			fputs(",\n", out);
		}
		fputs("};\n", out);
	}
	if (!rc)
		fprintf(out,
		        "static const %s %s_catalogue = {\"%s\", %s_msgid, %s_msgstr,\n"
		        "\tsizeof %s_msgid / sizeof *%s_msgid};\n\n",
		        type, code, code, code, code, code, code);
	free(m.data);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 5) {
		fprintf(stderr, "usage: mo2c OUT.c HEADER TYPE LIST CODE=FILE.mo...\n");
		return 2;
	}
	FILE *out = fopen(argv[1], "w");
	if (!out)
		return fail(argv[1], "cannot write");
	fprintf(out, "/* Made by mo2c from the message catalogues: do not edit. */\n"
	             "#include \"%s\"\n\n#include <stddef.h>\n\n",
	        argv[2]);
	int rc = 0;
	for (int i = 5; i < argc && !rc; i++) {
		char *eq = strchr(argv[i], '=');
		if (!eq || eq == argv[i] || strspn(argv[i], "abcdefghijklmnopqrstuvwxyz") != (size_t)(eq - argv[i])) {
			rc = fail(argv[i], "expected CODE=FILE.mo with a lower-case language code");
			break;
		}
		*eq = '\0';
		rc = emit(out, argv[3], argv[i], eq + 1);
	}
	if (!rc) {
		fprintf(out, "const %s *const %s[] = {", argv[3], argv[4]);
		for (int i = 5; i < argc; i++)
			fprintf(out, "&%s_catalogue, ", argv[i]);
		fputs("NULL};\n", out);
	}
	if (fclose(out) != 0 && !rc)
		rc = fail(argv[1], "cannot write");
	if (rc)
		remove(argv[1]);
	return rc;
}
