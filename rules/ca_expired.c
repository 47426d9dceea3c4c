/*
 * ca-expired: the CA certificate's validity has ended at --now.
 */
#include "common.h"

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	return rule_window(self, b, b->ca, "CA certificate", WIN_EXPIRED, out);
}

const struct rule rule_ca_expired = {
	.id = "ca-expired",
	.severity = SEV_ERROR,
	.summary = "the CA certificate's validity has ended at --now",
	.rationale = "RFC 5280 section 6.1.3 (a)(2): every certificate of the "
	    "path must be valid at the time of validation, the trust anchor "
	    "included for OpenSSL (X509_V_ERR_CERT_HAS_EXPIRED at depth 1); "
	    "clients holding this server-ca.crt refuse the server.",
	.hint = "make a new CA and re-sign: openssl req -new -x509 -days 3650 "
	    "-nodes -out server-ca.crt -keyout server-ca.key -subj "
	    "\"/CN=root-ca\", then distribute server-ca.crt to clients",
	.check = check,
};
