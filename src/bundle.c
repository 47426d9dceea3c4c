/*
 * bundle.c - see bundle.h.
 */
#include "bundle.h"
#include "keycheck.h"
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <mbedtls/asn1.h>
#include <mbedtls/error.h>
#include <mbedtls/md.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/sha256.h>

#define SEQ (MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE)

void
bundle_init(struct bundle *b)
{
	memset(b, 0, sizeof(*b));
	b->warn_days = 30;
}

static void
source_free(struct source *s)
{
	if (s == NULL)
		return;
	free(s->name);
	if (s->data != NULL) {
		mbedtls_platform_zeroize(s->data, s->len);
		free(s->data);
	}
	pem_scan_free(&s->scan);
	free(s);
}

static void
cert_free(struct cert *c)
{
	if (c == NULL)
		return;
	certinfo_free(&c->info);
	free(c->names);
	free(c->subject);
	free(c->issuer);
	free(c->serial_hex);
	mbedtls_x509_crt_free(&c->crt);
	mbedtls_pk_free(&c->pk);
	free(c->pub);
	free(c);
}

static void
csr_free(struct csr *c)
{
	if (c == NULL)
		return;
	free(c->san);
	free(c->cns);
	free(c);
}

static void
key_free(struct key *k)
{
	if (k == NULL)
		return;
	free(k->enc_detail);
	mbedtls_pk_free(&k->pk);
	free(k->pub);
	free(k);
}

void
bundle_free(struct bundle *b)
{
	size_t i;

	if (b == NULL)
		return;
	for (i = 0; i < b->ncerts; i++)
		cert_free(b->certs[i]);
	for (i = 0; i < b->nkeys; i++)
		key_free(b->keys[i]);
	for (i = 0; i < b->ncsrs; i++)
		csr_free(b->csrs[i]);
	for (i = 0; i < b->nsrcs; i++)
		source_free(b->srcs[i]);
	for (i = 0; i < b->nbad; i++)
		free(b->bad[i].msg);
	free(b->certs);
	free(b->keys);
	free(b->csrs);
	free(b->srcs);
	free(b->bad);
	free(b->ambiguity);
	free(b->ambiguity_hint);
	bundle_init(b);
}

/* Append pointer item to the growable array *v of *n pointers. */
static int
push_ptr(void *vp, size_t *n, void *item)
{
	void ***v = vp;
	void **nv = realloc(*v, (*n + 1) * sizeof(void *));

	if (nv == NULL)
		return -1;
	*v = nv;
	nv[(*n)++] = item;
	return 0;
}

int
bundle_add_source(struct bundle *b, const char *name, unsigned char *data,
    size_t len, enum slot slot)
{
	struct source *s = calloc(1, sizeof(*s));

	if (s == NULL || (s->name = str_dup(name)) == NULL) {
		free(s);
		mbedtls_platform_zeroize(data, len);
		free(data);
		return -1;
	}
	s->data = data;
	s->len = len;
	s->slot = slot;
	s->git_tracked = -1;
	pem_scan_init(&s->scan);
	if (push_ptr(&b->srcs, &b->nsrcs, s) != 0) {
		source_free(s);
		return -1;
	}
	return 0;
}

static int
add_bad(struct bundle *b, const struct source *s, unsigned line, char *msg)
{
	struct bad_object *nb;

	if (msg == NULL)
		return -1;
	nb = realloc(b->bad, (b->nbad + 1) * sizeof(*nb));
	if (nb == NULL) {
		free(msg);
		return -1;
	}
	b->bad = nb;
	nb[b->nbad].loc.file = s->name;
	nb[b->nbad].loc.line = line;
	nb[b->nbad].loc.column = 1;
	nb[b->nbad].msg = msg;
	b->nbad++;
	return 0;
}

static void
strerr(int ret, char *buf, size_t size)
{
	mbedtls_strerror(ret, buf, size);
}

/* Canonical SPKI of pk, re-encoded by mbedTLS, into a new buffer. */
static int
write_pub(mbedtls_pk_context *pk, unsigned char **out, size_t *outlen)
{
	unsigned char buf[4096];
	int n;

	n = mbedtls_pk_write_pubkey_der(pk, buf, sizeof(buf));
	if (n <= 0)
		return 0;       /* cannot encode: leave empty */
	*out = malloc((size_t)n);
	if (*out == NULL)
		return -1;
	memcpy(*out, buf + sizeof(buf) - n, (size_t)n);
	*outlen = (size_t)n;
	return 0;
}

