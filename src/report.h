/*
 * report.h - write the results of a run: text for people, JSON for
 * machines.  Reporters only read; they never decide the exit status.
 */
#ifndef CERTGATE_REPORT_H
#define CERTGATE_REPORT_H

#include <stdint.h>
#include <stdio.h>

#include "acceptance.h"
#include "bundle.h"
#include "finding.h"

struct report {
	const char *version;
	int64_t now;
	enum severity fail_on;
	int exit_code;
	struct bundle *const *bundles;
	size_t nbundles;
	/* Per bundle: its predictions (NULL: none made), and which servers
	 * and clients to report (bit masks over server_id / client_id). */
	const struct acceptance *const *accept;
	unsigned servers, clients;
	const struct findings *findings;
	int color;              /* text only: ANSI colour */
};

/* report_text - compiler-style findings, the set, a summary line.
 * Returns 0, or -1 on a write error or out of memory. */
int report_text(FILE *out, const struct report *r);

/* report_json - one JSON document (see man/certgate.1, JSON OUTPUT).
 * Returns 0, or -1 on a write error or out of memory. */
int report_json(FILE *out, const struct report *r);

/* report_rules_text / report_rules_json - the registry, for --list-rules. */
int report_rules_text(FILE *out);
int report_rules_json(FILE *out, const char *version);

#endif
