/*
 * cert-no-san: the server certificate names no endpoint in a
 * subjectAltName (no dNSName, no iPAddress).
 */
#include "common.h"

#include <stdlib.h>

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	const struct cert *c = b->leaf;
	char *hint, *cn = NULL;
	int ret;

	if (c == NULL || c->has_dns_san || c->has_ip_san)
		return 0;
	if (c->info.ncns > 0 &&
	    (cn = str_printable(c->info.cns[0].p, c->info.cns[0].len)) == NULL)
		return -1;
	hint = san_hint(b);
	if (hint == NULL) {
		free(cn);
		return -1;
	}
	if (cn != NULL)
		ret = finding_add(out, self, &c->loc, NULL, hint,
		    "the server certificate has no DNS or IP subjectAltName, "
		    "only the subject CN=%s: go never reads the CN and refuses "
		    "it (\"x509: certificate relies on legacy Common Name "
		    "field, use SANs instead\"); for an IP endpoint python, "
		    "mysql and go compare iPAddress SANs only; for host names "
		    "libpq, mariadb, mysql, python, pgjdbc and connector-j "
		    "still fall back to the CN", cn);
	else
		ret = finding_add(out, self, &c->loc, NULL, hint,
		    "the server certificate has no DNS or IP subjectAltName "
		    "and no subject CN: it names no host, so every client "
		    "(libpq, mariadb, mysql, python, go, pgjdbc, connector-j) "
		    "refuses it in verify-full");
	free(hint);
	free(cn);
	return ret;
}

const struct rule rule_cert_no_san = {
	.id = "cert-no-san",
	.severity = SEV_WARNING,
	.summary = "the server certificate has no DNS or IP subjectAltName",
	.rationale = "RFC 9525 section 6.3: a client matches the host against "
	    "the subjectAltName only, the CN is no longer an identifier (RFC "
	    "6125 6.4.4 merely tolerated it). Go's crypto/x509 has ignored "
	    "the CN since Go 1.15 (verify.go: \"x509: certificate relies on "
	    "legacy Common Name field, use SANs instead\"); Python's ssl and "
	    "MySQL's client match an IP literal against iPAddress SANs only.",
	.hint = "re-sign server.csr with -extfile san.ext holding "
	    "subjectAltName=DNS:<endpoint>[,IP:<address>]",
	.check = check,
};
