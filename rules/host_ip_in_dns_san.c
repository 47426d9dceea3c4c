/*
 * host-ip-in-dns-san: an IP address written as a dNSName SAN or CN.
 */
#include "common.h"

#include <stdlib.h>
#include <string.h>

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	const struct cert *c = b->leaf;
	char acc[200], ref[200], *name, *hint;
	size_t i, e;
	int ret = 0, said;

	if (c == NULL)
		return 0;
	for (i = 0; i < c->nnames && ret == 0; i++) {
		const struct cert_name *n = &c->names[i];

		if (n->type == NAME_IP ||
		    !name_is_ip_text(n->value.p, n->value.len))
			continue;
		name = name_text(n);
		hint = san_hint(b);
		if (name == NULL || hint == NULL) {
			free(name);
			free(hint);
			return -1;
		}
		said = 0;
		for (e = 0; e < b->neps && ret == 0; e++) {
			if (b->eps[e].type == HOST_DNS ||
			    strlen(b->eps[e].host) != n->value.len ||
			    memcmp(b->eps[e].host, n->value.p,
			    n->value.len) != 0)
				continue;
			profiles_split(c->names, c->nnames, &b->eps[e], acc,
			    sizeof(acc), ref, sizeof(ref));
			ret = finding_add(out, self, &c->loc, b->eps[e].host,
			    hint, "%s holds an IP address as a name, not as an "
			    "iPAddress SAN: for %s it is accepted by %s and "
			    "refused by %s", name, b->eps[e].host, acc, ref);
			said = 1;
		}
		if (!said && ret == 0)
			ret = finding_add(out, self, &c->loc, NULL, hint,
			    "%s holds an IP address as a name, not as an "
			    "iPAddress SAN: libpq, mariadb and the Java drivers "
			    "compare it as text, mysql, python and go only "
			    "accept IP:%.*s", name, (int)n->value.len,
			    (const char *)n->value.p);
		free(name);
		free(hint);
	}
	return ret;
}

const struct rule rule_host_ip_in_dns_san = {
	.id = "host-ip-in-dns-san",
	.severity = SEV_WARNING,
	.summary = "an IP address is written as a DNS name (dNSName SAN or CN) "
	    "instead of an iPAddress SAN",
	.rationale = "RFC 5280 4.2.1.6 and RFC 9525 6.2.1: an IP address is an "
	    "iPAddress SAN. libpq (fe-secure-openssl.c) and MariaDB "
	    "Connector/C (X509_check_host before X509_check_ip_asc) and "
	    "PgJDBC compare an IP host with dNSName text too; "
	    "libmysqlclient and Python (X509_VERIFY_PARAM_set1_ip) and Go "
	    "(VerifyHostname) look only at iPAddress SANs.",
	.hint = "re-sign with subjectAltName=IP:<address> for IP endpoints",
	.check = check,
};
