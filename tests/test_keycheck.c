/*
 * test_keycheck.c - the key arithmetic of src/keycheck.c: Ed25519 public
 * keys against RFC 8032's vectors and against the openssl CLI, the integer
 * square root, Fermat's method and the ROCA fingerprint on hand-made and
 * fixture moduli.
 */
#include "suites.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <mbedtls/bignum.h>

#include "../src/bundle.h"
#include "../src/finding.h"
#include "../src/keycheck.h"

/* PKCS#8 v0 Ed25519 PrivateKeyInfo prefix (RFC 8410 section 10.3). */
static const unsigned char P8_PREFIX[16] = {
	0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65,
	0x70, 0x04, 0x22, 0x04, 0x20
};

static void
unhex(const char *h, unsigned char *out, size_t n)
{
	size_t i;
	unsigned v;

	ck_assert_uint_eq(strlen(h), 2 * n);
	for (i = 0; i < n; i++) {
		ck_assert_int_eq(sscanf(h + 2 * i, "%2x", &v), 1);
		out[i] = (unsigned char)v;
	}
}

static void
p8_from_seed(const unsigned char seed[32], unsigned char der[48])
{
	memcpy(der, P8_PREFIX, 16);
	memcpy(der + 16, seed, 32);
}

/* RFC 8032 section 7.1, TESTs 1-3 and 1024 (secret key, public key). */
static const char *const rfc8032[][2] = {
	{ "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
	  "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a" },
	{ "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
	  "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c" },
	{ "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
	  "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025" },
	{ "f5e5767cf153319517630f226876b86c8160cc583bc013744c6bf255f5cc0ee5",
	  "278117fc144c72340f67d0f2316e8386ceffbf2b2428c9c51fef7c597f1d426e" },
};

START_TEST(test_ed25519_rfc8032)
{
	unsigned char seed[32], want[32], got[32], der[48];

	unhex(rfc8032[_i][0], seed, 32);
	unhex(rfc8032[_i][1], want, 32);
	p8_from_seed(seed, der);
	ck_assert_int_eq(ed25519_key_public(der, sizeof(der), got), 0);
	ck_assert_mem_eq(got, want, 32);
}
END_TEST

/* Fresh keys from the openssl CLI: our derivation equals its -pubout. */
START_TEST(test_ed25519_vs_openssl)
{
	char dir[] = "/tmp/certgate-ed25519-XXXXXX", cmd[512], path[600];
	unsigned char got[32];
	char *key, *spki;
	size_t klen, slen;
	int i;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	for (i = 0; i < 8; i++) {
		snprintf(cmd, sizeof(cmd), "openssl genpkey -algorithm ed25519 "
		    "-outform DER -out %s/k%d.der && openssl pkey -inform DER "
		    "-in %s/k%d.der -pubout -outform DER -out %s/p%d.der",
		    dir, i, dir, i, dir, i);
		ck_assert_msg(system(cmd) == 0, "%s", cmd);
		snprintf(path, sizeof(path), "%s/k%d.der", dir, i);
		key = read_file_or_die(path, &klen);
		unlink(path);
		snprintf(path, sizeof(path), "%s/p%d.der", dir, i);
		spki = read_file_or_die(path, &slen);
		unlink(path);
		ck_assert_uint_eq(slen, 44);    /* 12-octet header + key */
		ck_assert_int_eq(ed25519_key_public((unsigned char *)key, klen,
		    got), 0);
		ck_assert_mem_eq(got, spki + 12, 32);
		memset(key, 0, klen);
		free(key);
		free(spki);
	}
	rmdir(dir);
}
END_TEST

