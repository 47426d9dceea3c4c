/*
 * cert-same-dn-as-ca: the server certificate's subject is the CA's
 * subject, so the server certificate looks self-issued.
 */
#include "common.h"

#include <string.h>

#include <mbedtls/asn1.h>

/* The keyIdentifier of c's authorityKeyIdentifier, or an empty span. */
static struct span
akid_keyid(const struct cert *c)
{
	const struct x509_ext *e = certinfo_find_ext(&c->info,
	    (const unsigned char *)"\x55\x1D\x23", 3);
	unsigned char *p, *end;
	struct span s = { NULL, 0 };
	size_t n;

	if (e == NULL)
		return s;
	p = (unsigned char *)e->value.p;
	end = p + e->value.len;
	if (mbedtls_asn1_get_tag(&p, end, &n, MBEDTLS_ASN1_CONSTRUCTED |
	    MBEDTLS_ASN1_SEQUENCE) != 0)
		return s;
	if (mbedtls_asn1_get_tag(&p, p + n, &n,
	    MBEDTLS_ASN1_CONTEXT_SPECIFIC | 0) != 0)
		return s;
	s.p = p;
	s.len = n;
	return s;
}

/* c's subjectKeyIdentifier, or an empty span. */
static struct span
skid(const struct cert *c)
{
	const struct x509_ext *e = certinfo_find_ext(&c->info,
	    (const unsigned char *)"\x55\x1D\x0E", 3);
	unsigned char *p, *end;
	struct span s = { NULL, 0 };
	size_t n;

	if (e == NULL)
		return s;
	p = (unsigned char *)e->value.p;
	end = p + e->value.len;
	if (mbedtls_asn1_get_tag(&p, end, &n, MBEDTLS_ASN1_OCTET_STRING) != 0)
		return s;
	s.p = p;
	s.len = n;
	return s;
}

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	const struct cert *c = b->leaf, *ca = b->ca;
	struct span ak, sk;
	char dn[300];

	if (c == NULL || ca == NULL || c == ca || c->self_signed ||
	    memcmp(c->sha256, ca->sha256, 32) == 0 ||
	    !name_eq(c->info.subject, ca->info.subject))
		return 0;
	cert_display_name(c, dn, sizeof(dn));
	ak = akid_keyid(c);
	sk = skid(c);
	/* OpenSSL (x509v3_cache_extensions) marks a self-issued certificate
	 * self-signed unless its AKID contradicts its own SKID. */
	if (ak.len == 0 || sk.len == 0 || span_eq(ak, sk))
		return finding_add(out, self, &c->loc, NULL, NULL,
		    "the server certificate has the same subject (%s) as the "
		    "CA certificate %s, and no "
		    "authorityKeyIdentifier that tells them apart: OpenSSL "
		    "takes it for a self-signed certificate, so libpq, mariadb, "
		    "mysql and python fail with \"self-signed certificate\" "
		    "(error 18 at depth 0, measured with OpenSSL 3.0)",
		    dn, ca->loc.file);
	return finding_add(out, self, &c->loc, NULL, NULL,
	    "the server certificate has the same subject (%s) as the CA "
	    "certificate %s: it is self-issued, and only "
	    "its authorityKeyIdentifier keeps OpenSSL from taking it for a "
	    "self-signed certificate (without it libpq, mariadb, mysql and "
	    "python fail with \"self-signed certificate\", measured with "
	    "OpenSSL 3.0); a re-sign without that extension, as the guides' "
	    "commands do, breaks every OpenSSL-based client",
	    dn, ca->loc.file);
}

const struct rule rule_cert_same_dn_as_ca = {
	.id = "cert-same-dn-as-ca",
	.severity = SEV_ERROR,
	.summary = "the server certificate's subject equals the CA's subject",
	.rationale = "RFC 5280 section 6.1: a certificate whose subject and "
	    "issuer are equal is self-issued. OpenSSL's "
	    "ossl_x509v3_cache_extensions() (crypto/x509/v3_purp.c) marks a "
	    "self-issued certificate self-signed (EXFLAG_SS) whenever its "
	    "authorityKeyIdentifier does not contradict it, and "
	    "X509_verify_cert then stops at depth 0 with "
	    "X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT. The guides' commands "
	    "make the CA with -subj \"/CN=root-ca\"; reusing that subject for "
	    "the server request triggers it.",
	.hint = "make the request with the endpoint as its subject and "
	    "re-sign: openssl req -new -nodes -keyout server.key -out "
	    "server.csr -subj \"/CN=<endpoint>\" && openssl x509 -req -in "
	    "server.csr -days 365 -CA server-ca.crt -CAkey server-ca.key "
	    "-CAcreateserial -extfile san.ext -out server.crt",
	.check = check,
};
