/*
 * ca-key-weak: the CA's key is too small for OpenSSL's default security
 * level (RSA under 2048 bits, EC under 256).
 */
#include "common.h"
#include "../src/keycheck.h"

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	const struct cert *ca = b->ca;
	const char *why;
	unsigned min;
	char dn[300];

	if (ca == NULL || ca == b->leaf)
		return 0;
	min = keycheck_min_bits(ca->key_alg);
	if (min == 0 || ca->key_bits == 0 || ca->key_bits >= min)
		return 0;
	cert_display_name(ca, dn, sizeof(dn));
	if (ca->key_alg[0] == 'E' && ca->key_bits >= 224)
		why = "a 224-bit curve still passes OpenSSL's security level 2 "
		    "but fails level 3 (\"CA certificate key too weak\"), and "
		    "its 112-bit strength is allowed only until 2030 (NIST SP "
		    "800-57 part 1)";
	else
		why = "at OpenSSL's security level 2 (Debian 12's default) "
		    "libpq, mariadb, mysql and python fail with \"CA "
		    "certificate key too weak\", and the postgresql server "
		    "refuses a chain holding it (\"ca key too small\")";
	return finding_add(out, self, &ca->loc, NULL, NULL,
	    "the CA certificate (%s) has a %u-bit %s key, under the %u bits "
	    "required: %s", dn, ca->key_bits, ca->key_alg, min, why);
}

const struct rule rule_ca_key_weak = {
	.id = "ca-key-weak",
	.severity = SEV_ERROR,
	.summary = "the CA certificate's key is too small (RSA under 2048 "
	    "bits, EC under 256)",
	.rationale = "OpenSSL's security level 2, Debian 12's default "
	    "(SSL_CTX_set_security_level(3ssl)), asks for 112-bit security. "
	    "check_auth_level() in crypto/x509/x509_vfy.c checks the key of "
	    "every issuer in the chain, the trust anchor included, and fails "
	    "with X509_V_ERR_CA_KEY_TOO_SMALL (\"CA certificate key too "
	    "weak\"); a server whose chain holds it gets SSL_R_CA_KEY_TOO_SMALL "
	    "(ssl/t1_lib.c).",
	.hint = "make a new CA with a 2048-bit key: openssl req -new -x509 "
	    "-days 3650 -nodes -newkey rsa:2048 -out server-ca.crt -keyout "
	    "server-ca.key -subj \"/CN=root-ca\" -addext "
	    "\"basicConstraints=critical,CA:TRUE\" -addext "
	    "\"keyUsage=critical,keyCertSign,cRLSign\"; re-sign server.csr "
	    "with it and give clients the new server-ca.crt",
	.check = check,
};
