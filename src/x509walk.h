/*
 * x509walk.h - read a DER X.509 certificate with mbedTLS's ASN.1 functions.
 *
 * mbedTLS 2.28's certificate parser refuses what it does not support
 * (Ed25519 keys and signatures, unknown critical extensions) and keeps only
 * dNSName subjectAltNames.  certgate must still lint such certificates, so
 * the structural fields every rule reads come from this walker, which
 * accepts any well-formed certificate; mbedTLS's parser is used on top of
 * it only for public keys and signatures.
 */
#ifndef CERTGATE_X509WALK_H
#define CERTGATE_X509WALK_H

#include <stddef.h>
#include <stdint.h>

/* A span of bytes inside the certificate's DER (borrowed). */
struct span {
	const unsigned char *p;
	size_t len;
};

/* GeneralName tags (RFC 5280 4.2.1.6), context-specific numbers. */
enum {
	GN_OTHER = 0, GN_EMAIL = 1, GN_DNS = 2, GN_X400 = 3, GN_DIRNAME = 4,
	GN_EDI = 5, GN_URI = 6, GN_IP = 7, GN_RID = 8
};

struct gname {
	int tag;                /* GN_* */
	struct span value;      /* content octets */
};

struct x509_ext {
	struct span oid;        /* content octets of the OID */
	int critical;
	struct span value;      /* content of the extnValue OCTET STRING */
};

/* keyUsage bits, as mbedTLS numbers them (first octet, MSB first). */
#define KU_DIGITAL_SIGNATURE 0x80
#define KU_NON_REPUDIATION   0x40
#define KU_KEY_ENCIPHERMENT  0x20
#define KU_DATA_ENCIPHERMENT 0x10
#define KU_KEY_AGREEMENT     0x08
#define KU_KEY_CERT_SIGN     0x04
#define KU_CRL_SIGN          0x02
#define KU_ENCIPHER_ONLY     0x01
#define KU_DECIPHER_ONLY     0x8000

struct certinfo {
	struct span der;        /* the whole certificate */
	struct span tbs;        /* TBSCertificate, whole TLV */
	int version;            /* 1, 2 or 3 */
	struct span serial;     /* INTEGER content octets */
	struct span tbs_sig_oid;/* signature algorithm inside the TBS */
	struct span sig_oid;    /* outer signatureAlgorithm */
	struct span sig;        /* signature BIT STRING content (no unused-bits octet) */
	struct span issuer;     /* Name, whole TLV */
	struct span subject;    /* Name, whole TLV */
	int64_t not_before, not_after;
	struct span spki;       /* SubjectPublicKeyInfo, whole TLV */
	struct span spki_oid;   /* its algorithm OID */
	struct span spki_param; /* its parameters TLV (curve OID...), may be empty */
	struct span spki_key;   /* subjectPublicKey BIT STRING content */

	struct x509_ext *exts;
	size_t nexts;

	struct span *cns;       /* subject commonName values, in order */
	size_t ncns;

	int has_san;
	struct gname *san;      /* every GeneralName in subjectAltName */
	size_t nsan;

	int has_bc, bc_critical, bc_ca, bc_pathlen; /* pathlen -1: absent */
	int has_ku, ku_critical;
	unsigned ku;
	int has_eku;
	struct span *eku;       /* EKU OIDs */
	size_t neku;
	int has_skid, has_akid, akid_keyid;
	int dup_ext;            /* an extension appears twice */
};

/* certinfo_init - zero *ci; cannot fail. */
void certinfo_init(struct certinfo *ci);
/* certinfo_free - free what certinfo_parse allocated; NULL-safe, safe
 * twice.  The DER itself is not owned. */
void certinfo_free(struct certinfo *ci);

/*
 * certinfo_parse - walk the DER certificate at der (len bytes, which must
 * outlive ci: every span points into it).  Trailing bytes after the
 * certificate are ignored (OpenSSL's TRUSTED CERTIFICATE form).
 * Returns 0; or -1 with a message in err (e.g. "validity: bad time") when
 * the DER is not a well-formed certificate; or -2 when out of memory.
 */
int certinfo_parse(struct certinfo *ci, const unsigned char *der, size_t len,
    char *err, size_t errlen);

/*
 * csr_walk - walk a DER PKCS#10 CertificationRequest (RFC 2986): its
 * subject, public key, and the subjectAltName of an extensionRequest
 * attribute (RFC 2985 5.4.2) into *san (malloc'd, *nsan entries; NULL and
 * 0 when absent, *has_san says whether the extension was present) and
 * the subject's CNs into *cns and *ncns (malloc'd).
 * Returns 0; -1 with err set when malformed; -2 when out of memory.
 */
int csr_walk(const unsigned char *der, size_t len, struct span *subject,
    struct span *spki, int *has_san, struct gname **san, size_t *nsan,
    struct span **cns, size_t *ncns, char *err, size_t errlen);

/* certinfo_find_ext - the extension with OID oid (content octets), or NULL. */
const struct x509_ext *certinfo_find_ext(const struct certinfo *ci,
    const unsigned char *oid, size_t oid_len);

/* span_eq - 1 if both spans hold the same bytes. */
int span_eq(struct span a, struct span b);

/* oid_is - 1 if span s holds the OID content octets oid[0..len). */
int oid_is(struct span s, const char *oid, size_t len);

/* Some OIDs (content octets), for oid_is(). */
#define OID_RSA          "\x2A\x86\x48\x86\xF7\x0D\x01\x01\x01"
#define OID_RSA_PSS      "\x2A\x86\x48\x86\xF7\x0D\x01\x01\x0A"
#define OID_EC_PUBKEY    "\x2A\x86\x48\xCE\x3D\x02\x01"
#define OID_ED25519      "\x2B\x65\x70"
#define OID_ED448        "\x2B\x65\x71"
#define OID_X25519       "\x2B\x65\x6E"
#define OID_X448         "\x2B\x65\x6F"
#define OID_DSA          "\x2A\x86\x48\xCE\x38\x04\x01"
#define OID_EKU_SERVER   "\x2B\x06\x01\x05\x05\x07\x03\x01"
#define OID_EKU_ANY      "\x55\x1D\x25\x00"

/*
 * key_alg_name - a name for the public-key algorithm OID ("RSA", "EC",
 * "Ed25519", ...), or NULL when unknown.
 */
const char *key_alg_name(struct span oid);

#endif
