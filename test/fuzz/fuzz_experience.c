/* fuzz_experience.c - the experience a decision record keeps (R9; its
 * canonical JSON, mpr_experience_parse), as replay reads it from a log:
 * any text is refused with a message or read as an experience whose own
 * canonical text reads back the same. */
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mpr_experience *e = NULL;
	mpr_error err;
	int rc = mpr_experience_parse(&e, default_rules(), (const char *)data, size, "fuzz.json", &err);
	if (rc != MPR_OK) {
		if (e || !err.message[0])
			abort();
		return 0;
	}
	size_t len;
	const char *text = mpr_experience_text(e, &len);
	mpr_experience *back = NULL;
	if (mpr_experience_parse(&back, default_rules(), text, len, "again", &err) != MPR_OK ||
	    strcmp(mpr_experience_sha256(back), mpr_experience_sha256(e)) != 0)
		abort();
	mpr_experience_free(back);
	mpr_experience_free(e);
	return 0;
}
