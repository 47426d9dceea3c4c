/*
 * ca-v1: the CA certificate is X.509 version 1; OpenSSL accepts it as a
 * root, Python 3.13's strict verification does not.
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

	if (ca == NULL || ca == b->leaf || ca->info.version != 1)
		return 0;
	cert_display_name(ca, dn, sizeof(dn));
	hint = ca_reissue_hint(ca, "re-issue the CA certificate as "
	    "version 3", 0);
	if (hint == NULL)
		return -1;
	ret = finding_add(out, self, &ca->loc, NULL, hint,
	    "the CA certificate (%s) is X.509 version 1, with no "
	    "basicConstraints: libpq, mariadb and mysql (OpenSSL without "
	    "strict mode) accept it as a root and go does not check roots, "
	    "but python 3.13+ (ssl.create_default_context() sets "
	    "VERIFY_X509_STRICT) rejects it with \"invalid CA certificate\"",
	    dn);
	free(hint);
	return ret;
}

const struct rule rule_ca_v1 = {
	.id = "ca-v1",
	.severity = SEV_WARNING,
	.summary = "the CA certificate is X.509 version 1 (Python 3.13+ strict "
	    "mode rejects it)",
	.rationale = "RFC 5280 section 4.2.1.9: a CA certificate carries "
	    "basicConstraints CA:TRUE, which needs version 3 (4.1.2.1). "
	    "OpenSSL's check_ca() (crypto/x509/v3_purp.c) still takes a "
	    "self-signed v1 certificate as a root, except under "
	    "X509_V_FLAG_X509_STRICT, which Python 3.13's "
	    "ssl.create_default_context() sets (Lib/ssl.py): then "
	    "X509_V_ERR_INVALID_CA (measured with OpenSSL 3.0).",
	.hint = "re-issue the CA certificate as version 3 with its "
	    "own key and subject, so server.crt stays valid: openssl req "
	    "-new -x509 -key server-ca.key -days 3650 -subj "
	    "\"/CN=root-ca\" -addext \"basicConstraints=critical,CA:TRUE\" "
	    "-addext \"keyUsage=critical,keyCertSign,cRLSign\" -addext "
	    "\"subjectKeyIdentifier=hash\" -out server-ca.crt; then give "
	    "clients the new server-ca.crt",
	.check = check,
};
