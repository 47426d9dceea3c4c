/*
 * x509walk.c - see x509walk.h.
 */
#include "x509walk.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/asn1.h>
#include <mbedtls/x509.h>

#define SEQ (MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE)
#define SET (MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SET)
#define CTX(n) (MBEDTLS_ASN1_CONTEXT_SPECIFIC | (n))
#define CTXC(n) (MBEDTLS_ASN1_CONTEXT_SPECIFIC | MBEDTLS_ASN1_CONSTRUCTED | (n))

/* The walker's failure: say where, return -1. */
#define FAIL(what) do { snprintf(err, errlen, "%s", (what)); return -1; } while (0)

void
certinfo_init(struct certinfo *ci)
{
	memset(ci, 0, sizeof(*ci));
	ci->bc_pathlen = -1;
}

void
certinfo_free(struct certinfo *ci)
{
	if (ci == NULL)
		return;
	free(ci->exts);
	free(ci->cns);
	free(ci->san);
	free(ci->eku);
	certinfo_init(ci);
}

int
span_eq(struct span a, struct span b)
{
	return a.len == b.len && (a.len == 0 || memcmp(a.p, b.p, a.len) == 0);
}

int
oid_is(struct span s, const char *oid, size_t len)
{
	return s.len == len && memcmp(s.p, oid, len) == 0;
}

#define OID_IS(s, o) oid_is((s), (o), sizeof(o) - 1)

const char *
key_alg_name(struct span oid)
{
	if (OID_IS(oid, OID_RSA))
		return "RSA";
	if (OID_IS(oid, OID_RSA_PSS))
		return "RSA-PSS";
	if (OID_IS(oid, OID_EC_PUBKEY))
		return "EC";
	if (OID_IS(oid, OID_ED25519))
		return "Ed25519";
	if (OID_IS(oid, OID_ED448))
		return "Ed448";
	if (OID_IS(oid, OID_X25519))
		return "X25519";
	if (OID_IS(oid, OID_X448))
		return "X448";
	if (OID_IS(oid, OID_DSA))
		return "DSA";
	return NULL;
}

const struct x509_ext *
certinfo_find_ext(const struct certinfo *ci, const unsigned char *oid,
    size_t oid_len)
{
	size_t i;

	for (i = 0; i < ci->nexts; i++)
		if (ci->exts[i].oid.len == oid_len &&
		    memcmp(ci->exts[i].oid.p, oid, oid_len) == 0)
			return &ci->exts[i];
	return NULL;
}

/* Read one TLV with the given tag; set *s to its contents. */
static int
get_tlv(unsigned char **p, const unsigned char *end, int tag, struct span *s)
{
	size_t n;
	int ret;

	if ((ret = mbedtls_asn1_get_tag(p, end, &n, tag)) != 0)
		return ret;
	s->p = *p;
	s->len = n;
	*p += n;
	return 0;
}

/* Read one TLV with the given tag; set *s to the whole TLV. */
static int
get_whole(unsigned char **p, const unsigned char *end, int tag, struct span *s)
{
	unsigned char *start = *p;
	size_t n;
	int ret;

	if ((ret = mbedtls_asn1_get_tag(p, end, &n, tag)) != 0)
		return ret;
	*p += n;
	s->p = start;
	s->len = (size_t)(*p - start);
	return 0;
}

static int
get_time(unsigned char **p, const unsigned char *end, int64_t *t)
{
	mbedtls_x509_time tm;

	if (mbedtls_x509_get_time(p, end, &tm) != 0)
		return -1;
	if (tm.mon < 1 || tm.mon > 12 || tm.day < 1 || tm.day > 31 ||
	    tm.hour > 23 || tm.min > 59 || tm.sec > 60)
		return -1;
	*t = time_from_civil(tm.year, tm.mon, tm.day, tm.hour, tm.min, tm.sec);
	return 0;
}

/* Append a span to a growable array. */
static int
push_span(struct span **v, size_t *n, struct span s)
{
	struct span *nv = realloc(*v, (*n + 1) * sizeof(**v));

	if (nv == NULL)
		return -1;
	*v = nv;
	nv[(*n)++] = s;
	return 0;
}