/* Printable DN string of a Name TLV, via mbedTLS's parser and printer. */
static char *
dn_string(struct span name)
{
	unsigned char *p = (unsigned char *)name.p, *end = p + name.len;
	mbedtls_x509_name dn, *cur, *next;
	char buf[2048];
	size_t n;
	int ret;

	memset(&dn, 0, sizeof(dn));
	buf[0] = '\0';
	if (mbedtls_asn1_get_tag(&p, end, &n, SEQ) == 0) {
		if (n == 0) {
			snprintf(buf, sizeof(buf), "(empty)");
		} else if (mbedtls_x509_get_name(&p, p + n, &dn) == 0) {
			ret = mbedtls_x509_dn_gets(buf, sizeof(buf), &dn);
			if (ret < 0)
				snprintf(buf, sizeof(buf), "(unprintable)");
		}
	}
	for (cur = dn.next; cur != NULL; cur = next) {
		next = cur->next;
		free(cur);
	}
	return str_printable((unsigned char *)buf, strlen(buf));
}

static int
build_names(struct cert *c)
{
	const struct certinfo *ci = &c->info;
	size_t i, n = 0;

	c->names = calloc(ci->nsan + ci->ncns + 1, sizeof(*c->names));
	if (c->names == NULL)
		return -1;
	for (i = 0; i < ci->nsan; i++) {
		if (ci->san[i].tag == GN_DNS) {
			c->names[n].type = NAME_DNS;
			c->has_dns_san = 1;
		} else if (ci->san[i].tag == GN_IP) {
			c->names[n].type = NAME_IP;
			c->has_ip_san = 1;
		} else {
			continue;
		}
		c->names[n++].value = ci->san[i].value;
	}
	for (i = 0; i < ci->ncns; i++) {
		c->names[n].type = NAME_CN;
		c->names[n++].value = ci->cns[i];
	}
	c->nnames = n;
	return 0;
}

static int
load_cert(struct bundle *b, const struct source *s, const struct pem_block *blk)
{
	struct cert *c;
	char err[160];
	unsigned char *p;
	size_t i;
	int ret;

	c = calloc(1, sizeof(*c));
	if (c == NULL)
		return -1;
	certinfo_init(&c->info);
	mbedtls_x509_crt_init(&c->crt);
	mbedtls_pk_init(&c->pk);
	c->src = s;
	c->loc.file = s->name;
	c->loc.line = blk->line;
	c->loc.column = 1;
	ret = certinfo_parse(&c->info, blk->der, blk->der_len, err, sizeof(err));
	if (ret == -2)
		goto oom;
	if (ret != 0) {
		cert_free(c);
		return add_bad(b, s, blk->line, str_printf("the %s block does "
		    "not hold a valid X.509 certificate: %s", blk->label, err));
	}
	if (build_names(c) != 0)
		goto oom;
	c->subject = dn_string(c->info.subject);
	c->issuer = dn_string(c->info.issuer);
	c->serial_hex = hex_encode(c->info.serial.p, c->info.serial.len, 1, 0);
	if (c->subject == NULL || c->issuer == NULL || c->serial_hex == NULL)
		goto oom;
	mbedtls_sha256_ret(c->info.der.p, c->info.der.len, c->sha256, 0);

	ret = mbedtls_x509_crt_parse_der(&c->crt, c->info.der.p, c->info.der.len);
	if (ret == 0) {
		c->crt_ok = 1;
	} else {
		strerr(ret, err, sizeof(err));
		snprintf(c->crt_err, sizeof(c->crt_err), "%s", err);
	}
	p = (unsigned char *)c->info.spki.p;
	ret = mbedtls_pk_parse_subpubkey(&p, p + c->info.spki.len, &c->pk);
	if (ret == 0) {
		c->pk_ok = 1;
		c->key_bits = (unsigned)mbedtls_pk_get_bitlen(&c->pk);
		if (write_pub(&c->pk, &c->pub, &c->pub_len) != 0)
			goto oom;
	}
	c->key_alg = key_alg_name(c->info.spki_oid);
	if (c->key_alg != NULL && strcmp(c->key_alg, "Ed25519") == 0)
		c->key_bits = 256;
	else if (c->key_alg != NULL && strcmp(c->key_alg, "Ed448") == 0)
		c->key_bits = 456;
	if (c->key_alg == NULL && c->pk_ok)
		c->key_alg = mbedtls_pk_get_name(&c->pk);
	if (c->pk_ok && mbedtls_pk_get_type(&c->pk) == MBEDTLS_PK_ECKEY)
		c->key_alg = "EC";
	/* The same certificate given twice (server.crt and a full chain,
	 * say) is one certificate. */
	for (i = 0; i < b->ncerts; i++) {
		if (memcmp(b->certs[i]->sha256, c->sha256, 32) == 0 &&
		    b->certs[i]->src->slot == s->slot) {
			cert_free(c);
			return 0;
		}
	}
	if (push_ptr(&b->certs, &b->ncerts, c) != 0)
		goto oom;
	return 0;
oom:
	cert_free(c);
	return -1;
}

