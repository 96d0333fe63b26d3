/* fuzz_rules.c - the ruleset loader on one rule file holding every section. */
#include <stdint.h>
#include <stdlib.h>

#include "model.h"
#include "load/load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mpr_rule_file f = {"fuzz.yaml", "fuzz.yaml", data, size};
	mpr_ruleset *rules = NULL;
	mpr_error err;
	if (mpr_ruleset_load_files(&rules, &f, 1, NULL, &err) == MPR_OK) {
		/* a ruleset that loads must decide and render everything, in every
		 * language it has (a translation section may come with it) */
		for (size_t i = 0; i < mpr_ruleset_language_count(rules); i++) {
			mpr_render_options o = MPR_RENDER_OPTIONS_INIT;
			char *out = NULL;
			o.lang = mpr_ruleset_language(rules, i);
			if (mpr_render_matrix_v2(rules, &o, &out, NULL, &err) != MPR_OK)
				abort();
			free(out);
			if (mpr_render_catalogue_v2(rules, &o, &out, NULL, &err) != MPR_OK)
				abort();
			free(out);
		}
	} else if (rules || !err.message[0]) {
		abort(); /* a failure returns no ruleset and says why */
	}
	mpr_ruleset_free(rules);
	return 0;
}