/* Collect the subject's commonName values. */
static int
walk_name_cns(struct certinfo *ci, struct span name, char *err, size_t errlen)
{
	unsigned char *p = (unsigned char *)name.p, *end = p + name.len;
	unsigned char *set_end, *atv_end;
	struct span oid, val;
	size_t n;

	if (mbedtls_asn1_get_tag(&p, end, &n, SEQ) != 0 || p + n != end)
		FAIL("subject: not a SEQUENCE");
	while (p < end) {
		if (mbedtls_asn1_get_tag(&p, end, &n, SET) != 0)
			FAIL("subject: bad RDN");
		set_end = p + n;
		while (p < set_end) {
			if (mbedtls_asn1_get_tag(&p, set_end, &n, SEQ) != 0)
				FAIL("subject: bad attribute");
			atv_end = p + n;
			if (get_tlv(&p, atv_end, MBEDTLS_ASN1_OID, &oid) != 0)
				FAIL("subject: bad attribute type");
			/* Any string type: read the tag byte as is. */
			if (p >= atv_end)
				FAIL("subject: attribute without value");
			{
				int tag = *p;

				if (get_tlv(&p, atv_end, tag, &val) != 0)
					FAIL("subject: bad attribute value");
			}
			if (OID_IS(oid, "\x55\x04\x03") &&
			    push_span(&ci->cns, &ci->ncns, val) != 0)
				return -2;
			p = atv_end;
		}
	}
	return 0;
}

static int
walk_san(struct certinfo *ci, struct span v, char *err, size_t errlen)
{
	unsigned char *p = (unsigned char *)v.p, *end = p + v.len;
	struct gname *ng;
	size_t n;
	int tag;

	if (mbedtls_asn1_get_tag(&p, end, &n, SEQ) != 0 || p + n != end)
		FAIL("subjectAltName: not a SEQUENCE of GeneralName");
	ci->has_san = 1;
	while (p < end) {
		tag = *p;
		if ((tag & MBEDTLS_ASN1_TAG_CLASS_MASK) !=
		    MBEDTLS_ASN1_CONTEXT_SPECIFIC)
			FAIL("subjectAltName: a GeneralName is not context-tagged");
		p++;
		if (mbedtls_asn1_get_len(&p, end, &n) != 0)
			FAIL("subjectAltName: bad GeneralName length");
		ng = realloc(ci->san, (ci->nsan + 1) * sizeof(*ng));
		if (ng == NULL)
			return -2;
		ci->san = ng;
		ng[ci->nsan].tag = tag & MBEDTLS_ASN1_TAG_VALUE_MASK;
		ng[ci->nsan].value.p = p;
		ng[ci->nsan].value.len = n;
		ci->nsan++;
		p += n;
	}
	return 0;
}

static int
walk_bc(struct certinfo *ci, struct span v, char *err, size_t errlen)
{
	unsigned char *p = (unsigned char *)v.p, *end = p + v.len;
	size_t n;
	int ret;

	ci->has_bc = 1;
	if (mbedtls_asn1_get_tag(&p, end, &n, SEQ) != 0 || p + n != end)
		FAIL("basicConstraints: not a SEQUENCE");
	if (p == end)
		return 0;
	ret = mbedtls_asn1_get_bool(&p, end, &ci->bc_ca);
	if (ret == MBEDTLS_ERR_ASN1_UNEXPECTED_TAG)
		ret = mbedtls_asn1_get_int(&p, end, &ci->bc_ca);
	if (ret != 0)
		FAIL("basicConstraints: bad cA");
	ci->bc_ca = ci->bc_ca != 0;
	if (p == end)
		return 0;
	if (mbedtls_asn1_get_int(&p, end, &ci->bc_pathlen) != 0 || p != end)
		FAIL("basicConstraints: bad pathLenConstraint");
	return 0;
}

static int
walk_ku(struct certinfo *ci, struct span v, char *err, size_t errlen)
{
	unsigned char *p = (unsigned char *)v.p, *end = p + v.len;
	mbedtls_asn1_bitstring bs;
	size_t i;

	if (mbedtls_asn1_get_bitstring(&p, end, &bs) != 0 || p != end)
		FAIL("keyUsage: not a BIT STRING");
	ci->has_ku = 1;
	ci->ku = 0;
	for (i = 0; i < bs.len && i < 2; i++)
		ci->ku |= (unsigned)bs.p[i] << (8 * i);
	return 0;
}

