/*
 * record.c - a decision record (mpr_render_record): one line of JSON for an
 * append-only log, with the time the caller gives, the exact input text and
 * the result as mpr_render_result renders it. replay.c reads such logs. It
 * builds on the public JSON of a result, kept apart from the renderer's
 * internals so that the record's own format can change on its own.
 */
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "util/buf.h"
#include "util/error.h"

int mpr_render_record(const mpr_result *r, const char *time, char **out, size_t *len,
                      mpr_error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
	if (!r || !time || !out)
		return mpr_fail(err, MPR_EINVAL, "", 0, 0, "mpr_render_record: invalid arguments");
	*out = NULL;
	char *json;
	size_t jlen;
	int rc = mpr_render_result(r, MPR_FORMAT_JSON, &json, &jlen, err);
	if (rc)
		return rc;
	mpr_buf b = {0};
	mpr_buf_printf(&b, "{\"format_version\": %d, \"time\": ", MPR_JSON_FORMAT_VERSION);
	mpr_buf_json_string(&b, time);
	mpr_buf_puts(&b, ", \"input_text\": ");
	mpr_buf_json_string(&b, r->proposal->text);
	mpr_buf_puts(&b, ", \"result\": ");
	mpr_buf_append_one_line(&b, json, jlen);
	free(json);
	mpr_buf_puts(&b, "}\n");
	rc = mpr_buf_finish(&b, out, len);
	return rc ? mpr_fail(err, rc, "", 0, 0, "out of memory") : MPR_OK;
}

