/*
 * serve_rules.c - the ruleset the service decides on, and its reload.
 *
 * A request takes a reference on the current ruleset when it starts and
 * gives it back when it ends (serve_http.c), so whatever happens meanwhile it
 * is decided, rendered and labelled with one ruleset. SIGHUP loads the rules
 * again beside the ones serving (the library checks every invariant); only a
 * ruleset that loads replaces the current one, under the lock, and the old
 * one is freed by the last request that still holds it. A ruleset that does
 * not load is refused with one log line and the old one keeps serving.
 * With --require-signature, srv_rules_load (the start and every reload)
 * also refuses rules that are not signed by the required key, or that
 * changed since they were signed: a reload cannot slip unapproved rules in.
 */
#include <stdlib.h>
#include <string.h>

#include "serve.h"

static void rules_free(srv_rules *r)
{
	if (!r)
		return;
	mpr_ruleset_free(r->rules);
	for (size_t i = 0; i < r->n_langs; i++) {
		free(r->catalogue[i]);
		free(r->matrix[i]);
	}
	free(r);
}

int srv_rules_load(const srv_config *cfg, srv_rules **out, char *why, size_t why_size)
{
	const char *dir = cfg->rules_dir;
	*out = NULL;
	srv_rules *r = calloc(1, sizeof *r);
	if (!r) {
		snprintf(why, why_size, "%s: out of memory", dir);
		return -1;
	}
	mpr_error err;
	int rc = mpr_ruleset_load(&r->rules, dir, NULL, &err);
	if (rc == MPR_OK && cfg->require_key)
		rc = mpr_ruleset_check_signature(r->rules, cfg->require_key, cfg->require_key_len, &err);
	/* the catalogue and the matrix in every language a request may ask for */
	size_t n = rc == MPR_OK ? mpr_ruleset_language_count(r->rules) : 0;
	for (size_t i = 0; rc == MPR_OK && i < n && i < SRV_MAX_LANGS; i++) {
		mpr_render_options o = MPR_RENDER_OPTIONS_INIT;
		o.format = MPR_FORMAT_JSON;
		o.lang = mpr_ruleset_language(r->rules, i);
		r->n_langs = i + 1;
		rc = mpr_render_catalogue_v2(r->rules, &o, &r->catalogue[i], &r->catalogue_len[i], &err);
		if (rc == MPR_OK)
			rc = mpr_render_matrix_v2(r->rules, &o, &r->matrix[i], &r->matrix_len[i], &err);
	}
	if (rc != MPR_OK) {
		mpr_error_format_lang(&err, cli_lang(), why, why_size);
		rules_free(r);
		return -1;
	}
	r->refs = 1; /* the server's own reference, while it is the current one */
	*out = r;
	return 0;
}

srv_rules *srv_rules_acquire(srv *s)
{
	pthread_mutex_lock(&s->lock);
	srv_rules *r = s->current;
	if (r)
		r->refs++;
	pthread_mutex_unlock(&s->lock);
	return r;
}

srv_rules *srv_rules_acquire_same(srv *s, srv_rules *r)
{
	pthread_mutex_lock(&s->lock);
	r->refs++;
	pthread_mutex_unlock(&s->lock);
	return r;
}

void srv_rules_release(srv *s, srv_rules *r)
{
	if (!r)
		return;
	pthread_mutex_lock(&s->lock);
	unsigned left = --r->refs;
	pthread_mutex_unlock(&s->lock);
	if (left == 0)
		rules_free(r); /* the last holder: no one else can reach it */
}

int srv_rules_reload(srv *s)
{
	char why[1300];
	srv_rules *fresh;
	if (srv_rules_load(s->cfg, &fresh, why, sizeof why)) {
		atomic_fetch_add(&s->metrics.reloads[1], 1);
		srv_log("reload refused, still serving %s: %s",
		        mpr_ruleset_fingerprint(s->current->rules), why);
		return -1;
	}
	pthread_mutex_lock(&s->lock);
	srv_rules *old = s->current;
	s->current = fresh;
	pthread_mutex_unlock(&s->lock);
	atomic_fetch_add(&s->metrics.reloads[0], 1);
	char sig[600];
	srv_log("reloaded %s: %s %s, %s (was %s)", s->cfg->rules_dir, mpr_ruleset_id(fresh->rules),
	        mpr_ruleset_fingerprint(fresh->rules),
	        cli_rules_signature(fresh->rules, sig, sizeof sig),
	        mpr_ruleset_fingerprint(old->rules));
	srv_rules_release(s, old); /* the server's reference; requests may hold more */
	return 0;
}