/* Name a PBES2 / PKCS#12 encryption from EncryptedPrivateKeyInfo. */
static char *
pkcs8_enc_detail(const unsigned char *der, size_t len)
{
	static const struct { const char *oid; size_t len; const char *name; }
	ciphers[] = {
		{ "\x60\x86\x48\x01\x65\x03\x04\x01\x02", 9, "AES-128-CBC" },
		{ "\x60\x86\x48\x01\x65\x03\x04\x01\x16", 9, "AES-192-CBC" },
		{ "\x60\x86\x48\x01\x65\x03\x04\x01\x2A", 9, "AES-256-CBC" },
		{ "\x2A\x86\x48\x86\xF7\x0D\x03\x07", 8, "DES-EDE3-CBC" },
		{ "\x2B\x0E\x03\x02\x07", 5, "DES-CBC" },
	};
	unsigned char *p = (unsigned char *)der, *end = p + len;
	mbedtls_asn1_buf oid, params, kdf, kdfp, enc, encp;
	size_t n, i;

	if (mbedtls_asn1_get_tag(&p, end, &n, SEQ) != 0 ||
	    mbedtls_asn1_get_alg(&p, p + n, &oid, &params) != 0)
		return str_dup("unknown scheme");
	if (oid.len == 9 && memcmp(oid.p,
	    "\x2A\x86\x48\x86\xF7\x0D\x01\x05\x0D", 9) == 0) {
		p = params.p;
		end = p + params.len;
		if (params.tag != SEQ ||
		    mbedtls_asn1_get_alg(&p, end, &kdf, &kdfp) != 0 ||
		    mbedtls_asn1_get_alg(&p, end, &enc, &encp) != 0)
			return str_dup("PBES2");
		for (i = 0; i < CG_ARRAY_LEN(ciphers); i++)
			if (enc.len == ciphers[i].len &&
			    memcmp(enc.p, ciphers[i].oid, enc.len) == 0)
				return str_printf("PBES2, %s", ciphers[i].name);
		return str_dup("PBES2");
	}
	if (oid.len == 10 && memcmp(oid.p,
	    "\x2A\x86\x48\x86\xF7\x0D\x01\x0C\x01", 9) == 0)
		return str_dup("PKCS#12 PBE");
	if (oid.len == 9 && memcmp(oid.p,
	    "\x2A\x86\x48\x86\xF7\x0D\x01\x05", 8) == 0)
		return str_dup("PBES1");
	return str_dup("unknown scheme");
}

/* The algorithm OID of an unencrypted PKCS#8 PrivateKeyInfo. */
static const char *
pkcs8_alg(const unsigned char *der, size_t len)
{
	unsigned char *p = (unsigned char *)der, *end = p + len;
	mbedtls_asn1_buf oid, params;
	struct span s;
	size_t n;
	int ver;

	if (mbedtls_asn1_get_tag(&p, end, &n, SEQ) != 0)
		return NULL;
	end = p + n;
	if (mbedtls_asn1_get_int(&p, end, &ver) != 0 ||
	    mbedtls_asn1_get_alg(&p, end, &oid, &params) != 0)
		return NULL;
	s.p = oid.p;
	s.len = oid.len;
	return key_alg_name(s);
}

