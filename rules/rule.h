/*
 * rule.h - the shape of a rule, and the registry of all of them.
 *
 * A rule is one file in rules/ defining one `const struct rule`.  Its
 * check reads the assembled bundle (const) and appends findings to a list
 * the caller owns; it keeps no state.  A rule that does not apply (its
 * input is absent) adds nothing.  Adding a rule: one file, one line in
 * registry.c, fixtures, tests, and its entry in man/certgate.1.
 */
#ifndef CERTGATE_RULE_H
#define CERTGATE_RULE_H

#include <stddef.h>

#include "../src/bundle.h"
#include "../src/finding.h"

struct rule {
	const char *id;         /* kebab-case, stable: interface */
	enum severity severity; /* default severity */
	const char *summary;    /* one line */
	const char *rationale;  /* why, with its citation */
	const char *hint;       /* the fix, as a command where there is one */
	/* Append findings about b to out; return 0, or -1 out of memory. */
	int (*check)(const struct rule *self, const struct bundle *b,
	    struct findings *out);
};

/* Every rule, in the order they run and are listed. */
extern const struct rule *const rule_registry[];
extern const size_t rule_registry_len;

/* rule_find - the rule with this id, or NULL. */
const struct rule *rule_find(const char *id);

#endif
