/*
 * pem.c - PEM scanning and sniffing; see pem.h.
 */
#include "pem.h"
#include "util.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <mbedtls/asn1.h>
#include <mbedtls/base64.h>
#include <mbedtls/pk.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/x509_crt.h>

static const char *const known_labels[] = {
	"CERTIFICATE", "X509 CERTIFICATE", "TRUSTED CERTIFICATE",
	"PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY",
	"ENCRYPTED PRIVATE KEY", "DSA PRIVATE KEY",
	"CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST",
	"EC PARAMETERS", "PUBLIC KEY", "RSA PUBLIC KEY", "X509 CRL",
	"DH PARAMETERS",
};

int
pem_label_known(const char *label)
{
	size_t i;

	for (i = 0; i < CG_ARRAY_LEN(known_labels); i++)
		if (strcmp(label, known_labels[i]) == 0)
			return 1;
	return 0;
}

void
pem_scan_init(struct pem_scan *s)
{
	memset(s, 0, sizeof(*s));
}

static void
block_free(struct pem_block *b)
{
	free(b->label);
	if (b->der != NULL) {
		mbedtls_platform_zeroize(b->der, b->der_len);
		free(b->der);
	}
	free(b->dek_info);
	free(b->error);
	memset(b, 0, sizeof(*b));
}

void
pem_scan_free(struct pem_scan *s)
{
	size_t i;

	if (s == NULL)
		return;
	for (i = 0; i < s->nblocks; i++)
		block_free(&s->blocks[i]);
	for (i = 0; i < s->nstrays; i++)
		free(s->strays[i].error);
	free(s->blocks);
	free(s->strays);
	pem_scan_init(s);
}

/* A growable byte buffer for base64 text; zeroed before it is freed. */
struct b64buf {
	char *p;
	size_t len, cap;
};

static int
b64_append(struct b64buf *b, const char *p, size_t n)
{
	char *np;
	size_t ncap;

	if (b->len + n + 1 > b->cap) {
		ncap = b->cap ? b->cap * 2 : 4096;
		while (ncap < b->len + n + 1)
			ncap *= 2;
		np = malloc(ncap);
		if (np == NULL)
			return -1;
		if (b->p != NULL) {
			memcpy(np, b->p, b->len);
			mbedtls_platform_zeroize(b->p, b->cap);
			free(b->p);
		}
		b->p = np;
		b->cap = ncap;
	}
	memcpy(b->p + b->len, p, n);
	b->len += n;
	b->p[b->len] = '\0';
	return 0;
}

static void
b64_reset(struct b64buf *b)
{
	if (b->p != NULL)
		mbedtls_platform_zeroize(b->p, b->cap);
	b->len = 0;
}

static void
b64_free(struct b64buf *b)
{
	b64_reset(b);
	free(b->p);
	b->p = NULL;
	b->cap = 0;
}

static int
is_b64(int c)
{
	return isalnum(c) || c == '+' || c == '/';
}

/* If [p, p+n) is an armor line "-----<kind> LABEL-----", copy LABEL to
 * a new string in *label and return 1; 0 when the line is not one; -1 out
 * of memory.  *trailing is set when text follows the closing dashes. */
static int
armor_line(const char *p, size_t n, const char *kind, char **label,
    int *trailing)
{
	size_t klen = strlen(kind), i, lstart;
	const char *close;

	*label = NULL;
	*trailing = 0;
	if (n < 5 + klen + 1 || memcmp(p, "-----", 5) != 0 ||
	    memcmp(p + 5, kind, klen) != 0 || p[5 + klen] != ' ')
		return 0;
	lstart = 5 + klen + 1;
	close = NULL;
	for (i = lstart; i + 5 <= n; i++) {
		if (memcmp(p + i, "-----", 5) == 0) {
			close = p + i;
			break;
		}
	}
	if (close == NULL) {
		/* No closing dashes: take the rest as the label. */
		*label = malloc(n - lstart + 1);
		if (*label == NULL)
			return -1;
		memcpy(*label, p + lstart, n - lstart);
		(*label)[n - lstart] = '\0';
		*trailing = -1;
		return 1;
	}
	*label = malloc((size_t)(close - p) - lstart + 1);
	if (*label == NULL)
		return -1;
	memcpy(*label, p + lstart, (size_t)(close - p) - lstart);
	(*label)[(size_t)(close - p) - lstart] = '\0';
	if ((size_t)(close - p) + 5 < n)
		*trailing = 1;
	return 1;
}

