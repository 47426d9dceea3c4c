/*
 * test_cli.c - end-to-end cases, one folder each under tests/cli/:
 *   cmd           a shell command line run from the repository root with
 *                 $CERTGATE set to the binary and stdin from /dev/null
 *   expected.out  exact standard output
 *   expected.rc   exit status
 *   expected.err  (optional) exact standard error
 * Every case whose command mentions json must print a document that
 * `python3 -m json.tool` accepts, unless the folder holds a file named
 * not-json (a command that post-processes JSON itself).  Adding a case is adding a folder.
 * With CERTGATE_UPDATE_GOLDEN=1 the expected files are rewritten instead
 * (review the diff before committing).
 */
#include "suites.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define CLI_DIR "tests/cli"
#define MAX_CASES 512

static char *cases[MAX_CASES];
static int ncases;

/* The first line where got and want differ, for a readable failure. */
static void
first_diff(const char *got, const char *want, char *buf, size_t size)
{
	unsigned line = 1;
	const char *g = got, *w = want, *ge, *we;

	for (;;) {
		ge = strchr(g, '\n');
		we = strchr(w, '\n');
		if (ge == NULL || we == NULL || ge - g != we - w ||
		    strncmp(g, w, (size_t)(ge - g)) != 0)
			break;
		g = ge + 1;
		w = we + 1;
		line++;
	}
	snprintf(buf, size, "line %u: got [%.*s] expected [%.*s]",
	    line, (int)(strcspn(g, "\n") > 300 ? 300 : strcspn(g, "\n")), g,
	    (int)(strcspn(w, "\n") > 300 ? 300 : strcspn(w, "\n")), w);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void
scan_cases(void)
{
	DIR *d = opendir(CLI_DIR);
	struct dirent *e;
	char path[512];
	FILE *fp;

	ncases = 0;
	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL && ncases < MAX_CASES) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), CLI_DIR "/%s/cmd", e->d_name);
		if ((fp = fopen(path, "r")) == NULL)
			continue;
		fclose(fp);
		cases[ncases++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(cases, (size_t)ncases, sizeof(cases[0]), cmp_str);
}

static void
write_file(const char *path, const char *data, size_t len)
{
	FILE *fp = fopen(path, "wb");

	ck_assert_ptr_nonnull(fp);
	ck_assert_uint_eq(fwrite(data, 1, len, fp), len);
	fclose(fp);
}

/* Does file exist? */
static int
exists(const char *path)
{
	FILE *fp = fopen(path, "r");

	if (fp == NULL)
		return 0;
	fclose(fp);
	return 1;
}

START_TEST(test_cli_case)
{
	const char *name = cases[_i];
	char path[512], sh[2048], outp[256], errp[256], diff[800], *cmd,
	    *out, *err, *want, *rcs;
	size_t outlen, errlen;
	int status, rc, update = getenv("CERTGATE_UPDATE_GOLDEN") != NULL;

	snprintf(path, sizeof(path), CLI_DIR "/%s/cmd", name);
	cmd = read_file_or_die(path, NULL);
	snprintf(outp, sizeof(outp), "/tmp/certgate-cli-%d-%s.out",
	    (int)getpid(), name);
	snprintf(errp, sizeof(errp), "/tmp/certgate-cli-%d-%s.err",
	    (int)getpid(), name);
	snprintf(sh, sizeof(sh), "NO_COLOR=1 exec </dev/null >'%s' 2>'%s'; %s",
	    outp, errp, cmd);
	status = system(sh);
	ck_assert_msg(status != -1 && WIFEXITED(status), "%s: did not exit",
	    name);
	rc = WEXITSTATUS(status);
	out = read_file_or_die(outp, &outlen);
	err = read_file_or_die(errp, &errlen);
	ck_assert_msg(rc >= 0 && rc <= 3, "%s: exit %d outside the contract",
	    name, rc);

	if (update) {
		char rcbuf[16];

		snprintf(path, sizeof(path), CLI_DIR "/%s/expected.out", name);
		write_file(path, out, outlen);
		snprintf(path, sizeof(path), CLI_DIR "/%s/expected.rc", name);
		snprintf(rcbuf, sizeof(rcbuf), "%d\n", rc);
		write_file(path, rcbuf, strlen(rcbuf));
		snprintf(path, sizeof(path), CLI_DIR "/%s/expected.err", name);
		if (exists(path))
			write_file(path, err, errlen);
	} else {
		snprintf(path, sizeof(path), CLI_DIR "/%s/expected.rc", name);
		rcs = read_file_or_die(path, NULL);
		ck_assert_msg(rc == atoi(rcs), "%s: exit %d, expected %d; "
		    "stderr: %s", name, rc, atoi(rcs), err);
		free(rcs);
		snprintf(path, sizeof(path), CLI_DIR "/%s/expected.out", name);
		want = read_file_or_die(path, NULL);
		first_diff(out, want, diff, sizeof(diff));
		ck_assert_msg(strcmp(out, want) == 0, "%s: stdout differs at %s",
		    name, diff);
		free(want);
		snprintf(path, sizeof(path), CLI_DIR "/%s/expected.err", name);
		if (exists(path)) {
			want = read_file_or_die(path, NULL);
			first_diff(err, want, diff, sizeof(diff));
			ck_assert_msg(strcmp(err, want) == 0, "%s: stderr "
			    "differs at %s", name, diff);
			free(want);
		}
	}
	snprintf(path, sizeof(path), CLI_DIR "/%s/not-json", name);
	if (strstr(cmd, "json") != NULL && rc != 3 && !exists(path)) {
		snprintf(sh, sizeof(sh), "python3 -m json.tool '%s' >/dev/null",
		    outp);
		ck_assert_msg(system(sh) == 0, "%s: output is not valid JSON",
		    name);
	}
	remove(outp);
	remove(errp);
	free(out);
	free(err);
	free(cmd);
}
END_TEST

START_TEST(test_cases_present)
{
	ck_assert_msg(ncases >= 10, "only %d CLI cases under " CLI_DIR,
	    ncases);
	ck_assert_ptr_nonnull(getenv("CERTGATE"));
}
END_TEST

Suite *
suite_cli(void)
{
	Suite *s = suite_create("cli");
	TCase *tc = tcase_create("cases");

	scan_cases();
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_cases_present);
	tcase_add_loop_test(tc, test_cli_case, 0, ncases);
	suite_add_tcase(s, tc);
	return s;
}
