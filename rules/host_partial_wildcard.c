/*
 * host-partial-wildcard: a name with a '*' that is not the whole left-most
 * label ("rm-*", "rm*", "*x"): clients disagree on it.
 */
#include "common.h"

#include <stdlib.h>
#include <string.h>

static int
partial(const struct cert_name *n)
{
	const unsigned char *star = memchr(n->value.p, '*', n->value.len);

	if (n->type == NAME_IP || star == NULL)
		return 0;
	return !(star == n->value.p && n->value.len > 1 && star[1] == '.');
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
	for (i = 0; i < c->nnames && ret == 0; i++) {
		if (!partial(&c->names[i]) ||
		    (c->names[i].type == NAME_CN && c->has_dns_san))
			continue;
		name = name_text(&c->names[i]);
		hint = san_hint(b);
		if (name == NULL || hint == NULL) {
			free(name);
			free(hint);
			return -1;
		}
		if (b->neps == 0)
			ret = finding_add(out, self, &c->loc, NULL, hint,
			    "%s is a partial wildcard: OpenSSL's X509_check_host "
			    "(mariadb, mysql) and Connector/J accept it, "
			    "libpq, python (NO_PARTIAL_WILDCARDS), go and "
			    "pgjdbc never match it", name);
		for (e = 0; e < b->neps && ret == 0; e++) {
			profiles_split(&c->names[i], 1, &b->eps[e], acc,
			    sizeof(acc), ref, sizeof(ref));
			ret = finding_add(out, self, &c->loc, b->eps[e].host,
			    hint, "%s is a partial wildcard; for %s it is "
			    "accepted by %s and refused by %s", name,
			    b->eps[e].host, acc, ref);
		}
		free(name);
		free(hint);
	}
	return ret;
}

const struct rule rule_host_partial_wildcard = {
	.id = "host-partial-wildcard",
	.severity = SEV_WARNING,
	.summary = "a name holds a partial wildcard (rm-*, rm*, *x): clients "
	    "disagree on it",
	.rationale = "RFC 9525 section 6.3 allows only a whole left-most "
	    "label '*'. OpenSSL's X509_check_host without "
	    "NO_PARTIAL_WILDCARDS (MariaDB Connector/C, libmysqlclient) "
	    "accepts 'rm*' and '*x' but not 'rm-*' (v3_utl.c valid_star); "
	    "libpq only knows '*.' (fe-secure-common.c), Python sets "
	    "NO_PARTIAL_WILDCARDS, Go and PgJDBC compare such names "
	    "literally, Connector/J accepts any '*' in the first label.",
	.hint = "re-sign with the exact endpoint names (or a whole-label "
	    "*.domain) as subjectAltName",
	.check = check,
};
