/*
 * suites.h - every Check suite of the test runner.  A test file
 * tests/test_NAME.c defines `Suite *suite_NAME(void)` and adds one
 * X(NAME) line here.
 */
#ifndef CERTGATE_SUITES_H
#define CERTGATE_SUITES_H

#include <check.h>

#define SUITES(X) \
	X(util) \
	X(pem) \
	X(hostmatch) \
	X(x509walk) \
	X(keycheck) \
	X(bundle) \
	X(config) \
	X(engine) \
	X(rules) \
	X(registry) \
	X(report) \
	X(cli) \
	X(contrib) \
	X(hooks)

#define DECLARE_SUITE(name) Suite *suite_##name(void);
SUITES(DECLARE_SUITE)

/* Test helpers (tests/helpers.c). */

/* Path of the repository root (the runner's working directory). */
#define FIXTURES "fixtures"

/* read_file_or_die - whole file into a new NUL-terminated buffer. */
char *read_file_or_die(const char *path, size_t *len);

struct bundle;
struct findings;
/*
 * lint_files - build a bundle from the space-separated file list `files`
 * (relative to fixtures/, each optionally prefixed "cert:", "key:" or
 * "ca:" for a slot, and before that "git:" to ask git whether the file is
 * tracked, as main.c always does), endpoints (comma list or NULL), --now 2026-12-01,
 * run every rule, and return the findings (caller frees both with
 * lint_free).
 */
void lint_files(const char *files, const char *endpoints,
    struct bundle *b, struct findings *f);
void lint_free(struct bundle *b, struct findings *f);
/* has_rule - number of findings of rule id. */
size_t has_rule(const struct findings *f, const char *id);

/* Test --now: 2026-12-01T00:00:00Z. */
#define TEST_NOW 1796083200

#endif
