/*
 * test_contrib.c - the CI examples in contrib/ci, run as far as they run
 * here by tests/ci/test_contrib.sh (the gate script, and the certgate
 * commands and report files of the GitHub Actions and GitLab CI files).
 */
#include "suites.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

START_TEST(test_contrib_ci)
{
	int status;

	ck_assert_ptr_nonnull(getenv("CERTGATE"));
	status = system("bash tests/ci/test_contrib.sh > "
	    "/tmp/certgate-contrib.log 2>&1");
	if (status != 0)
		(void)system("grep FAIL /tmp/certgate-contrib.log >&2");
	ck_assert_msg(status != -1 && WIFEXITED(status) &&
	    WEXITSTATUS(status) == 0, "tests/ci/test_contrib.sh failed "
	    "(see /tmp/certgate-contrib.log)");
}
END_TEST

Suite *
suite_contrib(void)
{
	Suite *s = suite_create("contrib");
	TCase *tc = tcase_create("ci");

	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_contrib_ci);
	suite_add_tcase(s, tc);
	return s;
}
