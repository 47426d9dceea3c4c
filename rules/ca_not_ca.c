/*
 * ca-not-ca: the CA certificate cannot act as a CA for OpenSSL-based
 * clients.
 */
#include "rule.h"

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	const struct certinfo *ci;
	const char *why;

	if (b->ca == NULL)
		return 0;
	ci = &b->ca->info;
	if (ci->version == 1)
		return 0;       /* a v1 root is accepted (ca-v1 warns) */
	if (ci->has_bc && !ci->bc_ca)
		why = "its basicConstraints says CA:FALSE";
	else if (!ci->has_bc && !(ci->has_ku && (ci->ku & KU_KEY_CERT_SIGN)))
		why = "it is a v3 certificate with neither basicConstraints "
		    "CA:TRUE nor keyUsage keyCertSign";
	else if (ci->has_ku && !(ci->ku & KU_KEY_CERT_SIGN))
		why = "its keyUsage lacks keyCertSign";
	else
		return 0;
	return finding_add(out, self, &b->ca->loc, NULL, NULL,
	    "%s cannot act as a CA: %s; OpenSSL-based clients (libpq, mariadb, "
	    "mysql) fail with \"invalid CA certificate\"", b->ca->loc.file, why);
}

const struct rule rule_ca_not_ca = {
	.id = "ca-not-ca",
	.severity = SEV_ERROR,
	.summary = "the CA certificate cannot act as a CA (no CA:TRUE nor "
	    "keyCertSign, CA:FALSE, or keyUsage without keyCertSign)",
	.rationale = "RFC 5280 sections 4.2.1.9 and 4.2.1.3; OpenSSL's "
	    "check_ca() (crypto/x509/v3_purp.c) accepts a v3 issuer only with "
	    "basicConstraints CA:TRUE or keyUsage keyCertSign, and never with "
	    "CA:FALSE or a keyUsage lacking keyCertSign; verification fails "
	    "with X509_V_ERR_INVALID_CA.",
	.hint = "make the CA as the guides do (Debian's v3_ca section): "
	    "openssl req -new -x509 -days 3650 -nodes -out server-ca.crt "
	    "-keyout server-ca.key -subj \"/CN=root-ca\" -addext "
	    "\"basicConstraints=critical,CA:TRUE\" -addext "
	    "\"keyUsage=critical,keyCertSign,cRLSign\"",
	.check = check,
};
