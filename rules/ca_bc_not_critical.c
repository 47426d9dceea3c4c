/*
 * ca-bc-not-critical: the CA certificate's basicConstraints is not marked
 * critical, which Python 3.13's strict verification refuses.
 */
#include "common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	const struct cert *ca = b->ca;
	char dn[300], *hint;
	int ret;

	if (ca == NULL || ca == b->leaf || ca->info.version < 3 ||
	    !ca->info.has_bc || !ca->info.bc_ca || ca->info.bc_critical)
		return 0;
	cert_display_name(ca, dn, sizeof(dn));
	hint = ca_reissue_hint(ca, "re-issue the CA certificate", 0);
	if (hint == NULL)
		return -1;
	ret = finding_add(out, self, &ca->loc, NULL, hint,
	    "the CA certificate (%s) has basicConstraints CA:TRUE not "
	    "marked critical: python 3.13+ (ssl.create_default_context() sets "
	    "VERIFY_X509_STRICT) rejects it with \"Basic Constraints of CA "
	    "cert not marked critical\"; libpq, mariadb, mysql and go accept "
	    "it", dn);
	free(hint);
	return ret;
}

const struct rule rule_ca_bc_not_critical = {
	.id = "ca-bc-not-critical",
	.severity = SEV_WARNING,
	.summary = "the CA certificate's basicConstraints is not critical "
	    "(Python 3.13+ strict mode rejects it)",
	.rationale = "RFC 5280 section 4.2.1.9: conforming CAs MUST mark "
	    "basicConstraints critical in CA certificates. Python 3.13 made "
	    "ssl.create_default_context() set VERIFY_X509_STRICT (Lib/ssl.py), "
	    "and OpenSSL's strict check_extensions() (crypto/x509/x509_vfy.c) "
	    "then fails with X509_V_ERR_CA_BCONS_NOT_CRITICAL.",
	.hint = "re-issue the CA certificate with its own key and "
	    "subject, so server.crt stays valid: openssl req -new -x509 "
	    "-key server-ca.key -days 3650 -subj \"/CN=root-ca\" -addext "
	    "\"basicConstraints=critical,CA:TRUE\" -addext "
	    "\"keyUsage=critical,keyCertSign,cRLSign\" -addext "
	    "\"subjectKeyIdentifier=hash\" -out server-ca.crt; then give "
	    "clients the new server-ca.crt",
	.check = check,
};
