/*
 * colour.c - verdict words in colour for people at a terminal.
 *
 * Only the word after a "verdict: " that begins a line (after its indent)
 * and a verdict at the start of a "- " list item are coloured: a title that
 * says "verdict: permitted" is not painted like the real verdict, and input
 * text never holds a line break (the library escapes it). Only when the
 * output goes to a terminal and
 * NO_COLOR (no-color.org) is not set: files, pipes and -o FILE get the
 * plain text the golden tests pin.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const struct {
	const char *word, *sgr;
} verdict_colours[] = {
	{"permitted", "32"}, {"conditional", "33"}, {"no-go", "31"}, {"prohibited", "1;31"},
};

int cli_colour_wanted(FILE *f)
{
	const char *no = getenv("NO_COLOR");
	return isatty(fileno(f)) && !(no && *no);
}

/* The verdict word at s, if any: its colour, and its length in *n. */
static const char *verdict_at(const char *s, const char *end, size_t *n)
{
	for (size_t i = 0; i < sizeof verdict_colours / sizeof *verdict_colours; i++) {
		*n = strlen(verdict_colours[i].word);
		if ((size_t)(end - s) >= *n && strncmp(s, verdict_colours[i].word, *n) == 0 &&
		    (s + *n == end || s[*n] == ' ' || s[*n] == '\n' || s[*n] == ','))
			return verdict_colours[i].sgr;
	}
	return NULL;
}

/* Where the verdict of the line [p, eol) would be, or NULL. */
static const char *verdict_place(const char *p, const char *eol)
{
	const char *q = p;
	while (q < eol && *q == ' ')
		q++;
	if (q + 9 <= eol && memcmp(q, "verdict: ", 9) == 0)
		return q + 9;
	if (q + 2 < eol && q[0] == '-' && q[1] == ' ')
		return q + 2;
	return NULL;
}

int cli_colour_write(FILE *f, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *eol = nl ? nl + 1 : end;
		const char *at = verdict_place(p, eol);
		size_t n = 0;
		const char *sgr = at ? verdict_at(at, eol, &n) : NULL;
		if (sgr)
			fprintf(f, "%.*s\033[%sm%.*s\033[0m%.*s", (int)(at - p), p, sgr, (int)n, at,
			        (int)(eol - at - n), at + n);
		else
			fwrite(p, 1, (size_t)(eol - p), f);
		p = eol;
	}
	return ferror(f) ? -1 : 0;
}
