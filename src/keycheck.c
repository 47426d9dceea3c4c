/*
 * keycheck.c - see keycheck.h.
 *
 * Ed25519 (RFC 8032) on twisted Edwards form -x^2 + y^2 = 1 + d x^2 y^2
 * over p = 2^255 - 19, in extended coordinates (X:Y:Z:T), x = X/Z,
 * y = Y/Z, T = XY/Z, with the unified addition law of Hisil, Wong, Carter
 * and Dawson (2008, "add-2008-hwcd-3"), which is complete for a = -1 and
 * so also doubles.  mbedtls_mpi does the field arithmetic.
 */
#include "keycheck.h"

#include <string.h>

#include <mbedtls/asn1.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/rsa.h>
#include <mbedtls/sha512.h>

#include "util.h"

#define SEQ (MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE)

#define CHK(f) do { if ((ret = (f)) != 0) goto cleanup; } while (0)

/* ---- Ed25519 ---- */

/* The base point B (RFC 8032 5.1), decimal. */
static const char ED_BX[] = "151122213495354007725011514095885315114"
    "54012693041857206046113283949847762202";
static const char ED_BY[] = "463168356949264781694283940034751631413"
    "07993866256225615783033603165251855960";

struct ed_ctx {
	mbedtls_mpi p, k2d;     /* the prime; 2d mod p */
	mbedtls_mpi a, b, c, d, e, f, g, h; /* scratch */
};

struct ed_pt {
	mbedtls_mpi X, Y, Z, T;
};

static void
pt_init(struct ed_pt *P)
{
	mbedtls_mpi_init(&P->X);
	mbedtls_mpi_init(&P->Y);
	mbedtls_mpi_init(&P->Z);
	mbedtls_mpi_init(&P->T);
}

static void
pt_free(struct ed_pt *P)
{
	mbedtls_mpi_free(&P->X);    /* mbedtls_mpi_free zeroes the limbs */
	mbedtls_mpi_free(&P->Y);
	mbedtls_mpi_free(&P->Z);
	mbedtls_mpi_free(&P->T);
}

static void
ed_init(struct ed_ctx *E)
{
	mbedtls_mpi_init(&E->p);
	mbedtls_mpi_init(&E->k2d);
	mbedtls_mpi_init(&E->a);
	mbedtls_mpi_init(&E->b);
	mbedtls_mpi_init(&E->c);
	mbedtls_mpi_init(&E->d);
	mbedtls_mpi_init(&E->e);
	mbedtls_mpi_init(&E->f);
	mbedtls_mpi_init(&E->g);
	mbedtls_mpi_init(&E->h);
}

static void
ed_free(struct ed_ctx *E)
{
	mbedtls_mpi_free(&E->p);
	mbedtls_mpi_free(&E->k2d);
	mbedtls_mpi_free(&E->a);
	mbedtls_mpi_free(&E->b);
	mbedtls_mpi_free(&E->c);
	mbedtls_mpi_free(&E->d);
	mbedtls_mpi_free(&E->e);
	mbedtls_mpi_free(&E->f);
	mbedtls_mpi_free(&E->g);
	mbedtls_mpi_free(&E->h);
}

/* p = 2^255 - 19; 2d = 2 * (-121665 / 121666) mod p. */
static int
ed_setup(struct ed_ctx *E)
{
	int ret;

	CHK(mbedtls_mpi_lset(&E->p, 1));
	CHK(mbedtls_mpi_shift_l(&E->p, 255));
	CHK(mbedtls_mpi_sub_int(&E->p, &E->p, 19));
	CHK(mbedtls_mpi_lset(&E->a, 121666));
	CHK(mbedtls_mpi_inv_mod(&E->b, &E->a, &E->p));
	CHK(mbedtls_mpi_mul_int(&E->b, &E->b, 121665));
	CHK(mbedtls_mpi_sub_mpi(&E->b, &E->p, &E->b));  /* -121665/121666 */
	CHK(mbedtls_mpi_mul_int(&E->k2d, &E->b, 2));
	CHK(mbedtls_mpi_mod_mpi(&E->k2d, &E->k2d, &E->p));
cleanup:
	return ret;
}

