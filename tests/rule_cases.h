/*
 * rule_cases.h - the per-rule fixture table of test_rules.c, shared with
 * the registry test (every rule must have a firing and a passing case).
 */
#ifndef CERTGATE_RULE_CASES_H
#define CERTGATE_RULE_CASES_H

#include <stddef.h>

struct rule_case {
	const char *rule;       /* rule id */
	const char *files;      /* fixtures, see lint_files() */
	const char *endpoints;  /* -e list, or NULL */
	unsigned count;         /* how many times it must fire (0: never) */
};

extern const struct rule_case rule_cases[];
extern const size_t rule_cases_len;

#endif