static int
walk_eku(struct certinfo *ci, struct span v, char *err, size_t errlen)
{
	unsigned char *p = (unsigned char *)v.p, *end = p + v.len;
	struct span oid;
	size_t n;

	if (mbedtls_asn1_get_tag(&p, end, &n, SEQ) != 0 || p + n != end)
		FAIL("extendedKeyUsage: not a SEQUENCE");
	ci->has_eku = 1;
	while (p < end) {
		if (get_tlv(&p, end, MBEDTLS_ASN1_OID, &oid) != 0)
			FAIL("extendedKeyUsage: bad OID");
		if (push_span(&ci->eku, &ci->neku, oid) != 0)
			return -2;
	}
	return 0;
}

static int
walk_akid(struct certinfo *ci, struct span v, char *err, size_t errlen)
{
	unsigned char *p = (unsigned char *)v.p, *end = p + v.len;
	size_t n;

	if (mbedtls_asn1_get_tag(&p, end, &n, SEQ) != 0 || p + n != end)
		FAIL("authorityKeyIdentifier: not a SEQUENCE");
	ci->has_akid = 1;
	ci->akid_keyid = p < end && *p == CTX(0);
	return 0;
}

static int
walk_extensions(struct certinfo *ci, unsigned char *p, const unsigned char *end,
    char *err, size_t errlen)
{
	struct x509_ext e, *ne;
	unsigned char *ext_end;
	size_t n, i;
	int ret;

	if (mbedtls_asn1_get_tag(&p, end, &n, SEQ) != 0 || p + n != end)
		FAIL("extensions: not a SEQUENCE");
	while (p < end) {
		memset(&e, 0, sizeof(e));
		if (mbedtls_asn1_get_tag(&p, end, &n, SEQ) != 0)
			FAIL("extensions: bad Extension");
		ext_end = p + n;
		if (get_tlv(&p, ext_end, MBEDTLS_ASN1_OID, &e.oid) != 0)
			FAIL("extensions: bad extnID");
		ret = mbedtls_asn1_get_bool(&p, ext_end, &e.critical);
		if (ret != 0 && ret != MBEDTLS_ERR_ASN1_UNEXPECTED_TAG)
			FAIL("extensions: bad critical flag");
		if (get_tlv(&p, ext_end, MBEDTLS_ASN1_OCTET_STRING,
		    &e.value) != 0 || p != ext_end)
			FAIL("extensions: bad extnValue");
		for (i = 0; i < ci->nexts; i++)
			if (span_eq(ci->exts[i].oid, e.oid))
				ci->dup_ext = 1;
		ne = realloc(ci->exts, (ci->nexts + 1) * sizeof(*ne));
		if (ne == NULL)
			return -2;
		ci->exts = ne;
		ne[ci->nexts++] = e;

		ret = 0;
		if (OID_IS(e.oid, "\x55\x1D\x11")) {
			ret = walk_san(ci, e.value, err, errlen);
		} else if (OID_IS(e.oid, "\x55\x1D\x13")) {
			ci->bc_critical = e.critical;
			ret = walk_bc(ci, e.value, err, errlen);
		} else if (OID_IS(e.oid, "\x55\x1D\x0F")) {
			ci->ku_critical = e.critical;
			ret = walk_ku(ci, e.value, err, errlen);
		} else if (OID_IS(e.oid, "\x55\x1D\x25")) {
			ret = walk_eku(ci, e.value, err, errlen);
		} else if (OID_IS(e.oid, "\x55\x1D\x0E")) {
			ci->has_skid = 1;
		} else if (OID_IS(e.oid, "\x55\x1D\x23")) {
			ret = walk_akid(ci, e.value, err, errlen);
		}
		if (ret != 0)
			return ret;
	}
	return 0;
}

