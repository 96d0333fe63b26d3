/*
 * serve_page.c - the web page's files, embedded in the binary.
 *
 * The files of examples/mprisk/web/ (one HTML page, its CSS and its script:
 * nothing from elsewhere, no fonts, no CDN) are turned into the table
 * srv_assets by examples/mprisk/web/embed.c when the driver is built
 * (build/cli/serve_assets.c), so that `mprisk serve` serves the page from
 * wherever it runs, offline.
 */
#include <string.h>

#include "serve.h"

const srv_asset *srv_asset_find(const char *path)
{
	for (size_t i = 0; i < srv_n_assets; i++)
		if (strcmp(srv_assets[i].path, path) == 0)
			return &srv_assets[i];
	return NULL;
}
