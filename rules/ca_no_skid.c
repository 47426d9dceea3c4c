/*
 * ca-no-skid: the v3 CA certificate has no subjectKeyIdentifier, which
 * Python 3.13's strict verification refuses.
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
	    ca->info.has_skid || !ca->info.has_bc || !ca->info.bc_ca)
		return 0;
	cert_display_name(ca, dn, sizeof(dn));
	hint = ca_reissue_hint(ca, "re-issue the CA certificate with "
	    "its own key and a key identifier", 1);
	if (hint == NULL)
		return -1;
	ret = finding_add(out, self, &ca->loc, NULL, hint,
	    "the CA certificate (%s) has no subjectKeyIdentifier: python "
	    "3.13+ (ssl.create_default_context() sets VERIFY_X509_STRICT) "
	    "rejects it with \"Missing Subject Key Identifier\", and the "
	    "certificates it signs cannot name it by key identifier; libpq, "
	    "mariadb, mysql and go accept it", dn);
	free(hint);
	return ret;
}

const struct rule rule_ca_no_skid = {
	.id = "ca-no-skid",
	.severity = SEV_WARNING,
	.summary = "the CA certificate has no subjectKeyIdentifier (Python "
	    "3.13+ strict mode rejects it)",
	.rationale = "RFC 5280 section 4.2.1.2: the subjectKeyIdentifier MUST "
	    "appear in all conforming CA certificates, so that the "
	    "certificates it signs can carry a matching authorityKeyIdentifier "
	    "(4.2.1.1). Python 3.13 made ssl.create_default_context() set "
	    "VERIFY_X509_STRICT (Lib/ssl.py), and OpenSSL's strict "
	    "check_extensions() (crypto/x509/x509_vfy.c) then fails with "
	    "X509_V_ERR_MISSING_SUBJECT_KEY_IDENTIFIER.",
	.hint = "re-issue the CA certificate with its own key and a "
	    "key identifier, then re-sign the server certificate (its "
	    "authorityKeyIdentifier must name the new one): openssl req "
	    "-new -x509 -key server-ca.key -days 3650 -subj "
	    "\"/CN=root-ca\" -addext \"basicConstraints=critical,CA:TRUE\" "
	    "-addext \"keyUsage=critical,keyCertSign,cRLSign\" -addext "
	    "\"subjectKeyIdentifier=hash\" -out server-ca.crt && openssl "
	    "x509 -req -in server.csr -days 365 -CA server-ca.crt -CAkey "
	    "server-ca.key -CAcreateserial -extfile san.ext -out server.crt",
	.check = check,
};
