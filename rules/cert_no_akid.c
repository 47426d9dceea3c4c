/*
 * cert-no-akid: the v3 server certificate has no authorityKeyIdentifier
 * keyIdentifier, which Python 3.13's strict verification refuses.
 */
#include "common.h"

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	const struct cert *c = b->leaf;
	char dn[300];

	/* OpenSSL's strict check skips version 1 certificates (measured:
	 * the guides' v1 server certificate passes it) and self-signed
	 * ones. */
	if (c == NULL || c->self_signed || c->info.version < 3 ||
	    (c->info.has_akid && c->info.akid_keyid))
		return 0;
	cert_display_name(c, dn, sizeof(dn));
	return finding_add(out, self, &c->loc, NULL, NULL,
	    "the server certificate (%s) has %s: python 3.13+ "
	    "(ssl.create_default_context() sets VERIFY_X509_STRICT) rejects "
	    "it with \"Missing Authority Key Identifier\"; libpq, mariadb, "
	    "mysql and go accept it%s", dn, c->info.has_akid ?
	    "an authorityKeyIdentifier without a keyIdentifier (only issuer "
	    "name and serial)" : "no authorityKeyIdentifier",
	    b->ca == NULL || b->ca == c || b->ca->info.has_skid ? "" :
	    b->ca->info.version == 1 ? "; its CA is version 1 and has no "
	    "subjectKeyIdentifier to name (ca-v1): fix the CA first" :
	    "; its CA has no subjectKeyIdentifier to name (ca-no-skid): fix "
	    "the CA first");
}

const struct rule rule_cert_no_akid = {
	.id = "cert-no-akid",
	.severity = SEV_WARNING,
	.summary = "the server certificate has no authorityKeyIdentifier "
	    "keyIdentifier (Python 3.13+ strict mode rejects it)",
	.rationale = "RFC 5280 section 4.2.1.1: the keyIdentifier of the "
	    "authorityKeyIdentifier MUST be included in all certificates but "
	    "self-signed ones. Python 3.13 made ssl.create_default_context() "
	    "set VERIFY_X509_STRICT (Lib/ssl.py), and OpenSSL's strict "
	    "check_extensions() (crypto/x509/x509_vfy.c) then fails a v3 "
	    "certificate below the trust anchor with "
	    "X509_V_ERR_MISSING_AUTHORITY_KEY_IDENTIFIER (it wants the "
	    "keyIdentifier; a version 1 certificate is not checked).",
	.hint = "re-sign with the identifier: printf "
	    "'authorityKeyIdentifier=keyid\\nsubjectKeyIdentifier=hash\\n"
	    "subjectAltName=DNS:<endpoint>\\n' > san.ext && openssl x509 -req "
	    "-in server.csr -days 365 -CA server-ca.crt -CAkey server-ca.key "
	    "-CAcreateserial -extfile san.ext -out server.crt",
	.check = check,
};
