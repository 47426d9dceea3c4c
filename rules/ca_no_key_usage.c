/*
 * ca-no-key-usage: the v3 CA certificate has no keyUsage extension,
 * which Python 3.13's strict verification refuses.
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
	    ca->info.has_ku || !ca->info.has_bc || !ca->info.bc_ca)
		return 0;       /* no CA:TRUE at all: ca-not-ca */
	cert_display_name(ca, dn, sizeof(dn));
	hint = ca_reissue_hint(ca, "re-issue the CA certificate", 0);
	if (hint == NULL)
		return -1;
	ret = finding_add(out, self, &ca->loc, NULL, hint,
	    "the CA certificate (%s) has no keyUsage extension: python "
	    "3.13+ (ssl.create_default_context() sets VERIFY_X509_STRICT) "
	    "rejects it with \"CA cert does not include key usage "
	    "extension\"; libpq, mariadb, mysql and go accept it",
	    dn);
	free(hint);
	return ret;
}

const struct rule rule_ca_no_key_usage = {
	.id = "ca-no-key-usage",
	.severity = SEV_WARNING,
	.summary = "the CA certificate has no keyUsage (Python 3.13+ strict "
	    "mode rejects it)",
	.rationale = "RFC 5280 section 4.2.1.3: conforming CAs MUST include "
	    "keyUsage in certificates whose key signs other certificates. "
	    "Python 3.13 made ssl.create_default_context() set "
	    "VERIFY_X509_STRICT (Lib/ssl.py), and OpenSSL's strict "
	    "check_extensions() (crypto/x509/x509_vfy.c) then fails with "
	    "X509_V_ERR_CA_CERT_MISSING_KEY_USAGE. Debian's default v3_ca "
	    "section, which the guides' 'openssl req -x509' uses, sets no "
	    "keyUsage.",
	.hint = "re-issue the CA certificate with its own key and "
	    "subject, so server.crt stays valid: openssl req -new -x509 "
	    "-key server-ca.key -days 3650 -subj \"/CN=root-ca\" -addext "
	    "\"basicConstraints=critical,CA:TRUE\" -addext "
	    "\"keyUsage=critical,keyCertSign,cRLSign\" -addext "
	    "\"subjectKeyIdentifier=hash\" -out server-ca.crt; then give "
	    "clients the new server-ca.crt",
	.check = check,
};