static int
load_key(struct bundle *b, const struct source *s, const struct pem_block *blk)
{
	struct key *k;
	const char *alg;
	size_t i;
	int ret;

	k = calloc(1, sizeof(*k));
	if (k == NULL)
		return -1;
	mbedtls_pk_init(&k->pk);
	k->src = s;
	k->label = blk->label;
	k->loc.file = s->name;
	k->loc.line = blk->line;
	k->loc.column = 1;
	if (strcmp(blk->label, "ENCRYPTED PRIVATE KEY") == 0) {
		k->format = "encrypted PKCS#8";
		k->encrypted = 1;
		k->enc_detail = pkcs8_enc_detail(blk->der, blk->der_len);
		if (k->enc_detail == NULL)
			goto oom;
	} else if (strcmp(blk->label, "PRIVATE KEY") == 0) {
		k->format = "PKCS#8";
	} else if (strcmp(blk->label, "RSA PRIVATE KEY") == 0) {
		k->format = "PKCS#1";
		k->alg = "RSA";
	} else if (strcmp(blk->label, "EC PRIVATE KEY") == 0) {
		k->format = "SEC1";
		k->alg = "EC";
	} else {
		k->format = "OpenSSL legacy DSA";
		k->alg = "DSA";
	}
	if (blk->proc_encrypted) {
		k->encrypted = 1;
		k->format = strcmp(k->format, "PKCS#1") == 0 ?
		    "PKCS#1 with legacy PEM encryption" :
		    strcmp(k->format, "SEC1") == 0 ?
		    "SEC1 with legacy PEM encryption" :
		    "legacy PEM encryption";
		k->enc_detail = str_printf("Proc-Type: 4,ENCRYPTED, %s",
		    blk->dek_info ? blk->dek_info : "unknown cipher");
		if (k->enc_detail == NULL)
			goto oom;
	}
	if (!k->encrypted) {
		ret = mbedtls_pk_parse_key(&k->pk, blk->der, blk->der_len,
		    NULL, 0);
		if (ret == 0) {
			k->pk_ok = 1;
			k->bits = (unsigned)mbedtls_pk_get_bitlen(&k->pk);
			k->alg = mbedtls_pk_get_type(&k->pk) == MBEDTLS_PK_RSA ?
			    "RSA" : "EC";
			if (write_pub(&k->pk, &k->pub, &k->pub_len) != 0)
				goto oom;
		} else {
			strerr(ret, k->pk_err, sizeof(k->pk_err));
			alg = strcmp(k->format, "PKCS#8") == 0 ?
			    pkcs8_alg(blk->der, blk->der_len) : k->alg;
			if (alg == NULL || strcmp(alg, "RSA") == 0 ||
			    strcmp(alg, "EC") == 0) {
				/* A supported algorithm that fails: bad DER. */
				ret = add_bad(b, s, blk->line, str_printf(
				    "the %s block does not hold a valid %s "
				    "private key: %s", blk->label, k->format,
				    k->pk_err));
				key_free(k);
				return ret;
			}
			k->alg = alg;
			/* mbedTLS has no Ed25519: derive the public key so
			 * the pair can still be compared. */
			if (strcmp(alg, "Ed25519") == 0 &&
			    ed25519_key_public(blk->der, blk->der_len,
			    k->raw_pub) == 0) {
				k->has_raw_pub = 1;
				k->bits = 256;
			}
		}
	}
	/* The same key given twice is one key (others compare by their
	 * encoding). */
	k->der.p = blk->der;
	k->der.len = blk->der_len;
	for (i = 0; i < b->nkeys; i++) {
		const struct key *o = b->keys[i];

		if (o->src->slot != s->slot)
			continue;
		if ((k->pub != NULL && o->pub != NULL &&
		    o->pub_len == k->pub_len &&
		    memcmp(o->pub, k->pub, k->pub_len) == 0) ||
		    span_eq(o->der, k->der)) {
			key_free(k);
			return 0;
		}
	}
	if (push_ptr(&b->keys, &b->nkeys, k) != 0)
		goto oom;
	return 0;
oom:
	key_free(k);
	return -1;
}

static int
load_csr(struct bundle *b, const struct source *s, const struct pem_block *blk)
{
	struct csr *c = calloc(1, sizeof(*c));
	char err[160];
	int ret;

	if (c == NULL)
		return -1;
	c->src = s;
	c->loc.file = s->name;
	c->loc.line = blk->line;
	c->loc.column = 1;
	ret = csr_walk(blk->der, blk->der_len, &c->subject, &c->spki,
	    &c->has_san, &c->san, &c->nsan, &c->cns, &c->ncns, err,
	    sizeof(err));
	if (ret == -2) {
		csr_free(c);
		return -1;
	}
	if (ret != 0) {
		csr_free(c);
		return add_bad(b, s, blk->line, str_printf("the %s block does "
		    "not hold a valid PKCS#10 request: %s", blk->label, err));
	}
	if (push_ptr(&b->csrs, &b->ncsrs, c) != 0) {
		csr_free(c);
		return -1;
	}
	return 0;
}

static int
is_cert_label(const char *l)
{
	return strcmp(l, "CERTIFICATE") == 0 ||
	    strcmp(l, "X509 CERTIFICATE") == 0 ||
	    strcmp(l, "TRUSTED CERTIFICATE") == 0;
}

static int
is_key_label(const char *l)
{
	return strcmp(l, "PRIVATE KEY") == 0 ||
	    strcmp(l, "RSA PRIVATE KEY") == 0 ||
	    strcmp(l, "EC PRIVATE KEY") == 0 ||
	    strcmp(l, "ENCRYPTED PRIVATE KEY") == 0 ||
	    strcmp(l, "DSA PRIVATE KEY") == 0;
}

