/*
 * test_bundle.c - src/bundle.c: assembling the server certificate, key and
 * CA from inputs in any order and any packaging, slots, ambiguity, key/cert
 * pairing, name chaining and signatures, encrypted keys, and that no key
 * material leaks into the strings the bundle keeps.
 */
#include "suites.h"

#include <stdlib.h>
#include <string.h>

#include "../src/bundle.h"
#include "../src/finding.h"
#include "../src/input.h"
#include "../src/util.h"
#include "../rules/rule.h"

#define RM "rm-bp1abc123.mysql.rds.aliyuncs.com"
#define ROOT_CN "certgate Test Root CA"

/* Read fixture `rel` (relative to fixtures/) into a new buffer. */
static unsigned char *
read_fixture(const char *rel, size_t *len)
{
	char path[512], err[256];
	unsigned char *data;

	snprintf(path, sizeof(path), "%s/%s", FIXTURES, rel);
	ck_assert_msg(input_read(path, &data, len, err, sizeof(err)) == 0, "%s",
	    err);
	return data;
}

static void
add_file(struct bundle *b, const char *rel, enum slot slot)
{
	size_t len;
	unsigned char *data = read_fixture(rel, &len);

	ck_assert_int_eq(bundle_add_source(b, rel, data, len, slot), 0);
}

/* All of the files, concatenated in the order given, as one source named
 * name in slot (what "cat a b c | certgate -" gives for SLOT_ANY). */
static void
add_concat(struct bundle *b, const char *name, const char *const *rel,
    size_t n, enum slot slot)
{
	unsigned char *all = NULL, *part, *na;
	size_t len = 0, plen, i;

	for (i = 0; i < n; i++) {
		part = read_fixture(rel[i], &plen);
		na = realloc(all, len + plen + 1);
		ck_assert_ptr_nonnull(na);
		all = na;
		memcpy(all + len, part, plen);
		len += plen;
		free(part);
	}
	ck_assert_int_eq(bundle_add_source(b, name, all, len, slot), 0);
}

static void
load_bundle(struct bundle *b)
{
	b->now = TEST_NOW;
	ck_assert_int_eq(bundle_load(b), 0);
}

/* A bundle holding just one file. */
static void
load_one(struct bundle *b, const char *rel)
{
	bundle_init(b);
	add_file(b, rel, SLOT_ANY);
	load_bundle(b);
}

/* Does certificate c have this subject CN? */
static int
cn_is(const struct cert *c, const char *cn)
{
	return c != NULL && c->info.ncns == 1 &&
	    c->info.cns[0].len == strlen(cn) &&
	    memcmp(c->info.cns[0].p, cn, strlen(cn)) == 0;
}

/* good-san assembled correctly. */
static void
assert_good_san(const struct bundle *b)
{
	ck_assert_msg(b->ambiguity == NULL, "ambiguity: %s", b->ambiguity);
	ck_assert_uint_eq(b->ncerts, 2);
	ck_assert_uint_eq(b->nkeys, 1);
	ck_assert_ptr_nonnull(b->leaf);
	ck_assert_ptr_nonnull(b->key);
	ck_assert_ptr_nonnull(b->ca);
	ck_assert(cn_is(b->leaf, RM));
	ck_assert(cn_is(b->ca, ROOT_CN));
	ck_assert_int_eq(b->leaf->ca_like, 0);
	ck_assert_int_eq(b->ca->ca_like, 1);
	ck_assert_int_eq(b->ca->self_signed, 1);
	ck_assert_int_eq(key_matches_cert(b->key, b->leaf), 1);
	ck_assert_int_eq(b->input_trouble, 0);
	ck_assert_str_eq(b->key->format, "PKCS#8");
	ck_assert_str_eq(b->key->alg, "RSA");
	ck_assert_uint_eq(b->key->bits, 2048);
}

/* ---- assembly in every order ---- */

static const char *const goodsan[3] = {
	"good-san/server.crt", "good-san/server.key", "good-san/server-ca.crt"
};
static const int perms[6][3] = {
	{ 0, 1, 2 }, { 0, 2, 1 }, { 1, 0, 2 }, { 1, 2, 0 }, { 2, 0, 1 },
	{ 2, 1, 0 }
};