static struct pem_block *
new_block(struct pem_scan *s)
{
	struct pem_block *nb;

	nb = realloc(s->blocks, (s->nblocks + 1) * sizeof(*nb));
	if (nb == NULL)
		return NULL;
	s->blocks = nb;
	memset(&nb[s->nblocks], 0, sizeof(*nb));
	return &nb[s->nblocks++];
}

static int
add_stray(struct pem_scan *s, unsigned line, unsigned col, char *msg)
{
	struct pem_stray *ns;

	if (msg == NULL)
		return -1;
	ns = realloc(s->strays, (s->nstrays + 1) * sizeof(*ns));
	if (ns == NULL) {
		free(msg);
		return -1;
	}
	s->strays = ns;
	ns[s->nstrays].error = msg;
	ns[s->nstrays].line = line;
	ns[s->nstrays].col = col;
	s->nstrays++;
	return 0;
}

/* Record the first problem of block b; later ones are consequences. */
static int
block_error(struct pem_block *b, unsigned line, unsigned col, char *msg)
{
	if (msg == NULL)
		return -1;
	if (b->error != NULL) {
		free(msg);
		return 0;
	}
	b->error = msg;
	b->err_line = line;
	b->err_col = col;
	return 0;
}

/* Decode the base64 gathered for b, unless b already failed. */
static int
block_finish(struct pem_block *b, struct b64buf *text)
{
	size_t olen = 0;
	int ret;

	if (b->error != NULL)
		goto out;
	if (text->len == 0) {
		ret = block_error(b, b->line, 1, str_printf(
		    "the %s block has no base64 body", b->label));
		b64_reset(text);
		return ret;
	}
	if (text->len % 4 != 0) {
		ret = block_error(b, b->end_line ? b->end_line : b->line, 1,
		    str_printf("the base64 body of the %s block has %zu "
		    "characters, not a multiple of 4: characters are missing "
		    "(truncated or mis-copied paste)", b->label, text->len));
		b64_reset(text);
		return ret;
	}
	mbedtls_base64_decode(NULL, 0, &olen, (const unsigned char *)text->p,
	    text->len);
	b->der = malloc(olen ? olen : 1);
	if (b->der == NULL)
		return -1;
	if (mbedtls_base64_decode(b->der, olen, &b->der_len,
	    (const unsigned char *)text->p, text->len) != 0) {
		free(b->der);
		b->der = NULL;
		b->der_len = 0;
		ret = block_error(b, b->line, 1, str_printf(
		    "the base64 body of the %s block does not decode",
		    b->label));
		b64_reset(text);
		return ret;
	}
out:
	b64_reset(text);
	return 0;
}

