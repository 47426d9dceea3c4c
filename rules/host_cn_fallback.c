/*
 * host-cn-fallback: an endpoint is covered only through the subject CN.
 */
#include "common.h"

#include <stdlib.h>

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	const struct cert *c = b->leaf;
	struct coverage cv;
	char *hint, *name;
	size_t i;
	int ret;

	if (c == NULL)
		return 0;
	for (i = 0; i < b->neps; i++) {
		hostmatch_endpoint(&b->eps[i], c->names, c->nnames, &cv);
		if (!cv.covered || !cv.via_cn)
			continue;
		hint = san_hint(b);
		name = name_text(&c->names[cv.index]);
		ret = -1;
		if (hint != NULL && name != NULL)
			ret = finding_add(out, self, &c->loc, b->eps[i].host, hint,
			    "%s is covered only by the subject %s: the "
			    "certificate has no DNS subjectAltName, so Go "
			    "clients and RFC 9525 clients reject it",
			    b->eps[i].host, name);
		free(hint);
		free(name);
		if (ret != 0)
			return -1;
	}
	return 0;
}

const struct rule rule_host_cn_fallback = {
	.id = "host-cn-fallback",
	.severity = SEV_WARNING,
	.summary = "an endpoint is covered only through the subject CN",
	.rationale = "RFC 9525 section 6.3 drops the CN as an identifier (RFC "
	    "6125 6.4.4 only tolerated it). Go's crypto/x509 ignores the CN "
	    "since Go 1.15 (\"x509: certificate relies on legacy Common Name "
	    "field\"); libpq, OpenSSL-based and Java clients still fall back "
	    "to it. The guides' single-endpoint commands make exactly such a "
	    "certificate.",
	.hint = "re-sign server.csr with -extfile adding subjectAltName=DNS:"
	    "<endpoint>",
	.check = check,
};