START_TEST(test_order_separate_files)
{
	struct bundle b;
	int i;

	bundle_init(&b);
	for (i = 0; i < 3; i++)
		add_file(&b, goodsan[perms[_i][i]], SLOT_ANY);
	load_bundle(&b);
	assert_good_san(&b);
	bundle_free(&b);
	bundle_free(&b);                /* safe twice */
	bundle_free(NULL);
}
END_TEST

START_TEST(test_order_one_stream)
{
	struct bundle b;
	const char *order[3];
	int i;

	for (i = 0; i < 3; i++)
		order[i] = goodsan[perms[_i][i]];
	bundle_init(&b);
	add_concat(&b, "<stdin>", order, 3, SLOT_ANY);
	load_bundle(&b);
	ck_assert_uint_eq(b.nsrcs, 1);
	assert_good_san(&b);
	/* Locations are lines of the one stream: the leaf's BEGIN line is
	 * where it lands in the concatenation. */
	ck_assert_str_eq(b.leaf->loc.file, "<stdin>");
	ck_assert_uint_ge(b.leaf->loc.line, 1);
	ck_assert_uint_ne(b.leaf->loc.line, b.ca->loc.line);
	bundle_free(&b);
}
END_TEST

/* The engine sees a clean set in every order, too. */
START_TEST(test_order_lint_clean)
{
	static const char *const lists[] = {
		"good-san/server.crt good-san/server.key good-san/server-ca.crt",
		"good-san/server-ca.crt good-san/server.key good-san/server.crt",
		"good-san/server.key good-san/server-ca.crt good-san/server.crt",
	};
	struct bundle b;
	struct findings f;

	lint_files(lists[_i], RM, &b, &f);
	ck_assert_msg(f.len == 0, "%zu findings, first: %s: %s", f.len,
	    f.len ? f.v[0].rule->id : "", f.len ? f.v[0].message : "");
	lint_free(&b, &f);
}
END_TEST

/* ---- duplicates ---- */

START_TEST(test_same_cert_twice)
{
	struct bundle b;
	struct findings f;

	bundle_init(&b);
	add_file(&b, "good-san/server.crt", SLOT_ANY);
	add_file(&b, "good-san/server.crt", SLOT_ANY);
	add_file(&b, "good-san/server.key", SLOT_ANY);
	add_file(&b, "good-san/server.key", SLOT_ANY);
	add_file(&b, "good-san/server-ca.crt", SLOT_ANY);
	load_bundle(&b);
	assert_good_san(&b);
	bundle_free(&b);

	/* server-both.crt holds server.crt again: still two leaves. */
	lint_files("ambiguous-two-leaves/server.crt "
	    "ambiguous-two-leaves/server-both.crt "
	    "ambiguous-two-leaves/server-ca.crt", RM, &b, &f);
	ck_assert_uint_eq(b.ncerts, 3);
	ck_assert_uint_eq(has_rule(&f, "input-ambiguous"), 1);
	lint_free(&b, &f);
}
END_TEST

/* ---- ambiguity ---- */

START_TEST(test_two_leaves_no_key)
{
	struct bundle b;
	struct findings f;

	lint_files("ambiguous-two-leaves/server.crt "
	    "ambiguous-two-leaves/server2.crt "
	    "ambiguous-two-leaves/server-ca.crt", RM, &b, &f);
	ck_assert_ptr_null(b.leaf);
	ck_assert_ptr_nonnull(b.ambiguity);
	ck_assert_ptr_nonnull(strstr(b.ambiguity, "2 certificates could be"));
	ck_assert_ptr_nonnull(strstr(b.ambiguity, "no key was given"));
	ck_assert_uint_eq(has_rule(&f, "input-ambiguous"), 1);
	/* Nothing is said about a leaf that was not chosen. */
	ck_assert_uint_eq(has_rule(&f, "host-not-covered"), 0);
	lint_free(&b, &f);

	lint_files("ambiguous-two-leaves/server-both.crt "
	    "ambiguous-two-leaves/server-ca.crt", RM, &b, &f);
	ck_assert_ptr_null(b.leaf);
	ck_assert_uint_eq(has_rule(&f, "input-ambiguous"), 1);
	lint_free(&b, &f);
}
END_TEST

