/*
 * test_x509walk.c - src/x509walk.c: the DER walker on real certificates
 * (fields compared with what openssl prints), and on malformed DER (every
 * truncation, flipped tags, single-byte damage) where it must fail cleanly.
 */
#include "suites.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/pem.h"
#include "../src/util.h"
#include "../src/x509walk.h"

#define RM "rm-bp1abc123.mysql.rds.aliyuncs.com"
#define PG "pgm-bp1abc123.pg.rds.aliyuncs.com"

/*
 * Validity dates, as `openssl x509 -noout -dates` prints them for the
 * fixtures (dates are fixed by gen.sh; keys and serials are not):
 *
 *   guide-mysql/server.crt, good-san/server.crt:
 *     notBefore=Nov 20 00:00:00 2026 GMT
 *     notAfter=Nov 20 00:00:00 2027 GMT
 *   good-san/server-ca.crt, ca-not-ca-nobc/server-ca.crt:
 *     notBefore=Nov 20 00:00:00 2026 GMT
 *     notAfter=Nov 17 00:00:00 2036 GMT
 *   expired/server.crt:
 *     notBefore=Jan  1 00:00:00 2024 GMT
 *     notAfter=Dec 31 00:00:00 2024 GMT
 *   not-yet-valid/server.crt:
 *     notBefore=Jun  1 00:00:00 2027 GMT
 *     notAfter=May 31 00:00:00 2028 GMT
 *
 * and the epochs, from `date -u -d '<date> UTC' +%s`:
 */
#define T_2026_11_20 1795132800LL
#define T_2027_11_20 1826668800LL
#define T_2036_11_17 2110492800LL
#define T_2024_01_01 1704067200LL
#define T_2024_12_31 1735603200LL
#define T_2027_06_01 1811808000LL
#define T_2028_05_31 1843344000LL

#define OID_SHA256_RSA "\x2A\x86\x48\x86\xF7\x0D\x01\x01\x0B"
#define OID_ECDSA_SHA256 "\x2A\x86\x48\xCE\x3D\x04\x03\x02"
#define OID_P256 "\x2A\x86\x48\xCE\x3D\x03\x01\x07"
#define OID_SAN "\x55\x1D\x11"
#define OID_KU "\x55\x1D\x0F"
#define OID_BC "\x55\x1D\x13"

#define OIDIS(s, o) oid_is((s), (o), sizeof(o) - 1)

/* A certificate read from a PEM fixture: the scan owns the DER. */
struct loaded {
	char *text;
	struct pem_scan scan;
	const unsigned char *der;
	size_t len;
};

static void
load(const char *path, struct loaded *l)
{
	size_t len;

	l->text = read_file_or_die(path, &len);
	pem_scan_init(&l->scan);
	ck_assert_int_eq(pem_scan((unsigned char *)l->text, len, &l->scan), 0);
	ck_assert_uint_eq(l->scan.nblocks, 1);
	ck_assert_ptr_null(l->scan.blocks[0].error);
	ck_assert_str_eq(l->scan.blocks[0].label, "CERTIFICATE");
	l->der = l->scan.blocks[0].der;
	l->len = l->scan.blocks[0].der_len;
}

static void
unload(struct loaded *l)
{
	pem_scan_free(&l->scan);
	free(l->text);
}

static void
parse_ok(struct certinfo *ci, const struct loaded *l)
{
	char err[160] = "";

	certinfo_init(ci);
	ck_assert_msg(certinfo_parse(ci, l->der, l->len, err, sizeof(err)) == 0,
	    "certinfo_parse: %s", err);
}

static void
assert_span_str(struct span s, const char *want)
{
	ck_assert_uint_eq(s.len, strlen(want));
	ck_assert_mem_eq(s.p, want, s.len);
}