int
pem_scan(const unsigned char *data, size_t len, struct pem_scan *s)
{
	const char *p = (const char *)data, *end = p + len;
	const char *ls, *le, *t, *te;
	struct b64buf text = {0};
	struct pem_block *cur = NULL;
	unsigned line = 0, col;
	int in_headers = 0, seen_pad = 0, trailing, r;
	char *label;
	size_t i;

	while (p < end) {
		/* One physical line: LF, CRLF or a lone CR ends it. */
		ls = p;
		while (p < end && *p != '\n' && *p != '\r')
			p++;
		le = p;
		if (p < end && *p == '\r') {
			p++;
			if (p < end && *p == '\n')
				p++;
		} else if (p < end) {
			p++;
		}
		line++;
		/* Trim: t..te is the line without surrounding blanks. */
		t = ls;
		while (t < le && (*t == ' ' || *t == '\t'))
			t++;
		te = le;
		while (te > t && (te[-1] == ' ' || te[-1] == '\t'))
			te--;
		col = (unsigned)(t - ls) + 1;

		r = armor_line(t, (size_t)(te - t), "BEGIN", &label, &trailing);
		if (r < 0)
			goto oom;
		if (r == 1) {
			if (cur != NULL) {
				if (block_error(cur, line, col, str_printf(
				    "the %s block that starts on line %u has no "
				    "END line before this BEGIN line: it is "
				    "truncated", cur->label, cur->line)) < 0)
					goto oom2;
				if (block_finish(cur, &text) < 0)
					goto oom2;
			}
			cur = new_block(s);
			if (cur == NULL)
				goto oom2;
			cur->label = label;
			cur->line = line;
			in_headers = 1;
			seen_pad = 0;
			if (trailing < 0 && block_error(cur, line, col,
			    str_printf("the BEGIN line lacks its closing "
			    "\"-----\"")) < 0)
				goto oom;
			if (trailing > 0 && block_error(cur, line, col,
			    str_printf("the %s block is on one line: its line "
			    "breaks were lost (pasted through a single-line "
			    "field?); put BEGIN, each base64 line and END on "
			    "lines of their own", cur->label)) < 0)
				goto oom;
			continue;
		}
		r = armor_line(t, (size_t)(te - t), "END", &label, &trailing);
		if (r < 0)
			goto oom;
		if (r == 1) {
			if (cur == NULL) {
				r = add_stray(s, line, col, str_printf(
				    "END %s line without a BEGIN line: the "
				    "first line of the block was not copied",
				    label));
				free(label);
				if (r < 0)
					goto oom;
				continue;
			}
			cur->end_line = line;
			if (strcmp(label, cur->label) != 0) {
				r = block_error(cur, line, col, str_printf(
				    "the block begins as %s but ends as %s: "
				    "BEGIN and END lines are from different "
				    "blocks", cur->label, label));
				if (r < 0) {
					free(label);
					goto oom;
				}
			} else if (trailing < 0) {
				if (block_error(cur, line, col, str_printf(
				    "the END line lacks its closing "
				    "\"-----\"")) < 0) {
					free(label);
					goto oom;
				}
			}
			free(label);
			if (block_finish(cur, &text) < 0)
				goto oom;
			cur = NULL;
			continue;
		}
		if (cur == NULL)
			continue;       /* text around blocks is allowed */
		if (t == te)
			continue;       /* blank line (after headers) */
		if (in_headers && memchr(t, ':', (size_t)(te - t)) != NULL) {
			if ((size_t)(te - t) >= 10 &&
			    strncmp(t, "Proc-Type:", 10) == 0 &&
			    mem_find(t, (size_t)(te - t), "ENCRYPTED", 9) != NULL)
				cur->proc_encrypted = 1;
			if ((size_t)(te - t) >= 9 &&
			    strncmp(t, "DEK-Info:", 9) == 0) {
				const char *v = t + 9, *c;

				while (v < te && *v == ' ')
					v++;
				c = memchr(v, ',', (size_t)(te - v));
				free(cur->dek_info);
				cur->dek_info = str_printf("%.*s",
				    (int)((c ? c : te) - v), v);
				if (cur->dek_info == NULL)
					goto oom;
			}
			continue;
		}
		in_headers = 0;
		if (cur->error != NULL)
			continue;
		for (i = 0; t + i < te; i++) {
			int c = (unsigned char)t[i];

			if (c == '=') {
				seen_pad = 1;
				continue;
			}
			if (!is_b64(c) || seen_pad) {
				char shown[8];

				if (c >= 0x21 && c < 0x7F)
					snprintf(shown, sizeof(shown), "'%c'", c);
				else
					snprintf(shown, sizeof(shown), "0x%02X", c);
				if (block_error(cur, line, col + (unsigned)i,
				    str_printf(seen_pad && is_b64(c) ?
				    "base64 continues after the '=' padding" :
				    "invalid base64 character %s in the %s "
				    "block", shown, cur->label)) < 0)
					goto oom;
				break;
			}
		}
		if (cur->error == NULL &&
		    b64_append(&text, t, (size_t)(te - t)) < 0)
			goto oom;
	}
	if (cur != NULL) {
		if (block_error(cur, line, 1, str_printf("the %s block that "
		    "starts on line %u has no END line: the input is "
		    "truncated", cur->label, cur->line)) < 0)
			goto oom2;
		if (block_finish(cur, &text) < 0)
			goto oom2;
	}
	b64_free(&text);
	return 0;
oom:
oom2:
	b64_free(&text);
	return -1;
}

/* DER OIDs (content octets) used to recognise containers. */
static const unsigned char oid_pkcs7_data[] = {
	0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01 };
