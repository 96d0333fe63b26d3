/*
 * document.c - an input document as text, digest and tree (document.h):
 * the opening that the proposal reader and the monitoring reader share,
 * so that both digest and parse the same UTF-8 text.
 */
#include "input/document.h"

#include <stdlib.h>
#include <string.h>

#include "util/error.h"
#include "util/file.h"
#include "util/sha256.h"

int yt_document_read(yt_document *d, const EVP_MD *md, const char *name, const char *path,
                     const char *data, size_t len, const mpr_load_options *opts, mpr_error *err)
{
	memset(d, 0, sizeof *d);
	int rc = path ? mpr_file_read(path, opts->max_file_bytes, &d->bytes, &len, err) : MPR_OK;
	if (path)
		data = (const char *)d->bytes;
	const unsigned char *text = NULL;
	if (rc == MPR_OK)
		rc = yt_text_utf8(name, (const unsigned char *)data, data ? len : 0, &text, &d->len,
		                  &d->converted, err);
	if (rc != MPR_OK)
		return rc;
	d->text = text ? (const char *)text : "";
	if ((rc = mpr_sha256_hex(md, d->text, d->len, d->sha256)) != MPR_OK)
		return mpr_fail(err, rc, name, 0, 0, "SHA-256 failed");
	return yt_parse(&d->tree, name, (const unsigned char *)d->text, d->len, opts, NULL, err);
}

void yt_document_free(yt_document *d)
{
	yt_doc_free(&d->tree);
	free(d->converted);
	free(d->bytes);
	memset(d, 0, sizeof *d);
}

int yt_node_digest(const yt_node *root, const EVP_MD *md, const char *file, char out[72],
                   mpr_error *err)
{
	unsigned char digest[32];
	mpr_hasher h = {NULL, NULL};
	mpr_buf scratch = {0};
	int rc = mpr_hasher_init(&h, md);
	if (rc == MPR_OK)
		rc = yt_hash_node(root, &h, &scratch, digest);
	mpr_hasher_free(&h);
	free(scratch.data);
	if (rc != MPR_OK)
		return mpr_fail(err, rc, file, root->line, root->column, "out of memory");
	mpr_digest_text(digest, out);
	return MPR_OK;
}
