/*
 * ca-expires-before-cert: the CA certificate expires before the server
 * certificate it signed.
 */
#include "common.h"

#include <stdio.h>

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	const struct cert *c = b->leaf, *ca = b->ca;
	char t1[32], t2[32], dn[300], hint[600];
	int64_t days, left;

	if (c == NULL || ca == NULL || ca == c ||
	    ca->info.not_after >= c->info.not_after ||
	    b->now > ca->info.not_after)        /* ca-expired says it */
		return 0;
	days = (c->info.not_after - ca->info.not_after) / 86400;
	left = (ca->info.not_after - b->now) / 86400;
	cert_display_name(ca, dn, sizeof(dn));
	snprintf(hint, sizeof(hint), "renew the CA before %s and give "
	    "clients the new server-ca.crt, or sign the server certificate to "
	    "end with the CA: openssl x509 -req -in server.csr -days %lld -CA "
	    "server-ca.crt -CAkey server-ca.key -CAcreateserial -extfile "
	    "san.ext -out server.crt", time_format(ca->info.not_after, t1,
	    sizeof(t1)), (long long)(left > 0 ? left : 1));
	return finding_add(out, self, &ca->loc, NULL, hint,
	    "the CA certificate (%s) expires on %s, %lld day%s before the "
	    "server certificate (%s): from then on libpq, mariadb, mysql and "
	    "python fail with \"certificate has expired\" at depth 1, go "
	    "with \"x509: certificate has expired or is not yet valid\", "
	    "pgjdbc and connector-j with \"PKIX path validation failed\", "
	    "although the server certificate is still valid", dn,
	    time_format(ca->info.not_after, t1, sizeof(t1)), (long long)days,
	    days == 1 ? "" : "s",
	    time_format(c->info.not_after, t2, sizeof(t2)));
}

const struct rule rule_ca_expires_before_cert = {
	.id = "ca-expires-before-cert",
	.severity = SEV_WARNING,
	.summary = "the CA certificate expires before the server certificate",
	.rationale = "RFC 5280 section 6.1.3 (a)(2): every certificate of the "
	    "path must be valid at validation time; OpenSSL checks the trust "
	    "anchor's window too (X509_V_ERR_CERT_HAS_EXPIRED at depth 1). "
	    "The server certificate's longer validity is then worthless, and "
	    "the outage comes with no warning from the server certificate's "
	    "own date. The guides make both with -days 365, so a CA made a "
	    "day before the server certificate dies a day earlier.",
	.hint = "renew the CA before it expires and give clients the new "
	    "server-ca.crt, or re-sign server.csr with -days ending before the "
	    "CA's notAfter",
	.check = check,
};
