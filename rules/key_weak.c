/*
 * key-weak: the server key is too small for OpenSSL's default security
 * level (RSA under 2048 bits, EC under 256).
 */
#include "common.h"
#include "../src/keycheck.h"

#include <stdio.h>
#include <stdlib.h>

/* What refuses a key of alg/bits, or NULL when it is strong enough. */
static const char *
why_weak(const char *alg, unsigned bits, char *buf, size_t size)
{
	unsigned min = keycheck_min_bits(alg);

	if (min == 0 || bits == 0 || bits >= min)
		return NULL;
	if (alg[0] == 'E' && bits >= 224) {
		snprintf(buf, size, "a %u-bit curve passes OpenSSL's security "
		    "level 2, but neither TLS 1.3 nor OpenSSL's default groups "
		    "offer it, so every handshake fails (measured with OpenSSL "
		    "3.0: the server logs \"no shared cipher\", libpq, mariadb, "
		    "mysql and python get \"sslv3 alert handshake failure\"), "
		    "and go supports only P-256, P-384 and P-521 in TLS", bits);
		return buf;
	}
	snprintf(buf, size, "at OpenSSL's security level 2 (Debian 12's "
	    "default) the postgresql server refuses to start (\"ee key too "
	    "small\"), mariadb aborts (\"Failed to setup SSL\"), mysql runs "
	    "without TLS, and libpq, mariadb, mysql and python fail with \"EE "
	    "certificate key too weak\"%s", alg[0] == 'R' && bits < 1024 ?
	    "; go and Java (pgjdbc, connector-j) refuse RSA under 1024 bits "
	    "too" : "");
	return buf;
}

static char *
fix_hint(const struct bundle *b, const char *alg)
{
	char *san = san_hint(b), *cn = NULL, *s;
	const char *subj = "your-endpoint";

	if (san == NULL)
		return NULL;
	if (b->neps > 0) {
		subj = b->eps[0].host;
	} else if (b->leaf != NULL && b->leaf->info.ncns > 0) {
		cn = str_printable(b->leaf->info.cns[0].p,
		    b->leaf->info.cns[0].len);
		if (cn == NULL) {
			free(san);
			return NULL;
		}
		subj = cn;
	}
	s = str_printf("make a new key and request: openssl req -new -nodes "
	    "-newkey %s -keyout server.key -out server.csr -subj \"/CN=%s\"; "
	    "then %s", alg[0] == 'E' ? "ec -pkeyopt ec_paramgen_curve:P-256" :
	    "rsa:2048", subj, san);
	free(san);
	free(cn);
	return s;
}

static int
report(const struct rule *self, const struct bundle *b, const struct loc *loc,
    const char *what, const char *alg, unsigned bits, const char *why,
    struct findings *out)
{
	char *hint = fix_hint(b, alg);
	int ret;

	if (hint == NULL)
		return -1;
	ret = finding_add(out, self, loc, NULL, hint, "%s is a %u-bit %s key, "
	    "under the %u bits required: %s", what, bits, alg,
	    keycheck_min_bits(alg), why);
	free(hint);
	return ret;
}

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	const struct cert *c = b->leaf;
	const struct key *k = b->key;
	char why[600], what[300];
	const char *w;

	if (c != NULL && (w = why_weak(c->key_alg, c->key_bits, why,
	    sizeof(why))) != NULL) {
		snprintf(what, sizeof(what), "the server certificate's public "
		    "key%s", k != NULL && key_matches_cert(k, c) == 1 ?
		    " (and so the private key)" : "");
		if (report(self, b, &c->loc, what, c->key_alg, c->key_bits, w,
		    out) != 0)
			return -1;
	}
	if (k == NULL || k->encrypted || !k->pk_ok ||
	    (c != NULL && key_matches_cert(k, c) == 1))
		return 0;
	if ((w = why_weak(k->alg, k->bits, why, sizeof(why))) == NULL)
		return 0;
	snprintf(what, sizeof(what), "the private key");
	return report(self, b, &k->loc, what, k->alg, k->bits, w, out);
}

const struct rule rule_key_weak = {
	.id = "key-weak",
	.severity = SEV_ERROR,
	.summary = "the server key is too small (RSA under 2048 bits, EC "
	    "under 256)",
	.rationale = "OpenSSL's security level 2, Debian 12's default "
	    "(SSL_CTX_set_security_level(3ssl)), asks for 112-bit security: "
	    "RSA of 2048 bits. A server loading a smaller key fails with "
	    "SSL_R_EE_KEY_TOO_SMALL (\"ee key too small\", ssl/t1_lib.c) and a "
	    "client verifying it with X509_V_ERR_EE_KEY_TOO_SMALL. P-224 "
	    "passes that bar but has no TLS 1.3 signature scheme (RFC 8446 "
	    "section 4.2.3) and is not among OpenSSL's or Go's default "
	    "groups; NIST SP 800-57 part 1 and the CA/Browser Forum Baseline "
	    "Requirements (6.1.5) ask for RSA-2048 or P-256 and up.",
	.hint = "make a new key and request: openssl req -new -nodes -newkey "
	    "rsa:2048 -keyout server.key -out server.csr, then re-sign",
	.check = check,
};
