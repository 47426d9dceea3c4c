/*
 * finding.h - what rules report: a list of findings the caller owns.
 */
#ifndef CERTGATE_FINDING_H
#define CERTGATE_FINDING_H

#include <stddef.h>

#include "util.h"

enum severity { SEV_NONE = 0, SEV_INFO, SEV_WARNING, SEV_ERROR };

struct rule;
struct loc;

struct finding {
	const struct rule *rule;
	enum severity severity; /* effective severity */
	size_t bundle;          /* index of the bundle it is about */
	char *file;             /* NULL when about the run as a whole */
	unsigned line, column;  /* 0: unknown */
	char *message;
	char *hint;
	char *endpoint;         /* the endpoint it is about, or NULL */
};

struct findings {
	struct finding *v;
	size_t len, cap;
	size_t bundle;          /* stamped on findings added from now on */
};

/* findings_init - empty list; cannot fail. */
void findings_init(struct findings *f);
/* findings_free - free every finding; NULL-safe, safe twice. */
void findings_free(struct findings *f);

/*
 * finding_add - append a finding of rule r at loc (may be NULL), about
 * endpoint (may be NULL), with hint (NULL: the rule's own hint) and a
 * printf-style message.  Strings are copied.  Returns 0, or -1 when out
 * of memory.
 */
int finding_add(struct findings *f, const struct rule *r,
    const struct loc *loc, const char *endpoint, const char *hint,
    const char *fmt, ...) CG_PRINTF(6, 7);

/* severity_str - "error", "warning", "info" ("none" for SEV_NONE). */
const char *severity_str(enum severity s);
/* severity_parse - inverse of severity_str for the three levels; SEV_NONE
 * when s is none of them. */
enum severity severity_parse(const char *s);

#endif
