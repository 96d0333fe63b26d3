/* fuzz_csv.c - the CSV reader of `mprisk indicators import`: finding the
 * header row under each delimiter, the rows with their places, the reading
 * of numbers and the normalisation of names. Every field it returns must be
 * a NUL-terminated text inside its buffer, with a place; every number it
 * accepts must come back in the plain form the rule files take. The seed
 * corpus is every CSV table of test/fixtures/indicators (test/fuzz/seed.sh). */
#include <stdint.h>

#include "import/csv.h"
#include "import/tables.h"
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool any_header(const csv_row *row, void *ctx)
{
	(void)ctx;
	char key[TBL_NAME_MAX];
	return row->n >= 2 && tbl_normalise(row->fields[0].text, key, sizeof key) &&
	       (strcmp(key, "country/territory") == 0 || strcmp(key, "entity") == 0);
}

static void check_number(const char *text)
{
	char dec[48], again[48];
	if (csv_decimal(text, dec, sizeof dec))
		return;
	/* the plain form is read back as itself, and equals itself */
	if (csv_decimal(dec, again, sizeof again) || strcmp(dec, again) != 0 ||
	    csv_decimal_cmp(dec, again) != 0)
		abort();
	for (const char *p = dec; *p; p++)
		if (!(*p == '-' || *p == '.' || (*p >= '0' && *p <= '9')))
			abort();
	long whole;
	(void)csv_decimal_whole(dec, &whole);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	csv c;
	size_t header;
	mpr_error err;
	int rc = csv_read_table(&c, &header, "fuzz.csv", (const char *)data, size, any_header, NULL,
	                        &err);
	if (rc != MPR_OK && !err.message[0])
		abort();
	if (rc == MPR_OK && header != (size_t)-1 && header >= c.n_rows)
		abort();
	for (size_t r = 0; rc == MPR_OK && r < c.n_rows; r++) {
		if (c.rows[r].n == 0 || c.rows[r].end_line == 0)
			abort();
		for (size_t i = 0; i < c.rows[r].n; i++) {
			const csv_field *f = &c.rows[r].fields[i];
			if (f->line == 0 || f->column == 0 || strlen(f->text) > size)
				abort();
			char key[TBL_NAME_MAX], quoted[256];
			(void)tbl_normalise(f->text, key, sizeof key);
			if (strchr(tbl_quote(f->text, quoted, sizeof quoted), '\n'))
				abort();
			check_number(f->text);
		}
		(void)csv_column(&c.rows[r], "Country/Territory");
	}
	csv_free(&c);
	return 0;
}
