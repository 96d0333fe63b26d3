/* fuzz_proposal.c - the proposal parser against the default ruleset. */
#include <stdint.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mpr_proposal *p = NULL;
	mpr_error err;
	int rc = mpr_proposal_parse_buffer(&p, default_rules(), (const char *)data, size, "fuzz.yaml",
	                                   NULL, &err);
	if (rc != MPR_OK && (p || !err.message[0]))
		abort();
	mpr_proposal_free(p);
	return 0;
}
