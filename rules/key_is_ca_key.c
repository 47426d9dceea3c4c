/*
 * key-is-ca-key: the key given is the CA's private key.
 */
#include "rule.h"

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	char dn[300];

	if (b->key == NULL || b->ca == NULL || b->key->encrypted)
		return 0;
	if (key_matches_cert(b->key, b->ca) != 1)
		return 0;
	cert_display_name(b->ca, dn, sizeof(dn));
	return finding_add(out, self, &b->key->loc, NULL, NULL,
	    "this is the CA's private key (it matches %s, %s), not the server "
	    "certificate's", b->ca->loc.file, dn);
}

const struct rule rule_key_is_ca_key = {
	.id = "key-is-ca-key",
	.severity = SEV_ERROR,
	.summary = "the key given is the CA's key (it matches server-ca.crt)",
	.rationale = "The guides write two keys side by side, server-ca.key "
	    "and server.key; pasting the first is the classic wrong-file "
	    "mistake. The server refuses the pair, and the CA key, which can "
	    "sign certificates for any name, must never leave the machine "
	    "that made it.",
	.hint = "give server.key (written by 'openssl req -new -nodes "
	    "-keyout server.key'), not server-ca.key",
	.check = check,
};
