/*
 * host-none-given: no endpoint given, so host coverage was not checked.
 */
#include "common.h"

#include <stdlib.h>

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	char *names;
	int ret;

	if (b->leaf == NULL || b->neps > 0)
		return 0;
	names = names_list(b->leaf);
	if (names == NULL)
		return -1;
	ret = finding_add(out, self, &b->leaf->loc, NULL, NULL,
	    "no endpoint given (-e HOST): not checked which hosts it protects; "
	    "the certificate names %s", names);
	free(names);
	return ret;
}

const struct rule rule_host_none_given = {
	.id = "host-none-given",
	.severity = SEV_INFO,
	.summary = "no endpoint given: list the names the certificate covers",
	.rationale = "A certificate is only right for the endpoints clients "
	    "dial; certgate can check coverage only when told which "
	    "(ApsaraDB RDS guides: replace rm-bpxxxxx / pgm-bpxxxxx with the "
	    "instance's real endpoint).",
	.hint = "pass the instance endpoints, e.g. "
	    "-e rm-bp1abc.mysql.rds.aliyuncs.com",
	.check = check,
};
