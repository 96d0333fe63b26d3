/*
 * replay_read.c - a decision record as replay reads it (replay.h): only what
 * replay compares, taken from the record's tree without a copy. A sealed
 * record (format_version 3, docs/auditing.md) is read with every key it
 * must have; an unsealed record of 0.1 (format_version 1 or 2, with
 * input_text: "legacy") with the keys it had.
 * What is missing or of the wrong type is an error at its place, and the
 * record is then reported as unreadable, never as matching.
 */
#include <string.h>

#include "audit/replay.h"
#include "util/error.h"

/* A JSON string (not a number or literal), not copied. */
static int text_at(sc_ctx *c, const yt_node *map, const char *key, bool nullable,
                   const char **v, size_t *len)
{
	const yt_node *n = yt_get(map, key);
	*v = NULL;
	if (nullable && yt_is_null(n))
		return MPR_OK;
	if (!n || n->kind != YT_SCALAR || n->plain) {
		int rc = nullable
		                 ? sc_fail(c, MPR_ESCHEMA, n ? n : map, "'%s' must be a string or null", key)
		                 : sc_fail(c, MPR_ESCHEMA, n ? n : map, "'%s' must be a string", key);
		return rc ? rc : MPR_ESCHEMA; /* never MPR_OK without *v (the callers rely on it) */
	}
	*v = n->value;
	if (len)
		*len = n->len;
	return MPR_OK;
}

/* An input a record holds: its file, sha256, encoding (UTF-8) and text. */
static int read_input(sc_ctx *c, const yt_node *in, const char **file, const char **sha256,
                      const char **text, size_t *len)
{
	const char *encoding;
	int rc;
	if ((rc = text_at(c, in, "file", false, file, NULL)) ||
	    (rc = text_at(c, in, "sha256", false, sha256, NULL)) ||
	    (rc = text_at(c, in, "encoding", false, &encoding, NULL)))
		return rc;
	if (strcmp(encoding, "utf-8") != 0)
		return sc_fail(c, MPR_ESCHEMA, yt_get(in, "encoding"),
		               "an input encoding '%s', which mprisk %s does not read (its records "
		               "hold UTF-8)",
		               encoding, mpr_version());
	return text_at(c, in, "text", false, text, len);
}

static int read_sealed(sc_ctx *c, const yt_node *root, read_record *r)
{
	static const char *const keys[] = {"format_version", "record", "time", "prev", "engine",
	                                   "ruleset", "input", "experience", "decision", "seal", NULL};
	const yt_node *eng = yt_get(root, "engine"), *rs = yt_get(root, "ruleset");
	const yt_node *in = yt_get(root, "input"), *exp = NULL;
	const char *kind;
	int rc;
	if ((rc = sc_map(c, root, "a decision record", keys)) ||
	    (rc = text_at(c, root, "record", false, &kind, NULL)))
		return rc;
	if (strcmp(kind, "mprisk decision") != 0)
		return sc_fail(c, MPR_ESCHEMA, yt_get(root, "record"), "not a decision record");
	if ((rc = text_at(c, root, "time", false, &r->time, NULL)) ||
	    (rc = text_at(c, root, "prev", true, &r->prev, NULL)) ||
	    (rc = sc_map(c, eng, "'engine'", NULL)) ||
	    (rc = text_at(c, eng, "version", false, &r->engine, NULL)) ||
	    (rc = sc_map(c, rs, "'ruleset'", NULL)) ||
	    (rc = text_at(c, rs, "id", false, &r->ruleset, NULL)) ||
	    (rc = text_at(c, rs, "fingerprint", false, &r->fingerprint, NULL)) ||
	    (rc = sc_map(c, in, "'input'", NULL)) ||
	    (rc = read_input(c, in, &r->file, &r->sha256, &r->text, &r->text_len)) ||
	    (rc = sc_list(c, root, "experience", true, 0, &exp)))
		return rc;
	/* R9: none, or the one experience its decisions used */
	if (exp->n > 1)
		return sc_fail(c, MPR_ESCHEMA, exp->items[1],
		               "a record holds one experience (the canonical text of all the "
		               "observations its decisions used), not %zu",
		               exp->n);
	if (exp->n && ((rc = sc_map(c, exp->items[0], "an experience", NULL)) ||
	               (rc = read_input(c, exp->items[0], &r->exp_file, &r->exp_sha256,
	                                &r->exp_text, &r->exp_len))))
		return rc;
	r->encoding = "utf-8";
	r->decision = yt_get(root, "decision");
	return r->decision ? MPR_OK : sc_fail(c, MPR_ESCHEMA, root, "missing required key 'decision'");
}

/* A record of format 2 (mpr_render_record): input_text and result. */
static int read_legacy(sc_ctx *c, const yt_node *root, read_record *r)
{
	const yt_node *res = yt_get(root, "result");
	int rc;
	if ((rc = text_at(c, root, "input_text", false, &r->text, &r->text_len)) ||
	    (rc = sc_map(c, res, "'result'", NULL)))
		return rc;
	const yt_node *in = yt_get(res, "input"), *rs = yt_get(res, "ruleset");
	const yt_node *eng = yt_get(res, "engine");
	r->legacy = true;
	r->encoding = "utf-8";
	r->file = "<unknown>";
	if ((yt_get(root, "time") && (rc = text_at(c, root, "time", false, &r->time, NULL))) ||
	    (in && ((rc = text_at(c, in, "file", true, &r->file, NULL)) ||
	            (rc = text_at(c, in, "sha256", true, &r->sha256, NULL)))) ||
	    (rs && ((rc = text_at(c, rs, "fingerprint", true, &r->fingerprint, NULL)) ||
	            (rc = text_at(c, rs, "id", true, &r->ruleset, NULL)))) ||
	    (eng && (rc = text_at(c, eng, "version", true, &r->engine, NULL))))
		return rc;
	if (!r->file)
		r->file = "<unknown>";
	r->decision = res;
	return MPR_OK;
}

int rp_read_record(sc_ctx *c, const yt_node *root, read_record *r)
{
	if (!root || root->kind != YT_MAP)
		return sc_fail(c, MPR_ESCHEMA, root, "not a decision record (a JSON object)");
	const yt_node *v = yt_get(root, "format_version");
	if (v && v->kind == YT_SCALAR && v->plain && yt_is(v, "3"))
		return read_sealed(c, root, r);
	if (yt_get(root, "input_text") && (!v || yt_is(v, "1") || yt_is(v, "2")))
		return read_legacy(c, root, r);
	if (v && v->kind == YT_SCALAR && v->plain)
		return sc_fail(c, MPR_ESCHEMA, v,
		               "a decision record of format_version %s, which mprisk %s does not read",
		               v->value, mpr_version());
	return sc_fail(c, MPR_ESCHEMA, root,
	               "not a decision record (needs format_version 3, or input_text and result)");
}
