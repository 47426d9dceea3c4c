/*
 * cert-v1: the server certificate is X.509 version 1, so it carries no
 * extensions at all.
 */
#include "common.h"

#include <stdlib.h>

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	const struct cert *c = b->leaf;
	char dn[300], *hint;
	int ret;

	if (c == NULL || c->info.version != 1)
		return 0;
	hint = san_hint(b);
	if (hint == NULL)
		return -1;
	cert_display_name(c, dn, sizeof(dn));
	ret = finding_add(out, self, &c->loc, NULL, hint,
	    "the server certificate (%s) is X.509 version 1: it cannot hold "
	    "extensions, so it has no subjectAltName (go, which never reads "
	    "the CN, refuses it for every host), no keyUsage, "
	    "extendedKeyUsage or key identifiers; 'openssl x509 -req' "
	    "without -extfile makes such a certificate",
	    dn);
	free(hint);
	return ret;
}

const struct rule rule_cert_v1 = {
	.id = "cert-v1",
	.severity = SEV_WARNING,
	.summary = "the server certificate is X.509 version 1 (no extensions "
	    "possible)",
	.rationale = "RFC 5280 section 4.1.2.1: extensions exist only in "
	    "version 3 certificates. OpenSSL's 'x509 -req' (openssl-x509(1)) "
	    "writes a version 1 certificate when no -extfile/-extensions is "
	    "given, which is what both provider guides' single-endpoint "
	    "commands do: the certificate can then name its endpoint only in "
	    "the subject CN, which Go (crypto/x509, since 1.15) and RFC 9525 "
	    "section 6.3 no longer accept.",
	.hint = "re-sign server.csr with -extfile san.ext holding "
	    "subjectAltName=DNS:<endpoint> and extendedKeyUsage=serverAuth",
	.check = check,
};