/* With a key, the leaf it belongs to is the server certificate. */
START_TEST(test_two_leaves_key_decides)
{
	struct bundle b;
	struct findings f;

	lint_files("ambiguous-two-leaves/server-both.crt "
	    "ambiguous-two-leaves/server2.key "
	    "ambiguous-two-leaves/server-ca.crt", NULL, &b, &f);
	ck_assert_ptr_null(b.ambiguity);
	ck_assert(cn_is(b.leaf, "pgm-bp1abc123.pg.rds.aliyuncs.com"));
	ck_assert_int_eq(key_matches_cert(b.key, b.leaf), 1);
	ck_assert(cn_is(b.ca, ROOT_CN));
	lint_free(&b, &f);
}
END_TEST

START_TEST(test_only_a_key)
{
	struct bundle b;
	struct findings f;

	lint_files("good-san/server.key", RM, &b, &f);
	ck_assert_uint_eq(b.ncerts, 0);
	ck_assert_ptr_null(b.leaf);
	ck_assert_ptr_nonnull(b.key);
	ck_assert_ptr_nonnull(b.ambiguity);
	ck_assert_ptr_nonnull(strstr(b.ambiguity, "no certificate"));
	ck_assert_uint_eq(has_rule(&f, "input-ambiguous"), 1);
	lint_free(&b, &f);
}
END_TEST

/* A broken input may be the server certificate: the CA is not promoted. */
START_TEST(test_broken_leaf_not_replaced_by_ca)
{
	struct bundle b;
	struct findings f;

	lint_files("malformed-base64/server.crt malformed-base64/server.key "
	    "malformed-base64/server-ca.crt", RM, &b, &f);
	ck_assert_int_eq(b.input_trouble, 1);
	ck_assert_uint_eq(b.ncerts, 1);
	ck_assert_ptr_null(b.leaf);
	ck_assert_uint_eq(has_rule(&f, "input-malformed-pem"), 1);
	ck_assert_uint_eq(has_rule(&f, "input-ambiguous"), 0);
	lint_free(&b, &f);

	/* Same with a DER certificate (input-no-pem). */
	lint_files("no-pem-der/server.crt no-pem-der/server.key "
	    "no-pem-der/server-ca.crt", RM, &b, &f);
	ck_assert_int_eq(b.input_trouble, 1);
	ck_assert_ptr_null(b.leaf);
	ck_assert_uint_eq(has_rule(&f, "input-no-pem"), 1);
	lint_free(&b, &f);
}
END_TEST

/*
 * "certgate --cert fullchain.pem --key server.key --ca server-ca.crt",
 * added in main.c's order (positional, then --cert, --key, --ca): the CA
 * is given explicitly, so it must be the bundle's CA, even though the same
 * certificate also sits in the --cert file.
 */
START_TEST(test_ca_slot_duplicate_of_chain_cert)
{
	static const char *const chain[] = {
		"good-san/server.crt", "good-san/server-ca.crt"
	};
	struct bundle b;

	bundle_init(&b);
	add_concat(&b, "fullchain.pem", chain, 2, SLOT_CERT);
	add_file(&b, "good-san/server.key", SLOT_KEY);
	add_file(&b, "good-san/server-ca.crt", SLOT_CA);
	load_bundle(&b);
	ck_assert(cn_is(b.leaf, RM));
	ck_assert_int_eq(key_matches_cert(b.key, b.leaf), 1);
	ck_assert_msg(b.ca != NULL, "--ca given, but the bundle has no CA");
	ck_assert(cn_is(b.ca, ROOT_CN));
	bundle_free(&b);
}
END_TEST

/* The same encrypted key twice (server.key, and again in a combined
 * cert+key file) is one key: no "2 private keys" ambiguity. */
START_TEST(test_same_encrypted_key_twice)
{
	struct bundle b;
	struct findings f;

	lint_files("key-encrypted-pkcs8/server.crt key-encrypted-pkcs8/server.key "
	    "key-encrypted-pkcs8/server.key key-encrypted-pkcs8/server-ca.crt",
	    RM, &b, &f);
	ck_assert_msg(b.ambiguity == NULL, "ambiguity: %s", b.ambiguity);
	ck_assert_ptr_nonnull(b.key);
	ck_assert_int_eq(b.key->encrypted, 1);
	ck_assert_uint_eq(has_rule(&f, "input-ambiguous"), 0);
	ck_assert_uint_eq(has_rule(&f, "key-encrypted"), 1);
	lint_free(&b, &f);
}
END_TEST

