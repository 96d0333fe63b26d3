/* fuzz_rules_multi.c - the ruleset loader on several files: the input is
 * split at lines "%%%%" into files loaded in order, so sections split over
 * files, duplicates across files and cross-file references are exercised. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"
#include "load/load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_FILES 16

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	mpr_rule_file files[MAX_FILES];
	char names[MAX_FILES][16];
	size_t n = 0, start = 0;
	static const char sep[] = "\n%%%%\n";
	for (size_t i = 0; n < MAX_FILES - 1 && i + sizeof sep - 1 <= size; i++)
		if (memcmp(data + i, sep, sizeof sep - 1) == 0) {
			snprintf(names[n], sizeof names[n], "f%02zu.yaml", n);
			files[n] = (mpr_rule_file){names[n], names[n], data + start, i + 1 - start};
			n++;
			start = i + sizeof sep - 1;
			i = start - 1;
		}
	snprintf(names[n], sizeof names[n], "f%02zu.yaml", n);
	files[n] = (mpr_rule_file){names[n], names[n], data + start, size - start};
	n++;
	mpr_ruleset *rules = NULL;
	mpr_error err;
	if (mpr_ruleset_load_files(&rules, files, n, NULL, &err) == MPR_OK) {
		char *out = NULL;
		if (mpr_render_summary(rules, &out, NULL, &err) != MPR_OK)
			abort();
		free(out);
	} else if (rules || !err.message[0]) {
		abort();
	}
	mpr_ruleset_free(rules);
	return 0;
}
