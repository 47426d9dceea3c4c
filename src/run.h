/*
 * run.h - lint many bundles: each job is one bundle with its own
 * endpoints, rule severities and profile selection; jobs are independent
 * and run on all cores, results stay in job order.
 */
#ifndef CERTGATE_RUN_H
#define CERTGATE_RUN_H

#include <stddef.h>

#include "acceptance.h"
#include "bundle.h"
#include "engine.h"
#include "finding.h"
#include "hostmatch.h"

struct job {
	char *name;             /* config bundle name or scanned directory;
	                         * NULL for the command line's set */
	struct bundle bundle;   /* sources added by the caller */
	struct engine engine;   /* this bundle's rule severities */
	struct endpoint *eps;   /* owned */
	size_t neps;
	unsigned clients, servers;
	/* Results. */
	struct findings findings;
	struct acceptance acc;
	int failed;             /* out of memory while linting */
};

/* job_init - empty job with default severities; 0, or -1 (memory). */
int job_init(struct job *j);
/* job_free - NULL-safe, safe twice. */
void job_free(struct job *j);

/*
 * run_jobs - load, lint and predict every job, with up to `threads`
 * threads (0: one per online CPU).  Findings are stamped with the job's
 * index.  Returns 0, or -1 when a job ran out of memory.
 */
int run_jobs(struct job *jobs, size_t n, int threads);

/*
 * run_merge - append every job's findings, in job order, to out.
 * Returns 0 or -1 (memory).
 */
int run_merge(const struct job *jobs, size_t n, struct findings *out);

#endif