/* How each source was sniffed when it held no usable block. */
START_TEST(test_source_sniff)
{
	static const struct {
		const char *file;
		enum sniff_kind kind;
	} cases[] = {
		{ "no-pem-der/server.crt", SNIFF_DER_CERT },
		{ "no-pem-der/server.key.der", SNIFF_DER_KEY },
		{ "no-pem-p12/server.p12", SNIFF_PKCS12 },
		{ "no-pem-openssh/server.key", SNIFF_OPENSSH_PRIV },
		{ "no-pem-empty/server.crt", SNIFF_EMPTY },
		{ "no-pem-empty/blank.crt", SNIFF_EMPTY },
		{ "good-san/server.crt", SNIFF_PEM },
		{ "guide-mysql/server.crt", SNIFF_PEM },
	};
	struct bundle b;
	size_t i;

	for (i = 0; i < CG_ARRAY_LEN(cases); i++) {
		load_one(&b, cases[i].file);
		ck_assert_msg(b.srcs[0]->sniff == cases[i].kind, "%s: sniffed %d "
		    "(%s), want %d", cases[i].file, b.srcs[0]->sniff,
		    sniff_describe(b.srcs[0]->sniff), cases[i].kind);
		ck_assert_int_eq(b.input_trouble, cases[i].kind != SNIFF_PEM);
		bundle_free(&b);
	}
}
END_TEST

/* ---- slots ---- */

START_TEST(test_slots_override)
{
	struct bundle b;
	struct findings f;

	/* Roles swapped on purpose: the slots win over the content. */
	lint_files("ca:good-san/server.crt cert:good-san/server-ca.crt "
	    "key:good-san/server.key", RM, &b, &f);
	ck_assert(cn_is(b.leaf, ROOT_CN));
	ck_assert(cn_is(b.ca, RM));
	ck_assert_int_eq(b.leaf->src->slot, SLOT_CERT);
	ck_assert_int_eq(b.ca->src->slot, SLOT_CA);
	ck_assert_int_eq(key_matches_cert(b.key, b.leaf), 0);
	ck_assert_uint_ge(has_rule(&f, "key-mismatch") +
	    has_rule(&f, "key-is-ca-key"), 1);
	lint_free(&b, &f);

	/* --cert picks one of two leaves; no ambiguity. */
	lint_files("cert:ambiguous-two-leaves/server2.crt "
	    "ambiguous-two-leaves/server.crt ambiguous-two-leaves/server-ca.crt",
	    NULL, &b, &f);
	ck_assert_ptr_null(b.ambiguity);
	ck_assert(cn_is(b.leaf, "pgm-bp1abc123.pg.rds.aliyuncs.com"));
	ck_assert_uint_eq(has_rule(&f, "input-ambiguous"), 0);
	lint_free(&b, &f);

	/* --key wins over a key that matches: the CA key given as --key. */
	lint_files("good-san/server.crt good-san/server.key "
	    "key:good-san/server-ca.key good-san/server-ca.crt", RM, &b, &f);
	ck_assert_int_eq(b.key->src->slot, SLOT_KEY);
	ck_assert_int_eq(key_matches_cert(b.key, b.leaf), 0);
	ck_assert_int_eq(key_matches_cert(b.key, b.ca), 1);
	lint_free(&b, &f);

	/* --ca wins over the CA that issued the leaf. */
	lint_files("good-san/server.crt good-san/server.key "
	    "ca:chain-wrong-ca/server-ca.crt good-san/server-ca.crt", RM, &b,
	    &f);
	ck_assert(cn_is(b.ca, "other-ca"));
	ck_assert_uint_eq(has_rule(&f, "chain-not-issued-by-ca"), 1);
	lint_free(&b, &f);
}
END_TEST

/* The key alone cannot be the leaf's: key-is-ca-key set. */
START_TEST(test_ca_key_as_server_key)
{
	struct bundle b;
	struct findings f;

	lint_files("key-is-ca-key/server.crt key-is-ca-key/server.key "
	    "key-is-ca-key/server-ca.crt", RM, &b, &f);
	ck_assert(cn_is(b.leaf, RM));
	ck_assert(cn_is(b.ca, ROOT_CN));
	ck_assert_ptr_nonnull(b.key);
	ck_assert_int_eq(key_matches_cert(b.key, b.leaf), 0);
	ck_assert_int_eq(key_matches_cert(b.key, b.ca), 1);
	ck_assert_uint_eq(has_rule(&f, "key-is-ca-key"), 1);
	lint_free(&b, &f);
}
END_TEST

