/*
 * test_engine.c - the exit-status contract and per-rule severity
 * overrides, on real fixtures.
 */
#include "suites.h"

#include <string.h>

#include "../src/bundle.h"
#include "../src/engine.h"
#include "../src/finding.h"
#include "../rules/rule.h"

/* Findings with the given severities, made through the real API. */
static void
make_findings(struct findings *f, const enum severity *sev, size_t n)
{
	const struct rule *r = rule_find("host-none-given");
	size_t i;

	findings_init(f);
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(finding_add(f, r, NULL, NULL, NULL, "x%zu", i), 0);
		f->v[i].severity = sev[i];
	}
}

static const struct {
	enum severity sev[3];
	size_t n;
	enum severity fail_on;
	int want;
} exit_cases[] = {
	{ {0}, 0, SEV_WARNING, EXIT_PASS },
	{ {0}, 0, SEV_INFO, EXIT_PASS },
	{ {SEV_INFO}, 1, SEV_WARNING, EXIT_PASS },
	{ {SEV_INFO}, 1, SEV_INFO, EXIT_WARN },
	{ {SEV_INFO}, 1, SEV_ERROR, EXIT_PASS },
	{ {SEV_WARNING}, 1, SEV_WARNING, EXIT_WARN },
	{ {SEV_WARNING}, 1, SEV_ERROR, EXIT_PASS },
	{ {SEV_WARNING, SEV_INFO}, 2, SEV_INFO, EXIT_WARN },
	{ {SEV_ERROR}, 1, SEV_ERROR, EXIT_ERROR },
	{ {SEV_ERROR}, 1, SEV_WARNING, EXIT_ERROR },
	{ {SEV_INFO, SEV_ERROR, SEV_WARNING}, 3, SEV_INFO, EXIT_ERROR },
};

START_TEST(test_exit_code)
{
	struct findings f;

	make_findings(&f, exit_cases[_i].sev, exit_cases[_i].n);
	ck_assert_int_eq(engine_exit_code(&f, exit_cases[_i].fail_on),
	    exit_cases[_i].want);
	findings_free(&f);
}
END_TEST

START_TEST(test_verdict_words)
{
	ck_assert_str_eq(engine_verdict(EXIT_PASS), "pass");
	ck_assert_str_eq(engine_verdict(EXIT_WARN), "warn");
	ck_assert_str_eq(engine_verdict(EXIT_ERROR), "fail");
}
END_TEST

/* Run guide-mysql under an engine that only runs host-cn-fallback of the
 * warnings the guide's set gets, so it yields exactly one finding. */
static size_t
run_guide(struct engine *e, struct findings *f, struct bundle *b)
{
	struct findings tmp;

	lint_files("guide-mysql/server.crt guide-mysql/server.key "
	    "guide-mysql/server-ca.crt",
	    "rm-bp1abc123.mysql.rds.aliyuncs.com", b, &tmp);
	findings_free(&tmp);
	findings_init(f);
	ck_assert_int_eq(engine_run(e, b, 3, f), 0);
	return f->len;
}

START_TEST(test_overrides)
{
	struct engine e;
	struct findings f;
	struct bundle b;
	size_t i;

	ck_assert_int_eq(engine_init(&e), 0);
	for (i = 0; i < rule_registry_len; i++)
		if (strcmp(rule_registry[i]->id, "host-cn-fallback") != 0)
			ck_assert_int_eq(engine_set(&e, rule_registry[i]->id,
			    SEV_NONE), 0);
	ck_assert_uint_eq(run_guide(&e, &f, &b), 1);
	ck_assert_int_eq(f.v[0].severity, SEV_WARNING);
	ck_assert_uint_eq(f.v[0].bundle, 3);
	ck_assert_int_eq(engine_exit_code(&f, SEV_WARNING), EXIT_WARN);
	findings_free(&f);
	lint_free(&b, &f);

	ck_assert_int_eq(engine_set(&e, "host-cn-fallback", SEV_ERROR), 0);
	ck_assert_uint_eq(run_guide(&e, &f, &b), 1);
	ck_assert_int_eq(f.v[0].severity, SEV_ERROR);
	ck_assert_int_eq(engine_exit_code(&f, SEV_WARNING), EXIT_ERROR);
	findings_free(&f);
	lint_free(&b, &f);

	ck_assert_int_eq(engine_set(&e, "host-cn-fallback", SEV_NONE), 0);
	ck_assert_uint_eq(run_guide(&e, &f, &b), 0);
	ck_assert_int_eq(engine_exit_code(&f, SEV_INFO), EXIT_PASS);
	findings_free(&f);
	lint_free(&b, &f);

	ck_assert_int_eq(engine_set(&e, "no-such-rule", SEV_ERROR), -1);
	engine_free(&e);
	engine_free(&e);        /* safe twice */
}
END_TEST

Suite *
suite_engine(void)
{
	Suite *s = suite_create("engine");
	TCase *tc = tcase_create("engine");

	tcase_add_loop_test(tc, test_exit_code, 0,
	    (int)(sizeof(exit_cases) / sizeof(exit_cases[0])));
	tcase_add_test(tc, test_verdict_words);
	tcase_add_test(tc, test_overrides);
	suite_add_tcase(s, tc);
	return s;
}