static int
is_csr_label(const char *l)
{
	return strcmp(l, "CERTIFICATE REQUEST") == 0 ||
	    strcmp(l, "NEW CERTIFICATE REQUEST") == 0;
}

static int
load_source(struct bundle *b, struct source *s)
{
	const struct pem_block *blk;
	const char *other = NULL;
	size_t i;

	if (pem_scan(s->data, s->len, &s->scan) != 0)
		return -1;
	for (i = 0; i < s->scan.nblocks; i++) {
		blk = &s->scan.blocks[i];
		if (!pem_label_known(blk->label)) {
			if (other == NULL)
				other = blk->label;
			continue;
		}
		if (is_cert_label(blk->label) || is_key_label(blk->label) ||
		    is_csr_label(blk->label))
			s->nusable++;
		if (blk->error != NULL)
			continue;       /* reported by input-malformed-pem */
		if (is_cert_label(blk->label)) {
			if (load_cert(b, s, blk) != 0)
				return -1;
		} else if (is_key_label(blk->label)) {
			if (load_key(b, s, blk) != 0)
				return -1;
		} else if (is_csr_label(blk->label)) {
			if (load_csr(b, s, blk) != 0)
				return -1;
		}
	}
	s->sniff = SNIFF_PEM;
	if (s->nusable == 0 && s->scan.nstrays == 0)
		s->sniff = pem_sniff(s->data, s->len, other);
	return 0;
}

/* ---- comparison helpers used by assembly and rules ---- */

static int key_matches_uncached(const struct key *k, const struct cert *c);

int
key_matches_cert(const struct key *k, const struct cert *c)
{
	struct key *mk = (struct key *)k;      /* the memo is not state */
	unsigned i;
	int r;

	if (k == NULL || c == NULL)
		return -1;
	for (i = 0; i < k->nmemo && i < CG_ARRAY_LEN(k->memo_cert); i++)
		if (k->memo_cert[i] == c)
			return k->memo_res[i];
	r = key_matches_uncached(k, c);
	if (k->nmemo < CG_ARRAY_LEN(k->memo_cert)) {
		mk->memo_cert[k->nmemo] = c;
		mk->memo_res[k->nmemo] = r;
		mk->nmemo++;
	}
	return r;
}

static int
key_matches_uncached(const struct key *k, const struct cert *c)
{
	if (k->pk_ok && c->pk_ok && k->pub != NULL && c->pub != NULL) {
		if (k->pub_len != c->pub_len ||
		    memcmp(k->pub, c->pub, k->pub_len) != 0)
			return 0;
		return mbedtls_pk_check_pair(&c->pk, &k->pk) == 0;
	}
	if (k->alg != NULL && c->key_alg != NULL &&
	    strcmp(k->alg, c->key_alg) != 0)
		return 0;
	if (k->has_raw_pub && c->info.spki_key.len == sizeof(k->raw_pub))
		return memcmp(k->raw_pub, c->info.spki_key.p,
		    sizeof(k->raw_pub)) == 0;
	return -1;
}

/* Compare two attribute values as RFC 5280 7.1 allows for the common
 * directory string types: ASCII case-insensitive, else byte equality. */
static int
value_eq(const mbedtls_x509_buf *a, const mbedtls_x509_buf *b)
{
	int sa = a->tag == MBEDTLS_ASN1_UTF8_STRING ||
	    a->tag == MBEDTLS_ASN1_PRINTABLE_STRING;
	int sb = b->tag == MBEDTLS_ASN1_UTF8_STRING ||
	    b->tag == MBEDTLS_ASN1_PRINTABLE_STRING;

	if (a->len != b->len)
		return 0;
	if (sa && sb)
		return strncasecmp((const char *)a->p, (const char *)b->p,
		    a->len) == 0 && !bytes_have_nul(a->p, a->len);
	return a->tag == b->tag && memcmp(a->p, b->p, a->len) == 0;
}

static int
parse_name(struct span s, mbedtls_x509_name *dn)
{
	unsigned char *p = (unsigned char *)s.p, *end = p + s.len;
	size_t n;

	memset(dn, 0, sizeof(*dn));
	if (mbedtls_asn1_get_tag(&p, end, &n, SEQ) != 0)
		return -1;
	if (n == 0)
		return 1;       /* empty name */
	return mbedtls_x509_get_name(&p, p + n, dn) == 0 ? 0 : -1;
}

static void
free_name(mbedtls_x509_name *dn)
{
	mbedtls_x509_name *cur, *next;

	for (cur = dn->next; cur != NULL; cur = next) {
		next = cur->next;
		free(cur);
	}
}