/* ---- key_matches_cert ---- */

static const struct {
	const char *key, *cert;
	int want;
	const char *format;
} pairs[] = {
	{ "good-san/server.key", "good-san/server.crt", 1, "PKCS#8" },
	{ "good-ec/server.key", "good-ec/server.crt", 1, "PKCS#8" },
	{ "key-formats/server-pkcs1.key", "key-formats/server.crt", 1, "PKCS#1" },
	{ "key-formats/server-sec1.key", "key-formats/server-ec.crt", 1, "SEC1" },
	{ "good-san/server-ca.key", "good-san/server-ca.crt", 1, "PKCS#8" },
	{ "key-mismatch/server.key", "key-mismatch/server.crt", 0, "PKCS#8" },
	{ "key-mismatch-ec/server.key", "key-mismatch-ec/server.crt", 0,
	  "PKCS#8" },
	{ "good-san/server.key", "good-san/server-ca.crt", 0, "PKCS#8" },
	{ "good-san/server.key", "good-ec/server.crt", 0, "PKCS#8" },
	{ "good-ec/server.key", "good-san/server.crt", 0, "PKCS#8" },
	/* server-sec1.key is good-ec's key re-encoded. */
	{ "key-formats/server-sec1.key", "good-ec/server.crt", 1, "SEC1" },
	{ "key-formats/server-sec1.key", "good-ec/server-ca.crt", 0, "SEC1" },
	{ "key-formats/server-pkcs1.key", "key-mismatch/server.crt", 1,
	  "PKCS#1" },
	/* Encrypted: cannot be told. */
	{ "key-encrypted-pkcs8/server.key", "key-encrypted-pkcs8/server.crt", -1,
	  "encrypted PKCS#8" },
	{ "key-encrypted-legacy/server.key", "key-encrypted-legacy/server.crt",
	  -1, "PKCS#1 with legacy PEM encryption" },
};

START_TEST(test_key_matches_cert)
{
	struct bundle kb, cb;
	int got;

	load_one(&kb, pairs[_i].key);
	load_one(&cb, pairs[_i].cert);
	ck_assert_uint_eq(kb.nkeys, 1);
	ck_assert_uint_eq(cb.ncerts, 1);
	ck_assert_str_eq(kb.keys[0]->format, pairs[_i].format);
	got = key_matches_cert(kb.keys[0], cb.certs[0]);
	ck_assert_msg(got == pairs[_i].want, "%s vs %s: %d, want %d",
	    pairs[_i].key, pairs[_i].cert, got, pairs[_i].want);
	bundle_free(&kb);
	bundle_free(&cb);
}
END_TEST

START_TEST(test_key_matches_cert_null)
{
	struct bundle b;

	load_one(&b, "good-san/server.key");
	ck_assert_int_eq(key_matches_cert(b.keys[0], NULL), -1);
	ck_assert_int_eq(key_matches_cert(NULL, NULL), -1);
	bundle_free(&b);
}
END_TEST

/* ---- names and signatures ---- */

static const struct {
	const char *child, *parent;
	int chain;              /* cert_names_chain */
	int sig;                /* cert_verify_signature */
} links[] = {
	{ "good-san/server.crt", "good-san/server-ca.crt", 1, 1 },
	{ "good-san/server-ca.crt", "good-san/server-ca.crt", 1, 1 },
	{ "good-ec/server.crt", "good-ec/server-ca.crt", 1, 1 },
	{ "guide-mysql/server.crt", "guide-mysql/server-ca.crt", 1, 1 },
	{ "chain-wrong-ca/server.crt", "chain-wrong-ca/server-ca.crt", 0, 0 },
	{ "chain-wrong-ca/server.crt", "chain-wrong-ca/signer-ca.crt", 1, 1 },
	{ "chain-bad-sig/server.crt", "chain-bad-sig/server-ca.crt", 1, 0 },
	{ "chain-bad-sig/server.crt", "chain-bad-sig/signer-ca.crt", 1, 1 },
	/* Same CA name, other key: good-san's leaf under chain-bad-sig's CA. */
	{ "good-san/server.crt", "chain-bad-sig/server-ca.crt", 1, 0 },
	/* RSA signature, EC issuer key. */
	{ "good-san/server.crt", "good-ec/server-ca.crt", 0, 0 },
	{ "good-san/server.crt", "good-san/server.crt", 0, 0 },
};

