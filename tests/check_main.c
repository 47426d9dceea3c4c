/*
 * check_main.c - run every Check suite; the exit status is the number of
 * failed tests (capped), and Check prints its own summary line last.
 */
#include "suites.h"

#include <stdlib.h>

int
main(void)
{
	SRunner *sr;
	int failed;

	sr = srunner_create(NULL);
#define ADD_SUITE(name) srunner_add_suite(sr, suite_##name());
	SUITES(ADD_SUITE)
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