/* r = x * y mod p (r may alias x or y). */
static int
fmul(const struct ed_ctx *E, mbedtls_mpi *r, const mbedtls_mpi *x,
    const mbedtls_mpi *y)
{
	int ret;

	CHK(mbedtls_mpi_mul_mpi(r, x, y));
	CHK(mbedtls_mpi_mod_mpi(r, r, &E->p));
cleanup:
	return ret;
}

static int
fadd(const struct ed_ctx *E, mbedtls_mpi *r, const mbedtls_mpi *x,
    const mbedtls_mpi *y)
{
	int ret;

	CHK(mbedtls_mpi_add_mpi(r, x, y));
	CHK(mbedtls_mpi_mod_mpi(r, r, &E->p));
cleanup:
	return ret;
}

static int
fsub(const struct ed_ctx *E, mbedtls_mpi *r, const mbedtls_mpi *x,
    const mbedtls_mpi *y)
{
	int ret;

	CHK(mbedtls_mpi_sub_mpi(r, x, y));
	CHK(mbedtls_mpi_mod_mpi(r, r, &E->p));  /* result in [0, p) */
cleanup:
	return ret;
}

/* R = P + Q (R may alias P or Q). */
static int
pt_add(struct ed_ctx *E, struct ed_pt *R, const struct ed_pt *P,
    const struct ed_pt *Q)
{
	int ret;

	CHK(fsub(E, &E->a, &P->Y, &P->X));
	CHK(fsub(E, &E->h, &Q->Y, &Q->X));
	CHK(fmul(E, &E->a, &E->a, &E->h));              /* A */
	CHK(fadd(E, &E->b, &P->Y, &P->X));
	CHK(fadd(E, &E->h, &Q->Y, &Q->X));
	CHK(fmul(E, &E->b, &E->b, &E->h));              /* B */
	CHK(fmul(E, &E->c, &P->T, &Q->T));
	CHK(fmul(E, &E->c, &E->c, &E->k2d));            /* C = T1 2d T2 */
	CHK(fmul(E, &E->d, &P->Z, &Q->Z));
	CHK(fadd(E, &E->d, &E->d, &E->d));              /* D = 2 Z1 Z2 */
	CHK(fsub(E, &E->e, &E->b, &E->a));              /* E = B - A */
	CHK(fsub(E, &E->f, &E->d, &E->c));              /* F = D - C */
	CHK(fadd(E, &E->g, &E->d, &E->c));              /* G = D + C */
	CHK(fadd(E, &E->h, &E->b, &E->a));              /* H = B + A */
	CHK(fmul(E, &R->X, &E->e, &E->f));
	CHK(fmul(E, &R->Y, &E->g, &E->h));
	CHK(fmul(E, &R->T, &E->e, &E->h));
	CHK(fmul(E, &R->Z, &E->f, &E->g));
cleanup:
	return ret;
}

/* out = encoding of s * B, s a 32-byte little-endian scalar. */
static int
ed_scalarmult_base(const unsigned char s[32], unsigned char out[32])
{
	struct ed_ctx E;
	struct ed_pt Q, B;
	mbedtls_mpi k, zi;
	size_t i;
	int ret;

	ed_init(&E);
	pt_init(&Q);
	pt_init(&B);
	mbedtls_mpi_init(&k);
	mbedtls_mpi_init(&zi);
	CHK(ed_setup(&E));
	CHK(mbedtls_mpi_read_string(&B.X, 10, ED_BX));
	CHK(mbedtls_mpi_read_string(&B.Y, 10, ED_BY));
	CHK(mbedtls_mpi_lset(&B.Z, 1));
	CHK(fmul(&E, &B.T, &B.X, &B.Y));
	CHK(mbedtls_mpi_lset(&Q.X, 0));                 /* neutral (0, 1) */
	CHK(mbedtls_mpi_lset(&Q.Y, 1));
	CHK(mbedtls_mpi_lset(&Q.Z, 1));
	CHK(mbedtls_mpi_lset(&Q.T, 0));
	CHK(mbedtls_mpi_read_binary_le(&k, s, 32));
	for (i = 256; i-- > 0;) {
		CHK(pt_add(&E, &Q, &Q, &Q));
		if (mbedtls_mpi_get_bit(&k, i))
			CHK(pt_add(&E, &Q, &Q, &B));
	}
	/* Affine: x = X/Z, y = Y/Z; encode y with x's low bit on top. */
	CHK(mbedtls_mpi_inv_mod(&zi, &Q.Z, &E.p));
	CHK(fmul(&E, &Q.X, &Q.X, &zi));
	CHK(fmul(&E, &Q.Y, &Q.Y, &zi));
	CHK(mbedtls_mpi_write_binary_le(&Q.Y, out, 32));
	if (mbedtls_mpi_get_bit(&Q.X, 0))
		out[31] |= 0x80;
cleanup:
	mbedtls_mpi_free(&k);
	mbedtls_mpi_free(&zi);
	pt_free(&Q);
	pt_free(&B);
	ed_free(&E);
	return ret;
}

