/*
 * test_cli.c - end-to-end cases, one folder each under tests/cli/:
 *   cmd           a shell command line run from the repository root with
 *                 $CERTGATE set to the binary and stdin from /dev/null
 *   expected.out  exact standard output
 *   expected.rc   exit status
 *   expected.err  (optional) exact standard error
 * Every case whose command mentions json (or sarif, or gitlab, formats
 * that are JSON too) must print a document that
 * `python3 -m json.tool` accepts, unless the folder holds a file named
 * not-json (a command that post-processes JSON itself).  Adding a case is adding a folder.
 * With CERTGATE_UPDATE_GOLDEN=1 the expected files are rewritten instead
 * (review the diff before committing).
 *
 * In the cases, $CERTGATE is tests/cli-sarif-wrap.sh around the binary
 * ($CERTGATE_REAL): each lint or --list-rules run is made
 * once more with --format sarif into <directory of the binary>/cli-sarif/,
 * and the last test checks that the exit status was the same and
 * validates all those logs with Microsoft's SARIF validator
 * (sarif-multitool validate, npm's @microsoft/sarif-multitool) when it is
 * installed, and says so when not.
 */
#include "suites.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define CLI_DIR "tests/cli"
#define MAX_CASES 512

static char *cases[MAX_CASES];
static int ncases;
static char sarif_dir[1024];    /* where the wrapper puts SARIF logs */
static char wrapper[1024];      /* tests/cli-sarif-wrap.sh, absolute */

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
	if (wrapper[0] != '\0') {
		setenv("CERTGATE", wrapper, 1);
		setenv("CERTGATE_CASE", name, 1);
	}
	snprintf(sh, sizeof(sh), "unset GITHUB_ACTIONS; NO_COLOR=1 exec "
	    "</dev/null >'%s' 2>'%s'; %s", outp, errp, cmd);
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
	if ((strstr(cmd, "json") != NULL || strstr(cmd, "sarif") != NULL ||
	    strstr(cmd, "gitlab") != NULL) && rc != 3 && !exists(path)) {
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
	ck_assert_msg(sarif_dir[0] != '\0', "no directory for SARIF logs");
}
END_TEST

/* The validator's SARIF2006 fetches every URI in a log: no network in
 * tests, so it is off. */
static const char validate_config[] =
"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
"<Properties>\n"
"  <Properties Key=\"SARIF2006.UrisShouldBeReachable.Options\">\n"
"    <Property Key=\"RuleEnabled\" Value=\"Disabled\" "
"Type=\"Driver.RuleEnabledState\" />\n"
"  </Properties>\n"
"</Properties>\n";

/* A log the validator must reject (a region line 0, a URI with a space),
 * so that a validator that stopped reporting errors fails the test. */
static const char selftest_log[] =
"{\"version\": \"2.1.0\", \"runs\": [{\"tool\": {\"driver\": {\"name\": "
"\"selftest\"}}, \"results\": [{\"message\": {\"text\": \"x.\"}, "
"\"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": "
"\"a b\"}, \"region\": {\"startLine\": 0}}}]}]}]}\n";

static int
has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/*
 * Every SARIF log the wrapper collected is valid for Microsoft's SARIF
 * validator.  It exits 0 whatever it finds, so its report is read: any
 * line with ": error " fails the test, except those about the self-test
 * log, which must have some.  Its count of files scanned must be ours.
 */
