/*
 * finding.c - see finding.h.
 */
#include "finding.h"
#include "bundle.h"
#include "../rules/rule.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void
findings_init(struct findings *f)
{
	memset(f, 0, sizeof(*f));
}

void
findings_free(struct findings *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->len; i++) {
		free(f->v[i].file);
		free(f->v[i].message);
		free(f->v[i].hint);
		free(f->v[i].endpoint);
	}
	free(f->v);
	findings_init(f);
}

int
finding_add(struct findings *f, const struct rule *r, const struct loc *loc,
    const char *endpoint, const char *hint, const char *fmt, ...)
{
	struct finding *x, *nv;
	va_list ap;
	size_t ncap;

	if (f->len == f->cap) {
		ncap = f->cap ? f->cap * 2 : 16;
		nv = realloc(f->v, ncap * sizeof(*nv));
		if (nv == NULL)
			return -1;
		f->v = nv;
		f->cap = ncap;
	}
	x = &f->v[f->len];
	memset(x, 0, sizeof(*x));
	x->rule = r;
	x->severity = r->severity;
	x->bundle = f->bundle;
	if (loc != NULL && loc->file != NULL) {
		x->file = str_dup(loc->file);
		x->line = loc->line;
		x->column = loc->column;
		if (x->file == NULL)
			return -1;
	}
	va_start(ap, fmt);
	x->message = str_vprintf(fmt, ap);
	va_end(ap);
	x->hint = str_dup(hint != NULL ? hint : r->hint);
	x->endpoint = str_dup(endpoint);
	if (x->message == NULL || x->hint == NULL ||
	    (endpoint != NULL && x->endpoint == NULL)) {
		free(x->file);
		free(x->message);
		free(x->hint);
		free(x->endpoint);
		return -1;
	}
	f->len++;
	return 0;
}

const char *
severity_str(enum severity s)
{
	switch (s) {
	case SEV_ERROR:   return "error";
	case SEV_WARNING: return "warning";
	case SEV_INFO:    return "info";
	case SEV_NONE:    break;
	}
	return "none";
}

enum severity
severity_parse(const char *s)
{
	if (strcmp(s, "error") == 0)
		return SEV_ERROR;
	if (strcmp(s, "warning") == 0)
		return SEV_WARNING;
	if (strcmp(s, "info") == 0)
		return SEV_INFO;
	return SEV_NONE;
}
