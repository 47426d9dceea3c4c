/*
 * chain-no-ca: no CA certificate given, so the chain was not checked.
 */
#include "rule.h"

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	if (b->leaf == NULL || b->ca != NULL || b->ambiguity != NULL)
		return 0;
	return finding_add(out, self, &b->leaf->loc, NULL, NULL,
	    "no CA certificate given: not checked that server-ca.crt issued "
	    "%s", b->leaf->loc.file);
}

const struct rule rule_chain_no_ca = {
	.id = "chain-no-ca",
	.severity = SEV_INFO,
	.summary = "no CA given: chain not checked",
	.rationale = "Clients in verify-ca and verify-full check the server "
	    "certificate against the CA file they hold (libpq sslrootcert, "
	    "MySQL/MariaDB --ssl-ca); without server-ca.crt certgate cannot "
	    "tell whether they will accept it.",
	.hint = "add the CA: certgate server.crt server.key server-ca.crt",
	.check = check,
};
