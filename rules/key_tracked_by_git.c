/*
 * key-tracked-by-git: an unencrypted private key is committed to git.
 */
#include "rule.h"

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	const struct key *k = b->key;

	if (k == NULL || k->encrypted || k->src->git_tracked != 1)
		return 0;
	return finding_add(out, self, &k->loc, NULL, NULL,
	    "%s holds an unencrypted private key and is tracked by git: "
	    "everyone with the repository, and its history, has the key",
	    k->src->name);
}

const struct rule rule_key_tracked_by_git = {
	.id = "key-tracked-by-git",
	.severity = SEV_INFO,
	.summary = "an unencrypted private key is committed to git",
	.rationale = "A key in a repository is in every clone and in the "
	    "history forever (removing it later does not unpublish it). "
	    "Deployment keys are better kept in a secret store; if the "
	    "repository is the store, restrict who can read it. The "
	    "pre-commit framework's detect-private-key hook blocks every "
	    "key; README.md says how to let certgate lint the bundle instead.",
	.hint = "git rm --cached server.key, keep it in a secret store, and "
	    "add it to .gitignore (or accept the risk and disable this rule "
	    "in .certgate.ini)",
	.check = check,
};