/* Every span lies inside the DER it was parsed from. */
static void
assert_inside(const struct certinfo *ci, const unsigned char *der, size_t len)
{
	const struct span sp[] = {
		ci->der, ci->tbs, ci->serial, ci->tbs_sig_oid, ci->sig_oid,
		ci->sig, ci->issuer, ci->subject, ci->spki, ci->spki_oid,
		ci->spki_param, ci->spki_key,
	};
	size_t i;

	for (i = 0; i < CG_ARRAY_LEN(sp); i++)
		ck_assert_msg(sp[i].len == 0 || (sp[i].p >= der &&
		    sp[i].p + sp[i].len <= der + len), "span %zu outside", i);
	for (i = 0; i < ci->nexts; i++)
		ck_assert(ci->exts[i].value.p >= der &&
		    ci->exts[i].value.p + ci->exts[i].value.len <= der + len);
	for (i = 0; i < ci->nsan; i++)
		ck_assert(ci->san[i].value.p >= der &&
		    ci->san[i].value.p + ci->san[i].value.len <= der + len);
	for (i = 0; i < ci->ncns; i++)
		ck_assert(ci->cns[i].p >= der &&
		    ci->cns[i].p + ci->cns[i].len <= der + len);
}

/* ---- real certificates ---- */

START_TEST(test_guide_mysql_v1)
{
	struct loaded l;
	struct certinfo ci;

	load(FIXTURES "/guide-mysql/server.crt", &l);
	parse_ok(&ci, &l);
	ck_assert_int_eq(ci.version, 1);
	ck_assert_uint_eq(ci.nexts, 0);
	ck_assert_ptr_null(ci.exts);
	ck_assert_int_eq(ci.has_san, 0);
	ck_assert_uint_eq(ci.nsan, 0);
	ck_assert_int_eq(ci.has_bc, 0);
	ck_assert_int_eq(ci.bc_pathlen, -1);
	ck_assert_int_eq(ci.has_ku, 0);
	ck_assert_int_eq(ci.has_eku, 0);
	ck_assert_int_eq(ci.has_skid, 0);
	ck_assert_int_eq(ci.has_akid, 0);
	ck_assert_uint_eq(ci.ncns, 1);
	assert_span_str(ci.cns[0], RM);
	ck_assert_int_eq(ci.not_before, T_2026_11_20);
	ck_assert_int_eq(ci.not_after, T_2027_11_20);
	ck_assert(OIDIS(ci.sig_oid, OID_SHA256_RSA));
	ck_assert(span_eq(ci.sig_oid, ci.tbs_sig_oid));
	ck_assert(OIDIS(ci.spki_oid, OID_RSA));
	ck_assert_str_eq(key_alg_name(ci.spki_oid), "RSA");
	/* RSA-2048: 256-byte signature; the modulus key is bigger still. */
	ck_assert_uint_eq(ci.sig.len, 256);
	ck_assert_uint_gt(ci.spki_key.len, 256);
	ck_assert_uint_gt(ci.serial.len, 0);
	/* The whole certificate, TBS first, issuer != subject. */
	ck_assert_ptr_eq(ci.der.p, l.der);
	ck_assert_uint_eq(ci.der.len, l.len);
	ck_assert_int_eq(ci.tbs.p[0], 0x30);
	ck_assert_int_eq(ci.issuer.p[0], 0x30);
	ck_assert(!span_eq(ci.issuer, ci.subject));
	assert_inside(&ci, l.der, l.len);
	certinfo_free(&ci);
	certinfo_free(&ci);             /* safe twice */
	certinfo_free(NULL);
	unload(&l);
}
END_TEST