int
cert_names_chain(const struct cert *child, const struct cert *parent)
{
	return name_eq(child->info.issuer, parent->info.subject);
}

int
name_eq(struct span na, struct span nb)
{
	mbedtls_x509_name a, b;
	const mbedtls_x509_name *x, *y;
	int ra, rb, eq = 0;

	if (span_eq(na, nb))
		return 1;
	ra = parse_name(na, &a);
	rb = parse_name(nb, &b);
	if (ra == 0 && rb == 0) {
		for (x = &a, y = &b; x != NULL && y != NULL;
		    x = x->next, y = y->next) {
			if (x->oid.len != y->oid.len ||
			    memcmp(x->oid.p, y->oid.p, x->oid.len) != 0 ||
			    !value_eq(&x->val, &y->val) ||
			    x->next_merged != y->next_merged)
				break;
		}
		eq = x == NULL && y == NULL;
	}
	free_name(&a);
	free_name(&b);
	return eq;
}

int
cert_verify_signature(const struct cert *child, const struct cert *parent,
    char *why, size_t whylen)
{
	const mbedtls_md_info_t *md;
	unsigned char hash[MBEDTLS_MD_MAX_SIZE];
	char err[128];
	int ret;

	if (!child->crt_ok) {
		snprintf(why, whylen, "mbedTLS cannot read the certificate's "
		    "signature: %s", child->crt_err);
		return -1;
	}
	if (!parent->pk_ok) {
		snprintf(why, whylen, "mbedTLS does not support the issuer's "
		    "%s key", parent->key_alg ? parent->key_alg : "unknown");
		return -1;
	}
	md = mbedtls_md_info_from_type(child->crt.sig_md);
	if (md == NULL) {
		snprintf(why, whylen, "unsupported signature digest");
		return -1;
	}
	if (mbedtls_md(md, child->crt.tbs.p, child->crt.tbs.len, hash) != 0) {
		snprintf(why, whylen, "digest failed");
		return -1;
	}
	if (!mbedtls_pk_can_do(&parent->pk, child->crt.sig_pk)) {
		snprintf(why, whylen, "the issuer's %s key cannot make the "
		    "certificate's %s signature", parent->key_alg,
		    child->crt.sig_pk == MBEDTLS_PK_RSA ? "RSA" :
		    child->crt.sig_pk == MBEDTLS_PK_ECDSA ? "ECDSA" : "other");
		return 0;
	}
	ret = mbedtls_pk_verify_ext(child->crt.sig_pk, child->crt.sig_opts,
	    (mbedtls_pk_context *)&parent->pk, child->crt.sig_md, hash,
	    mbedtls_md_get_size(md), child->crt.sig.p, child->crt.sig.len);
	if (ret != 0) {
		mbedtls_strerror(ret, err, sizeof(err));
		snprintf(why, whylen, "%s", err);
		return 0;
	}
	return 1;
}

const char *
cert_display_name(const struct cert *c, char *buf, size_t size)
{
	char *s;

	if (c->info.ncns > 0) {
		s = str_printable(c->info.cns[0].p, c->info.cns[0].len);
		snprintf(buf, size, "CN=%s", s ? s : "?");
		free(s);
	} else {
		snprintf(buf, size, "%s", c->subject);
	}
	return buf;
}

/* ---- assembly ---- */

/* Did parent issue child?  Names must chain; a signature that verifies
 * confirms, one that fails refutes, one that cannot be checked is taken on
 * the names alone. */
static int
issued(const struct cert *parent, const struct cert *child)
{
	char why[160];

	if (parent == child || !cert_names_chain(child, parent))
		return 0;
	return cert_verify_signature(child, parent, why, sizeof(why)) != 0;
}

static void
classify(struct cert *c)
{
	char why[160];

	c->self_issued = cert_names_chain(c, c);
	c->self_signed = c->self_issued &&
	    cert_verify_signature(c, c, why, sizeof(why)) != 0;
	c->ca_like = (c->info.has_bc && c->info.bc_ca) || c->self_signed;
}

static int
set_ambiguity(struct bundle *b, const struct loc *loc, char *msg, char *hint)
{
	if (msg == NULL || hint == NULL) {
		free(msg);
		free(hint);
		return -1;
	}
	if (b->ambiguity != NULL) {     /* keep the first */
		free(msg);
		free(hint);
		return 0;
	}
	b->ambiguity = msg;
	b->ambiguity_hint = hint;
	if (loc != NULL)
		b->ambiguity_loc = *loc;
	return 0;
}