/* The fixture's key gives the fixture certificate's public key. */
START_TEST(test_ed25519_fixture)
{
	struct bundle b;
	struct findings f;
	unsigned char got[32];

	lint_files("ed25519/server.crt ed25519/server.key", NULL, &b, &f);
	ck_assert_ptr_nonnull(b.key);
	ck_assert_ptr_nonnull(b.leaf);
	ck_assert_str_eq(b.key->alg, "Ed25519");
	ck_assert_int_eq(ed25519_key_public(b.key->der.p, b.key->der.len, got),
	    0);
	ck_assert_uint_eq(b.leaf->info.spki_key.len, 32);
	ck_assert_mem_eq(got, b.leaf->info.spki_key.p, 32);
	lint_free(&b, &f);

	lint_files("ed25519-mismatch/server.crt ed25519-mismatch/server.key",
	    NULL, &b, &f);
	ck_assert_ptr_nonnull(b.key);
	ck_assert_int_eq(ed25519_key_public(b.key->der.p, b.key->der.len, got),
	    0);
	ck_assert(memcmp(got, b.leaf->info.spki_key.p, 32) != 0);
	lint_free(&b, &f);
}
END_TEST

/* OneAsymmetricKey v1 with [1] publicKey; damaged and foreign DER. */
START_TEST(test_ed25519_forms)
{
	unsigned char seed[32], pub[32], got[32], der[83], p8[48];

	unhex(rfc8032[0][0], seed, 32);
	unhex(rfc8032[0][1], pub, 32);
	/* SEQUENCE { 1, {1.3.101.112}, OCTET STRING {OCTET STRING seed},
	 * [1] BIT STRING pub } */
	memcpy(der, "\x30\x51\x02\x01\x01\x30\x05\x06\x03\x2b\x65\x70"
	    "\x04\x22\x04\x20", 16);
	memcpy(der + 16, seed, 32);
	memcpy(der + 48, "\x81\x21\x00", 3);
	memcpy(der + 51, pub, 32);
	ck_assert_int_eq(ed25519_key_public(der, 83, got), 0);
	ck_assert_mem_eq(got, pub, 32);
	der[82] ^= 1;                   /* stored key disagrees with the seed */
	ck_assert_int_eq(ed25519_key_public(der, 83, got), -1);
	der[4] = 0;                     /* [1] needs version 1 */
	der[82] ^= 1;
	ck_assert_int_eq(ed25519_key_public(der, 83, got), -1);

	p8_from_seed(seed, p8);
	ck_assert_int_eq(ed25519_key_public(p8, 47, got), -1); /* truncated */
	p8[11] = 0x71;                  /* Ed448 OID */
	ck_assert_int_eq(ed25519_key_public(p8, 48, got), -1);
	p8[11] = 0x70;
	p8[15] = 0x1f;                  /* 31-octet seed */
	ck_assert_int_eq(ed25519_key_public(p8, 48, got), -1);
	ck_assert_int_eq(ed25519_key_public(NULL, 0, got), -1);
}
END_TEST

START_TEST(test_isqrt)
{
	mbedtls_mpi n, r, t;
	unsigned v, k;

	mbedtls_mpi_init(&n);
	mbedtls_mpi_init(&r);
	mbedtls_mpi_init(&t);
	for (v = 0; v < 2000; v++) {
		ck_assert_int_eq(mbedtls_mpi_lset(&n, (mbedtls_mpi_sint)v), 0);
		ck_assert_int_eq(keycheck_isqrt(&r, &n), 0);
		for (k = 0; (k + 1) * (k + 1) <= v; k++)
			;
		ck_assert_int_eq(mbedtls_mpi_cmp_int(&r, (mbedtls_mpi_sint)k), 0);
	}
	/* (2^1000 + 12345)^2 + j has root 2^1000 + 12345 for small j. */
	ck_assert_int_eq(mbedtls_mpi_lset(&t, 1), 0);
	ck_assert_int_eq(mbedtls_mpi_shift_l(&t, 1000), 0);
	ck_assert_int_eq(mbedtls_mpi_add_int(&t, &t, 12345), 0);
	ck_assert_int_eq(mbedtls_mpi_mul_mpi(&n, &t, &t), 0);
	ck_assert_int_eq(keycheck_isqrt(&r, &n), 0);
	ck_assert_int_eq(mbedtls_mpi_cmp_mpi(&r, &t), 0);
	ck_assert_int_eq(mbedtls_mpi_sub_int(&n, &n, 1), 0);
	ck_assert_int_eq(keycheck_isqrt(&r, &n), 0);
	ck_assert_int_eq(mbedtls_mpi_add_int(&r, &r, 1), 0);
	ck_assert_int_eq(mbedtls_mpi_cmp_mpi(&r, &t), 0);
	ck_assert_int_eq(mbedtls_mpi_lset(&n, -4), 0);
	ck_assert_int_eq(keycheck_isqrt(&r, &n), -1);
	mbedtls_mpi_free(&n);
	mbedtls_mpi_free(&r);
	mbedtls_mpi_free(&t);
}
END_TEST

