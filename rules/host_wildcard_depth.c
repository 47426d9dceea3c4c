/*
 * host-wildcard-depth: a wildcard cannot cover the endpoint because '*'
 * would have to span more than one label.
 */
#include "common.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The endpoint ends with the pattern's part after "*." but has more than
 * one label in front of it. */
static int
too_deep(const struct cert_name *n, const char *host)
{
	size_t hlen = strlen(host), slen;
	const char *suffix;

	if (n->type == NAME_IP || n->value.len < 3 || n->value.p[0] != '*' ||
	    n->value.p[1] != '.' || bytes_have_nul(n->value.p, n->value.len))
		return 0;
	slen = n->value.len - 1;        /* ".suffix" */
	if (hlen <= slen)
		return 0;
	suffix = host + hlen - slen;
	if (strncasecmp(suffix, (const char *)n->value.p + 1, slen) != 0)
		return 0;
	return memchr(host, '.', hlen - slen) != NULL;
}

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	const struct cert *c = b->leaf;
	char *name, *hint;
	size_t i, e;
	int ret = 0;

	if (c == NULL)
		return 0;
	for (e = 0; e < b->neps && ret == 0; e++) {
		if (b->eps[e].type != HOST_DNS)
			continue;
		for (i = 0; i < c->nnames && ret == 0; i++) {
			if (!too_deep(&c->names[i], b->eps[e].host) ||
			    (c->names[i].type == NAME_CN && c->has_dns_san))
				continue;
			name = name_text(&c->names[i]);
			hint = san_hint(b);
			if (name != NULL && hint != NULL)
				ret = finding_add(out, self, &c->loc,
				    b->eps[e].host, hint, "%s cannot cover %s: "
				    "a wildcard matches exactly one label, and "
				    "%s is more than one label below it", name,
				    b->eps[e].host, b->eps[e].host);
			else
				ret = -1;
			free(name);
			free(hint);
		}
	}
	return ret;
}

const struct rule rule_host_wildcard_depth = {
	.id = "host-wildcard-depth",
	.severity = SEV_ERROR,
	.summary = "a wildcard cannot cover the endpoint: it would have to "
	    "span more than one label",
	.rationale = "RFC 6125 section 6.4.3 and RFC 9525 section 6.3: '*' "
	    "matches one label only; every client agrees (OpenSSL "
	    "wildcard_match refuses a '.', libpq refuses a dot left of the "
	    "suffix, Go compares label counts), so *.rds.aliyuncs.com does "
	    "not cover rm-xxx.mysql.rds.aliyuncs.com.",
	.hint = "re-sign with the endpoint itself, or a wildcard one label "
	    "above it (*.mysql.rds.aliyuncs.com), as subjectAltName",
	.check = check,
};