static const unsigned char oid_pkcs7_signed[] = {
	0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x02 };

/* PFX ::= SEQUENCE { version INTEGER (3), authSafe ContentInfo, ... } */
static int
looks_pkcs12(const unsigned char *der, size_t len)
{
	unsigned char *p = (unsigned char *)der, *end = p + len;
	size_t n;
	int ver;

	if (mbedtls_asn1_get_tag(&p, end, &n, MBEDTLS_ASN1_CONSTRUCTED |
	    MBEDTLS_ASN1_SEQUENCE) != 0)
		return 0;
	end = p + n;
	if (mbedtls_asn1_get_int(&p, end, &ver) != 0 || ver != 3)
		return 0;
	if (mbedtls_asn1_get_tag(&p, end, &n, MBEDTLS_ASN1_CONSTRUCTED |
	    MBEDTLS_ASN1_SEQUENCE) != 0)
		return 0;
	if (mbedtls_asn1_get_tag(&p, end, &n, MBEDTLS_ASN1_OID) != 0)
		return 0;
	return (n == sizeof(oid_pkcs7_data) &&
	    memcmp(p, oid_pkcs7_data, n) == 0) ||
	    (n == sizeof(oid_pkcs7_signed) &&
	    memcmp(p, oid_pkcs7_signed, n) == 0);
}

/* ContentInfo ::= SEQUENCE { contentType signedData, [0] ... } */
static int
looks_pkcs7(const unsigned char *der, size_t len)
{
	unsigned char *p = (unsigned char *)der, *end = p + len;
	size_t n;

	if (mbedtls_asn1_get_tag(&p, end, &n, MBEDTLS_ASN1_CONSTRUCTED |
	    MBEDTLS_ASN1_SEQUENCE) != 0)
		return 0;
	if (mbedtls_asn1_get_tag(&p, p + n, &n, MBEDTLS_ASN1_OID) != 0)
		return 0;
	return n == sizeof(oid_pkcs7_signed) &&
	    memcmp(p, oid_pkcs7_signed, n) == 0;
}

/* EncryptedPrivateKeyInfo ::= SEQUENCE { AlgorithmIdentifier, OCTET STRING } */
static int
looks_enc_pkcs8(const unsigned char *der, size_t len)
{
	unsigned char *p = (unsigned char *)der, *end = p + len;
	size_t n;
	mbedtls_asn1_buf oid, params;

	if (mbedtls_asn1_get_tag(&p, end, &n, MBEDTLS_ASN1_CONSTRUCTED |
	    MBEDTLS_ASN1_SEQUENCE) != 0)
		return 0;
	end = p + n;
	if (mbedtls_asn1_get_alg(&p, end, &oid, &params) != 0)
		return 0;
	if (mbedtls_asn1_get_tag(&p, end, &n, MBEDTLS_ASN1_OCTET_STRING) != 0)
		return 0;
	/* PKCS#5 (1.2.840.113549.1.5.x) or PKCS#12 PBE (...1.12.1.x). */
	return oid.len >= 8 && memcmp(oid.p, "\x2A\x86\x48\x86\xF7\x0D\x01",
	    7) == 0 && (oid.p[7] == 0x05 || oid.p[7] == 0x0C);
}

static enum sniff_kind
sniff_der(const unsigned char *der, size_t len)
{
	mbedtls_x509_crt crt;
	mbedtls_pk_context pk;
	int ret;

	if (len < 2 || der[0] != 0x30)
		return SNIFF_BINARY;
	mbedtls_x509_crt_init(&crt);
	ret = mbedtls_x509_crt_parse_der(&crt, der, len);
	mbedtls_x509_crt_free(&crt);
	if (ret == 0)
		return SNIFF_DER_CERT;
	if (looks_pkcs12(der, len))
		return SNIFF_PKCS12;
	if (looks_pkcs7(der, len))
		return SNIFF_PKCS7;
	if (looks_enc_pkcs8(der, len))
		return SNIFF_DER_ENC_KEY;
	mbedtls_pk_init(&pk);
	ret = mbedtls_pk_parse_key(&pk, der, len, NULL, 0);
	mbedtls_pk_free(&pk);
	if (ret == 0)
		return SNIFF_DER_KEY;
	if (ret == MBEDTLS_ERR_PK_PASSWORD_REQUIRED)
		return SNIFF_DER_ENC_KEY;
	return SNIFF_BINARY;
}

