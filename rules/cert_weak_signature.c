/*
 * cert-weak-signature: the server certificate, or a CA certificate that
 * is not a trust anchor of its own, is signed with MD5 or SHA-1 (or
 * older).
 */
#include "common.h"
#include "../src/keycheck.h"

#include <stdlib.h>
#include <string.h>

#include <mbedtls/md.h>

/* The weak algorithm c is signed with, or NULL. */
static const char *
weak_sig(const struct cert *c, const char **goname)
{
	const char *n = keycheck_weak_sig(c->info.sig_oid);

	*goname = NULL;
	if (n == NULL && c->crt_ok &&
	    oid_is(c->info.sig_oid, OID_RSA_PSS, sizeof(OID_RSA_PSS) - 1)) {
		if (c->crt.sig_md == MBEDTLS_MD_SHA1)
			n = "RSASSA-PSS with SHA-1";
		else if (c->crt.sig_md == MBEDTLS_MD_MD5)
			n = "RSASSA-PSS with MD5";
	}
	if (n == NULL)
		return NULL;
	if (strncmp(n, "md2", 3) == 0)
		*goname = "MD2-RSA";
	else if (strstr(n, "md5") || strstr(n, "MD5"))
		*goname = strncmp(n, "md5", 3) == 0 ? "MD5-RSA" : "MD5";
	else if (strncmp(n, "ecdsa", 5) == 0)
		*goname = "ECDSA-SHA1";
	else if (strncmp(n, "dsa", 3) == 0)
		*goname = "DSA-SHA1";
	else if (strncmp(n, "sha1", 4) == 0)
		*goname = "SHA1-RSA";
	return n;
}

/* The SAN re-signing command of common.c, with -sha256 made explicit. */
static char *
resign_hint(const struct bundle *b)
{
	static const char at[] = "openssl x509 -req ";
	char *h = san_hint(b), *p, *s;

	if (h == NULL || (p = strstr(h, at)) == NULL)
		return h;
	s = str_printf("%.*s%s-sha256 %s", (int)(p - h), h, at,
	    p + sizeof(at) - 1);
	free(h);
	return s;
}

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	const struct cert *c = b->leaf, *ca = b->ca;
	const char *alg, *go;
	char dn[300], *hint;
	int ret;

	if (c != NULL && !c->self_signed && (alg = weak_sig(c, &go)) != NULL) {
		if ((hint = resign_hint(b)) == NULL)
			return -1;
		cert_display_name(c, dn, sizeof(dn));
		ret = finding_add(out, self, &c->loc, NULL, hint,
		    "the server certificate (%s) is signed with %s: at "
		    "OpenSSL's security level 2 "
		    "(Debian 12's default) libpq, mariadb, mysql and python "
		    "fail with \"CA signature digest algorithm too weak\", the "
		    "postgresql server refuses to start (\"ca md too weak\"), "
		    "mariadb aborts (\"Failed to setup SSL\") and mysql runs "
		    "without TLS%s%s%s", dn, alg,
		    go ? "; go rejects it (\"x509: cannot verify signature: "
		    "insecure algorithm " : "", go ? go : "", go ? "\")" : "");
		free(hint);
		if (ret != 0)
			return -1;
	}
	if (ca != NULL && ca != c && !ca->self_signed &&
	    (alg = weak_sig(ca, &go)) != NULL) {
		cert_display_name(ca, dn, sizeof(dn));
		return finding_add(out, self, &ca->loc, NULL,
		    "have the CA's issuer re-sign it with SHA-256 (openssl "
		    "x509 -req -sha256 ...), or make a self-signed SHA-256 CA: "
		    "openssl req -new -x509 -sha256 -days 3650 -nodes -out "
		    "server-ca.crt -keyout server-ca.key -subj \"/CN=root-ca\" "
		    "-addext \"basicConstraints=critical,CA:TRUE\" -addext "
		    "\"keyUsage=critical,keyCertSign,cRLSign\", then re-sign "
		    "server.crt with it",
		    "the CA certificate (%s) is signed with %s and is not "
		    "self-signed, so "
		    "clients check its signature as an intermediate's: libpq, "
		    "mariadb, mysql and python fail with \"CA signature digest "
		    "algorithm too weak\" at OpenSSL's security level 2%s%s%s",
		    dn, alg, go ? "; go rejects it (\"x509: "
		    "cannot verify signature: insecure algorithm " : "",
		    go ? go : "", go ? "\")" : "");
	}
	return 0;
}

const struct rule rule_cert_weak_signature = {
	.id = "cert-weak-signature",
	.severity = SEV_ERROR,
	.summary = "the server certificate (or a non-root CA) is signed with "
	    "MD5 or SHA-1",
	.rationale = "OpenSSL's security level 2, Debian 12's default "
	    "(SSL_CTX_set_security_level(3ssl)), requires 112-bit signatures: "
	    "check_auth_level() in crypto/x509/x509_vfy.c fails every "
	    "certificate but the trust anchor with X509_V_ERR_CA_MD_TOO_WEAK, "
	    "and a server loading such a certificate gets SSL_R_CA_MD_TOO_WEAK "
	    "(ssl/t1_lib.c; a self-signed certificate's own signature is "
	    "exempt). Go rejects SHA-1 signatures since 1.18 and MD5 always "
	    "(crypto/x509 InsecureAlgorithmError). RFC 6151 and RFC 9155 "
	    "retire MD5 and SHA-1 signatures.",
	.hint = "re-sign with SHA-256: openssl x509 -req -sha256 -in "
	    "server.csr -days 365 -CA server-ca.crt -CAkey server-ca.key "
	    "-CAcreateserial -extfile san.ext -out server.crt",
	.check = check,
};