START_TEST(test_good_san_leaf)
{
	static const unsigned char lo4[4] = { 127, 0, 0, 1 };
	static const unsigned char lo6[16] = { [15] = 1 };
	struct loaded l;
	struct certinfo ci;
	const struct x509_ext *e;

	load(FIXTURES "/good-san/server.crt", &l);
	parse_ok(&ci, &l);
	ck_assert_int_eq(ci.version, 3);
	/* bc, ku, eku, san, akid, skid */
	ck_assert_uint_eq(ci.nexts, 6);
	ck_assert_int_eq(ci.dup_ext, 0);
	/* SAN: DNS:rm-..., DNS:pgm-..., IP:127.0.0.1, IP:::1 in order. */
	ck_assert_int_eq(ci.has_san, 1);
	ck_assert_uint_eq(ci.nsan, 4);
	ck_assert_int_eq(ci.san[0].tag, GN_DNS);
	assert_span_str(ci.san[0].value, RM);
	ck_assert_int_eq(ci.san[1].tag, GN_DNS);
	assert_span_str(ci.san[1].value, PG);
	ck_assert_int_eq(ci.san[2].tag, GN_IP);
	ck_assert_uint_eq(ci.san[2].value.len, 4);
	ck_assert_mem_eq(ci.san[2].value.p, lo4, 4);
	ck_assert_int_eq(ci.san[3].tag, GN_IP);
	ck_assert_uint_eq(ci.san[3].value.len, 16);
	ck_assert_mem_eq(ci.san[3].value.p, lo6, 16);
	/* basicConstraints CA:FALSE, not critical. */
	ck_assert_int_eq(ci.has_bc, 1);
	ck_assert_int_eq(ci.bc_critical, 0);
	ck_assert_int_eq(ci.bc_ca, 0);
	ck_assert_int_eq(ci.bc_pathlen, -1);
	/* keyUsage critical digitalSignature, keyEncipherment. */
	ck_assert_int_eq(ci.has_ku, 1);
	ck_assert_int_eq(ci.ku_critical, 1);
	ck_assert_uint_eq(ci.ku, KU_DIGITAL_SIGNATURE | KU_KEY_ENCIPHERMENT);
	/* extendedKeyUsage serverAuth. */
	ck_assert_int_eq(ci.has_eku, 1);
	ck_assert_uint_eq(ci.neku, 1);
	ck_assert(OIDIS(ci.eku[0], OID_EKU_SERVER));
	/* AKID with keyid, SKID. */
	ck_assert_int_eq(ci.has_akid, 1);
	ck_assert_int_eq(ci.akid_keyid, 1);
	ck_assert_int_eq(ci.has_skid, 1);
	ck_assert_uint_eq(ci.ncns, 1);
	assert_span_str(ci.cns[0], RM);
	ck_assert_int_eq(ci.not_before, T_2026_11_20);
	ck_assert_int_eq(ci.not_after, T_2027_11_20);
	ck_assert(OIDIS(ci.spki_oid, OID_RSA));
	/* certinfo_find_ext agrees with the decoded flags. */
	e = certinfo_find_ext(&ci, (const unsigned char *)OID_SAN, 3);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->critical, 0);
	e = certinfo_find_ext(&ci, (const unsigned char *)OID_KU, 3);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->critical, 1);
	ck_assert_ptr_null(certinfo_find_ext(&ci,
	    (const unsigned char *)"\x55\x1D\x1F", 3));  /* no CRL DP */
	assert_inside(&ci, l.der, l.len);
	certinfo_free(&ci);
	unload(&l);
}
END_TEST

START_TEST(test_good_san_ca)
{
	struct loaded l, leaf;
	struct certinfo ci, lci;
	const struct x509_ext *e;

	load(FIXTURES "/good-san/server-ca.crt", &l);
	parse_ok(&ci, &l);
	ck_assert_int_eq(ci.version, 3);
	ck_assert_int_eq(ci.has_bc, 1);
	ck_assert_int_eq(ci.bc_critical, 1);
	ck_assert_int_eq(ci.bc_ca, 1);
	ck_assert_int_eq(ci.has_ku, 1);
	ck_assert_int_eq(ci.ku_critical, 1);
	ck_assert_uint_eq(ci.ku, KU_KEY_CERT_SIGN | KU_CRL_SIGN);
	ck_assert(ci.ku & KU_KEY_CERT_SIGN);
	ck_assert_int_eq(ci.has_san, 0);
	ck_assert_int_eq(ci.has_eku, 0);
	ck_assert_int_eq(ci.has_skid, 1);
	ck_assert_uint_eq(ci.ncns, 1);
	assert_span_str(ci.cns[0], "certgate Test Root CA");
	ck_assert_int_eq(ci.not_before, T_2026_11_20);
	ck_assert_int_eq(ci.not_after, T_2036_11_17);
	e = certinfo_find_ext(&ci, (const unsigned char *)OID_BC, 3);
	ck_assert_ptr_nonnull(e);
	ck_assert_int_eq(e->critical, 1);
	/* Self-issued; and the leaf's issuer is this subject, byte for byte. */
	ck_assert(span_eq(ci.issuer, ci.subject));
	load(FIXTURES "/good-san/server.crt", &leaf);
	parse_ok(&lci, &leaf);
	ck_assert(span_eq(lci.issuer, ci.subject));
	ck_assert(!span_eq(lci.subject, ci.subject));
	certinfo_free(&lci);
	unload(&leaf);
	certinfo_free(&ci);
	unload(&l);
}
END_TEST

