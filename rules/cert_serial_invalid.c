/*
 * cert-serial-invalid: the server certificate's serial number is zero,
 * negative or longer than 20 octets.
 */
#include "common.h"

#include <stdio.h>

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	const struct cert *c = b->leaf;
	const struct span *s;
	char why[300];
	size_t i;
	int zero = 1;

	if (c == NULL)
		return 0;
	s = &c->info.serial;
	for (i = 0; i < s->len; i++)
		if (s->p[i] != 0)
			zero = 0;
	if (s->len > 0 && (s->p[0] & 0x80))
		snprintf(why, sizeof(why), "is negative (its first octet "
		    "is 0x%02X): go 1.23+ refuses to parse the certificate "
		    "(\"x509: negative serial number\")", s->p[0]);
	else if (zero)
		snprintf(why, sizeof(why), "is zero");
	else if (s->len > 20)
		snprintf(why, sizeof(why), "is %zu octets long, over the 20 "
		    "RFC 5280 allows", s->len);
	else
		return 0;
	return finding_add(out, self, &c->loc, NULL, NULL,
	    "the server certificate's serial number (%s) %s; libpq, mariadb, "
	    "mysql and python (OpenSSL, strict mode too) accept it, but it "
	    "breaks RFC 5280 4.1.2.2, and a serial that is not unique and "
	    "unpredictable lets two certificates from the CA collide",
	    c->serial_hex, why);
}

const struct rule rule_cert_serial_invalid = {
	.id = "cert-serial-invalid",
	.severity = SEV_WARNING,
	.summary = "the server certificate's serial number is zero, negative "
	    "or longer than 20 octets",
	.rationale = "RFC 5280 section 4.1.2.2: the serial number MUST be a "
	    "positive integer, unique per CA, of at most 20 octets. Go's "
	    "crypto/x509 refuses negative serials since Go 1.23 (parser.go, "
	    "GODEBUG x509negativeserial); OpenSSL accepts all three, which is "
	    "how 'openssl x509 -req -set_serial 0' or '-set_serial -5' gets "
	    "through.",
	.hint = "re-sign without -set_serial: openssl x509 -req -in server.csr "
	    "-days 365 -CA server-ca.crt -CAkey server-ca.key -CAcreateserial "
	    "-extfile san.ext -out server.crt (with no server-ca.srl yet, "
	    "OpenSSL 3 picks a random positive 159-bit serial)",
	.check = check,
};