static int
fermat_of(const char *dec, unsigned rounds)
{
	mbedtls_mpi n;
	int r;

	mbedtls_mpi_init(&n);
	ck_assert_int_eq(mbedtls_mpi_read_string(&n, 10, dec), 0);
	r = rsa_fermat_factorable(&n, rounds);
	mbedtls_mpi_free(&n);
	return r;
}

START_TEST(test_fermat_small)
{
	ck_assert_int_eq(fermat_of("10403", 1), 1);             /* 101 * 103 */
	/* 1000003 * 1000033 */
	ck_assert_int_eq(fermat_of("1000036000099", 1), 1);
	ck_assert_int_eq(fermat_of("3027", 100), 0);            /* 3 * 1009 */
	ck_assert_int_eq(fermat_of("3027", 1000), 1);   /* given time */
	ck_assert_int_eq(fermat_of("1000003", 1000), 0);        /* a prime */
	ck_assert_int_eq(fermat_of("1000006000009", 1), 1);     /* 1000003^2 */
	ck_assert_int_eq(fermat_of("1000006000010", 1), 1);     /* even */
	ck_assert_int_eq(fermat_of("1", 1), -1);
	/* (2^127 - 1) * (2^127 + 45): factors 46 apart. */
	ck_assert_int_eq(fermat_of("2894802230932904885589274625217197697"
	    "0803708238670787206058637365477183061971", 1), 1);
}
END_TEST

