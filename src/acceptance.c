/*
 * acceptance.c - see acceptance.h.
 */
#include "acceptance.h"
#include "hostmatch.h"
#include "keycheck.h"
#include "util.h"

#include <mbedtls/asn1.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void
acceptance_init(struct acceptance *a)
{
	memset(a, 0, sizeof(*a));
}

void
acceptance_free(struct acceptance *a)
{
	size_t i;

	if (a == NULL)
		return;
	for (i = 0; i < SRV_COUNT; i++)
		free(a->servers[i].reason);
	for (i = 0; i < CL_COUNT; i++)
		free(a->ca[i].reason);
	for (i = 0; a->full != NULL && i < CL_COUNT * a->neps; i++)
		free(a->full[i].reason);
	free(a->full);
	acceptance_init(a);
}

const struct verdict *
full_verdict(const struct acceptance *a, enum client_id c, size_t e)
{
	return &a->full[(size_t)c * a->neps + e];
}

/* Set v; returns 1 (a verdict was reached) or -1 when out of memory. */
static int set(struct verdict *v, int accept, const char *code,
    const char *fmt, ...) CG_PRINTF(4, 5);

static int
set(struct verdict *v, int accept, const char *code, const char *fmt, ...)
{
	va_list ap;

	free(v->reason);
	v->accept = accept;
	v->code = code;
	va_start(ap, fmt);
	v->reason = str_vprintf(fmt, ap);
	va_end(ap);
	return v->reason != NULL ? 1 : -1;
}


const char *
sig_is_weak(const struct certinfo *ci)
{
	const char *alg = keycheck_weak_sig(ci->sig_oid);

	/* One table of weak algorithms (keycheck.c); here, the digest. */
	if (alg == NULL)
		return NULL;
	if (strstr(alg, "md5") != NULL)
		return "MD5";
	if (strstr(alg, "md2") != NULL)
		return "MD2";
	if (strstr(alg, "md4") != NULL)
		return "MD4";
	return "SHA-1";
}

/* The named curve of an EC key, from its SPKI parameters. */
static const char *
ec_curve(const struct cert *c, unsigned *bits)
{
	static const struct { const char *oid; size_t len; const char *name;
	    unsigned bits; } curves[] = {
		{ "\x06\x08\x2A\x86\x48\xCE\x3D\x03\x01\x07", 10, "P-256", 256 },
		{ "\x06\x05\x2B\x81\x04\x00\x22", 7, "P-384", 384 },
		{ "\x06\x05\x2B\x81\x04\x00\x23", 7, "P-521", 521 },
		{ "\x06\x05\x2B\x81\x04\x00\x21", 7, "P-224", 224 },
		{ "\x06\x08\x2A\x86\x48\xCE\x3D\x03\x01\x01", 10, "P-192", 192 },
		{ "\x06\x05\x2B\x81\x04\x00\x0A", 7, "secp256k1", 256 },
		{ "\x06\x09\x2B\x24\x03\x03\x02\x08\x01\x01\x07", 11,
		    "brainpoolP256r1", 256 },
	};
	size_t i;

	for (i = 0; i < CG_ARRAY_LEN(curves); i++) {
		if (c->info.spki_param.len == curves[i].len &&
		    memcmp(c->info.spki_param.p, curves[i].oid,
		    curves[i].len) == 0) {
			*bits = curves[i].bits;
			return curves[i].name;
		}
	}
	*bits = c->key_bits;
	return NULL;
}

