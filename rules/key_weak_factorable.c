/*
 * key-weak-factorable: the server's RSA modulus can be factored: its
 * primes are close (Fermat) or it has the ROCA fingerprint.
 */
#include "common.h"
#include "../src/keycheck.h"

#include <string.h>

#include <mbedtls/bignum.h>

/* Fermat steps: primes within ~2^(bits/4 + 5) of each other fall in the
 * first; the rest cost ~1 us each on a 2048-bit modulus. */
#define FERMAT_ROUNDS 300

/* Which weakness the RSA key pk has: NULL when none (or not RSA). */
static const char *
weakness(const mbedtls_pk_context *pk)
{
	mbedtls_mpi n;
	const char *w = NULL;

	mbedtls_mpi_init(&n);
	if (keycheck_rsa_modulus(pk, &n) != 0)
		goto out;
	/* A bignum error (-1) reports nothing rather than a guess. */
	if (rsa_fermat_factorable(&n, FERMAT_ROUNDS) == 1)
		w = "its two primes are so close that Fermat's method factors "
		    "the modulus at once (the flaw of CVE-2022-26320, Rambus "
		    "SafeZone's key generator)";
	else if (rsa_roca_fingerprint(&n) == 1)
		w = "the modulus has the ROCA fingerprint (CVE-2017-15361: "
		    "Infineon RSALib primes, factorable with Coppersmith's "
		    "method)";
out:
	mbedtls_mpi_free(&n);
	return w;
}

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	const struct cert *c = b->leaf;
	const struct key *k = b->key;
	const char *w;
	int same;

	same = c != NULL && k != NULL && key_matches_cert(k, c) == 1;
	if (c != NULL && c->pk_ok && (w = weakness(&c->pk)) != NULL) {
		if (finding_add(out, self, &c->loc, NULL, NULL,
		    "the server certificate's RSA key%s is factorable: %s; "
		    "anyone can compute "
		    "the private key from the certificate, and no client "
		    "(libpq, mariadb, mysql, python, go, pgjdbc, connector-j) "
		    "or server notices", same ? " (and so the private key)" :
		    "", w) != 0)
			return -1;
	}
	if (k == NULL || k->encrypted || !k->pk_ok || same ||
	    (w = weakness(&k->pk)) == NULL)
		return 0;
	return finding_add(out, self, &k->loc, NULL, NULL,
	    "the RSA private key is factorable from its public half: %s; "
	    "anyone who sees a certificate for it can compute it", w);
}

const struct rule rule_key_weak_factorable = {
	.id = "key-weak-factorable",
	.severity = SEV_ERROR,
	.summary = "the server's RSA modulus is factorable (close primes, or "
	    "the ROCA fingerprint)",
	.rationale = "An RSA modulus whose primes differ by little falls to "
	    "Fermat's factorisation (Hanno Boeck's 2022 finding, "
	    "CVE-2022-26320); one made by Infineon's RSALib carries a "
	    "fingerprint (N mod r in the subgroup that 65537 generates, for "
	    "small primes r) and falls to Coppersmith's method (Nemec et al., "
	    "\"The Return of Coppersmith's Attack\", CCS 2017, "
	    "CVE-2017-15361). TLS libraries do not check for either, so the "
	    "set works while its key is public knowledge.",
	.hint = "make a new key with OpenSSL's generator and a new request, "
	    "then re-sign: openssl req -new -nodes -newkey rsa:2048 -keyout "
	    "server.key -out server.csr -subj \"/CN=<endpoint>\"; never reuse "
	    "the old key",
	.check = check,
};
