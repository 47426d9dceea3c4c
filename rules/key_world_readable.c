/*
 * key-world-readable: the private key file can be read by its group or by
 * everyone.
 */
#include "rule.h"

#include <stdlib.h>

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	const struct key *k = b->key;
	char *hint;
	int ret;

	if (k == NULL || !k->src->has_mode || (k->src->mode & 077) == 0)
		return 0;
	hint = str_printf("chmod 600 %s", k->src->name);
	if (hint == NULL)
		return -1;
	ret = finding_add(out, self, &k->loc, NULL, hint,
	    "%s is readable by %s (mode %04o): PostgreSQL refuses to start "
	    "with it (\"private key file has group or world access\"), and "
	    "anyone on the machine can copy it", k->src->name,
	    (k->src->mode & 044) == 044 || (k->src->mode & 004) ? "everyone" :
	    "its group", k->src->mode & 0777);
	free(hint);
	return ret;
}

const struct rule rule_key_world_readable = {
	.id = "key-world-readable",
	.severity = SEV_WARNING,
	.summary = "the private key file is readable by group or others",
	.rationale = "PostgreSQL's be-secure-common.c check_ssl_key_file() "
	    "refuses a key with group or world access (0640 is tolerated "
	    "only when root owns it) and does not start (\"private key file "
	    "... has group or world access\"); a key that others can read is "
	    "no longer private.",
	.hint = "chmod 600 server.key",
	.check = check,
};
