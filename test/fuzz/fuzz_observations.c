/* fuzz_observations.c - the observations reader (docs/monitoring.md)
 * against the Morocco example proposal, and for what it accepts the whole
 * monitoring path: the status as of a date, its three renderings, and the
 * experience the observations make (R9). A failure must be an error with
 * a message and no object; a success must render. */
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const mpr_proposal *morocco(void)
{
	static mpr_proposal *p; /* fuzz harness only: one proposal for the process */
	mpr_error err;
	if (!p && mpr_proposal_parse_file(&p, default_rules(),
	                                  MPR_SOURCE_DIR "/examples/proposals/ma-action-plan.yaml",
	                                  NULL, &err) != MPR_OK) {
		fprintf(stderr, "cannot read the Morocco example: %s\n", err.message);
		abort();
	}
	return p;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mpr_observations *o = NULL;
	mpr_error err;
	int rc = mpr_observations_parse_buffer(&o, morocco(), (const char *)data, size, "fuzz.yaml",
	                                       NULL, &err);
	if (rc != MPR_OK) {
		if (o || !err.message[0])
			abort();
		return 0;
	}
	const mpr_observations *files[] = {o};
	mpr_monitoring *m = NULL;
	if (mpr_monitor(&m, default_rules(), morocco(), files, 1, "2028-06-30", &err) != MPR_OK)
		abort(); /* observations read against the proposal always have a status */
	/* every format, in English and in Dutch */
	static const mpr_format formats[] = {MPR_FORMAT_TEXT, MPR_FORMAT_JSON, MPR_FORMAT_HTML};
	for (size_t i = 0; i < 6; i++) {
		char *out = NULL;
		size_t len = 0;
		mpr_render_options ro = MPR_RENDER_OPTIONS_INIT;
		ro.format = formats[i % 3];
		ro.lang = i < 3 ? NULL : "nl";
		if (mpr_render_monitoring(m, &ro, &out, &len, &err) != MPR_OK || strlen(out) != len)
			abort();
		mpr_free(out);
	}
	mpr_experience *e = NULL;
	if (mpr_experience_new(&e, default_rules(), "2028-06-30", &err) != MPR_OK ||
	    mpr_experience_add(e, o, &err) != MPR_OK)
		abort();
	/* the canonical text reads back as the same experience */
	size_t len;
	const char *text = mpr_experience_text(e, &len);
	mpr_experience *back = NULL;
	if (mpr_experience_parse(&back, default_rules(), text, len, "experience", &err) != MPR_OK ||
	    strcmp(mpr_experience_sha256(back), mpr_experience_sha256(e)) != 0)
		abort();
	mpr_experience_free(back);
	mpr_experience_free(e);
	mpr_monitoring_free(m);
	mpr_observations_free(o);
	return 0;
}
