/*
 * cert-is-ca: the server certificate says it is a CA (basicConstraints
 * CA:TRUE).
 */
#include "common.h"

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	const struct cert *c = b->leaf;
	const char *what;
	char dn[300];

	/* A self-signed server certificate is cert-self-signed's case. */
	if (c == NULL || c->self_signed || !c->info.has_bc || !c->info.bc_ca)
		return 0;
	cert_display_name(c, dn, sizeof(dn));
	if (c->info.has_ku && !(c->info.ku & KU_KEY_CERT_SIGN))
		what = "(only its keyUsage, which lacks keyCertSign, keeps "
		    "OpenSSL-based clients from accepting certificates it signs)";
	else
		what = "able to sign certificates for any name that chain to "
		    "the same CA";
	return finding_add(out, self, &c->loc, NULL, NULL,
	    "the server certificate (%s) has basicConstraints CA:TRUE%s: "
	    "libpq, mariadb, mysql and python still accept it (OpenSSL 3.0, "
	    "strict mode too), but it makes %s, a key that sits on every "
	    "database host, a CA key %s", dn, c->info.bc_pathlen >= 0 ? "" :
	    " with no path length limit", b->key != NULL ?
	    b->key->loc.file : "its private key", what);
}

const struct rule rule_cert_is_ca = {
	.id = "cert-is-ca",
	.severity = SEV_WARNING,
	.summary = "the server certificate is a CA certificate "
	    "(basicConstraints CA:TRUE)",
	.rationale = "RFC 5280 section 4.2.1.9: cA TRUE lets the key sign "
	    "certificates, and path validation (section 6.1.4 (k)) accepts "
	    "such a certificate as an intermediate. The server's key lives on "
	    "the database host; if it is a CA key, stealing it lets anyone "
	    "issue certificates for other hosts that chain to the same "
	    "server-ca.crt. The CA/Browser Forum Baseline Requirements "
	    "(7.1.2.7.8) forbid CA:TRUE in a subscriber certificate.",
	.hint = "re-sign with basicConstraints=critical,CA:FALSE in the "
	    "-extfile: printf 'basicConstraints=critical,CA:FALSE\\n"
	    "subjectAltName=DNS:<endpoint>\\n' > san.ext && openssl x509 -req "
	    "-in server.csr -days 365 -CA server-ca.crt -CAkey server-ca.key "
	    "-CAcreateserial -extfile san.ext -out server.crt",
	.check = check,
};