int
certinfo_parse(struct certinfo *ci, const unsigned char *der, size_t len,
    char *err, size_t errlen)
{
	unsigned char *p = (unsigned char *)der, *end = p + len, *tbs_end;
	unsigned char *alg_end;
	struct span tmp;
	mbedtls_asn1_bitstring bs;
	size_t n;
	int ret;

	certinfo_free(ci);
	if (mbedtls_asn1_get_tag(&p, end, &n, SEQ) != 0)
		FAIL("not a DER SEQUENCE (is this a certificate?)");
	end = p + n;
	ci->der.p = der;
	ci->der.len = (size_t)(end - der);
	if (get_whole(&p, end, SEQ, &ci->tbs) != 0)
		FAIL("tbsCertificate: not a SEQUENCE");
	/* Outer signatureAlgorithm and signature. */
	{
		unsigned char *q = p;

		if (mbedtls_asn1_get_tag(&q, end, &n, SEQ) != 0)
			FAIL("signatureAlgorithm: not a SEQUENCE");
		alg_end = q + n;
		if (get_tlv(&q, alg_end, MBEDTLS_ASN1_OID, &ci->sig_oid) != 0)
			FAIL("signatureAlgorithm: bad OID");
		q = alg_end;
		if (mbedtls_asn1_get_bitstring(&q, end, &bs) != 0)
			FAIL("signatureValue: not a BIT STRING");
		ci->sig.p = bs.p;
		ci->sig.len = bs.len;
		if (q != end)
			FAIL("trailing data inside the certificate SEQUENCE");
	}

	/* TBSCertificate. */
	p = (unsigned char *)ci->tbs.p;
	tbs_end = p + ci->tbs.len;
	mbedtls_asn1_get_tag(&p, tbs_end, &n, SEQ);
	ci->version = 1;
	if (p < tbs_end && *p == CTXC(0)) {
		int v;

		if (get_tlv(&p, tbs_end, CTXC(0), &tmp) != 0)
			FAIL("version: bad [0] tag");
		{
			unsigned char *q = (unsigned char *)tmp.p;

			if (mbedtls_asn1_get_int(&q, q + tmp.len, &v) != 0)
				FAIL("version: not an INTEGER");
		}
		if (v < 0 || v > 2)
			FAIL("version: not v1, v2 or v3");
		ci->version = v + 1;
	}
	if (get_tlv(&p, tbs_end, MBEDTLS_ASN1_INTEGER, &ci->serial) != 0)
		FAIL("serialNumber: not an INTEGER");
	if (mbedtls_asn1_get_tag(&p, tbs_end, &n, SEQ) != 0)
		FAIL("signature: not an AlgorithmIdentifier");
	alg_end = p + n;
	if (get_tlv(&p, alg_end, MBEDTLS_ASN1_OID, &ci->tbs_sig_oid) != 0)
		FAIL("signature: bad OID");
	p = alg_end;
	if (get_whole(&p, tbs_end, SEQ, &ci->issuer) != 0)
		FAIL("issuer: not a Name");
	if (mbedtls_asn1_get_tag(&p, tbs_end, &n, SEQ) != 0)
		FAIL("validity: not a SEQUENCE");
	alg_end = p + n;
	if (get_time(&p, alg_end, &ci->not_before) != 0)
		FAIL("validity: bad notBefore time");
	if (get_time(&p, alg_end, &ci->not_after) != 0 || p != alg_end)
		FAIL("validity: bad notAfter time");
	if (get_whole(&p, tbs_end, SEQ, &ci->subject) != 0)
		FAIL("subject: not a Name");
	if (get_whole(&p, tbs_end, SEQ, &ci->spki) != 0)
		FAIL("subjectPublicKeyInfo: not a SEQUENCE");
	{
		unsigned char *q = (unsigned char *)ci->spki.p;
		const unsigned char *spki_end = q + ci->spki.len;

		mbedtls_asn1_get_tag(&q, spki_end, &n, SEQ);
		if (mbedtls_asn1_get_tag(&q, spki_end, &n, SEQ) != 0)
			FAIL("subjectPublicKeyInfo: bad algorithm");
		alg_end = q + n;
		if (get_tlv(&q, alg_end, MBEDTLS_ASN1_OID, &ci->spki_oid) != 0)
			FAIL("subjectPublicKeyInfo: bad algorithm OID");
		ci->spki_param.p = q;
		ci->spki_param.len = (size_t)(alg_end - q);
		q = alg_end;
		if (mbedtls_asn1_get_bitstring(&q, spki_end, &bs) != 0)
			FAIL("subjectPublicKeyInfo: bad subjectPublicKey");
		ci->spki_key.p = bs.p;
		ci->spki_key.len = bs.len;
	}
	if (p < tbs_end && *p == CTX(1) &&
	    get_tlv(&p, tbs_end, CTX(1), &tmp) != 0)
		FAIL("issuerUniqueID: bad");
	if (p < tbs_end && *p == CTX(2) &&
	    get_tlv(&p, tbs_end, CTX(2), &tmp) != 0)
		FAIL("subjectUniqueID: bad");
	if (p < tbs_end && *p == CTXC(3)) {
		if (get_tlv(&p, tbs_end, CTXC(3), &tmp) != 0)
			FAIL("extensions: bad [3] tag");
		ret = walk_extensions(ci, (unsigned char *)tmp.p,
		    tmp.p + tmp.len, err, errlen);
		if (ret != 0)
			return ret;
	}
	if (p != tbs_end)
		FAIL("tbsCertificate: unexpected trailing fields");
	return walk_name_cns(ci, ci->subject, err, errlen);
}

