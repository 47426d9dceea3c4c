/*
 * cert-not-yet-valid: the server certificate's validity has not begun at --now.
 */
#include "common.h"

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	return rule_window(self, b, b->leaf, "server certificate",
	    WIN_NOT_YET_VALID, out);
}

const struct rule rule_cert_not_yet_valid = {
	.id = "cert-not-yet-valid",
	.severity = SEV_ERROR,
	.summary = "the server certificate's validity has not begun at --now",
	.rationale = "RFC 5280 section 4.1.2.5: a certificate is not valid "
	    "before notBefore. Clients fail with \"certificate is not yet "
	    "valid\": usually the signing machine's clock is ahead.",
	.hint = "check the signing machine's clock, then re-sign: openssl "
	    "x509 -req -in server.csr -days 365 -CA server-ca.crt -CAkey "
	    "server-ca.key -CAcreateserial -out server.crt",
	.check = check,
};
