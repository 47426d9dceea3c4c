/*
 * report_gitlab.c - a GitLab Code Quality report (the Code Climate
 * issue subset GitLab reads), for artifacts:reports:codequality.
 */
#include "report.h"
#include "../rules/rule.h"

#include <stdlib.h>

/* error: the set fails (major); warning: some clients fail (minor). */
static const char *
gitlab_severity(enum severity s)
{
	return s == SEV_ERROR ? "major" : s == SEV_WARNING ? "minor" : "info";
}

static json_t *
issue_json(const struct finding *f, const char *fp, const char *cwd)
{
	json_t *o = json_object(), *loc = json_object(), *lines = json_object();
	const char *path = report_path(f->file, cwd);
	int bad = 0;

	if (o == NULL || loc == NULL || lines == NULL) {
		json_decref(o);
		json_decref(loc);
		json_decref(lines);
		return NULL;
	}
	/* A path is required: standard input is "<stdin>", the run as a
	 * whole ".". */
	if (path == NULL)
		path = f->file != NULL ? f->file : ".";
	bad |= report_put(lines, "begin", json_integer(f->line > 0 ? f->line :
	    1));
	bad |= report_put(loc, "path", report_jstr(path));
	bad |= report_put(loc, "lines", lines);
	bad |= report_put(o, "description", report_jstr(f->message));
	bad |= report_put(o, "check_name", json_string(f->rule->id));
	bad |= report_put(o, "fingerprint", json_string(fp));
	bad |= report_put(o, "severity", json_string(gitlab_severity(
	    f->severity)));
	bad |= report_put(o, "location", loc);
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

int
report_gitlab(FILE *out, const struct report *r)
{
	json_t *doc = json_array();
	char *cwd = report_cwd(), *fps = report_fingerprints(r->findings, cwd);
	size_t i;
	int bad = doc == NULL || fps == NULL;

	for (i = 0; !bad && i < r->findings->len; i++)
		bad |= json_array_append_new(doc, issue_json(&r->findings->v[i],
		    fps + i * REPORT_FP_SIZE, cwd));
	free(cwd);
	free(fps);
	if (bad) {
		json_decref(doc);
		return -1;
	}
	return report_emit_json(out, doc);
}
