/*
 * key-encrypted: the private key is encrypted (PKCS#8 or legacy PEM).
 */
#include "rule.h"

#include <stdlib.h>

static int
report(const struct rule *self, const struct key *k, struct findings *out)
{
	char *hint;
	int ret;

	hint = str_printf("decrypt it once (asks for the passphrase): "
	    "openssl pkey -in %s -out server-plain.key", k->loc.file);
	if (hint == NULL)
		return -1;
	ret = finding_add(out, self, &k->loc, NULL, hint,
	    "the private key is encrypted (%s%s%s): the console and the "
	    "servers cannot use it without a passphrase", k->format,
	    k->enc_detail ? ", " : "", k->enc_detail ? k->enc_detail : "");
	free(hint);
	return ret;
}

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	size_t i;

	if (b->key != NULL)
		return b->key->encrypted ? report(self, b->key, out) : 0;
	for (i = 0; i < b->nkeys; i++)
		if (b->keys[i]->encrypted && report(self, b->keys[i], out) != 0)
			return -1;
	return 0;
}

const struct rule rule_key_encrypted = {
	.id = "key-encrypted",
	.severity = SEV_ERROR,
	.summary = "the private key is encrypted (PKCS#8 ENCRYPTED PRIVATE KEY "
	    "or legacy Proc-Type: 4,ENCRYPTED)",
	.rationale = "Both provider guides: \"SSL encryption cannot be enabled "
	    "if the private key is password-protected\". PostgreSQL fails to "
	    "start without ssl_passphrase_command (be-secure-openssl.c) and "
	    "MariaDB aborts with \"Failed to setup SSL\".",
	.hint = "openssl pkey -in server.key -out server-plain.key",
	.check = check,
};