int
ed25519_key_public(const unsigned char *pkcs8_der, size_t len,
    unsigned char pub[32])
{
	unsigned char *p = (unsigned char *)pkcs8_der, *end, *stored = NULL;
	unsigned char seed[32], h[64], derived[32];
	mbedtls_asn1_buf oid, params;
	size_t n;
	int ver, ret = -1;

	if (pkcs8_der == NULL)
		return -1;
	end = p + len;
	if (mbedtls_asn1_get_tag(&p, end, &n, SEQ) != 0 || p + n != end)
		return -1;
	if (mbedtls_asn1_get_int(&p, end, &ver) != 0 || (ver != 0 && ver != 1))
		return -1;
	if (mbedtls_asn1_get_alg(&p, end, &oid, &params) != 0 ||
	    oid.len != 3 || memcmp(oid.p, OID_ED25519, 3) != 0 ||
	    params.tag != 0 || params.len != 0)
		return -1;      /* RFC 8410 3: parameters MUST be absent */
	if (mbedtls_asn1_get_tag(&p, end, &n, MBEDTLS_ASN1_OCTET_STRING) != 0)
		return -1;
	/* CurvePrivateKey ::= OCTET STRING (the 32-byte seed). */
	if (n != 34 || p[0] != MBEDTLS_ASN1_OCTET_STRING || p[1] != 32)
		return -1;
	memcpy(seed, p + 2, 32);
	p += n;
	/* [0] attributes, then [1] publicKey, both optional. */
	if (p < end && *p == (MBEDTLS_ASN1_CONTEXT_SPECIFIC |
	    MBEDTLS_ASN1_CONSTRUCTED | 0)) {
		if (mbedtls_asn1_get_tag(&p, end, &n, *p) != 0)
			goto cleanup;
		p += n;
	}
	if (p < end && *p == (MBEDTLS_ASN1_CONTEXT_SPECIFIC | 1)) {
		if (ver != 1 || mbedtls_asn1_get_tag(&p, end, &n, *p) != 0 ||
		    n != 33 || p[0] != 0)
			goto cleanup;
		stored = p + 1;
		p += n;
	}
	if (p != end)
		goto cleanup;
	/* RFC 8032 5.1.5: a = clamp(first half of SHA-512(seed)). */
	if (mbedtls_sha512_ret(seed, sizeof(seed), h, 0) != 0)
		goto cleanup;
	h[0] &= 248;
	h[31] &= 127;
	h[31] |= 64;
	if (ed_scalarmult_base(h, derived) != 0)
		goto cleanup;
	if (stored != NULL && memcmp(stored, derived, 32) != 0)
		goto cleanup;
	memcpy(pub, derived, 32);
	ret = 0;
cleanup:
	mbedtls_platform_zeroize(seed, sizeof(seed));
	mbedtls_platform_zeroize(h, sizeof(h));
	return ret;
}

/* ---- RSA moduli ---- */

