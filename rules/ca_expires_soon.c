/*
 * ca-expires-soon: the CA certificate's notAfter is within --warn-days.
 */
#include "common.h"

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	return rule_window(self, b, b->ca, "CA certificate", WIN_EXPIRES_SOON, out);
}

const struct rule rule_ca_expires_soon = {
	.id = "ca-expires-soon",
	.severity = SEV_WARNING,
	.summary = "the CA certificate's notAfter is within --warn-days",
	.rationale = "RFC 5280 section 6.1.3 (a)(2): when the CA expires "
	    "every certificate it signed stops verifying, and every client "
	    "must receive the new server-ca.crt before then.",
	.hint = "make the next CA now and give clients both CA certificates "
	    "during the change-over",
	.check = check,
};
