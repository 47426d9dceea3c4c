/*
 * host-not-covered: an endpoint is covered by no name of the certificate.
 */
#include "common.h"

#include <stdlib.h>
#include <string.h>

/* Why a near miss failed, or "" when nothing comes close. */
static const char *
near_miss(const struct endpoint *ep, const struct cert *c)
{
	size_t i;
	char ip[64];

	for (i = 0; i < c->nnames; i++) {
		const struct cert_name *n = &c->names[i];

		if (ep->type == HOST_DNS && n->type == NAME_CN &&
		    c->has_dns_san && hostmatch_dns(ep->host, n->value.p,
		    n->value.len))
			return " (the subject CN names it, but clients ignore "
			    "the CN when the certificate has dNSName SANs)";
		if (ep->type != HOST_DNS && n->type != NAME_IP &&
		    n->value.len == strlen(ep->host) &&
		    memcmp(n->value.p, ep->host, n->value.len) == 0)
			return " (the address is written as a DNS name or CN; "
			    "an IP endpoint needs an iPAddress SAN, IP:...)";
		if (ep->type != HOST_DNS && n->type == NAME_IP &&
		    strcmp(ip_format(n->value.p, n->value.len, ip,
		    sizeof(ip)), ep->host) == 0)
			return "";
	}
	return "";
}

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	const struct cert *c = b->leaf;
	struct coverage cv;
	char *names, *hint;
	size_t i;
	int ret;

	if (c == NULL)
		return 0;
	for (i = 0; i < b->neps; i++) {
		hostmatch_endpoint(&b->eps[i], c->names, c->nnames, &cv);
		if (cv.covered)
			continue;
		names = names_list(c);
		hint = san_hint(b);
		ret = -1;
		if (names != NULL && hint != NULL)
			ret = finding_add(out, self, &c->loc, b->eps[i].host, hint,
			    "%s is not covered by the certificate, which names "
			    "%s%s", b->eps[i].host, names,
			    near_miss(&b->eps[i], c));
		free(names);
		free(hint);
		if (ret != 0)
			return -1;
	}
	return 0;
}

const struct rule rule_host_not_covered = {
	.id = "host-not-covered",
	.severity = SEV_ERROR,
	.summary = "an endpoint is covered by no SAN (nor by the CN when the "
	    "certificate has no DNS SAN)",
	.rationale = "RFC 6125 section 6.4 / RFC 9525 section 6.3: a client in "
	    "verify-full (libpq sslmode=verify-full, MySQL VERIFY_IDENTITY, "
	    "MariaDB --ssl-verify-server-cert, every Go, Python and Java "
	    "driver) compares the host it dialled with the certificate's "
	    "names and refuses the connection when none matches.",
	.hint = "re-sign server.csr with -extfile adding subjectAltName=DNS:"
	    "<endpoint> for every endpoint",
	.check = check,
};
