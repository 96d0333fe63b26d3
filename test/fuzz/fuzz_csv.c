/* fuzz_csv.c - the CSV reader of `mprisk indicators import`. Every field it
 * returns must be a NUL-terminated text inside its buffer, with a place. */
#include <stdint.h>

#include "csv.h"
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	csv c;
	mpr_error err;
	int rc = csv_parse(&c, "fuzz.csv", (const char *)data, size, &err);
	if (rc != MPR_OK && !err.message[0])
		abort();
	for (size_t r = 0; rc == MPR_OK && r < c.n_rows; r++) {
		if (c.rows[r].n == 0)
			abort();
		for (size_t i = 0; i < c.rows[r].n; i++) {
			const csv_field *f = &c.rows[r].fields[i];
			if (f->line == 0 || f->column == 0 || strlen(f->text) > size)
				abort();
		}
		(void)csv_column(&c.rows[r], "Country/Territory");
	}
	csv_free(&c);
	return 0;
}