/* "file:line, file:line" for a list of certificates (at most 8). */
static void
cert_list(struct cert **v, size_t n, char *buf, size_t size)
{
	size_t i, off = 0;

	buf[0] = '\0';
	for (i = 0; i < n && i < 8 && off < size; i++)
		off += (size_t)snprintf(buf + off, size - off, "%s%s:%u",
		    i ? ", " : "", v[i]->loc.file, v[i]->loc.line);
}

static const struct cert *
first_cert_in_slot(const struct bundle *b, enum slot slot)
{
	size_t i;

	for (i = 0; i < b->ncerts; i++)
		if (b->certs[i]->src->slot == slot)
			return b->certs[i];
	return NULL;
}

static int
choose_leaf(struct bundle *b)
{
	struct cert **cand;
	size_t i, j, nc = 0, matching = 0;
	const struct cert *m = NULL;
	char list[512];
	int r = 0, any_issued;

	if ((b->leaf = first_cert_in_slot(b, SLOT_CERT)) != NULL)
		return 0;
	cand = calloc(b->ncerts + 1, sizeof(*cand));
	if (cand == NULL)
		return -1;
	/* Candidates: certificates given without a slot that are not CAs. */
	for (i = 0; i < b->ncerts; i++)
		if (b->certs[i]->src->slot == SLOT_ANY && !b->certs[i]->ca_like)
			cand[nc++] = b->certs[i];
	if (nc == 0 && b->input_trouble)
		goto out;       /* the server certificate is the broken input */
	if (nc == 0) {
		/* All CA-like: a lone certificate is the server's own; else a
		 * certificate some other one issued and that issued none. */
		for (i = 0; i < b->ncerts; i++) {
			if (b->certs[i]->src->slot != SLOT_ANY)
				continue;
			any_issued = 0;
			for (j = 0; j < b->ncerts; j++)
				if (issued(b->certs[i], b->certs[j]))
					any_issued = 1;
			if (!any_issued)
				cand[nc++] = b->certs[i];
		}
	}
	if (nc == 1) {
		b->leaf = cand[0];
		goto out;
	}
	if (nc == 0) {
		cert_list(b->certs, b->ncerts, list, sizeof(list));
		r = set_ambiguity(b, &b->certs[0]->loc, str_printf(
		    "cannot tell which certificate is the server's: every "
		    "certificate given (%s) is a CA that issued another", list),
		    str_printf("name the server certificate with --cert FILE"));
		goto out;
	}
	for (i = 0; i < nc && b->nkeys > 0; i++) {
		for (j = 0; j < b->nkeys; j++) {
			if (key_matches_cert(b->keys[j], cand[i]) == 1) {
				matching++;
				m = cand[i];
				break;
			}
		}
	}
	if (matching == 1) {
		b->leaf = m;
		goto out;
	}
	cert_list(cand, nc, list, sizeof(list));
	r = set_ambiguity(b, &cand[1]->loc, str_printf(
	    "%zu certificates could be the server certificate (%s) and %s",
	    nc, list, b->nkeys == 0 ? "no key was given to pick one" :
	    matching == 0 ? "the key matches none of them" :
	    "keys match more than one"),
	    str_printf("lint one set at a time, or name the server "
	    "certificate with --cert FILE"));
out:
	free(cand);
	return r;
}

static int
choose_ca(struct bundle *b)
{
	struct cert **other;
	size_t i, no = 0;
	const struct cert *first_ca_slot = NULL;
	char list[512];
	int r = 0;

	if (b->leaf == NULL)
		return 0;
	for (i = 0; i < b->ncerts; i++) {
		if (b->certs[i]->src->slot != SLOT_CA)
			continue;
		if (first_ca_slot == NULL)
			first_ca_slot = b->certs[i];
		if (issued(b->certs[i], b->leaf)) {
			b->ca = b->certs[i];
			return 0;
		}
	}
	if (first_ca_slot != NULL) {
		b->ca = first_ca_slot;
		return 0;
	}
	other = calloc(b->ncerts + 1, sizeof(*other));
	if (other == NULL)
		return -1;
	for (i = 0; i < b->ncerts; i++) {
		/* Unslotted certificates, and the rest of a --cert chain file. */
		if (b->certs[i] == b->leaf || b->certs[i]->src->slot == SLOT_KEY)
			continue;
		if (issued(b->certs[i], b->leaf)) {
			b->ca = b->certs[i];
			goto out;
		}
		other[no++] = b->certs[i];
	}
	if (no == 1) {
		/* The only other certificate: the CA that was meant, even if it
		 * did not issue the leaf (chain-not-issued-by-ca says so). */
		b->ca = other[0];
	} else if (no > 1) {
		cert_list(other, no, list, sizeof(list));
		r = set_ambiguity(b, &other[0]->loc, str_printf(
		    "none of the %zu other certificates (%s) issued the server "
		    "certificate, so none can be taken as its CA", no, list),
		    str_printf("name the CA certificate with --ca FILE"));
	}
out:
	free(other);
	return r;
}