START_TEST(test_ca_nobc)
{
	struct loaded l;
	struct certinfo ci;

	load(FIXTURES "/ca-not-ca-nobc/server-ca.crt", &l);
	parse_ok(&ci, &l);
	ck_assert_int_eq(ci.version, 3);
	ck_assert_uint_eq(ci.nexts, 1);            /* SKID only */
	ck_assert_int_eq(ci.has_skid, 1);
	ck_assert_int_eq(ci.has_bc, 0);
	ck_assert_int_eq(ci.bc_ca, 0);
	ck_assert_int_eq(ci.has_ku, 0);
	ck_assert_uint_eq(ci.ku, 0);
	ck_assert_int_eq(ci.not_after, T_2036_11_17);
	certinfo_free(&ci);
	unload(&l);
}
END_TEST

START_TEST(test_good_ec)
{
	struct loaded l;
	struct certinfo ci;

	load(FIXTURES "/good-ec/server.crt", &l);
	parse_ok(&ci, &l);
	ck_assert(OIDIS(ci.spki_oid, OID_EC_PUBKEY));
	ck_assert_str_eq(key_alg_name(ci.spki_oid), "EC");
	/* Parameters: the namedCurve OID TLV of P-256. */
	ck_assert_uint_eq(ci.spki_param.len, 10);
	ck_assert_int_eq(ci.spki_param.p[0], 0x06);
	ck_assert_int_eq(ci.spki_param.p[1], 8);
	ck_assert_mem_eq(ci.spki_param.p + 2, OID_P256, 8);
	/* Uncompressed point: 0x04 || X || Y. */
	ck_assert_uint_eq(ci.spki_key.len, 65);
	ck_assert_int_eq(ci.spki_key.p[0], 0x04);
	ck_assert(OIDIS(ci.sig_oid, OID_ECDSA_SHA256));
	ck_assert_uint_eq(ci.ku, KU_DIGITAL_SIGNATURE);
	ck_assert_int_eq(ci.ku_critical, 1);
	certinfo_free(&ci);
	unload(&l);
}
END_TEST

START_TEST(test_guide_pg_san_no_cn)
{
	struct loaded l;
	struct certinfo ci;

	load(FIXTURES "/guide-pg-san/server.crt", &l);
	parse_ok(&ci, &l);
	ck_assert_int_eq(ci.version, 3);
	ck_assert_uint_eq(ci.ncns, 0);
	ck_assert_ptr_null(ci.cns);
	ck_assert_uint_eq(ci.nsan, 2);
	ck_assert_int_eq(ci.san[1].tag, GN_DNS);
	assert_span_str(ci.san[1].value, "pgm-bp1def456.pg.rds.aliyuncs.com");
	ck_assert_int_eq(ci.has_ku, 1);
	ck_assert_int_eq(ci.ku_critical, 0);
	ck_assert_uint_eq(ci.ku, KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION |
	    KU_KEY_ENCIPHERMENT);
	ck_assert_int_eq(ci.has_eku, 0);
	certinfo_free(&ci);
	unload(&l);
}
END_TEST

