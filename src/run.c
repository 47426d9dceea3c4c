/*
 * run.c - see run.h.
 */
#include "run.h"
#include "util.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int
job_init(struct job *j)
{
	memset(j, 0, sizeof(*j));
	bundle_init(&j->bundle);
	findings_init(&j->findings);
	acceptance_init(&j->acc);
	return engine_init(&j->engine);
}

void
job_free(struct job *j)
{
	if (j == NULL)
		return;
	free(j->name);
	bundle_free(&j->bundle);
	engine_free(&j->engine);
	endpoints_free(j->eps, j->neps);
	findings_free(&j->findings);
	acceptance_free(&j->acc);
	memset(j, 0, sizeof(*j));
}

static void
run_one(struct job *j, size_t index)
{
	j->bundle.eps = j->eps;
	j->bundle.neps = j->neps;
	if (bundle_load(&j->bundle) != 0 ||
	    engine_run(&j->engine, &j->bundle, index, &j->findings) != 0 ||
	    acceptance_compute(&j->bundle, &j->acc) != 0)
		j->failed = 1;
}

struct pool {
	struct job *jobs;
	size_t n, next;
	pthread_mutex_t lock;
};

static void *
worker(void *arg)
{
	struct pool *p = arg;
	size_t i;

	for (;;) {
		pthread_mutex_lock(&p->lock);
		i = p->next++;
		pthread_mutex_unlock(&p->lock);
		if (i >= p->n)
			return NULL;
		run_one(&p->jobs[i], i);
	}
}

int
run_jobs(struct job *jobs, size_t n, int threads)
{
	struct pool p;
	pthread_t tid[64];
	long cpus;
	size_t i, nt;

	if (threads <= 0) {
		cpus = sysconf(_SC_NPROCESSORS_ONLN);
		threads = cpus > 0 ? (int)cpus : 1;
	}
	nt = (size_t)threads;
	if (nt > n)
		nt = n;
	if (nt > CG_ARRAY_LEN(tid))
		nt = CG_ARRAY_LEN(tid);
	if (nt <= 1) {
		for (i = 0; i < n; i++)
			run_one(&jobs[i], i);
	} else {
		p.jobs = jobs;
		p.n = n;
		p.next = 0;
		pthread_mutex_init(&p.lock, NULL);
		for (i = 0; i < nt; i++)
			if (pthread_create(&tid[i], NULL, worker, &p) != 0)
				break;
		if (i == 0)     /* no thread at all: do it here */
			worker(&p);
		nt = i;
		for (i = 0; i < nt; i++)
			pthread_join(tid[i], NULL);
		pthread_mutex_destroy(&p.lock);
	}
	for (i = 0; i < n; i++)
		if (jobs[i].failed)
			return -1;
	return 0;
}

int
run_merge(const struct job *jobs, size_t n, struct findings *out)
{
	const struct finding *f;
	struct finding *nv;
	size_t i, k, total = out->len;

	for (i = 0; i < n; i++)
		total += jobs[i].findings.len;
	if (total > out->cap) {
		nv = realloc(out->v, total * sizeof(*nv));
		if (nv == NULL)
			return -1;
		out->v = nv;
		out->cap = total;
	}
	for (i = 0; i < n; i++) {
		for (k = 0; k < jobs[i].findings.len; k++) {
			f = &jobs[i].findings.v[k];
			nv = &out->v[out->len];
			*nv = *f;
			nv->file = str_dup(f->file);
			nv->message = str_dup(f->message);
			nv->hint = str_dup(f->hint);
			nv->endpoint = str_dup(f->endpoint);
			if ((f->file && !nv->file) || !nv->message ||
			    !nv->hint || (f->endpoint && !nv->endpoint)) {
				free(nv->file);
				free(nv->message);
				free(nv->hint);
				free(nv->endpoint);
				return -1;
			}
			out->len++;
		}
	}
	return 0;
}