START_TEST(test_chain_and_signature)
{
	struct bundle cb, pb;
	char why[160] = "";
	int chain, sig;

	load_one(&cb, links[_i].child);
	load_one(&pb, links[_i].parent);
	ck_assert_uint_eq(cb.ncerts, 1);
	ck_assert_uint_eq(pb.ncerts, 1);
	chain = cert_names_chain(cb.certs[0], pb.certs[0]);
	sig = cert_verify_signature(cb.certs[0], pb.certs[0], why, sizeof(why));
	ck_assert_msg(chain == links[_i].chain, "%s <- %s: names chain %d, "
	    "want %d", links[_i].child, links[_i].parent, chain,
	    links[_i].chain);
	ck_assert_msg(sig == links[_i].sig, "%s <- %s: signature %d (%s), "
	    "want %d", links[_i].child, links[_i].parent, sig, why,
	    links[_i].sig);
	if (sig == 0)
		ck_assert_str_ne(why, "");
	bundle_free(&cb);
	bundle_free(&pb);
}
END_TEST

/* chain-bad-sig assembled: the CA is still server-ca.crt (the only other
 * certificate) and the signature check refutes it. */
START_TEST(test_chain_bad_sig_assembly)
{
	struct bundle b;
	struct findings f;

	lint_files("chain-bad-sig/server.crt chain-bad-sig/server.key "
	    "chain-bad-sig/server-ca.crt", RM, &b, &f);
	ck_assert(cn_is(b.leaf, RM));
	ck_assert(cn_is(b.ca, ROOT_CN));
	ck_assert_uint_eq(has_rule(&f, "chain-not-issued-by-ca"), 1);
	lint_free(&b, &f);
}
END_TEST

/* ---- encrypted keys ---- */

START_TEST(test_encrypted_keys)
{
	struct bundle b;
	struct findings f;
	const struct key *k;

	lint_files("key-encrypted-pkcs8/server.crt key-encrypted-pkcs8/server.key "
	    "key-encrypted-pkcs8/server-ca.crt", RM, &b, &f);
	ck_assert_uint_eq(b.nkeys, 1);
	k = b.key;
	ck_assert_ptr_nonnull(k);
	ck_assert_int_eq(k->encrypted, 1);
	ck_assert_int_eq(k->pk_ok, 0);
	ck_assert_str_eq(k->label, "ENCRYPTED PRIVATE KEY");
	ck_assert_str_eq(k->format, "encrypted PKCS#8");
	ck_assert_str_eq(k->enc_detail, "PBES2, AES-256-CBC");
	ck_assert_uint_eq(has_rule(&f, "key-encrypted"), 1);
	ck_assert_uint_eq(has_rule(&f, "key-mismatch"), 0);
	lint_free(&b, &f);

	lint_files("key-encrypted-legacy/server.crt "
	    "key-encrypted-legacy/server.key key-encrypted-legacy/server-ca.crt",
	    RM, &b, &f);
	ck_assert_uint_eq(b.nkeys, 1);
	k = b.key;
	ck_assert_ptr_nonnull(k);
	ck_assert_int_eq(k->encrypted, 1);
	ck_assert_int_eq(k->pk_ok, 0);
	ck_assert_str_eq(k->label, "RSA PRIVATE KEY");
	ck_assert_str_eq(k->format, "PKCS#1 with legacy PEM encryption");
	ck_assert_str_eq(k->enc_detail, "Proc-Type: 4,ENCRYPTED, AES-256-CBC");
	ck_assert_str_eq(k->alg, "RSA");
	ck_assert_uint_eq(has_rule(&f, "key-encrypted"), 1);
	ck_assert_uint_eq(has_rule(&f, "key-mismatch"), 0);
	lint_free(&b, &f);
}
END_TEST

/* ---- no key material in any string ---- */

