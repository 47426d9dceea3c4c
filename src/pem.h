/*
 * pem.h - find PEM blocks in pasted text, and name what a file holds when
 * it holds none.
 *
 * The scanner is lenient where pasting is (text before, between and after
 * blocks, as "openssl x509 -text" writes; CRLF or CR line ends; trailing
 * blanks; leading indentation) and exact where the data is: every armor,
 * header or base64 problem is reported with the line and column it is on.
 */
#ifndef CERTGATE_PEM_H
#define CERTGATE_PEM_H

#include <stddef.h>

struct pem_block {
	char *label;            /* "CERTIFICATE", "PRIVATE KEY", ... */
	unsigned line;          /* 1-based line of the BEGIN line */
	unsigned end_line;      /* line of the END line, 0 if none */
	unsigned char *der;     /* decoded body; NULL when error is set */
	size_t der_len;
	int proc_encrypted;     /* "Proc-Type: 4,ENCRYPTED" header present */
	char *dek_info;         /* cipher from "DEK-Info:", or NULL */
	/* A malformed block: message, and where the problem is. */
	char *error;
	unsigned err_line, err_col;
};

/* A problem outside any block (a stray END line, say). */
struct pem_stray {
	char *error;
	unsigned line, col;
};

struct pem_scan {
	struct pem_block *blocks;
	size_t nblocks;
	struct pem_stray *strays;
	size_t nstrays;
};

/* What a source that has no usable PEM block holds instead. */
enum sniff_kind {
	SNIFF_PEM = 0,          /* has at least one block: not sniffed */
	SNIFF_EMPTY,            /* zero bytes or only white space */
	SNIFF_DER_CERT,         /* a DER X.509 certificate */
	SNIFF_DER_KEY,          /* a DER private key (PKCS#8/PKCS#1/SEC1) */
	SNIFF_DER_ENC_KEY,      /* a DER encrypted PKCS#8 key */
	SNIFF_PKCS12,           /* a PKCS#12 / PFX archive */
	SNIFF_PKCS7,            /* PKCS#7 certificate bag (PEM or DER) */
	SNIFF_OPENSSH_PRIV,     /* "-----BEGIN OPENSSH PRIVATE KEY-----" */
	SNIFF_OPENSSH_PUB,      /* "ssh-ed25519 AAAA..." public key line */
	SNIFF_PUTTY,            /* PuTTY .ppk */
	SNIFF_BARE_BASE64,      /* base64 of a certificate/key without armor */
	SNIFF_OTHER_PEM,        /* PEM with labels certgate does not use */
	SNIFF_TEXT,             /* some other text */
	SNIFF_BINARY            /* some other binary data */
};

/* pem_scan_init - empty scan result; cannot fail. */
void pem_scan_init(struct pem_scan *s);
/* pem_scan_free - free everything, zeroing decoded bodies; NULL-safe,
 * safe twice. */
void pem_scan_free(struct pem_scan *s);

/*
 * pem_scan - scan len bytes of data (need not be NUL-terminated) and
 * append every block found to s.  Data problems are recorded in the
 * blocks and strays, never returned.  Returns 0, or -1 when out of memory.
 */
int pem_scan(const unsigned char *data, size_t len, struct pem_scan *s);

/*
 * pem_sniff - classify data that pem_scan found no usable block in.
 * label_hint is the label of an unusable PEM block, or NULL.
 */
enum sniff_kind pem_sniff(const unsigned char *data, size_t len,
    const char *label_hint);

/* sniff_describe - a noun phrase for kind ("a DER-encoded certificate"). */
const char *sniff_describe(enum sniff_kind kind);

/* pem_label_known - 1 if certgate uses blocks with this label. */
int pem_label_known(const char *label);

#endif
