/* fuzz_replay.c - a decision log from the fuzzer, replayed in pieces of
 * sizes the input itself chooses, chain-only and in full, and through the
 * 0.1 call: never a crash, and every line is either replayed or reported
 * as unreadable. The first byte sets the piece size and the largest record
 * read, so that oversized records and records split across pieces are
 * reached too. */
#include <stdint.h>
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int drop(void *ctx, const char *text, size_t len)
{
	(void)ctx;
	(void)text;
	(void)len;
	return 0;
}

static void replay_in_pieces(const mpr_ruleset *rules, const char *log, size_t len,
                             size_t piece, size_t max_record, int chain_only)
{
	mpr_replay_options o = MPR_REPLAY_OPTIONS_INIT;
	o.max_record_bytes = max_record;
	o.chain_only = chain_only;
	mpr_replay_sink sink = {NULL, drop, NULL};
	mpr_replay_state *rp;
	mpr_error err;
	if (mpr_replay_begin(&rp, chain_only ? NULL : rules, "fuzz.log", &o, &sink, &err) != MPR_OK)
		abort();
	for (size_t at = 0; at < len; at += piece)
		if (mpr_replay_feed(rp, log + at, len - at < piece ? len - at : piece, &err) != MPR_OK)
			abort();
	if (mpr_replay_finish(rp, &err) != MPR_OK)
		abort();
	if (!chain_only && mpr_replay_count(rp, MPR_REPLAY_RECORDS) !=
	                       mpr_replay_count(rp, MPR_REPLAY_REPLAYED) +
	                           mpr_replay_count(rp, MPR_REPLAY_UNREADABLE))
		abort(); /* a record neither replayed nor reported */
	mpr_replay_free(rp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const mpr_ruleset *rules = default_rules();
	if (size < 1)
		return 0;
	size_t piece = 1 + data[0] % 64;
	size_t max_record = data[0] & 0x80 ? 64 + data[0] * 8u : 64u << 20;
	const char *log = (const char *)data + 1;
	size_t len = size - 1;
	replay_in_pieces(rules, log, len, piece, max_record, 0);
	replay_in_pieces(rules, log, len, piece + 7, max_record, 1);
	char *report = NULL;
	size_t replayed, differ;
	mpr_error err;
	int rc = mpr_replay(rules, log, len, "fuzz.log", &report, NULL, &replayed, &differ, &err);
	if (rc == MPR_OK && !report)
		abort();
	free(report);
	return 0;
}
