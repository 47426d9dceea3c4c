/*
 * cert-expires-soon: the server certificate's notAfter is within --warn-days.
 */
#include "common.h"

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	return rule_window(self, b, b->leaf, "server certificate",
	    WIN_EXPIRES_SOON, out);
}

const struct rule rule_cert_expires_soon = {
	.id = "cert-expires-soon",
	.severity = SEV_WARNING,
	.summary = "the server certificate's notAfter is within --warn-days",
	.rationale = "RFC 5280 section 4.1.2.5. Both guides: custom "
	    "certificates have user-defined validity and a renewal restarts "
	    "the instance (about 3 minutes); renew before clients start "
	    "failing.",
	.hint = "renew now and schedule the restart: openssl x509 -req -in "
	    "server.csr -days 365 -CA server-ca.crt -CAkey server-ca.key "
	    "-CAcreateserial -out server.crt",
	.check = check,
};
