/*
 * chain-not-issued-by-ca: the server certificate was not signed by the
 * given CA.
 */
#include "rule.h"

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	const struct cert *c = b->leaf, *ca = b->ca;

	if (c == NULL || ca == NULL)
		return 0;
	if (!cert_names_chain(c, ca))
		return finding_add(out, self, &c->loc, NULL, NULL,
		    "the server certificate was issued by \"%s\", but the CA "
		    "given (%s) is \"%s\"", c->issuer, ca->loc.file,
		    ca->subject);
	if (b->leaf_sig == 0)
		return finding_add(out, self, &c->loc, NULL, NULL,
		    "the issuer name matches %s (\"%s\") but the signature "
		    "does not verify with its key (%s): it was signed by "
		    "another CA of the same name, e.g. one made again",
		    ca->loc.file, ca->subject, b->leaf_sig_why);
	return 0;
}

const struct rule rule_chain_not_issued_by_ca = {
	.id = "chain-not-issued-by-ca",
	.severity = SEV_ERROR,
	.summary = "the server certificate is not signed by the given CA "
	    "(name mismatch or the signature fails)",
	.rationale = "RFC 5280 section 6.1.3 (a)(1) and (a)(4): the issuer "
	    "name must equal the CA's subject and the signature must verify "
	    "with its key. Clients holding this server-ca.crt fail with "
	    "\"unable to get local issuer certificate\" or \"certificate "
	    "signature failure\".",
	.hint = "sign server.csr with this CA: openssl x509 -req -in "
	    "server.csr -days 365 -CA server-ca.crt -CAkey server-ca.key "
	    "-CAcreateserial -out server.crt (or give the CA that signed it)",
	.check = check,
};
