/* fuzz_ruletest.c - rule-test files, run against the default ruleset. */
#include <stdint.h>
#include <unistd.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char path[64];
	if (!path[0])
		snprintf(path, sizeof path, "/tmp/mprisk-fuzz-ruletest-%ld.yaml", (long)getpid());
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	if (fwrite(data, 1, size, f) != size)
		abort();
	fclose(f);
	const mpr_ruleset *rules = default_rules();
	mpr_coverage *cov = NULL;
	mpr_error err;
	if (mpr_coverage_new(&cov, rules, &err))
		abort();
	char *report = NULL;
	size_t passed, failed;
	int rc = mpr_test_file(rules, path, NULL, cov, &report, NULL, &passed, &failed, &err);
	if (rc != MPR_OK && (report || !err.message[0]))
		abort();
	free(report);
	mpr_coverage_free(cov);
	return 0;
}