unsigned
cert_key_bits(const struct cert *c)
{
	unsigned bits = c->key_bits;

	if (c->key_alg != NULL && strcmp(c->key_alg, "EC") == 0)
		ec_curve(c, &bits);
	if (c->key_alg != NULL && strcmp(c->key_alg, "DSA") == 0 && bits == 0) {
		/* mbedTLS cannot read DSA: p's size from the parameters. */
		unsigned char *p = (unsigned char *)c->info.spki_param.p;
		const unsigned char *end = p + c->info.spki_param.len;
		size_t n;

		if (mbedtls_asn1_get_tag(&p, end, &n, MBEDTLS_ASN1_CONSTRUCTED |
		    MBEDTLS_ASN1_SEQUENCE) == 0 &&
		    mbedtls_asn1_get_tag(&p, end, &n, MBEDTLS_ASN1_INTEGER) == 0) {
			while (n > 0 && *p == 0) {
				p++;
				n--;
			}
			bits = (unsigned)n * 8;
		}
	}
	return bits;
}

/* Below OpenSSL security level 2 (112-bit security)? */
static int
key_below_level2(const struct cert *c)
{
	unsigned bits = cert_key_bits(c);

	if (c->key_alg == NULL || bits == 0)
		return 0;
	if (strcmp(c->key_alg, "RSA") == 0 || strcmp(c->key_alg, "DSA") == 0 ||
	    strcmp(c->key_alg, "RSA-PSS") == 0)
		return bits < 2048;
	if (strcmp(c->key_alg, "EC") == 0)
		return bits < 224;
	return 0;
}

/* ---- servers ---- */

static int
server_verdict(const struct server_profile *sp, const struct bundle *b,
    struct verdict *v)
{
	const struct cert *c = b->leaf;
	const struct key *k = b->key;
	const char *md;
	char why[200];
	int r;

	why[0] = '\0';
	if (c == NULL && !b->input_trouble)
		return set(v, -1, "n/a", "no server certificate could be "
		    "assembled");
	if (c != NULL && k == NULL && !b->input_trouble)
		return set(v, -1, "n/a", "no private key given: cannot judge "
		    "whether it starts");
	if (c == NULL)
		snprintf(why, sizeof(why), "the certificate does not load (see "
		    "the input findings)");
	else if (k == NULL)
		snprintf(why, sizeof(why), "the private key does not load (see "
		    "the input findings)");
	if (why[0] != '\0')
		goto refused;
	if (k->encrypted)
		snprintf(why, sizeof(why), "the private key is encrypted and "
		    "no passphrase can be given at start-up");
	else if ((r = key_matches_cert(k, c)) == 0)
		snprintf(why, sizeof(why), "the private key does not match the "
		    "certificate (\"key values mismatch\")");
	else if (key_below_level2(c))
		snprintf(why, sizeof(why), "the certificate's %s-%u key is "
		    "below OpenSSL security level 2 (\"ee key too small\")",
		    c->key_alg, cert_key_bits(c));
	else if (!c->self_signed && (md = sig_is_weak(&c->info)) != NULL)
		snprintf(why, sizeof(why), "the certificate is signed with %s, "
		    "refused at security level 2 (\"ca md too weak\")", md);
	if (why[0] == '\0')
		return set(v, 1, "starts", "starts with TLS on");
refused:
	if (sp->runs_without_tls)
		return set(v, 0, "no-TLS", "runs WITHOUT TLS (MySQL 8 logs a "
		    "warning instead of failing): %s", why);
	return set(v, 0, c == NULL ? "no-cert" : k == NULL ? "no-key" :
	    k->encrypted ? "enc-key" : strstr(why, "mismatch") ?
	    "mismatch" : strstr(why, "too small") ? "ee-weak" : "md-weak",
	    "does not start: %s", why);
}

/* ---- clients ---- */