int
keycheck_isqrt(mbedtls_mpi *r, const mbedtls_mpi *n)
{
	mbedtls_mpi y, q;
	size_t bits;
	int ret = 0;

	if (mbedtls_mpi_cmp_int(n, 0) < 0)
		return -1;
	mbedtls_mpi_init(&y);
	mbedtls_mpi_init(&q);
	if (mbedtls_mpi_cmp_int(n, 2) < 0) {
		ret = mbedtls_mpi_copy(r, n);
		goto cleanup;
	}
	/* Start above the root, 2^ceil(bits/2), and descend: Newton's
	 * iterate x' = (x + n/x) / 2 decreases until it reaches the floor. */
	bits = mbedtls_mpi_bitlen(n);
	CHK(mbedtls_mpi_lset(r, 1));
	CHK(mbedtls_mpi_shift_l(r, (bits + 1) / 2));
	for (;;) {
		CHK(mbedtls_mpi_div_mpi(&q, NULL, n, r));
		CHK(mbedtls_mpi_add_mpi(&y, r, &q));
		CHK(mbedtls_mpi_shift_r(&y, 1));
		if (mbedtls_mpi_cmp_mpi(&y, r) >= 0)
			break;
		CHK(mbedtls_mpi_copy(r, &y));
	}
cleanup:
	mbedtls_mpi_free(&y);
	mbedtls_mpi_free(&q);
	return ret == 0 ? 0 : -1;
}

/* Squares modulo small numbers: most non-squares fail one of these. */
static int
maybe_square(const mbedtls_mpi *x)
{
	static const unsigned mods[] = { 64, 63, 65, 11, 17, 19, 23 };
	mbedtls_mpi_uint r;
	unsigned m, i, j;
	int found;

	for (i = 0; i < CG_ARRAY_LEN(mods); i++) {
		m = mods[i];
		if (mbedtls_mpi_mod_int(&r, x, (mbedtls_mpi_sint)m) != 0)
			return 1;       /* let the exact test decide */
		found = 0;
		for (j = 0; j < m && !found; j++)
			found = (j * j) % m == r;
		if (!found)
			return 0;
	}
	return 1;
}

/* 1 if x (>= 0) is a perfect square, its root in s; 0 if not; -1 on
 * error. */
static int
is_square(const mbedtls_mpi *x, mbedtls_mpi *s)
{
	mbedtls_mpi t;
	int ret, sq = -1;

	if (!maybe_square(x))
		return 0;
	mbedtls_mpi_init(&t);
	if (keycheck_isqrt(s, x) != 0)
		goto cleanup;
	CHK(mbedtls_mpi_mul_mpi(&t, s, s));
	sq = mbedtls_mpi_cmp_mpi(&t, x) == 0;
cleanup:
	mbedtls_mpi_free(&t);
	return sq;
}

int
rsa_fermat_factorable(const mbedtls_mpi *N, unsigned rounds)
{
	mbedtls_mpi a, b2, t;
	unsigned i;
	int ret = 0, res = -1;

	if (mbedtls_mpi_cmp_int(N, 2) < 0)
		return -1;
	if (mbedtls_mpi_get_bit(N, 0) == 0)
		return 1;               /* even: 2 divides it */
	mbedtls_mpi_init(&a);
	mbedtls_mpi_init(&b2);
	mbedtls_mpi_init(&t);
	if (keycheck_isqrt(&a, N) != 0)
		goto cleanup;
	CHK(mbedtls_mpi_mul_mpi(&b2, &a, &a));
	if (mbedtls_mpi_cmp_mpi(&b2, N) == 0) {
		res = 1;                /* N = p^2 */
		goto cleanup;
	}
	/* a = ceil(sqrt(N)); b2 = a^2 - N, then a += 1 adds 2a + 1. */
	CHK(mbedtls_mpi_add_int(&a, &a, 1));
	CHK(mbedtls_mpi_mul_mpi(&b2, &a, &a));
	CHK(mbedtls_mpi_sub_mpi(&b2, &b2, N));
	for (i = 0; i < rounds; i++) {
		ret = is_square(&b2, &t);
		if (ret < 0)
			goto cleanup;
		/* N = (a - b)(a + b), b = sqrt(b2): a split unless a - b = 1
		 * (N prime, reached only for tiny N). */
		if (ret == 1) {
			CHK(mbedtls_mpi_sub_mpi(&t, &a, &t));
			res = mbedtls_mpi_cmp_int(&t, 1) != 0;
			goto cleanup;
		}
		CHK(mbedtls_mpi_add_mpi(&t, &a, &a));
		CHK(mbedtls_mpi_add_int(&t, &t, 1));
		CHK(mbedtls_mpi_add_mpi(&b2, &b2, &t));
		CHK(mbedtls_mpi_add_int(&a, &a, 1));
	}
	res = 0;
cleanup:
	mbedtls_mpi_free(&a);
	mbedtls_mpi_free(&b2);
	mbedtls_mpi_free(&t);
	return res;
}