START_TEST(test_validity_other_sets)
{
	struct loaded l;
	struct certinfo ci;

	load(FIXTURES "/expired/server.crt", &l);
	parse_ok(&ci, &l);
	ck_assert_int_eq(ci.not_before, T_2024_01_01);
	ck_assert_int_eq(ci.not_after, T_2024_12_31);
	certinfo_free(&ci);
	unload(&l);
	load(FIXTURES "/not-yet-valid/server.crt", &l);
	parse_ok(&ci, &l);
	ck_assert_int_eq(ci.not_before, T_2027_06_01);
	ck_assert_int_eq(ci.not_after, T_2028_05_31);
	certinfo_free(&ci);
	unload(&l);
	load(FIXTURES "/good-wildcard/server.crt", &l);
	parse_ok(&ci, &l);
	ck_assert_uint_eq(ci.nsan, 1);
	assert_span_str(ci.san[0].value, "*.mysql.rds.aliyuncs.com");
	assert_span_str(ci.cns[0], "*.mysql.rds.aliyuncs.com");
	certinfo_free(&ci);
	unload(&l);
}
END_TEST

/* Trailing bytes after the certificate are ignored; a second parse into
 * the same certinfo replaces the first. */
START_TEST(test_trailing_bytes_and_reparse)
{
	struct loaded l, ca;
	struct certinfo ci;
	unsigned char *buf;
	char err[160];

	load(FIXTURES "/good-san/server.crt", &l);
	buf = malloc(l.len + 7);
	ck_assert_ptr_nonnull(buf);
	memcpy(buf, l.der, l.len);
	memcpy(buf + l.len, "\x30\x03junk", 7);
	certinfo_init(&ci);
	ck_assert_int_eq(certinfo_parse(&ci, buf, l.len + 7, err, sizeof(err)),
	    0);
	ck_assert_uint_eq(ci.der.len, l.len);
	ck_assert_uint_eq(ci.nsan, 4);
	load(FIXTURES "/good-san/server-ca.crt", &ca);
	ck_assert_int_eq(certinfo_parse(&ci, ca.der, ca.len, err, sizeof(err)),
	    0);
	ck_assert_uint_eq(ci.nsan, 0);
	ck_assert_int_eq(ci.has_san, 0);
	ck_assert_int_eq(ci.bc_ca, 1);
	ck_assert_uint_eq(ci.ncns, 1);
	assert_span_str(ci.cns[0], "certgate Test Root CA");
	certinfo_free(&ci);
	unload(&ca);
	free(buf);
	unload(&l);
}
END_TEST

/* ---- malformed DER ---- */

/* Every proper prefix of a real certificate is refused (each in a buffer
 * of exactly that size, so an over-read is caught by valgrind/ASan). */
static void
all_prefixes_fail(const char *path)
{
	struct loaded l;
	struct certinfo ci;
	unsigned char *buf;
	char err[160];
	size_t n;
	int r;

	load(path, &l);
	certinfo_init(&ci);
	for (n = 0; n < l.len; n++) {
		buf = malloc(n ? n : 1);
		ck_assert_ptr_nonnull(buf);
		memcpy(buf, l.der, n);
		err[0] = '\0';
		r = certinfo_parse(&ci, buf, n, err, sizeof(err));
		ck_assert_msg(r == -1, "%s: prefix of %zu/%zu bytes gave %d",
		    path, n, l.len, r);
		ck_assert_msg(err[0] != '\0', "prefix %zu: no message", n);
		certinfo_free(&ci);
		free(buf);
	}
	unload(&l);
}

START_TEST(test_truncated_prefixes)
{
	all_prefixes_fail(FIXTURES "/good-san/server.crt");
	all_prefixes_fail(FIXTURES "/guide-mysql/server.crt");
	all_prefixes_fail(FIXTURES "/good-ec/server.crt");
}
END_TEST