/* Is the name bytes all IA5 (ASCII)?  Go refuses to parse others. */
static int
ia5(struct span s)
{
	size_t i;

	for (i = 0; i < s.len; i++)
		if (s.p[i] >= 0x80)
			return 0;
	return 1;
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

/* Checks before the host name: issuer, CA, purpose, strength.  Returns 1
 * with v set when the client refuses (or cannot be judged), 0 when it
 * passes, -1 out of memory.  *anchor_out gets the trust anchor. */
static int
chain_front(const struct client_profile *cp, const struct bundle *b,
    struct verdict *v, const struct cert **anchor_out)
{
	const struct cert *leaf = b->leaf, *anchor = b->ca;
	const struct certinfo *li, *ai;
	enum chain_rule cr = cp->chain;
	int openssl = cr == CHAIN_OPENSSL || cr == CHAIN_OPENSSL_STRICT;
	const char *md;
	size_t i;
	int single;

	if (leaf == NULL)
		return set(v, -1, "n/a", "no server certificate could be "
		    "assembled");
	if (anchor == NULL && leaf->self_signed)
		anchor = leaf;
	if (anchor == NULL)
		return set(v, -1, "n/a", "no CA certificate given: cannot "
		    "judge the chain");
	*anchor_out = anchor;
	single = anchor == leaf ||
	    memcmp(anchor->sha256, leaf->sha256, 32) == 0;
	li = &leaf->info;
	ai = &anchor->info;

	if (cr == CHAIN_GO) {
		for (i = 0; i < li->nsan; i++)
			if (li->san[i].tag == GN_DNS && !ia5(li->san[i].value))
				return set(v, 0, "malformed", "Go cannot parse "
				    "the certificate: \"x509: SAN dNSName is "
				    "malformed\" (non-ASCII name)");
	}
	if (!single && leaf->self_signed)
		return set(v, 0, "self-sign", "the server certificate is "
		    "self-signed and is not the CA given: \"self-signed "
		    "certificate\"");
	if (!single && !cert_names_chain(leaf, anchor))
		return set(v, 0, "issuer", "the CA given did not issue the "
		    "certificate: \"unable to get local issuer certificate\"");

	/* Can the anchor act as a CA for this client? */
	if (!single) {
		const char *why = NULL;

		switch (cr) {
		case CHAIN_OPENSSL:
			if (ai->version == 1)
				break;
			if (ai->has_bc && !ai->bc_ca)
				why = "basicConstraints CA:FALSE";
			else if (!ai->has_bc && !(ai->has_ku &&
			    (ai->ku & KU_KEY_CERT_SIGN)))
				why = "neither CA:TRUE nor keyCertSign";
			else if (ai->has_ku && !(ai->ku & KU_KEY_CERT_SIGN))
				why = "keyUsage without keyCertSign";
			break;
		case CHAIN_OPENSSL_STRICT:
			if (ai->version == 1)
				why = "a version-1 root is not a CA in strict "
				    "mode";
			else if (!ai->has_bc || !ai->bc_ca)
				why = "strict mode requires basicConstraints "
				    "CA:TRUE";
			else if (ai->has_ku && !(ai->ku & KU_KEY_CERT_SIGN))
				why = "keyUsage without keyCertSign";
			break;
		case CHAIN_GO:
			if ((ai->version == 3 && !ai->has_bc) ||
			    (ai->has_bc && !ai->bc_ca) ||
			    (ai->has_ku && ai->ku != 0 &&
			    !(ai->ku & KU_KEY_CERT_SIGN)))
				return set(v, 0, "ca-inval", "\"x509: invalid "
				    "signature: parent certificate cannot sign "
				    "this kind of certificate\"");
			break;
		case CHAIN_JAVA:
			/* Measured with PgJDBC 42.5 on OpenJDK 17. */
			if ((ai->version == 3 && !ai->has_bc) ||
			    (ai->has_bc && !ai->bc_ca))
				return set(v, 0, "ca-inval", "\"TrustAnchor with "
				    "subject ... is not a CA certificate\"");
			if (ai->has_ku && !(ai->ku & KU_KEY_CERT_SIGN))
				return set(v, 0, "ca-inval", "\"TrustAnchor ... "
				    "does not have keyCertSign bit set in "
				    "KeyUsage extension\"");
			break;
		}
		if (why != NULL)
			return set(v, 0, "ca-inval", "\"invalid CA "
			    "certificate\": %s", why);
	}

	/* Python 3.13's VERIFY_X509_STRICT extension checks (OpenSSL
	 * x509_vfy.c check_extensions), leaf first, for chains of two. */
	if (cr == CHAIN_OPENSSL_STRICT && !single) {
		if (li->version == 3 && !(li->has_akid && li->akid_keyid))
			return set(v, 0, "strict", "strict mode: \"Missing "
			    "Authority Key Identifier\" on the server "
			    "certificate");
		if (!(li->has_bc && li->bc_ca) && li->has_ku &&
		    (li->ku & KU_KEY_CERT_SIGN))
			return set(v, 0, "strict", "strict mode: \"Key usage "
			    "keyCertSign invalid for non-CA cert\"");
		if (li->has_san && li->nsan == 0)
			return set(v, 0, "strict", "strict mode: \"Empty "
			    "Subject Alternative Name extension\"");
		if (!span_eq(li->sig_oid, li->tbs_sig_oid))
			return set(v, 0, "strict", "strict mode: \"Signature "
			    "algorithm inconsistency\"");
		if (ai->has_bc && ai->bc_ca && !ai->bc_critical)
			return set(v, 0, "strict", "strict mode: \"Basic "
			    "Constraints of CA cert not marked critical\"");
		if (ai->has_bc && ai->bc_ca && !ai->has_ku)
			return set(v, 0, "strict", "strict mode: \"CA cert does "
			    "not include key usage extension\"");
		if (ai->has_bc && ai->bc_ca && !ai->has_skid)
			return set(v, 0, "strict", "strict mode: \"Missing "
			    "Subject Key Identifier\" on the CA");
	}

	/* Purpose: TLS server. */
	if (li->has_eku && !has_eku(li, OID_EKU_SERVER,
	    sizeof(OID_EKU_SERVER) - 1) && (openssl || !has_eku(li,
	    OID_EKU_ANY, sizeof(OID_EKU_ANY) - 1)))
		return set(v, 0, "purpose", cr == CHAIN_GO ? "\"x509: "
		    "certificate specifies an incompatible key usage\" (no "
		    "serverAuth)" : "extendedKeyUsage without serverAuth: "
		    "\"unsuitable certificate purpose\"");
	if (li->has_ku && cr != CHAIN_GO &&
	    !(li->ku & (KU_DIGITAL_SIGNATURE | (cr == CHAIN_JAVA ? 0 :
	    KU_KEY_ENCIPHERMENT | KU_KEY_AGREEMENT))))
		return set(v, 0, "purpose", "keyUsage forbids TLS server use: "
		    "\"unsuitable certificate purpose\"");

	/* Strength. */
	if (openssl) {
		if (key_below_level2(leaf))
			return set(v, 0, "ee-weak", "%s-%u key below security "
			    "level 2: \"EE certificate key too weak\"",
			    leaf->key_alg, cert_key_bits(leaf));
		if (!single && key_below_level2(anchor))
			return set(v, 0, "ca-weak", "CA %s-%u key below "
			    "security level 2: \"CA certificate key too weak\"",
			    anchor->key_alg, cert_key_bits(anchor));
		if (!single && (md = sig_is_weak(li)) != NULL)
			return set(v, 0, "md-weak", "%s signature: \"CA "
			    "signature digest algorithm too weak\"", md);
	} else if (cr == CHAIN_GO) {
		if (!single && (md = sig_is_weak(li)) != NULL)
			return set(v, 0, "md-weak", "\"x509: cannot verify "
			    "signature: insecure algorithm\" (%s)", md);
	} else {
		if (!single && (md = sig_is_weak(li)) != NULL &&
		    strcmp(md, "SHA-1") != 0)
			return set(v, 0, "md-weak", "%s signatures are disabled "
			    "(jdk.certpath.disabledAlgorithms)", md);
		if (leaf->key_alg != NULL && strcmp(leaf->key_alg, "RSA") == 0 &&
		    cert_key_bits(leaf) < 1024)
			return set(v, 0, "ee-weak", "RSA keys under 1024 bits "
			    "are disabled");
	}
	/* TLS itself: TLS 1.3 has no DSA signature scheme; OpenSSL clients
	 * and Go offer no DSS cipher suite (measured: "sslv3 alert handshake
	 * failure" for psql, mariadb and Python), the JDK does (PgJDBC
	 * negotiates DHE-DSS over TLS 1.2). */
	if (leaf->key_alg != NULL && strcmp(leaf->key_alg, "DSA") == 0 &&
	    cr != CHAIN_JAVA)
		return set(v, 0, "alg", "the handshake fails for a DSA server "
		    "key: no TLS 1.3 signature scheme, no shared DSS cipher "
		    "suite (\"sslv3 alert handshake failure\")");
	/* ECDSA needs a curve both sides offer (P-256/384/521). */
	if (leaf->key_alg != NULL && strcmp(leaf->key_alg, "EC") == 0) {
		unsigned bits;
		const char *curve = ec_curve(leaf, &bits);

		if (curve == NULL || (strcmp(curve, "P-256") != 0 &&
		    strcmp(curve, "P-384") != 0 && strcmp(curve, "P-521") != 0))
			return set(v, 0, "curve", "no TLS signature scheme for "
			    "the server key's curve %s: the handshake fails",
			    curve ? curve : "(unknown)");
	}
	return 0;
}

/* Checks after the host name: signatures and validity windows. */
static int
chain_back(const struct client_profile *cp, const struct bundle *b,
    const struct cert *anchor, struct verdict *v)
{
	const struct cert *leaf = b->leaf;
	char why[200], t[32];
	int single = anchor == leaf ||
	    memcmp(anchor->sha256, leaf->sha256, 32) == 0;

	if (!single && (anchor == b->ca ? b->leaf_sig :
	    cert_verify_signature(leaf, anchor, why, sizeof(why))) == 0)
		return set(v, 0, "bad-sig", "the signature does not verify "
		    "with the CA's key: \"certificate signature failure\"");
	if (b->now > leaf->info.not_after)
		return set(v, 0, "expired", "\"certificate has expired\" "
		    "(notAfter %s)", time_format(leaf->info.not_after, t,
		    sizeof(t)));
	if (b->now < leaf->info.not_before)
		return set(v, 0, "not-yet", "\"certificate is not yet valid\" "
		    "(notBefore %s)", time_format(leaf->info.not_before, t,
		    sizeof(t)));
	if (!single && cp->chain != CHAIN_JAVA) {
		if (b->now > anchor->info.not_after)
			return set(v, 0, "ca-expire", "the CA \"certificate has "
			    "expired\"");
		if (b->now < anchor->info.not_before)
			return set(v, 0, "ca-notyet", "the CA \"certificate is "
			    "not yet valid\"");
	}
	return 0;
}

/* "DNS:a, IP:b, CN=c" for the leaf's names (heap; NULL out of memory). */
static char *
leaf_names(const struct cert *c)
{
	char *acc = str_dup(""), *v, *n, ip[64];
	size_t i;

	for (i = 0; acc != NULL && i < c->nnames; i++) {
		const struct cert_name *nm = &c->names[i];

		if (nm->type == NAME_IP)
			v = str_dup(ip_format(nm->value.p, nm->value.len, ip,
			    sizeof(ip)));
		else
			v = str_printable(nm->value.p, nm->value.len);
		n = v == NULL ? NULL : str_printf("%s%s%s%s", acc,
		    *acc ? ", " : "", nm->type == NAME_DNS ? "DNS:" :
		    nm->type == NAME_IP ? "IP:" : "CN=", v);
		free(v);
		free(acc);
		acc = n;
	}
	if (acc != NULL && *acc == '\0') {
		free(acc);
		acc = str_dup("none");
	}
	return acc;
}

static int
host_check(const struct client_profile *cp, const struct bundle *b,
    const struct endpoint *ep, struct verdict *v)
{
	const struct cert *leaf = b->leaf;
	struct coverage cv;
	char *bad;
	int r;

	hostmatch_profile(&cp->match, ep, leaf->names, leaf->nnames, &cv);
	if (cv.covered)
		return 0;
	if (cv.aborted) {
		bad = str_printable(leaf->names[cv.index].value.p,
		    leaf->names[cv.index].value.len);
		if (bad == NULL)
			return -1;
		r = set(v, 0, "nul-name", "\"SSL certificate's name contains "
		    "embedded null\" (%s): the whole check fails", bad);
		free(bad);
		return r;
	}
	if (cp->chain == CHAIN_GO && !leaf->has_dns_san && !leaf->has_ip_san &&
	    ep->type == HOST_DNS) {
		hostmatch_profile(&policy_rfc, ep, leaf->names, leaf->nnames,
		    &cv);
		if (cv.covered)
			return set(v, 0, "cn-only", "\"x509: certificate relies "
			    "on legacy Common Name field, use SANs instead\"");
	}
	if (cp->match.ipv6_never && ep->type == HOST_IPV6)
		return set(v, 0, "ipv6", "PgJDBC passes the bracketed host "
		    "[%s] to its hostname verifier, so an IPv6 endpoint never "
		    "matches", ep->host);
	if ((bad = leaf_names(leaf)) == NULL)
		return -1;
	r = set(v, 0, "name", "none of the certificate's names (%s) matches "
	    "%s the way %s compares them", bad, ep->host, cp->name);
	free(bad);
	return r;
}

/* The server a client's reason may mention. */
static enum server_id
server_of(enum client_id c)
{
	return c == CL_MARIADB ? SRV_MARIADB : c == CL_MYSQL ||
	    c == CL_CONNECTORJ ? SRV_MYSQL : SRV_POSTGRESQL;
}

static int
client_verdict(const struct client_profile *cp, const struct bundle *b,
    const struct endpoint *ep, const struct acceptance *a, struct verdict *v)
{
	const struct cert *anchor = NULL;
	const struct verdict *sv;
	char *with;
	int r;

	r = chain_front(cp, b, v, &anchor);
	if (r == 0 && ep != NULL)
		r = host_check(cp, b, ep, v);
	if (r == 0)
		r = chain_back(cp, b, anchor, v);
	if (r == 0)
		r = set(v, 1, "ok", "accepts the certificate");
	if (r < 0)
		return -1;
	sv = &a->servers[server_of(cp->id)];
	if (sv->accept == 0) {
		with = str_printf("%s (the %s server would not start with "
		    "this set)", v->reason, server_profiles[server_of(
		    cp->id)].name);
		if (with == NULL)
			return -1;
		free(v->reason);
		v->reason = with;
	}
	return 0;
}

int
acceptance_compute(const struct bundle *b, struct acceptance *a)
{
	size_t i, e;

	acceptance_free(a);
	for (i = 0; i < SRV_COUNT; i++)
		if (server_verdict(&server_profiles[i], b, &a->servers[i]) < 0)
			return -1;
	a->neps = b->neps;
	if (b->neps > 0) {
		a->full = calloc(CL_COUNT * b->neps, sizeof(*a->full));
		if (a->full == NULL)
			return -1;
	}
	for (i = 0; i < CL_COUNT; i++) {
		if (client_verdict(&client_profiles[i], b, NULL, a,
		    &a->ca[i]) < 0)
			return -1;
		for (e = 0; e < b->neps; e++)
			if (client_verdict(&client_profiles[i], b, &b->eps[e],
			    a, &a->full[i * b->neps + e]) < 0)
				return -1;
	}
	return 0;
}
