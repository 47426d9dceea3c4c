/*
 * engine.c - see engine.h.
 */
#include "engine.h"
#include "../rules/rule.h"

#include <stdlib.h>
#include <string.h>

int
engine_init(struct engine *e)
{
	size_t i;

	e->n = rule_registry_len;
	e->sev = calloc(e->n, sizeof(*e->sev));
	if (e->sev == NULL)
		return -1;
	for (i = 0; i < e->n; i++)
		e->sev[i] = rule_registry[i]->severity;
	return 0;
}

void
engine_free(struct engine *e)
{
	if (e == NULL)
		return;
	free(e->sev);
	e->sev = NULL;
	e->n = 0;
}

int
engine_set(struct engine *e, const char *id, enum severity sev)
{
	size_t i;

	for (i = 0; i < e->n; i++) {
		if (strcmp(rule_registry[i]->id, id) == 0) {
			e->sev[i] = sev;
			return 0;
		}
	}
	return -1;
}

int
engine_run(const struct engine *e, const struct bundle *b, size_t index,
    struct findings *out)
{
	size_t i, j, start;

	out->bundle = index;
	for (i = 0; i < e->n; i++) {
		if (e->sev[i] == SEV_NONE)
			continue;
		start = out->len;
		if (rule_registry[i]->check(rule_registry[i], b, out) != 0)
			return -1;
		for (j = start; j < out->len; j++)
			out->v[j].severity = e->sev[i];
	}
	return 0;
}

int
engine_exit_code(const struct findings *f, enum severity fail_on)
{
	enum severity worst = SEV_NONE;
	size_t i;

	for (i = 0; i < f->len; i++)
		if (f->v[i].severity > worst)
			worst = f->v[i].severity;
	if (worst == SEV_ERROR)
		return EXIT_ERROR;
	if (worst != SEV_NONE && worst >= fail_on)
		return EXIT_WARN;
	return EXIT_PASS;
}

const char *
engine_verdict(int exit_code)
{
	switch (exit_code) {
	case EXIT_PASS: return "pass";
	case EXIT_WARN: return "warn";
	default:        return "fail";
	}
}