START_TEST(test_sarif_valid)
{
	static const char *tools[] = { "sarif-multitool",
	    "npx --no-install @microsoft/sarif-multitool" };
	const char *tool = NULL;
	char sh[2048], path[1200], *report, *line, *next, *bad, *mm;
	size_t i, nbad = 0, badlen = 0, nlogs = 0;
	int selftest = 0, scanned = -1;
	struct dirent *e;
	DIR *d;

	d = opendir(sarif_dir);
	ck_assert_msg(d != NULL, "%s: %s", sarif_dir, strerror(errno));
	bad = calloc(1, 1);
	while ((e = readdir(d)) != NULL) {
		if (has_suffix(e->d_name, ".sarif")) {
			nlogs++;
		} else if (has_suffix(e->d_name, ".mismatch")) {
			snprintf(path, sizeof(path), "%s/%s", sarif_dir,
			    e->d_name);
			mm = read_file_or_die(path, NULL);
			bad = realloc(bad, badlen + strlen(mm) + 1);
			memcpy(bad + badlen, mm, strlen(mm) + 1);
			badlen += strlen(mm);
			free(mm);
		}
	}
	closedir(d);
	ck_assert_msg(badlen == 0, "exit status differs in SARIF:\n%s", bad);
	free(bad);
	ck_assert_msg(nlogs >= 10, "only %zu SARIF logs in %s", nlogs,
	    sarif_dir);

	for (i = 0; i < sizeof(tools) / sizeof(tools[0]) && tool == NULL; i++) {
		snprintf(sh, sizeof(sh), "%s --version >/dev/null 2>&1",
		    tools[i]);
		if (system(sh) == 0)
			tool = tools[i];
	}
	ck_assert_msg(tool != NULL || getenv("CERTGATE_REQUIRE_SARIF_VALIDATOR")
	    == NULL, "sarif-multitool not found, and "
	    "CERTGATE_REQUIRE_SARIF_VALIDATOR is set");
	if (tool == NULL) {
		fprintf(stderr, "note: sarif-multitool is not installed (npm "
		    "install -g @microsoft/sarif-multitool): the %zu SARIF logs "
		    "in %s were not validated\n", nlogs, sarif_dir);
		return;
	}

	snprintf(path, sizeof(path), "%s/validate-config.xml", sarif_dir);
	write_file(path, validate_config, sizeof(validate_config) - 1);
	snprintf(path, sizeof(path), "%s/selftest-invalid.sarif", sarif_dir);
	write_file(path, selftest_log, sizeof(selftest_log) - 1);
	nlogs++;
	/* The npm wrapper hands its arguments to a shell: names from the
	 * wrapper's mktemp are safe, and the directory is the cwd. */
	snprintf(sh, sizeof(sh), "cd '%s' && %s validate --config "
	    "validate-config.xml *.sarif >validate.out 2>&1", sarif_dir, tool);
	ck_assert_msg(system(sh) == 0, "%s failed: see %s/validate.out", tool,
	    sarif_dir);
	snprintf(path, sizeof(path), "%s/validate.out", sarif_dir);
	report = read_file_or_die(path, NULL);
	bad = calloc(1, 1);
	badlen = 0;
	for (line = report; line != NULL && *line != '\0'; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		sscanf(line, "Done. %d files scanned.", &scanned);
		if (strstr(line, ": error ") == NULL)
			continue;
		if (strstr(line, "selftest-invalid.sarif") != NULL) {
			selftest++;
			continue;
		}
		if (nbad++ < 20) {
			bad = realloc(bad, badlen + strlen(line) + 2);
			badlen += (size_t)sprintf(bad + badlen, "%s\n", line);
		}
	}
	ck_assert_msg(nbad == 0, "%zu SARIF validation errors (%s/validate.out):"
	    "\n%s", nbad, sarif_dir, bad);
	ck_assert_msg(selftest > 0, "the validator found no error in the "
	    "invalid self-test log: is it validating? (%s/validate.out)",
	    sarif_dir);
	ck_assert_msg(scanned == (int)nlogs, "the validator scanned %d files "
	    "of %zu (%s/validate.out)", scanned, nlogs, sarif_dir);
	free(bad);
	free(report);
}
END_TEST

/* The wrapper for the cases, with the binary in CERTGATE_REAL and an
 * empty <directory of the binary>/cli-sarif for the logs. */
static void
wrap_certgate(void)
{
	const char *bin = getenv("CERTGATE"), *slash;
	char cwd[900], sh[2200];

	if (bin == NULL || getenv("CERTGATE_REAL") != NULL ||
	    getcwd(cwd, sizeof(cwd)) == NULL || strchr(bin, '\'') != NULL)
		return;
	slash = strrchr(bin, '/');
	snprintf(sarif_dir, sizeof(sarif_dir), "%.*s%scli-sarif",
	    slash != NULL ? (int)(slash - bin) : 0, bin, slash != NULL ? "/" :
	    "");
	snprintf(sh, sizeof(sh), "rm -rf '%s' && mkdir -p '%s'", sarif_dir,
	    sarif_dir);
	if (system(sh) != 0) {
		sarif_dir[0] = '\0';
		return;
	}
	snprintf(wrapper, sizeof(wrapper), "%.900s/tests/cli-sarif-wrap.sh",
	    cwd);
	setenv("CERTGATE_REAL", bin, 1);
	setenv("CERTGATE_SARIF_DIR", sarif_dir, 1);
}

Suite *
suite_cli(void)
{
	Suite *s = suite_create("cli");
	TCase *tc = tcase_create("cases"), *sarif = tcase_create("sarif");

	scan_cases();
	wrap_certgate();
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_cases_present);
	tcase_add_loop_test(tc, test_cli_case, 0, ncases);
	suite_add_tcase(s, tc);
	/* After every case: validate what they left. */
	tcase_set_timeout(sarif, 300);
	tcase_add_test(sarif, test_sarif_valid);
	suite_add_tcase(s, sarif);
	return s;
}
