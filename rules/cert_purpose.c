/*
 * cert-purpose: the server certificate's extendedKeyUsage or keyUsage
 * does not allow a TLS server.
 */
#include "common.h"

#include <stdio.h>
#include <string.h>

#include <mbedtls/oid.h>

#define OID_EKU_CLIENT "\x2B\x06\x01\x05\x05\x07\x03\x02"
#define OID_MS_SGC     "\x2B\x06\x01\x04\x01\x82\x37\x0A\x03\x03"
#define OID_NS_SGC     "\x60\x86\x48\x01\x86\xF8\x42\x04\x01"

static void
eku_names(const struct certinfo *ci, char *buf, size_t size)
{
	static const struct { const char *oid; const char *name; } known[] = {
		{ OID_EKU_CLIENT, "clientAuth" },
		{ "\x2B\x06\x01\x05\x05\x07\x03\x03", "codeSigning" },
		{ "\x2B\x06\x01\x05\x05\x07\x03\x04", "emailProtection" },
		{ "\x2B\x06\x01\x05\x05\x07\x03\x08", "timeStamping" },
		{ "\x2B\x06\x01\x05\x05\x07\x03\x09", "OCSPSigning" },
	};
	mbedtls_asn1_buf ob;
	char one[64];
	size_t i, j, off = 0;
	const char *name;

	buf[0] = '\0';
	for (i = 0; i < ci->neku && off < size; i++) {
		name = NULL;
		for (j = 0; j < CG_ARRAY_LEN(known); j++)
			if (oid_is(ci->eku[i], known[j].oid,
			    strlen(known[j].oid)))
				name = known[j].name;
		if (name == NULL) {
			ob.tag = MBEDTLS_ASN1_OID;
			ob.p = (unsigned char *)ci->eku[i].p;
			ob.len = ci->eku[i].len;
			if (mbedtls_oid_get_numeric_string(one, sizeof(one),
			    &ob) < 0)
				snprintf(one, sizeof(one), "?");
			name = one;
		}
		off += (size_t)snprintf(buf + off, size - off, "%s%s",
		    i ? ", " : "", name);
	}
	if (ci->neku == 0)
		snprintf(buf, size, "no purpose at all");
}

static void
ku_names(unsigned ku, char *buf, size_t size)
{
	static const struct { unsigned bit; const char *name; } bits[] = {
		{ KU_DIGITAL_SIGNATURE, "digitalSignature" },
		{ KU_NON_REPUDIATION, "nonRepudiation" },
		{ KU_KEY_ENCIPHERMENT, "keyEncipherment" },
		{ KU_DATA_ENCIPHERMENT, "dataEncipherment" },
		{ KU_KEY_AGREEMENT, "keyAgreement" },
		{ KU_KEY_CERT_SIGN, "keyCertSign" },
		{ KU_CRL_SIGN, "cRLSign" },
		{ KU_ENCIPHER_ONLY, "encipherOnly" },
		{ KU_DECIPHER_ONLY, "decipherOnly" },
	};
	size_t i, off = 0;

	buf[0] = '\0';
	for (i = 0; i < CG_ARRAY_LEN(bits) && off < size; i++)
		if (ku & bits[i].bit)
			off += (size_t)snprintf(buf + off, size - off, "%s%s",
			    off ? ", " : "", bits[i].name);
	if (off == 0)
		snprintf(buf, size, "no bit set");
}

static int
has_eku(const struct certinfo *ci, const char *oid, size_t len)
{
	size_t i;

	for (i = 0; i < ci->neku; i++)
		if (oid_is(ci->eku[i], oid, len))
			return 1;
	return 0;
}

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	const struct cert *c = b->leaf;
	const struct certinfo *ci;
	char names[400], kus[200];
	int bad_eku, bad_ku, sgc;

	if (c == NULL)
		return 0;
	ci = &c->info;
	bad_eku = ci->has_eku &&
	    !has_eku(ci, OID_EKU_SERVER, sizeof(OID_EKU_SERVER) - 1) &&
	    !has_eku(ci, OID_EKU_ANY, sizeof(OID_EKU_ANY) - 1);
	sgc = has_eku(ci, OID_MS_SGC, sizeof(OID_MS_SGC) - 1) ||
	    has_eku(ci, OID_NS_SGC, sizeof(OID_NS_SGC) - 1);
	bad_ku = ci->has_ku && !(ci->ku & (KU_DIGITAL_SIGNATURE |
	    KU_KEY_ENCIPHERMENT | KU_KEY_AGREEMENT));
	if (!bad_eku && !bad_ku)
		return 0;
	eku_names(ci, names, sizeof(names));
	ku_names(ci->ku, kus, sizeof(kus));
	if (bad_eku && sgc && !bad_ku)
		return finding_add(out, self, &c->loc, NULL, NULL,
		    "the server certificate's extendedKeyUsage (%s) lacks "
		    "serverAuth: libpq, mariadb, mysql, python (OpenSSL) and "
		    "pgjdbc, connector-j (Java) still accept the legacy Server "
		    "Gated Crypto purpose, but go refuses it (\"x509: "
		    "certificate specifies an incompatible key usage\")", names);
	if (bad_eku)
		return finding_add(out, self, &c->loc, NULL, NULL,
		    "the server certificate's extendedKeyUsage (%s) lacks "
		    "serverAuth%s%s%s: libpq, mariadb, mysql and python fail "
		    "with \"unsuitable certificate purpose\", go with \"x509: "
		    "certificate specifies an incompatible key usage\", pgjdbc "
		    "and connector-j (Java) with \"Extended key usage does not "
		    "permit use for TLS server authentication\"", names,
		    bad_ku ? " and its keyUsage (" : "", bad_ku ? kus : "",
		    bad_ku ? ") allows no TLS server either" : "");
	return finding_add(out, self, &c->loc, NULL, NULL,
	    "the server certificate's keyUsage (%s) has none of "
	    "digitalSignature, keyEncipherment, keyAgreement: libpq, mariadb, "
	    "mysql and python fail with \"unsuitable certificate purpose\" "
	    "and Java (pgjdbc, connector-j) refuses it; only go ignores "
	    "keyUsage", kus);
}

const struct rule rule_cert_purpose = {
	.id = "cert-purpose",
	.severity = SEV_ERROR,
	.summary = "the server certificate's extendedKeyUsage or keyUsage "
	    "does not allow a TLS server",
	.rationale = "RFC 5280 sections 4.2.1.12 and 4.2.1.3: a certificate "
	    "may be used only for the purposes it lists. OpenSSL's "
	    "check_purpose_ssl_server() (crypto/x509/v3_purp.c) wants "
	    "extendedKeyUsage serverAuth (or none, anyExtendedKeyUsage, SGC) "
	    "and a keyUsage, if any, with digitalSignature, keyEncipherment "
	    "or keyAgreement, else X509_V_ERR_INVALID_PURPOSE; Go's "
	    "crypto/x509 (verify.go) checks only the extendedKeyUsage; Java's "
	    "EndEntityChecker checks both.",
	.hint = "re-sign with the server purposes: printf "
	    "'extendedKeyUsage=serverAuth\\nkeyUsage=critical,"
	    "digitalSignature,keyEncipherment\\nsubjectAltName=DNS:<endpoint>"
	    "\\n' > san.ext && openssl x509 -req -in server.csr -days 365 -CA "
	    "server-ca.crt -CAkey server-ca.key -CAcreateserial -extfile "
	    "san.ext -out server.crt",
	.check = check,
};
