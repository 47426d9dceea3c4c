/*
 * bundle.h - the certificate set under test: every input source, the
 * certificates and keys found in them, and which of them is the server
 * certificate, its key and its CA.
 *
 * Life cycle: bundle_init, bundle_add_source for each input, bundle_load
 * (scan, parse, assemble), then rules read the bundle as const, then
 * bundle_free.  Data problems (bad PEM, ambiguity, encrypted keys) are
 * recorded in the bundle for the rules to report, never returned.
 */
#ifndef CERTGATE_BUNDLE_H
#define CERTGATE_BUNDLE_H

#include <stddef.h>
#include <stdint.h>

#include <mbedtls/pk.h>
#include <mbedtls/x509_crt.h>

#include "hostmatch.h"
#include "pem.h"
#include "x509walk.h"

/* Which role a source was given on the command line. */
enum slot { SLOT_ANY = 0, SLOT_CERT, SLOT_KEY, SLOT_CA, SLOT_CSR };

/* Where a finding points: file (display name), 1-based line and column;
 * 0 means unknown.  file may be NULL for findings about the whole run. */
struct loc {
	const char *file;
	unsigned line, column;
};

struct source {
	char *name;             /* path as given, or "<stdin>" */
	unsigned char *data;    /* owned, zeroed on free */
	size_t len;
	enum slot slot;
	struct pem_scan scan;
	enum sniff_kind sniff;  /* SNIFF_PEM when it held a usable block */
	int nusable;            /* certificate, key and CSR blocks */
	/* Set by the caller when known (a file, not standard input). */
	int has_mode;
	unsigned mode;          /* permission bits of the file */
	int git_tracked;        /* 1 in a git index, 0 not, -1 unknown */
};

struct cert {
	struct loc loc;
	const struct source *src;
	struct certinfo info;
	struct cert_name *names;/* dNSName and iPAddress SANs, then CNs */
	size_t nnames;
	int has_dns_san, has_ip_san;
	char *subject, *issuer; /* printable distinguished names */
	char *serial_hex;       /* upper-case hex, as "openssl x509 -serial" */
	unsigned char sha256[32];
	mbedtls_x509_crt crt;   /* mbedTLS's parse, when crt_ok */
	int crt_ok;
	char crt_err[160];
	mbedtls_pk_context pk;  /* the certified public key, when pk_ok */
	int pk_ok;
	unsigned char *pub;     /* pk re-encoded by mbedTLS (canonical SPKI) */
	size_t pub_len;
	const char *key_alg;    /* "RSA", "EC", "Ed25519", ... or NULL */
	unsigned key_bits;
	int self_issued;        /* subject and issuer names are equal */
	int self_signed;        /* self-issued and its own key verifies it
	                         * (or that cannot be checked) */
	int ca_like;            /* basicConstraints CA:TRUE or self-signed */
};

struct key {
	struct loc loc;
	const struct source *src;
	const char *label;      /* PEM label */
	struct span der;        /* the block's DER (borrowed; zeroed on free) */
	const char *format;     /* "PKCS#8", "PKCS#1", "SEC1", ... */
	int encrypted;
	char *enc_detail;       /* "PBES2, AES-256-CBC", or NULL */
	const char *alg;        /* "RSA", "EC", "Ed25519", ... or NULL */
	unsigned bits;
	mbedtls_pk_context pk;  /* when pk_ok */
	int pk_ok;
	char pk_err[160];
	unsigned char *pub;     /* public half re-encoded (canonical SPKI) */
	size_t pub_len;
	unsigned char raw_pub[32];      /* Ed25519 public key, derived */
	int has_raw_pub;
	/* key_matches_cert's results, remembered: the pair check costs a
	 * scalar multiplication for EC keys. */
	const struct cert *memo_cert[4];
	int memo_res[4];
	unsigned nmemo;
};

/* A certificate signing request (what was asked to be signed). */
struct csr {
	struct loc loc;
	const struct source *src;
	struct span subject;    /* Name, whole TLV */
	struct span spki;       /* SubjectPublicKeyInfo, whole TLV */
	int has_san;            /* an extensionRequest with subjectAltName */
	struct gname *san;      /* its GeneralNames */
	size_t nsan;
	struct span *cns;       /* subject commonName values */
	size_t ncns;
};

/* A block that is armored correctly but whose DER does not parse. */
struct bad_object {
	struct loc loc;
	char *msg;
};

struct bundle {
	struct source **srcs;
	size_t nsrcs;
	struct cert **certs;
	size_t ncerts;
	struct key **keys;
	size_t nkeys;
	struct bad_object *bad;
	size_t nbad;
	struct csr **csrs;
	size_t ncsrs;

	/* The assembled set; NULL when absent or undecidable. */
	const struct cert *leaf;
	const struct key *key;
	const struct cert *ca;
	const struct csr *csr;  /* the --csr one, else the leaf's, or NULL */
	/* The leaf's signature checked with the CA's key, once: 1 valid,
	 * 0 invalid, -1 cannot be checked (why says why); 1 when there is
	 * no distinct CA. */
	int leaf_sig;
	char leaf_sig_why[160];

	/* Some input had no PEM or a malformed block. */
	int input_trouble;

	/* Set when assembly could not decide (input-ambiguous). */
	char *ambiguity;
	char *ambiguity_hint;
	struct loc ambiguity_loc;

	/* Run parameters (borrowed). */
	const struct endpoint *eps;
	size_t neps;
	int64_t now;
	int warn_days;
};

/* bundle_init - empty bundle; cannot fail. */
void bundle_init(struct bundle *b);
/* bundle_free - free everything, zeroing buffers that may hold key
 * material; NULL-safe, safe twice. */
void bundle_free(struct bundle *b);

/*
 * bundle_add_source - add an input.  Takes ownership of data (malloc'd,
 * len bytes) even on failure.  name is copied.  Returns 0 or -1 (out of
 * memory).
 */
int bundle_add_source(struct bundle *b, const char *name, unsigned char *data,
    size_t len, enum slot slot);

/*
 * bundle_load - scan and parse every source, then choose the server
 * certificate, key and CA.  Returns 0, or -1 when out of memory.
 */
int bundle_load(struct bundle *b);

/*
 * key_matches_cert - 1 if k is the private key of c's public key (equal
 * public keys and mbedTLS's pair check passes), 0 if not, -1 when it
 * cannot be told (an algorithm mbedTLS does not support).
 */
int key_matches_cert(const struct key *k, const struct cert *c);

/*
 * name_eq - 1 if the two DER Names (whole TLVs) are equal under RFC 5280
 * 7.1 comparison (attribute by attribute, ASCII case-insensitive for
 * UTF8String/PrintableString values), else 0.
 */
int name_eq(struct span a, struct span b);

/*
 * cert_names_chain - 1 if child's issuer name equals parent's subject name
 * (RFC 5280 7.1 comparison: attribute by attribute, ASCII
 * case-insensitive for directory strings), else 0.
 */
int cert_names_chain(const struct cert *child, const struct cert *parent);

/*
 * cert_verify_signature - check child's signature with parent's public key.
 * Returns 1 valid, 0 invalid, -1 cannot be checked (why says why).
 */
int cert_verify_signature(const struct cert *child, const struct cert *parent,
    char *why, size_t whylen);

/* cert_display_name - the subject CN if any, else the subject DN. */
const char *cert_display_name(const struct cert *c, char *buf, size_t size);

#endif
