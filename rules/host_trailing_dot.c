/*
 * host-trailing-dot: an endpoint or a name ends with a dot; clients differ
 * in whether "host." equals "host".
 */
#include "common.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Does name equal host when a final dot on either side is ignored, but not
 * as written? */
static int
dot_differs(const struct cert_name *n, const char *host)
{
	size_t hlen = strlen(host), nlen = n->value.len;
	int hdot = hlen > 0 && host[hlen - 1] == '.';
	int ndot = nlen > 0 && n->value.p[nlen - 1] == '.';

	if (n->type == NAME_IP || hdot == ndot ||
	    bytes_have_nul(n->value.p, nlen))
		return 0;
	hlen -= (size_t)hdot;
	nlen -= (size_t)ndot;
	return hlen == nlen && strncasecmp(host, (const char *)n->value.p,
	    hlen) == 0;
}

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	const struct cert *c = b->leaf;
	char acc[200], ref[200], *name, *hint;
	size_t i, e;
	int ret = 0;

	if (c == NULL)
		return 0;
	for (e = 0; e < b->neps && ret == 0; e++) {
		for (i = 0; i < c->nnames && ret == 0; i++) {
			if (!dot_differs(&c->names[i], b->eps[e].host))
				continue;
			name = name_text(&c->names[i]);
			hint = san_hint(b);
			profiles_split(c->names, c->nnames, &b->eps[e], acc,
			    sizeof(acc), ref, sizeof(ref));
			if (name != NULL && hint != NULL)
				ret = finding_add(out, self, &c->loc,
				    b->eps[e].host, hint, "%s and the endpoint "
				    "%s differ only by a final dot: accepted by "
				    "%s, refused by %s", name, b->eps[e].host,
				    acc, ref);
			else
				ret = -1;
			free(name);
			free(hint);
			break;          /* once per endpoint */
		}
	}
	return ret;
}

const struct rule rule_host_trailing_dot = {
	.id = "host-trailing-dot",
	.severity = SEV_WARNING,
	.summary = "an endpoint or a certificate name ends with a dot: clients "
	    "differ on whether it matches",
	.rationale = "A final dot marks a fully qualified DNS name (RFC 1034 "
	    "3.1) but certificate names are written without it (RFC 5280 "
	    "4.2.1.6). Go strips the host's final dot before matching "
	    "(crypto/x509 matchHostnames); OpenSSL, libpq, Python and Java "
	    "compare the strings as they are.",
	.hint = "use the endpoint without the final dot, and names without "
	    "it in subjectAltName",
	.check = check,
};