/* The malformed-der fixture: valid base64, DER 20 bytes short. */
START_TEST(test_malformed_der_fixture)
{
	struct loaded l;
	struct certinfo ci;
	char err[160] = "";

	load(FIXTURES "/malformed-der/server.crt", &l);
	certinfo_init(&ci);
	ck_assert_int_eq(certinfo_parse(&ci, l.der, l.len, err, sizeof(err)),
	    -1);
	ck_assert_str_eq(err, "not a DER SEQUENCE (is this a certificate?)");
	certinfo_free(&ci);
	unload(&l);
}
END_TEST

START_TEST(test_empty_input)
{
	static const unsigned char one[1] = { 0x30 };
	struct certinfo ci;
	char err[160] = "";

	certinfo_init(&ci);
	ck_assert_int_eq(certinfo_parse(&ci, one, 0, err, sizeof(err)), -1);
	ck_assert_str_ne(err, "");
	/* An empty SEQUENCE. */
	ck_assert_int_eq(certinfo_parse(&ci, (const unsigned char *)"\x30\x00",
	    2, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "tbsCertificate"));
	certinfo_free(&ci);
}
END_TEST

/* Parse a copy of l with byte `off` set to `val`; return the result. */
static int
parse_patched(const struct loaded *l, size_t off, unsigned char val,
    char *err, size_t errlen)
{
	struct certinfo ci;
	unsigned char *buf = malloc(l->len);
	int r;

	ck_assert_ptr_nonnull(buf);
	memcpy(buf, l->der, l->len);
	buf[off] = val;
	certinfo_init(&ci);
	err[0] = '\0';
	r = certinfo_parse(&ci, buf, l->len, err, errlen);
	certinfo_free(&ci);
	free(buf);
	return r;
}

START_TEST(test_flipped_tags)
{
	struct loaded l;
	struct certinfo ci;
	char err[160];
	size_t tbs_off, validity_off, san_gn_off, ver_off;
	const struct x509_ext *san;

	load(FIXTURES "/good-san/server.crt", &l);
	parse_ok(&ci, &l);
	tbs_off = (size_t)(ci.tbs.p - l.der);
	validity_off = (size_t)(ci.issuer.p + ci.issuer.len - l.der);
	san = certinfo_find_ext(&ci, (const unsigned char *)OID_SAN, 3);
	ck_assert_ptr_nonnull(san);
	/* The value is SEQUENCE (short length) { GeneralName... }. */
	ck_assert_int_eq(san->value.p[0], 0x30);
	ck_assert_uint_lt(san->value.p[1], 0x80);
	san_gn_off = (size_t)(san->value.p + 2 - l.der);
	ck_assert_int_eq(l.der[san_gn_off], 0x82);      /* [2] dNSName */
	ver_off = tbs_off + 4;                          /* 30 82 LL LL A0 */
	ck_assert_int_eq(l.der[ver_off], 0xA0);
	certinfo_free(&ci);

	/* Outer SEQUENCE made a SET. */
	ck_assert_int_eq(parse_patched(&l, 0, 0x31, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "not a DER SEQUENCE"));
	/* TBSCertificate made an OCTET STRING. */
	ck_assert_int_eq(parse_patched(&l, tbs_off, 0x04, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "tbsCertificate"));
	/* Validity made a SET. */
	ck_assert_int_eq(parse_patched(&l, validity_off, 0x31, err,
	    sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "validity"));
	/* A GeneralName made a universal OCTET STRING. */
	ck_assert_int_eq(parse_patched(&l, san_gn_off, 0x04, err, sizeof(err)),
	    -1);
	ck_assert_ptr_nonnull(strstr(err, "subjectAltName"));
	/* Version [0] made [1]: then the serial is missing. */
	ck_assert_int_eq(parse_patched(&l, ver_off, 0xA1, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "serialNumber"));
	unload(&l);
}
END_TEST

/* Every byte of a real certificate replaced by a few values: the walker
 * returns 0 or -1 (never -2, never a crash), and on 0 every span is in
 * bounds. */