/* The base64 body of a key file: its second line (64 characters). */
static char *
key_line(const char *rel)
{
	size_t len;
	unsigned char *data = read_fixture(rel, &len);
	char *p = memchr(data, '\n', len), *e, *line;

	ck_assert_ptr_nonnull(p);
	p++;
	/* Skip legacy headers and the blank line after them. */
	while (strncmp(p, "Proc-Type:", 10) == 0 ||
	    strncmp(p, "DEK-Info:", 9) == 0 || *p == '\n')
		p = strchr(p, '\n') + 1;
	e = strchr(p, '\n');
	ck_assert_ptr_nonnull(e);
	ck_assert_uint_ge((size_t)(e - p), 32);
	line = str_printf("%.32s", p);
	free(data);
	return line;
}

static void
assert_clean(const char *what, const char *s, const char *secret)
{
	if (s == NULL)
		return;
	ck_assert_msg(strstr(s, "MII") == NULL, "%s holds \"MII\": %s", what, s);
	ck_assert_msg(strstr(s, secret) == NULL, "%s holds key base64: %s",
	    what, s);
}

START_TEST(test_no_key_material_in_strings)
{
	static const char *const sets[][2] = {
		{ "good-san/server.crt good-san/server.key good-san/server-ca.crt",
		  "good-san/server.key" },
		{ "key-formats/server-ec.crt key-formats/server-sec1.key "
		  "key-formats/server-ec-ca.crt", "key-formats/server-sec1.key" },
		{ "key-formats/server.crt key-formats/server-pkcs1.key",
		  "key-formats/server-pkcs1.key" },
		{ "key-encrypted-pkcs8/server.crt key-encrypted-pkcs8/server.key",
		  "key-encrypted-pkcs8/server.key" },
		{ "key-encrypted-legacy/server.crt "
		  "key-encrypted-legacy/server.key",
		  "key-encrypted-legacy/server.key" },
		{ "key-is-ca-key/server.crt key-is-ca-key/server.key "
		  "key-is-ca-key/server-ca.crt", "key-is-ca-key/server.key" },
	};
	struct bundle b;
	struct findings f;
	char *secret;
	size_t i, j;

	for (i = 0; i < CG_ARRAY_LEN(sets); i++) {
		secret = key_line(sets[i][1]);
		lint_files(sets[i][0], RM, &b, &f);
		ck_assert_uint_ge(b.nkeys, 1);
		for (j = 0; j < b.ncerts; j++) {
			const struct cert *c = b.certs[j];

			assert_clean("subject", c->subject, secret);
			assert_clean("issuer", c->issuer, secret);
			assert_clean("serial", c->serial_hex, secret);
			assert_clean("crt_err", c->crt_err, secret);
		}
		for (j = 0; j < b.nkeys; j++) {
			const struct key *k = b.keys[j];

			assert_clean("label", k->label, secret);
			assert_clean("format", k->format, secret);
			assert_clean("enc_detail", k->enc_detail, secret);
			assert_clean("alg", k->alg, secret);
			assert_clean("pk_err", k->pk_err, secret);
		}
		for (j = 0; j < b.nbad; j++)
			assert_clean("bad object", b.bad[j].msg, secret);
		assert_clean("ambiguity", b.ambiguity, secret);
		assert_clean("ambiguity hint", b.ambiguity_hint, secret);
		for (j = 0; j < f.len; j++) {
			assert_clean("finding message", f.v[j].message, secret);
			assert_clean("finding hint", f.v[j].hint, secret);
		}
		lint_free(&b, &f);
		free(secret);
	}
}
END_TEST

/* ---- certificates as the bundle keeps them ---- */

