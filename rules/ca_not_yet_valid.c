/*
 * ca-not-yet-valid: the CA certificate's validity has not begun at --now.
 */
#include "common.h"

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	return rule_window(self, b, b->ca, "CA certificate", WIN_NOT_YET_VALID, out);
}

const struct rule rule_ca_not_yet_valid = {
	.id = "ca-not-yet-valid",
	.severity = SEV_ERROR,
	.summary = "the CA certificate's validity has not begun at --now",
	.rationale = "RFC 5280 section 6.1.3 (a)(2); OpenSSL checks the trust "
	    "anchor's window too (\"certificate is not yet valid\" at depth "
	    "1). Usually the CA machine's clock is ahead.",
	.hint = "check the clock of the machine that made server-ca.crt, then "
	    "make the CA again",
	.check = check,
};
