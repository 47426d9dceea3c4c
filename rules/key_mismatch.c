/*
 * key-mismatch: the private key does not belong to the certificate.
 */
#include "rule.h"

#include <string.h>

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	const struct key *k = b->key;
	const struct cert *c = b->leaf;
	char dn[300];

	if (k == NULL || c == NULL || k->encrypted)
		return 0;
	if (key_matches_cert(k, c) != 0)
		return 0;       /* matches, or cannot be told */
	if (b->ca != NULL && key_matches_cert(k, b->ca) == 1)
		return 0;       /* key-is-ca-key says it better */
	cert_display_name(c, dn, sizeof(dn));
	if (k->pub_len == c->pub_len && k->pub != NULL &&
	    memcmp(k->pub, c->pub, k->pub_len) == 0)
		return finding_add(out, self, &k->loc, NULL, NULL,
		    "the private key's public half equals %s's public key but "
		    "the key fails mbedTLS's pair check: the private key is "
		    "damaged", c->loc.file);
	return finding_add(out, self, &k->loc, NULL, NULL,
	    "this %s %u-bit key is not the private key of %s (%s, %s "
	    "%u-bit key): the public keys differ", k->alg ? k->alg : "?",
	    k->bits, c->loc.file, dn, c->key_alg ? c->key_alg : "?",
	    c->key_bits);
}

const struct rule rule_key_mismatch = {
	.id = "key-mismatch",
	.severity = SEV_ERROR,
	.summary = "the private key does not belong to the certificate",
	.rationale = "A TLS server proves it holds the certificate's key. "
	    "PostgreSQL refuses to start (\"private key file ... key values "
	    "mismatch\", be-secure-openssl.c), MariaDB aborts with \"Failed to "
	    "setup SSL\", and the console rejects the pair.",
	.hint = "give the key that 'openssl req -keyout' wrote together with "
	    "server.csr; compare with: openssl x509 -in server.crt -noout "
	    "-pubkey; openssl pkey -in server.key -pubout",
	.check = check,
};