START_TEST(test_single_byte_damage)
{
	static const unsigned char vals[] = { 0x00, 0xFF, 0x80, 0x30, 0x81 };
	struct loaded l;
	struct certinfo ci;
	unsigned char *buf;
	char err[160];
	size_t off, v, nfail = 0;
	int r;

	load(FIXTURES "/good-san/server.crt", &l);
	buf = malloc(l.len);
	ck_assert_ptr_nonnull(buf);
	certinfo_init(&ci);
	for (off = 0; off < l.len; off++) {
		for (v = 0; v < CG_ARRAY_LEN(vals); v++) {
			memcpy(buf, l.der, l.len);
			if (buf[off] == vals[v])
				continue;
			buf[off] = vals[v];
			r = certinfo_parse(&ci, buf, l.len, err, sizeof(err));
			ck_assert_msg(r == 0 || r == -1, "offset %zu value %02X: "
			    "%d", off, vals[v], r);
			if (r == 0)
				assert_inside(&ci, buf, l.len);
			else
				nfail++;
			certinfo_free(&ci);
		}
	}
	/* Damage to the structure (not inside key or signature bytes) is
	 * caught. */
	ck_assert_uint_gt(nfail, 100);
	free(buf);
	unload(&l);
}
END_TEST

/*
 * A constructed element whose length does not cover what follows it: the
 * walker must not read the next fields from outside the element.  Each
 * case shortens one inner length byte in place (the DER stays the same
 * size), making the certificate not well-formed.  mbedTLS refuses the
 * validity, extensions, EKU and SAN cases.  For the basicConstraints case
 * OpenSSL reads CA:FALSE (the empty SEQUENCE) and `openssl verify` fails
 * with error 79 "invalid CA certificate", so a walker that reads cA=TRUE
 * from past the SEQUENCE makes certgate pass a CA that OpenSSL rejects.
 */
static const struct {
	const char *file;
	const char *what;
} inner[] = {
	{ "good-san/server-ca.crt", "Validity covers notBefore only" },
	{ "good-san/server-ca.crt", "Extensions SEQUENCE covers the first "
	  "extension only" },
	{ "good-san/server-ca.crt", "basicConstraints: empty SEQUENCE, cA "
	  "BOOLEAN after it" },
	{ "good-san/server.crt", "extendedKeyUsage: empty SEQUENCE, OID after "
	  "it" },
	{ "good-san/server.crt", "authorityKeyIdentifier: empty SEQUENCE, "
	  "keyIdentifier after it" },
	{ "good-san/server.crt", "subjectAltName: empty SEQUENCE, names after "
	  "it" },
};

START_TEST(test_inner_length_enforced)
{
	struct loaded l;
	struct certinfo ci;
	const struct x509_ext *e;
	const unsigned char *q;
	char path[256], err[160];
	size_t off = 0;
	unsigned char val = 0;
	int r;

	snprintf(path, sizeof(path), "%s/%s", FIXTURES, inner[_i].file);
	load(path, &l);
	parse_ok(&ci, &l);
	switch (_i) {
	case 0:         /* 30 1E 17 0D <notBefore> 17 0D <notAfter> */
		off = (size_t)(ci.issuer.p + ci.issuer.len - l.der) + 1;
		ck_assert_int_eq(l.der[off], 0x1E);
		val = 0x0F;
		break;
	case 1:         /* A3 LL 30 LL <ext 1> <ext 2> ... (short forms) */
		q = ci.spki.p + ci.spki.len;
		ck_assert_int_eq(q[0], 0xA3);
		ck_assert_uint_lt(q[1], 0x80);
		ck_assert_int_eq(q[2], 0x30);
		ck_assert_uint_lt(q[3], 0x80);
		ck_assert_int_eq(q[4], 0x30);
		ck_assert_uint_lt(q[5], 0x80);
		off = (size_t)(q + 3 - l.der);
		val = (unsigned char)(q[5] + 2);
		ck_assert_uint_lt(val, q[3]);
		break;
	case 2:         /* 30 03 01 01 FF */
		e = certinfo_find_ext(&ci, (const unsigned char *)OID_BC, 3);
		ck_assert_ptr_nonnull(e);
		ck_assert_uint_eq(e->value.len, 5);
		ck_assert_int_eq(e->value.p[1], 0x03);
		off = (size_t)(e->value.p + 1 - l.der);
		break;
	case 3:         /* 30 0A 06 08 <serverAuth> */
		e = certinfo_find_ext(&ci, (const unsigned char *)"\x55\x1D\x25",
		    3);
		ck_assert_ptr_nonnull(e);
		ck_assert_int_eq(e->value.p[1], 0x0A);
		off = (size_t)(e->value.p + 1 - l.der);
		break;
	case 4:         /* 30 16 80 14 <keyid> */
		e = certinfo_find_ext(&ci, (const unsigned char *)"\x55\x1D\x23",
		    3);
		ck_assert_ptr_nonnull(e);
		ck_assert_int_eq(e->value.p[1], 0x16);
		ck_assert_int_eq(e->value.p[2], 0x80);
		off = (size_t)(e->value.p + 1 - l.der);
		break;
	case 5:         /* 30 LL 82 ... */
		e = certinfo_find_ext(&ci, (const unsigned char *)OID_SAN, 3);
		ck_assert_ptr_nonnull(e);
		ck_assert_uint_lt(e->value.p[1], 0x80);
		off = (size_t)(e->value.p + 1 - l.der);
		break;
	}
	certinfo_free(&ci);
	r = parse_patched(&l, off, val, err, sizeof(err));
	ck_assert_msg(r == -1, "%s: %s: certinfo_parse returned %d, want -1",
	    inner[_i].file, inner[_i].what, r);
	unload(&l);
}
END_TEST

