/*
 * engine.h - run the rule registry over a bundle, and turn findings into
 * the verdict and exit status of the CI contract.
 */
#ifndef CERTGATE_ENGINE_H
#define CERTGATE_ENGINE_H

#include <stddef.h>

#include "bundle.h"
#include "finding.h"

/* Exit statuses: the CI contract; nothing else is ever returned. */
enum {
	EXIT_PASS = 0,          /* nothing at or above --fail-on */
	EXIT_WARN = 1,          /* worst such finding is a warning (or info) */
	EXIT_ERROR = 2,         /* at least one error */
	EXIT_CANNOT_RUN = 3     /* usage error, unreadable input */
};

/* Per-rule effective severity; SEV_NONE disables the rule. */
struct engine {
	enum severity *sev;     /* indexed like rule_registry */
	size_t n;
};

/* engine_init - every rule at its default severity.  0, or -1 (memory). */
int engine_init(struct engine *e);
/* engine_free - NULL-safe, safe twice. */
void engine_free(struct engine *e);

/*
 * engine_set - set rule id's severity (SEV_NONE disables it).
 * Returns 0, or -1 when no rule has that id.
 */
int engine_set(struct engine *e, const char *id, enum severity sev);

/*
 * engine_run - run every enabled rule over b, appending findings stamped
 * with bundle index `index` and their effective severity.
 * Returns 0, or -1 when out of memory.
 */
int engine_run(const struct engine *e, const struct bundle *b, size_t index,
    struct findings *out);

/*
 * engine_exit_code - EXIT_ERROR if any finding is an error; else EXIT_WARN
 * if any finding is at or above fail_on; else EXIT_PASS.
 */
int engine_exit_code(const struct findings *f, enum severity fail_on);

/* engine_verdict - "pass", "warn" or "fail" for an exit code 0-2. */
const char *engine_verdict(int exit_code);

#endif
