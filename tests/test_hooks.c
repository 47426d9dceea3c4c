/*
 * test_hooks.c - the git pre-commit integrations, end to end with real git:
 * each test runs one script of tests/hooks/ (bash) with $CERTGATE set to
 * the binary under test.  The script prints a line per check ("ok - ..."
 * or "not ok - ..." with the hook's output) and "N passed, N failed"; it
 * exits 0 when every check passed.
 *   test_plain.sh      contrib/hooks/pre-commit and install.sh
 *   test_framework.sh  .pre-commit-hooks.yaml under the pre-commit
 *                      framework (builds certgate in pre-commit's clone)
 */
#include "suites.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static const char *const scripts[] = {
	"tests/hooks/test_plain.sh",
	"tests/hooks/test_framework.sh",
};

/* The "not ok" lines and their detail, for the failure message. */
static void
failures(const char *out, char *buf, size_t size)
{
	const char *p = out, *e;
	size_t n = 0;
	int in = 0;

	buf[0] = '\0';
	for (; *p != '\0' && n + 1 < size; p = *e ? e + 1 : e) {
		e = p + strcspn(p, "\n");
		if (strncmp(p, "not ok", 6) == 0)
			in = 1;
		else if (strncmp(p, "    # ", 6) != 0)
			in = 0;
		if (in) {
			n += (size_t)snprintf(buf + n, size - n, "\n%.*s",
			    (int)(e - p), p);
			if (n >= size)
				n = size - 1;
		}
	}
}

START_TEST(test_hook_script)
{
	const char *script = scripts[_i];
	char sh[512], outp[128], msg[3000];
	char *out;
	int status;

	ck_assert_msg(getenv("CERTGATE") != NULL, "CERTGATE is not set");
	snprintf(outp, sizeof(outp), "/tmp/certgate-hooks-%d-%d.out",
	    (int)getpid(), _i);
	snprintf(sh, sizeof(sh), "bash %s </dev/null >'%s' 2>&1", script,
	    outp);
	status = system(sh);
	out = read_file_or_die(outp, NULL);
	remove(outp);
	ck_assert_msg(status != -1 && WIFEXITED(status), "%s: did not exit",
	    script);
	if (WEXITSTATUS(status) != 0) {
		fprintf(stderr, "%s:\n%s", script, out);
		failures(out, msg, sizeof(msg));
		ck_abort_msg("%s: exit %d%s", script, WEXITSTATUS(status), msg);
	}
	ck_assert_msg(strstr(out, " passed, 0 failed") != NULL,
	    "%s: no summary line", script);
	free(out);
}
END_TEST

Suite *
suite_hooks(void)
{
	Suite *s = suite_create("hooks");
	TCase *tc = tcase_create("git");

	/* The framework test builds certgate once in pre-commit's cache. */
	tcase_set_timeout(tc, 240);
	tcase_add_loop_test(tc, test_hook_script, 0,
	    (int)(sizeof(scripts) / sizeof(scripts[0])));
	suite_add_tcase(s, tc);
	return s;
}