/* 1 if k is the key of a CA-like certificate other than the leaf. */
static int
is_ca_key(const struct bundle *b, const struct key *k)
{
	size_t i;

	for (i = 0; i < b->ncerts; i++)
		if (b->certs[i] != b->leaf && b->certs[i]->ca_like &&
		    key_matches_cert(k, b->certs[i]) == 1)
			return 1;
	return 0;
}

/* The server key: the --key one; else the one that matches the leaf;
 * else the only key that is not a CA's key; else the only key. */
static int
choose_key(struct bundle *b)
{
	size_t i, nany = 0, nplain = 0;
	const struct key *first_any = NULL, *plain = NULL;

	for (i = 0; i < b->nkeys; i++) {
		if (b->keys[i]->src->slot == SLOT_KEY) {
			b->key = b->keys[i];
			return 0;
		}
	}
	for (i = 0; i < b->nkeys; i++) {
		const struct key *k = b->keys[i];

		if (k->src->slot != SLOT_ANY)
			continue;
		if (b->leaf != NULL && key_matches_cert(k, b->leaf) == 1) {
			b->key = k;
			return 0;
		}
		if (first_any == NULL)
			first_any = k;
		nany++;
		if (!is_ca_key(b, k)) {
			nplain++;
			if (plain == NULL)
				plain = k;
		}
	}
	if (nplain == 1) {
		b->key = plain;
		return 0;
	}
	if (nany == 1) {
		b->key = first_any;
		return 0;
	}
	if (nany > 1)
		return set_ambiguity(b, &first_any->loc, str_printf(
		    "%zu private keys were given and none is the server "
		    "certificate's", nany),
		    str_printf("name the server key with --key FILE"));
	return 0;
}

/* The request: the --csr one; else one whose public key is the leaf's. */
static void
choose_csr(struct bundle *b)
{
	size_t i;

	for (i = 0; i < b->ncsrs; i++) {
		if (b->csrs[i]->src->slot == SLOT_CSR) {
			b->csr = b->csrs[i];
			return;
		}
	}
	for (i = 0; b->leaf != NULL && i < b->ncsrs; i++) {
		if (span_eq(b->csrs[i]->spki, b->leaf->info.spki)) {
			b->csr = b->csrs[i];
			return;
		}
	}
}

int
bundle_load(struct bundle *b)
{
	size_t i;

	for (i = 0; i < b->nsrcs; i++)
		if (load_source(b, b->srcs[i]) != 0)
			return -1;
	for (i = 0; i < b->ncerts; i++)
		classify(b->certs[i]);
	/* Unreadable inputs (input-no-pem, input-malformed-pem) may be the
	 * missing server certificate: assembly then guesses less. */
	b->input_trouble = b->nbad > 0;
	for (i = 0; i < b->nsrcs; i++) {
		const struct source *s = b->srcs[i];
		size_t j;

		if (s->sniff != SNIFF_PEM || s->scan.nstrays > 0)
			b->input_trouble = 1;
		for (j = 0; j < s->scan.nblocks; j++)
			if (s->scan.blocks[j].error != NULL &&
			    pem_label_known(s->scan.blocks[j].label))
				b->input_trouble = 1;
	}
	if (b->ncerts == 0) {
		/* Say so only when nothing else explains it. */
		if (!b->input_trouble && set_ambiguity(b, b->nkeys > 0 ?
		    &b->keys[0]->loc : b->nsrcs > 0 ?
		    &(struct loc){ b->srcs[0]->name, 1, 1 } : NULL,
		    str_printf("no certificate in the input: nothing to check "
		    "the key and endpoints against"),
		    str_printf("give the server certificate too, e.g. "
		    "certgate server.crt server.key server-ca.crt")) != 0)
			return -1;
		return choose_key(b);
	}
	if (choose_leaf(b) != 0 || choose_key(b) != 0 || choose_ca(b) != 0)
		return -1;
	choose_csr(b);
	b->leaf_sig = 1;
	if (b->leaf != NULL && b->ca != NULL && b->leaf != b->ca)
		b->leaf_sig = cert_verify_signature(b->leaf, b->ca,
		    b->leaf_sig_why, sizeof(b->leaf_sig_why));
	return 0;
}
