/*
 * helpers.c - shared by the test suites; see suites.h.
 */
#include "suites.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/bundle.h"
#include "../src/engine.h"
#include "../src/finding.h"
#include "../src/input.h"
#include "../rules/rule.h"

char *
read_file_or_die(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *buf;
	long n;

	ck_assert_msg(fp != NULL, "cannot open %s", path);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, fp), (size_t)n);
	buf[n] = '\0';
	fclose(fp);
	if (len != NULL)
		*len = (size_t)n;
	return buf;
}

/* Endpoints live as long as the bundle: keep them here per lint. */
static struct endpoint *eps;
static size_t neps;

void
lint_files(const char *files, const char *endpoints, struct bundle *b,
    struct findings *f)
{
	char *list = strdup(files), *tok, *save = NULL, path[512], err[256];
	struct engine e;
	enum slot slot;
	unsigned char *data;
	size_t len;

	ck_assert_ptr_nonnull(list);
	bundle_init(b);
	findings_init(f);
	for (tok = strtok_r(list, " ", &save); tok != NULL;
	    tok = strtok_r(NULL, " ", &save)) {
		int git = 0;

		if (strncmp(tok, "git:", 4) == 0) {
			git = 1;
			tok += 4;
		}
		slot = SLOT_ANY;
		if (strncmp(tok, "cert:", 5) == 0) {
			slot = SLOT_CERT;
			tok += 5;
		} else if (strncmp(tok, "key:", 4) == 0) {
			slot = SLOT_KEY;
			tok += 4;
		} else if (strncmp(tok, "ca:", 3) == 0) {
			slot = SLOT_CA;
			tok += 3;
		}
		snprintf(path, sizeof(path), "%s/%s", FIXTURES, tok);
		ck_assert_msg(input_read(path, &data, &len, err,
		    sizeof(err)) == 0, "%s", err);
		ck_assert_int_eq(bundle_add_source(b, path, data, len, slot), 0);
		/* File metadata, as main.c records it. */
		b->srcs[b->nsrcs - 1]->has_mode = input_mode(path,
		    &b->srcs[b->nsrcs - 1]->mode) == 0;
		if (git)
			b->srcs[b->nsrcs - 1]->git_tracked =
			    input_git_tracked(path);
	}
	free(list);
	eps = NULL;
	neps = 0;
	if (endpoints != NULL)
		ck_assert_int_eq(endpoint_parse(endpoints, &eps, &neps, err,
		    sizeof(err)), 0);
	b->eps = eps;
	b->neps = neps;
	b->now = TEST_NOW;
	b->warn_days = 30;
	ck_assert_int_eq(bundle_load(b), 0);
	ck_assert_int_eq(engine_init(&e), 0);
	ck_assert_int_eq(engine_run(&e, b, 0, f), 0);
	engine_free(&e);
}

void
lint_free(struct bundle *b, struct findings *f)
{
	findings_free(f);
	bundle_free(b);
	endpoints_free(eps, neps);
	eps = NULL;
	neps = 0;
}

size_t
has_rule(const struct findings *f, const char *id)
{
	size_t i, n = 0;

	for (i = 0; i < f->len; i++)
		if (strcmp(f->v[i].rule->id, id) == 0)
			n++;
	return n;
}
