/*
 * i18n.c - the language the driver speaks: its own messages (help, usage
 * errors) from its catalogue (examples/mprisk/po/LANG.po, built in by
 * lib/po/mo2c.c as cli_catalogues), and the language it asks the library to
 * write in.
 *
 * It is chosen once, by main() before anything else runs: --lang (or
 * --lang=) anywhere on the command line, else the first of LC_ALL,
 * LC_MESSAGES and LANG that is set (POSIX's order; "C" and "POSIX" are
 * English). This is the driver's one piece of process state, as gettext's
 * textdomain and setlocale are a program's; it is written before any thread
 * starts and only read afterwards. The library never sees it: every call
 * gets the language as an argument, and mprisk serve passes each request's
 * own (Accept-Language), never this one.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

typedef struct cli_language {
	const char *code;             /* "en", "nl" */
	const cli_catalogue *messages; /* NULL: English */
	int explicit;                  /* chosen by --lang, not by the environment */
} cli_language;

static cli_language speaking = {"en", NULL, 0};

static int by_msgid(const void *key, const void *entry)
{
	return strcmp(key, *(const char *const *)entry);
}

const char *cli_tr_in(const char *lang, const char *msgid)
{
	const cli_catalogue *c = cli_catalogue_of(lang);
	if (!c || !msgid)
		return msgid;
	const char *const *hit = bsearch(msgid, c->msgid, c->n, sizeof *c->msgid, by_msgid);
	return hit && *c->msgstr[hit - c->msgid] ? c->msgstr[hit - c->msgid] : msgid;
}

const char *cli_tr(const char *msgid)
{
	return cli_tr_in(speaking.code, msgid);
}

const char *cli_lang(void)
{
	return speaking.code;
}

/* The language of a tag ("nl", "nl-NL", "nl_NL.UTF-8"), its first letters
 * up to '-', '_', '.' or '@', in lower case, into buf; "" when none. */
static const char *language_of(const char *tag, char *buf, size_t size)
{
	size_t n = 0;
	for (; tag && tag[n] && !strchr("-_.@", tag[n]) && n + 1 < size; n++)
		buf[n] = tag[n] >= 'A' && tag[n] <= 'Z' ? (char)(tag[n] - 'A' + 'a') : tag[n];
	buf[n] = '\0';
	return buf;
}

const cli_catalogue *cli_catalogue_of(const char *lang)
{
	char code[16];
	language_of(lang, code, sizeof code);
	for (const cli_catalogue *const *c = cli_catalogues; *c; c++)
		if (strcmp((*c)->code, code) == 0)
			return *c;
	return NULL;
}

/* Whether the driver speaks lang: English or one of its catalogues. */
static const char *spoken(const char *lang)
{
	char code[16];
	language_of(lang, code, sizeof code);
	if (strcmp(code, "en") == 0)
		return "en";
	const cli_catalogue *c = cli_catalogue_of(code);
	return c ? c->code : NULL;
}

/* The value of --lang on the command line, or NULL. */
static const char *lang_option(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strncmp(argv[i], "--lang=", 7) == 0)
			return argv[i] + 7;
		if (strcmp(argv[i], "--lang") == 0 && i + 1 < argc)
			return argv[i + 1];
	}
	return NULL;
}

int cli_lang_init(int argc, char **argv)
{
	const char *opt = lang_option(argc, argv);
	if (opt) {
		const char *code = spoken(opt);
		if (!code)
			return cli_usage(NULL, "unknown language '%s' (--lang en or nl)", opt);
		speaking = (cli_language){code, cli_catalogue_of(code), 1};
		return 0;
	}
	const char *env = NULL;
	static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	for (size_t i = 0; i < 3 && !env; i++) {
		const char *v = getenv(vars[i]);
		env = v && *v ? v : NULL;
	}
	const char *code = env ? spoken(env) : NULL;
	if (code)
		speaking = (cli_language){code, cli_catalogue_of(code), 0};
	return 0;
}

const char *cli_lang_for(const mpr_ruleset *rules, int *status)
{
	*status = 0;
	for (size_t i = 0; i < mpr_ruleset_language_count(rules); i++)
		if (strcmp(mpr_ruleset_language(rules, i), speaking.code) == 0)
			return speaking.code;
	if (!speaking.explicit)
		return "en"; /* LANG asks for what these rules cannot say: English */
	*status = cli_error("mprisk", "the rules %s have no texts in '%s' (no %s.yaml beside them)",
	                    mpr_ruleset_id(rules), speaking.code, speaking.code);
	return NULL;
}