/* ---- small helpers ---- */

START_TEST(test_span_oid_helpers)
{
	static const unsigned char a[] = "abc", b[] = "abd";
	struct span sa = { a, 3 }, sb = { b, 3 }, s2 = { b, 2 }, e1 = { a, 0 },
	    e2 = { NULL, 0 };
	struct span rsa = { (const unsigned char *)OID_RSA, 9 };
	struct span ed = { (const unsigned char *)OID_ED25519, 3 };
	struct span unk = { (const unsigned char *)"\x2A\x03", 2 };

	ck_assert(span_eq(sa, sa));
	ck_assert(!span_eq(sa, sb));
	ck_assert(span_eq((struct span){ a, 2 }, s2));
	ck_assert(!span_eq(sa, s2));
	ck_assert(span_eq(e1, e2));
	ck_assert(oid_is(rsa, OID_RSA, 9));
	ck_assert(!oid_is(rsa, OID_RSA, 8));
	ck_assert(!oid_is(rsa, OID_RSA_PSS, 9));
	ck_assert_str_eq(key_alg_name(rsa), "RSA");
	ck_assert_str_eq(key_alg_name(ed), "Ed25519");
	ck_assert_ptr_null(key_alg_name(unk));
}
END_TEST

Suite *
suite_x509walk(void)
{
	Suite *s = suite_create("x509walk");
	TCase *tc;

	tc = tcase_create("fixtures");
	tcase_add_test(tc, test_guide_mysql_v1);
	tcase_add_test(tc, test_good_san_leaf);
	tcase_add_test(tc, test_good_san_ca);
	tcase_add_test(tc, test_ca_nobc);
	tcase_add_test(tc, test_good_ec);
	tcase_add_test(tc, test_guide_pg_san_no_cn);
	tcase_add_test(tc, test_validity_other_sets);
	tcase_add_test(tc, test_trailing_bytes_and_reparse);
	tcase_add_test(tc, test_span_oid_helpers);
	suite_add_tcase(s, tc);

	tc = tcase_create("malformed");
	/* valgrind runs these slowly. */
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, test_truncated_prefixes);
	tcase_add_test(tc, test_malformed_der_fixture);
	tcase_add_test(tc, test_empty_input);
	tcase_add_test(tc, test_flipped_tags);
	tcase_add_test(tc, test_single_byte_damage);
	tcase_add_loop_test(tc, test_inner_length_enforced, 0,
	    (int)CG_ARRAY_LEN(inner));
	suite_add_tcase(s, tc);
	return s;
}