/* M = 3 * 5 * ... * 167; N = (65537^c mod M) + t * M has the print. */
START_TEST(test_roca_small)
{
	static const unsigned pr[] = { 3, 5, 7, 11, 13, 17, 19, 23, 29, 31,
	    37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83, 89, 97, 101, 103,
	    107, 109, 113, 127, 131, 137, 139, 149, 151, 157, 163, 167 };
	mbedtls_mpi M, g, c, n;
	size_t i;

	mbedtls_mpi_init(&M);
	mbedtls_mpi_init(&g);
	mbedtls_mpi_init(&c);
	mbedtls_mpi_init(&n);
	ck_assert_int_eq(mbedtls_mpi_lset(&M, 1), 0);
	for (i = 0; i < CG_ARRAY_LEN(pr); i++)
		ck_assert_int_eq(mbedtls_mpi_mul_int(&M, &M, pr[i]), 0);
	ck_assert_int_eq(mbedtls_mpi_lset(&g, 65537), 0);
	ck_assert_int_eq(mbedtls_mpi_lset(&c, 987654321), 0);
	ck_assert_int_eq(mbedtls_mpi_exp_mod(&n, &g, &c, &M, NULL), 0);
	ck_assert_int_eq(rsa_roca_fingerprint(&n), 1);
	ck_assert_int_eq(mbedtls_mpi_lset(&c, 777), 0);
	ck_assert_int_eq(mbedtls_mpi_mul_mpi(&c, &c, &M), 0);
	ck_assert_int_eq(mbedtls_mpi_add_mpi(&n, &n, &c), 0);
	ck_assert_int_eq(rsa_roca_fingerprint(&n), 1);
	/* One more leaves the subgroup for some r (65537 generates a proper
	 * subgroup mod 11, 13, 17, 19, 37, ...). */
	ck_assert_int_eq(mbedtls_mpi_add_int(&n, &n, 1), 0);
	ck_assert_int_eq(rsa_roca_fingerprint(&n), 0);
	ck_assert_int_eq(mbedtls_mpi_lset(&n, 10403), 0);       /* 101 * 103 */
	ck_assert_int_eq(rsa_roca_fingerprint(&n), 0);
	mbedtls_mpi_free(&M);
	mbedtls_mpi_free(&g);
	mbedtls_mpi_free(&c);
	mbedtls_mpi_free(&n);
}
END_TEST

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* The fixture moduli: each weakness found, and neither on a good key. */
START_TEST(test_factorable_fixtures)
{
	static const struct { const char *files; int fermat, roca; } sets[] = {
		{ "good-san/server.crt", 0, 0 },
		{ "guide-mysql/server.crt", 0, 0 },
		{ "rsa-fermat/server.crt", 1, 0 },
		{ "rsa-roca/server.crt", 0, 1 },
	};
	struct bundle b;
	struct findings f;
	mbedtls_mpi n;
	double t0, ms;
	size_t i;

	for (i = 0; i < CG_ARRAY_LEN(sets); i++) {
		lint_files(sets[i].files, NULL, &b, &f);
		ck_assert_ptr_nonnull(b.leaf);
		mbedtls_mpi_init(&n);
		ck_assert_int_eq(keycheck_rsa_modulus(&b.leaf->pk, &n), 0);
		ck_assert_uint_eq(mbedtls_mpi_bitlen(&n), 2048);
		t0 = now_ms();
		ck_assert_int_eq(rsa_fermat_factorable(&n, 300), sets[i].fermat);
		ck_assert_int_eq(rsa_roca_fingerprint(&n), sets[i].roca);
		ms = now_ms() - t0;
		/* About 0.3 ms on a 2048-bit key in an -O2 build; the bound
		 * leaves room for sanitizers and a loaded machine. */
		ck_assert_msg(ms < 250, "%s: %.1f ms", sets[i].files, ms);
		mbedtls_mpi_free(&n);
		lint_free(&b, &f);
	}
	lint_files("good-ec/server.crt", NULL, &b, &f);
	mbedtls_mpi_init(&n);
	ck_assert_int_eq(keycheck_rsa_modulus(&b.leaf->pk, &n), -1);
	mbedtls_mpi_free(&n);
	lint_free(&b, &f);
}
END_TEST

START_TEST(test_tables)
{
	struct span s;

	ck_assert_uint_eq(keycheck_min_bits("RSA"), 2048);
	ck_assert_uint_eq(keycheck_min_bits("EC"), 256);
	ck_assert_uint_eq(keycheck_min_bits("Ed25519"), 0);
	ck_assert_uint_eq(keycheck_min_bits(NULL), 0);
	s.p = (const unsigned char *)"\x2A\x86\x48\x86\xF7\x0D\x01\x01\x05";
	s.len = 9;
	ck_assert_str_eq(keycheck_weak_sig(s), "sha1WithRSAEncryption");
	s.p = (const unsigned char *)"\x2A\x86\x48\x86\xF7\x0D\x01\x01\x0B";
	ck_assert_ptr_null(keycheck_weak_sig(s));       /* sha256WithRSA */
	s.p = (const unsigned char *)"\x2A\x86\x48\xCE\x3D\x04\x01";
	s.len = 7;
	ck_assert_str_eq(keycheck_weak_sig(s), "ecdsa-with-SHA1");
}
END_TEST

Suite *
suite_keycheck(void)
{
	Suite *s = suite_create("keycheck");
	TCase *tc = tcase_create("keycheck");

	tcase_add_loop_test(tc, test_ed25519_rfc8032, 0,
	    (int)CG_ARRAY_LEN(rfc8032));
	tcase_add_test(tc, test_ed25519_vs_openssl);
	tcase_add_test(tc, test_ed25519_fixture);
	tcase_add_test(tc, test_ed25519_forms);
	tcase_add_test(tc, test_isqrt);
	tcase_add_test(tc, test_fermat_small);
	tcase_add_test(tc, test_roca_small);
	tcase_add_test(tc, test_factorable_fixtures);
	tcase_add_test(tc, test_tables);
	suite_add_tcase(s, tc);
	return s;
}
