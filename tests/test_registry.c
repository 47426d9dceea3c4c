/*
 * test_registry.c - the rule registry is well-formed, every rule is
 * tested both ways and documented in the man page.
 */
#include "suites.h"
#include "rule_cases.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "../rules/rule.h"

START_TEST(test_ids_well_formed_and_unique)
{
	const struct rule *r = rule_registry[_i];
	const char *p;
	size_t j;

	ck_assert_ptr_nonnull(r->id);
	ck_assert_msg(islower((unsigned char)r->id[0]), "%s", r->id);
	for (p = r->id; *p; p++)
		ck_assert_msg(islower((unsigned char)*p) ||
		    isdigit((unsigned char)*p) || (*p == '-' && p[1] != '-' &&
		    p[1] != '\0'), "bad id %s", r->id);
	for (j = 0; j < rule_registry_len; j++)
		if (j != (size_t)_i)
			ck_assert_str_ne(r->id, rule_registry[j]->id);
	ck_assert_ptr_eq(rule_find(r->id), r);
}
END_TEST

START_TEST(test_metadata_present)
{
	const struct rule *r = rule_registry[_i];

	ck_assert_msg(r->severity >= SEV_INFO && r->severity <= SEV_ERROR,
	    "%s", r->id);
	ck_assert_msg(r->summary && *r->summary, "%s: no summary", r->id);
	ck_assert_msg(r->rationale && strlen(r->rationale) > 40,
	    "%s: no rationale", r->id);
	ck_assert_msg(r->hint && *r->hint, "%s: no hint", r->id);
	ck_assert(r->check != NULL);
	ck_assert_msg(strchr(r->summary, '\n') == NULL, "%s", r->id);
}
END_TEST

START_TEST(test_has_firing_and_passing_fixture)
{
	const struct rule *r = rule_registry[_i];
	size_t j;
	int fires = 0, passes = 0;

	for (j = 0; j < rule_cases_len; j++) {
		if (strcmp(rule_cases[j].rule, r->id) != 0)
			continue;
		if (rule_cases[j].count > 0)
			fires = 1;
		else
			passes = 1;
	}
	ck_assert_msg(fires, "%s has no fixture that makes it fire", r->id);
	ck_assert_msg(passes, "%s has no fixture where it must not fire", r->id);
}
END_TEST

START_TEST(test_documented_in_man_page)
{
	const struct rule *r = rule_registry[_i];
	char *man = read_file_or_die("man/certgate.1", NULL);
	char needle[128];

	/* mdoc: each rule is an ".It Sy id" item in the RULES section. */
	snprintf(needle, sizeof(needle), ".It Sy %s\n", r->id);
	ck_assert_msg(strstr(man, needle) != NULL, "%s missing from "
	    "man/certgate.1", r->id);
	free(man);
}
END_TEST

START_TEST(test_unknown_rule)
{
	ck_assert_ptr_null(rule_find("no-such-rule"));
	ck_assert_ptr_null(rule_find(""));
}
END_TEST

Suite *
suite_registry(void)
{
	Suite *s = suite_create("registry");
	TCase *tc = tcase_create("registry");
	int n = (int)rule_registry_len;

	tcase_add_loop_test(tc, test_ids_well_formed_and_unique, 0, n);
	tcase_add_loop_test(tc, test_metadata_present, 0, n);
	tcase_add_loop_test(tc, test_has_firing_and_passing_fixture, 0, n);
	tcase_add_loop_test(tc, test_documented_in_man_page, 0, n);
	tcase_add_test(tc, test_unknown_rule);
	suite_add_tcase(s, tc);
	return s;
}
