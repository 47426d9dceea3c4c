/*
 * cert-expired: the server certificate's validity has ended at --now.
 */
#include "common.h"

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	return rule_window(self, b, b->leaf, "server certificate", WIN_EXPIRED, out);
}

const struct rule rule_cert_expired = {
	.id = "cert-expired",
	.severity = SEV_ERROR,
	.summary = "the server certificate's validity has ended at --now",
	.rationale = "RFC 5280 section 4.1.2.5: a certificate is not valid "
	    "after notAfter. OpenSSL-based clients fail with \"certificate "
	    "has expired\"; every client in verify-ca or verify-full refuses "
	    "the connection.",
	.hint = "re-sign: openssl x509 -req -in server.csr -days 365 -CA "
	    "server-ca.crt -CAkey server-ca.key -CAcreateserial -extfile "
	    "san.ext -out server.crt",
	.check = check,
};
