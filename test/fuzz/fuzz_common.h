/* fuzz_common.h - the default ruleset, loaded once per fuzzing process. */
#ifndef MPR_FUZZ_COMMON_H
#define MPR_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>

#include "model.h"

static const mpr_ruleset *default_rules(void)
{
	static mpr_ruleset *rules; /* fuzz harness only: one ruleset for the process */
	if (!rules) {
		mpr_error err;
		if (mpr_ruleset_load(&rules, MPR_SOURCE_DIR "/rules/default", NULL, &err) != MPR_OK) {
			fprintf(stderr, "cannot load the default rules: %s\n", err.message);
			abort();
		}
	}
	return rules;
}

#endif