int
rsa_roca_fingerprint(const mbedtls_mpi *N)
{
	static const unsigned char primes[] = {
		3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59,
		61, 67, 71, 73, 79, 83, 89, 97, 101, 103, 107, 109, 113, 127,
		131, 137, 139, 149, 151, 157, 163, 167,
	};
	unsigned char in_group[168];
	mbedtls_mpi_uint rem;
	unsigned r, g, x;
	size_t i;

	for (i = 0; i < sizeof(primes); i++) {
		r = primes[i];
		/* The subgroup of (Z/rZ)* that 65537 generates. */
		memset(in_group, 0, sizeof(in_group));
		g = 65537u % r;
		x = 1;
		do {
			in_group[x] = 1;
			x = x * g % r;
		} while (x != 1);
		if (mbedtls_mpi_mod_int(&rem, N, (mbedtls_mpi_sint)r) != 0)
			return -1;
		if (!in_group[rem])
			return 0;
	}
	return 1;
}

int
keycheck_rsa_modulus(const mbedtls_pk_context *pk, mbedtls_mpi *N)
{
	if (mbedtls_pk_get_type(pk) != MBEDTLS_PK_RSA)
		return -1;
	return mbedtls_rsa_export(mbedtls_pk_rsa(*pk), N, NULL, NULL, NULL,
	    NULL) == 0 ? 0 : -1;
}

/* ---- algorithm tables ---- */

unsigned
keycheck_min_bits(const char *alg)
{
	if (alg == NULL)
		return 0;
	if (strcmp(alg, "RSA") == 0 || strcmp(alg, "RSA-PSS") == 0)
		return 2048;
	if (strcmp(alg, "EC") == 0)
		return 256;
	return 0;
}

const char *
keycheck_weak_sig(struct span oid)
{
	static const struct { const char *oid; size_t len; const char *name; }
	weak[] = {
		{ "\x2A\x86\x48\x86\xF7\x0D\x01\x01\x02", 9,
		    "md2WithRSAEncryption" },
		{ "\x2A\x86\x48\x86\xF7\x0D\x01\x01\x03", 9,
		    "md4WithRSAEncryption" },
		{ "\x2A\x86\x48\x86\xF7\x0D\x01\x01\x04", 9,
		    "md5WithRSAEncryption" },
		{ "\x2A\x86\x48\x86\xF7\x0D\x01\x01\x05", 9,
		    "sha1WithRSAEncryption" },
		{ "\x2B\x0E\x03\x02\x1D", 5, "sha1WithRSA (OIW)" },
		{ "\x2B\x0E\x03\x02\x03", 5, "md5WithRSA (OIW)" },
		{ "\x2A\x86\x48\xCE\x3D\x04\x01", 7, "ecdsa-with-SHA1" },
		{ "\x2A\x86\x48\xCE\x38\x04\x03", 7, "dsa-with-sha1" },
		{ "\x2B\x0E\x03\x02\x1B", 5, "dsaWithSHA1 (OIW)" },
	};
	size_t i;

	for (i = 0; i < CG_ARRAY_LEN(weak); i++)
		if (oid_is(oid, weak[i].oid, weak[i].len))
			return weak[i].name;
	return NULL;
}
