/*
 * key-missing: no private key given, so the key checks are skipped.
 */
#include "rule.h"

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	if (b->leaf == NULL || b->nkeys > 0)
		return 0;
	return finding_add(out, self, &b->leaf->loc, NULL, NULL,
	    "no private key given: whether server.key matches %s and is "
	    "unencrypted was not checked", b->leaf->loc.file);
}

const struct rule rule_key_missing = {
	.id = "key-missing",
	.severity = SEV_INFO,
	.summary = "no private key given: key checks skipped",
	.rationale = "The console takes the certificate and its private key "
	    "together (ApsaraDB RDS guides, step 2); a key that does not match "
	    "or is encrypted is refused only at the restart. Lint the key with "
	    "the certificate to catch that first.",
	.hint = "add the key: certgate server.crt server.key server-ca.crt",
	.check = check,
};
