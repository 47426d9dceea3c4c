/*
 * report_github.c - GitHub Actions workflow commands, one line per
 * finding, which the runner turns into annotations on the files:
 *   ::error file=PATH,line=N,col=N,title=RULE::MESSAGE%0Ahint: HINT
 * Property values escape %, CR, LF, ':' and ','; the message escapes %,
 * CR and LF (GitHub's toolkit: escapeProperty and escapeData).
 */
#include "report.h"
#include "../rules/rule.h"

#include <stdlib.h>
#include <string.h>

static const char *
command(enum severity s)
{
	return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" :
	    "notice";
}

static int
print_finding(FILE *out, const struct finding *f, const char *cwd)
{
	const char *path = report_path(f->file, cwd);
	char *file = NULL, *title, *data, *text;
	int ret = -1;

	text = str_printf("%s\nhint: %s", f->message, f->hint);
	title = report_github_escape(f->rule->id, 1);
	data = text != NULL ? report_github_escape(text, 0) : NULL;
	if (path != NULL)
		file = report_github_escape(path, 1);
	if (title == NULL || data == NULL || (path != NULL && file == NULL))
		goto out;
	fprintf(out, "::%s ", command(f->severity));
	if (file != NULL) {
		fprintf(out, "file=%s,", file);
		if (f->line > 0)
			fprintf(out, "line=%u,", f->line);
		if (f->line > 0 && f->column > 0)
			fprintf(out, "col=%u,", f->column);
	}
	fprintf(out, "title=%s::%s\n", title, data);
	ret = 0;
out:
	free(text);
	free(title);
	free(data);
	free(file);
	return ret;
}

int
report_github(FILE *out, const struct report *r)
{
	char *cwd = report_cwd();
	size_t i;
	int ret = 0;

	for (i = 0; ret == 0 && i < r->findings->len; i++)
		ret = print_finding(out, &r->findings->v[i], cwd);
	free(cwd);
	return ret != 0 || ferror(out) ? -1 : 0;
}
