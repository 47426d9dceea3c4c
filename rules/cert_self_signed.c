/*
 * cert-self-signed: the server certificate is self-signed, typically the
 * CA pair pasted where the server pair belongs.
 */
#include "common.h"

#include <stdlib.h>
#include <string.h>

/* Another input file holding exactly c's DER, or NULL. */
static const char *
copy_elsewhere(const struct bundle *b, const struct cert *c)
{
	const struct source *s;
	const struct pem_block *blk;
	size_t i, j;

	if (b->ca != NULL && b->ca != c &&
	    memcmp(b->ca->sha256, c->sha256, 32) == 0)
		return b->ca->loc.file;
	for (i = 0; i < b->nsrcs; i++) {
		s = b->srcs[i];
		if (s == c->src)
			continue;
		for (j = 0; j < s->scan.nblocks; j++) {
			blk = &s->scan.blocks[j];
			if (blk->der != NULL && blk->der_len == c->info.der.len &&
			    memcmp(blk->der, c->info.der.p, blk->der_len) == 0)
				return s->name;
		}
	}
	return NULL;
}

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	const struct cert *c = b->leaf;
	const char *twin;
	char dn[300];

	if (c == NULL || !c->self_signed)
		return 0;
	cert_display_name(c, dn, sizeof(dn));
	twin = copy_elsewhere(b, c);
	if (twin != NULL)
		return finding_add(out, self, &c->loc, NULL, NULL,
		    "the server certificate (%s) is self-signed and is the "
		    "same certificate as %s (equal SHA-256): the CA pair was "
		    "given as the server pair. Clients holding that very file "
		    "accept it, but %s is then a CA key on the database host, "
		    "and every renewal changes the CA every client (libpq, "
		    "mariadb, mysql, python, go, pgjdbc, connector-j) must be "
		    "given again", dn, twin, b->key != NULL ?
		    b->key->loc.file : "its key");
	return finding_add(out, self, &c->loc, NULL, NULL,
	    "the server certificate (%s) is self-signed: it is its own CA, so "
	    "clients verifying with %s refuse it (libpq, mariadb, mysql, "
	    "python: \"self-signed certificate\"; go: \"x509: certificate "
	    "signed by unknown authority\"; pgjdbc, connector-j: \"PKIX path "
	    "building failed\"), and clients given it as their CA file trust "
	    "a CA key that sits on the database host", dn,
	    b->ca != NULL ? b->ca->loc.file : "a CA file");
}

const struct rule rule_cert_self_signed = {
	.id = "cert-self-signed",
	.severity = SEV_ERROR,
	.summary = "the server certificate is self-signed (often the CA pair "
	    "pasted as the server pair)",
	.rationale = "Both provider guides make a CA (server-ca.crt, "
	    "server-ca.key) and a server certificate signed by it; the "
	    "console wants the second. A self-signed certificate is a trust "
	    "anchor of its own (RFC 5280 section 6.1): OpenSSL reports "
	    "X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT unless the client's CA "
	    "file is that very certificate, and then the CA's private key "
	    "lives on the database server.",
	.hint = "paste server.crt and server.key (the pair 'openssl x509 -req "
	    "... -CA server-ca.crt' signed), not server-ca.crt and "
	    "server-ca.key; to make one: openssl req -new -nodes -keyout "
	    "server.key -out server.csr -subj \"/CN=<endpoint>\" && openssl "
	    "x509 -req -in server.csr -days 365 -CA server-ca.crt -CAkey "
	    "server-ca.key -CAcreateserial -extfile san.ext -out server.crt",
	.check = check,
};