START_TEST(test_cert_fields)
{
	struct bundle b;
	const struct cert *c;
	char buf[256];

	load_one(&b, "good-san/server.crt");
	c = b.certs[0];
	ck_assert_str_eq(c->subject, "CN=" RM);
	ck_assert_str_eq(c->issuer, "CN=" ROOT_CN);
	ck_assert_int_eq(c->has_dns_san, 1);
	ck_assert_int_eq(c->has_ip_san, 1);
	/* dNSName and iPAddress SANs, then the CN. */
	ck_assert_uint_eq(c->nnames, 5);
	ck_assert_int_eq(c->names[0].type, NAME_DNS);
	ck_assert_int_eq(c->names[2].type, NAME_IP);
	ck_assert_int_eq(c->names[3].type, NAME_IP);
	ck_assert_int_eq(c->names[4].type, NAME_CN);
	ck_assert_int_eq(c->crt_ok, 1);
	ck_assert_int_eq(c->pk_ok, 1);
	ck_assert_str_eq(c->key_alg, "RSA");
	ck_assert_uint_eq(c->key_bits, 2048);
	ck_assert_int_eq(c->self_issued, 0);
	ck_assert_str_eq(cert_display_name(c, buf, sizeof(buf)), "CN=" RM);
	ck_assert_uint_eq(c->loc.line, 1);
	bundle_free(&b);

	/* The -text dump: the block starts on line 52. */
	load_one(&b, "guide-mysql/server.crt");
	c = b.certs[0];
	ck_assert_uint_eq(c->loc.line, 52);
	ck_assert_int_eq(c->info.version, 1);
	ck_assert_uint_eq(c->nnames, 1);
	ck_assert_int_eq(c->names[0].type, NAME_CN);
	ck_assert_str_eq(c->issuer, "CN=root-ca");
	bundle_free(&b);

	/* No CN: the display name is the DN. */
	load_one(&b, "guide-pg-san/server.crt");
	c = b.certs[0];
	ck_assert_uint_eq(c->nnames, 2);
	ck_assert_ptr_nonnull(strstr(cert_display_name(c, buf, sizeof(buf)),
	    "O=Alibaba"));
	bundle_free(&b);

	/* EC. */
	load_one(&b, "good-ec/server.crt");
	ck_assert_str_eq(b.certs[0]->key_alg, "EC");
	ck_assert_uint_eq(b.certs[0]->key_bits, 256);
	bundle_free(&b);
}
END_TEST

/* The CRLF copy of guide-mysql assembles like the original. */
START_TEST(test_crlf_set)
{
	struct bundle b;
	struct findings f;

	lint_files("crlf/server.crt crlf/server.key crlf/server-ca.crt", RM, &b,
	    &f);
	ck_assert_int_eq(b.input_trouble, 0);
	ck_assert(cn_is(b.leaf, RM));
	ck_assert(cn_is(b.ca, "root-ca"));
	ck_assert_int_eq(key_matches_cert(b.key, b.leaf), 1);
	ck_assert_uint_eq(has_rule(&f, "input-malformed-pem"), 0);
	lint_free(&b, &f);
}
END_TEST

Suite *
suite_bundle(void)
{
	Suite *s = suite_create("bundle");
	TCase *tc;

	tc = tcase_create("assembly");
	tcase_add_loop_test(tc, test_order_separate_files, 0, 6);
	tcase_add_loop_test(tc, test_order_one_stream, 0, 6);
	tcase_add_loop_test(tc, test_order_lint_clean, 0, 3);
	tcase_add_test(tc, test_same_cert_twice);
	tcase_add_test(tc, test_two_leaves_no_key);
	tcase_add_test(tc, test_two_leaves_key_decides);
	tcase_add_test(tc, test_only_a_key);
	tcase_add_test(tc, test_broken_leaf_not_replaced_by_ca);
	tcase_add_test(tc, test_source_sniff);
	tcase_add_test(tc, test_slots_override);
	tcase_add_test(tc, test_ca_key_as_server_key);
	tcase_add_test(tc, test_crlf_set);
	tcase_add_test(tc, test_ca_slot_duplicate_of_chain_cert);
	tcase_add_test(tc, test_same_encrypted_key_twice);
	suite_add_tcase(s, tc);

	tc = tcase_create("keys");
	tcase_add_loop_test(tc, test_key_matches_cert, 0,
	    (int)CG_ARRAY_LEN(pairs));
	tcase_add_test(tc, test_key_matches_cert_null);
	tcase_add_test(tc, test_encrypted_keys);
	tcase_add_test(tc, test_no_key_material_in_strings);
	suite_add_tcase(s, tc);

	tc = tcase_create("chain");
	tcase_add_loop_test(tc, test_chain_and_signature, 0,
	    (int)CG_ARRAY_LEN(links));
	tcase_add_test(tc, test_chain_bad_sig_assembly);
	tcase_add_test(tc, test_cert_fields);
	suite_add_tcase(s, tc);
	return s;
}