int
csr_walk(const unsigned char *der, size_t len, struct span *subject,
    struct span *spki, int *has_san, struct gname **san, size_t *nsan,
    struct span **cns, size_t *ncns, char *err, size_t errlen)
{
	unsigned char *p = (unsigned char *)der, *end = p + len;
	unsigned char *info_end, *attrs_end, *attr_end, *set_end, *ext_end;
	struct certinfo tmp;
	struct span oid, val;
	size_t n;
	int ver, ret;

	*has_san = 0;
	*san = NULL;
	*nsan = 0;
	*cns = NULL;
	*ncns = 0;
	if (mbedtls_asn1_get_tag(&p, end, &n, SEQ) != 0)
		FAIL("not a DER SEQUENCE (is this a CSR?)");
	end = p + n;
	if (mbedtls_asn1_get_tag(&p, end, &n, SEQ) != 0)
		FAIL("certificationRequestInfo: not a SEQUENCE");
	info_end = p + n;
	if (mbedtls_asn1_get_int(&p, info_end, &ver) != 0)
		FAIL("version: not an INTEGER");
	if (get_whole(&p, info_end, SEQ, subject) != 0)
		FAIL("subject: not a Name");
	if (get_whole(&p, info_end, SEQ, spki) != 0)
		FAIL("subjectPKInfo: not a SEQUENCE");
	certinfo_init(&tmp);
	if (p < info_end) {
		if (mbedtls_asn1_get_tag(&p, info_end, &n, CTXC(0)) != 0)
			FAIL("attributes: bad [0] tag");
		attrs_end = p + n;
		while (p < attrs_end) {
			if (mbedtls_asn1_get_tag(&p, attrs_end, &n, SEQ) != 0)
				FAIL("attributes: bad Attribute");
			attr_end = p + n;
			if (get_tlv(&p, attr_end, MBEDTLS_ASN1_OID, &oid) != 0)
				FAIL("attributes: bad type");
			if (mbedtls_asn1_get_tag(&p, attr_end, &n, SET) != 0)
				FAIL("attributes: bad values");
			set_end = p + n;
			/* extensionRequest: SET { Extensions } */
			if (OID_IS(oid, "\x2A\x86\x48\x86\xF7\x0D\x01\x09\x0E") &&
			    p < set_end) {
				if (get_whole(&p, set_end, SEQ, &val) != 0)
					FAIL("extensionRequest: bad Extensions");
				ext_end = (unsigned char *)val.p + val.len;
				ret = walk_extensions(&tmp, (unsigned char *)val.p,
				    ext_end, err, errlen);
				if (ret != 0) {
					certinfo_free(&tmp);
					return ret;
				}
			}
			p = attr_end;
		}
	}
	ret = walk_name_cns(&tmp, *subject, err, errlen);
	if (ret != 0) {
		certinfo_free(&tmp);
		return ret;
	}
	/* Hand the SAN and CN arrays over; free the rest. */
	*has_san = tmp.has_san;
	*san = tmp.san;
	*nsan = tmp.nsan;
	*cns = tmp.cns;
	*ncns = tmp.ncns;
	tmp.san = NULL;
	tmp.cns = NULL;
	certinfo_free(&tmp);
	return 0;
}