enum sniff_kind
pem_sniff(const unsigned char *data, size_t len, const char *label_hint)
{
	size_t i, nonspace = 0, ntext = 0, olen = 0;
	unsigned char *der;
	enum sniff_kind k;
	int all_b64 = 1;

	if (label_hint != NULL) {
		if (strcmp(label_hint, "OPENSSH PRIVATE KEY") == 0)
			return SNIFF_OPENSSH_PRIV;
		if (strcmp(label_hint, "PKCS7") == 0 ||
		    strcmp(label_hint, "CMS") == 0)
			return SNIFF_PKCS7;
		if (strcmp(label_hint, "SSH2 PUBLIC KEY") == 0)
			return SNIFF_OPENSSH_PUB;
		return SNIFF_OTHER_PEM;
	}
	for (i = 0; i < len; i++) {
		if (!isspace(data[i]))
			nonspace++;
		if (data[i] == '\t' || data[i] == '\n' || data[i] == '\r' ||
		    (data[i] >= 0x20 && data[i] < 0x7F))
			ntext++;
		if (!isspace(data[i]) && !is_b64(data[i]) && data[i] != '=')
			all_b64 = 0;
	}
	if (nonspace == 0)
		return SNIFF_EMPTY;
	if (data[0] == 0x30)
		return sniff_der(data, len);
	if (ntext != len)
		return SNIFF_BINARY;
	if ((len > 4 && memcmp(data, "ssh-", 4) == 0) ||
	    (len > 11 && memcmp(data, "ecdsa-sha2-", 11) == 0) ||
	    (len > 3 && memcmp(data, "sk-", 3) == 0))
		return SNIFF_OPENSSH_PUB;
	if (len > 19 && memcmp(data, "PuTTY-User-Key-File", 19) == 0)
		return SNIFF_PUTTY;
	if (all_b64 && nonspace >= 64) {
		/* Armor-less base64: decode and look inside. */
		char *compact = malloc(nonspace + 1);
		size_t n = 0;

		if (compact == NULL)
			return SNIFF_TEXT;
		for (i = 0; i < len; i++)
			if (!isspace(data[i]))
				compact[n++] = (char)data[i];
		compact[n] = '\0';
		mbedtls_base64_decode(NULL, 0, &olen,
		    (unsigned char *)compact, n);
		der = malloc(olen ? olen : 1);
		k = SNIFF_TEXT;
		if (der != NULL && mbedtls_base64_decode(der, olen, &olen,
		    (unsigned char *)compact, n) == 0) {
			k = sniff_der(der, olen);
			k = (k == SNIFF_BINARY) ? SNIFF_TEXT : SNIFF_BARE_BASE64;
		}
		if (der != NULL) {
			mbedtls_platform_zeroize(der, olen);
			free(der);
		}
		mbedtls_platform_zeroize(compact, n);
		free(compact);
		return k;
	}
	return SNIFF_TEXT;
}

const char *
sniff_describe(enum sniff_kind kind)
{
	switch (kind) {
	case SNIFF_PEM:         return "PEM";
	case SNIFF_EMPTY:       return "empty input";
	case SNIFF_DER_CERT:    return "a DER (binary) certificate";
	case SNIFF_DER_KEY:     return "a DER (binary) private key";
	case SNIFF_DER_ENC_KEY: return "a DER (binary) encrypted private key";
	case SNIFF_PKCS12:      return "a PKCS#12 (.p12/.pfx) archive";
	case SNIFF_PKCS7:       return "a PKCS#7 certificate bundle";
	case SNIFF_OPENSSH_PRIV: return "an OpenSSH private key";
	case SNIFF_OPENSSH_PUB: return "an OpenSSH public key";
	case SNIFF_PUTTY:       return "a PuTTY private key (.ppk)";
	case SNIFF_BARE_BASE64: return "base64 without the BEGIN/END lines";
	case SNIFF_OTHER_PEM:   return "PEM blocks of a kind certgate does not use";
	case SNIFF_TEXT:        return "text with no PEM block";
	case SNIFF_BINARY:      return "binary data that is not a certificate or key";
	}
	return "unknown input";
}
