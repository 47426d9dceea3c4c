/*
 * key-unsupported: the server key's algorithm is one certgate's crypto
 * library (mbedTLS 2.28) cannot use, so some key checks are partial; and
 * some clients or servers cannot use it either.
 */
#include "common.h"

#include <string.h>

static const struct {
	const char *alg;
	const char *support;
} algs[] = {
	{ "Ed25519", "OpenSSL 1.1.1+ uses it in TLS 1.2 and 1.3 (measured "
	    "with OpenSSL 3.0 and python's ssl), so libpq, mariadb, mysql, "
	    "python and the postgresql, mariadb and mysql servers linked with "
	    "it work, and go does since 1.13; Java only from 15 (JEP 339), so "
	    "pgjdbc and connector-j fail on older JDKs" },
	{ "Ed448", "OpenSSL 1.1.1+ (libpq, mariadb, mysql, python) and Java "
	    "15+ (pgjdbc, connector-j) use it; go's crypto/tls does not" },
	{ "DSA", "TLS 1.3 has no DSA signature, and OpenSSL 3.0 at its "
	    "default security level offers no DSS suite: handshakes fail "
	    "(measured: servers \"no shared cipher\", libpq, mariadb, mysql "
	    "and python \"sslv3 alert handshake failure\"); go never supported "
	    "DSA in TLS" },
	{ "X25519", "it is a key-agreement key (RFC 8410 section 5): it cannot "
	    "sign a TLS handshake, so no server or client can use it" },
	{ "X448", "it is a key-agreement key (RFC 8410 section 5): it cannot "
	    "sign a TLS handshake, so no server or client can use it" },
};

static const char *
support_of(const char *alg)
{
	size_t i;

	if (alg == NULL)
		return NULL;
	for (i = 0; i < CG_ARRAY_LEN(algs); i++)
		if (strcmp(alg, algs[i].alg) == 0)
			return algs[i].support;
	return NULL;
}

static const char *
article(const char *alg)
{
	return alg[0] == 'D' ? "a" : "an";
}

static const char *
compared(const struct key *k, const struct cert *c)
{
	if (k == NULL || c == NULL || k->encrypted)
		return "";
	switch (key_matches_cert(k, c)) {
	case 1:
		return "; certgate matched the key to the certificate by their "
		    "public-key bytes";
	case 0:
		return "; the key's public half differs from the "
		    "certificate's (key-mismatch)";
	default:
		return "; certgate could not derive the key's public half, so "
		    "it did not compare the key with the certificate";
	}
}

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	const struct cert *c = b->leaf;
	const struct key *k = b->key;
	const char *s;
	int key_same;

	key_same = k != NULL && c != NULL && k->alg != NULL &&
	    c->key_alg != NULL && strcmp(k->alg, c->key_alg) == 0;
	if (c != NULL && (s = support_of(c->key_alg)) != NULL &&
	    finding_add(out, self, &c->loc, NULL, NULL,
	    "the server certificate has %s %s public key%s: certgate's "
	    "mbedTLS 2.28 cannot use it, so its key-size and signature checks "
	    "are skipped%s; %s", article(c->key_alg), c->key_alg,
	    key_same ? " (so has the private key)" : "", compared(k, c),
	    s) != 0)
		return -1;
	if (k == NULL || key_same || (s = support_of(k->alg)) == NULL)
		return 0;
	return finding_add(out, self, &k->loc, NULL, NULL,
	    "the private key is %s %s key: certgate's mbedTLS 2.28 cannot use "
	    "it%s; %s", article(k->alg), k->alg, compared(k, c), s);
}

const struct rule rule_key_unsupported = {
	.id = "key-unsupported",
	.severity = SEV_WARNING,
	.summary = "the server key is Ed25519, Ed448, DSA, X25519 or X448: "
	    "partly checked, and not every client can use it",
	.rationale = "certgate checks keys with mbedTLS 2.28, which has no "
	    "EdDSA, DSA or X25519/X448 keys (RFC 8410, FIPS 186-4); it "
	    "compares such a key with the certificate by its public-key bytes "
	    "where it can derive them. Client support differs: EdDSA "
	    "certificates need OpenSSL 1.1.1 (RFC 8446 section 4.2.3, RFC "
	    "8422), Go 1.13 for Ed25519, Java 15 (JEP 339); TLS 1.3 dropped "
	    "DSA; X25519 and X448 keys cannot sign at all.",
	.hint = "for the widest support use RSA-2048 or P-256: openssl req "
	    "-new -nodes -newkey rsa:2048 -keyout server.key -out server.csr, "
	    "then re-sign",
	.check = check,
};
