/*
 * test_pem.c - src/pem.c: the PEM scanner on in-memory text (layouts, line
 * ends, headers, and every error with its line and column), the real
 * fixtures, and pem_sniff on inputs that hold no usable block.
 */
#include "suites.h"

#include <stdlib.h>
#include <string.h>

#include "../src/pem.h"
#include "../src/util.h"

/* "hello world!" in base64, and split over two lines. */
#define B64_HELLO "aGVsbG8gd29ybGQh"
#define HELLO "hello world!"
#define BEGIN_CERT "-----BEGIN CERTIFICATE-----"
#define END_CERT "-----END CERTIFICATE-----"

/* Scan a NUL-terminated string (its terminator is not passed). */
static void
scan_str(const char *text, struct pem_scan *s)
{
	pem_scan_init(s);
	ck_assert_int_eq(pem_scan((const unsigned char *)text, strlen(text),
	    s), 0);
}

/* Assert that block i decoded cleanly to "hello world!". */
static void
assert_hello(const struct pem_scan *s, size_t i, const char *label,
    unsigned line, unsigned end_line)
{
	const struct pem_block *b;

	ck_assert_uint_gt(s->nblocks, i);
	b = &s->blocks[i];
	ck_assert_msg(b->error == NULL, "block %zu: unexpected error \"%s\" at "
	    "%u:%u", i, b->error ? b->error : "", b->err_line, b->err_col);
	ck_assert_str_eq(b->label, label);
	ck_assert_uint_eq(b->line, line);
	ck_assert_uint_eq(b->end_line, end_line);
	ck_assert_ptr_nonnull(b->der);
	ck_assert_uint_eq(b->der_len, strlen(HELLO));
	ck_assert_mem_eq(b->der, HELLO, strlen(HELLO));
	ck_assert_int_eq(b->proc_encrypted, 0);
	ck_assert_ptr_null(b->dek_info);
}

/* Assert that block i failed at line:col with a message holding want. */
static void
assert_block_error(const struct pem_scan *s, size_t i, unsigned line,
    unsigned col, const char *want)
{
	const struct pem_block *b;

	ck_assert_uint_gt(s->nblocks, i);
	b = &s->blocks[i];
	ck_assert_msg(b->error != NULL, "block %zu has no error", i);
	ck_assert_msg(b->err_line == line && b->err_col == col,
	    "block %zu: error \"%s\" at %u:%u, want %u:%u", i, b->error,
	    b->err_line, b->err_col, line, col);
	ck_assert_msg(strstr(b->error, want) != NULL,
	    "block %zu: error \"%s\" does not mention \"%s\"", i, b->error, want);
	ck_assert_ptr_null(b->der);
	ck_assert_uint_eq(b->der_len, 0);
}

/* ---- layouts that must scan cleanly ---- */

START_TEST(test_single_block)
{
	struct pem_scan s;

	scan_str(BEGIN_CERT "\n" B64_HELLO "\n" END_CERT "\n", &s);
	ck_assert_uint_eq(s.nblocks, 1);
	ck_assert_uint_eq(s.nstrays, 0);
	assert_hello(&s, 0, "CERTIFICATE", 1, 3);
	pem_scan_free(&s);
	/* Safe twice. */
	pem_scan_free(&s);
	ck_assert_uint_eq(s.nblocks, 0);
	ck_assert_ptr_null(s.blocks);
	pem_scan_free(NULL);
}
END_TEST

START_TEST(test_body_over_lines_no_final_newline)
{
	struct pem_scan s;

	scan_str(BEGIN_CERT "\naGVsbG8g\nd29ybGQh\n" END_CERT, &s);
	ck_assert_uint_eq(s.nblocks, 1);
	assert_hello(&s, 0, "CERTIFICATE", 1, 4);
	pem_scan_free(&s);
}
END_TEST

/* "openssl x509 -text" output: a dump (with colons, which look like PEM
 * headers) before the block, and text after it. */
START_TEST(test_text_preamble)
{
	struct pem_scan s;

	scan_str("Certificate:\n"
	    "    Data:\n"
	    "        Version: 1 (0x0)\n"
	    "        Serial Number:\n"
	    "            5f:27:aa:00\n"
	    "-----not an armor line-----\n"
	    BEGIN_CERT "\n"
	    B64_HELLO "\n"
	    END_CERT "\n"
	    "trailing words: here\n", &s);
	ck_assert_uint_eq(s.nblocks, 1);
	ck_assert_uint_eq(s.nstrays, 0);
	assert_hello(&s, 0, "CERTIFICATE", 7, 9);
	pem_scan_free(&s);
}
END_TEST

START_TEST(test_several_blocks)
{
	struct pem_scan s;

	scan_str(BEGIN_CERT "\n" B64_HELLO "\n" END_CERT "\n"
	    "\n"
	    "some words between\n"
	    "-----BEGIN PRIVATE KEY-----\n" "aGVsbG8g\nd29ybGQh\n"
	    "-----END PRIVATE KEY-----\n"
	    "-----BEGIN X509 CRL-----\n" B64_HELLO "\n"
	    "-----END X509 CRL-----\n", &s);
	ck_assert_uint_eq(s.nblocks, 3);
	ck_assert_uint_eq(s.nstrays, 0);
	assert_hello(&s, 0, "CERTIFICATE", 1, 3);
	assert_hello(&s, 1, "PRIVATE KEY", 6, 9);
	assert_hello(&s, 2, "X509 CRL", 10, 12);
	pem_scan_free(&s);
}
END_TEST

/* A second pem_scan into the same result appends. */
START_TEST(test_scan_appends)
{
	struct pem_scan s;
	static const char one[] = BEGIN_CERT "\n" B64_HELLO "\n" END_CERT "\n";

	scan_str(one, &s);
	ck_assert_int_eq(pem_scan((const unsigned char *)one, strlen(one), &s),
	    0);
	ck_assert_uint_eq(s.nblocks, 2);
	assert_hello(&s, 0, "CERTIFICATE", 1, 3);
	assert_hello(&s, 1, "CERTIFICATE", 1, 3);
	pem_scan_free(&s);
}
END_TEST

START_TEST(test_crlf)
{
	struct pem_scan s;

	scan_str("text\r\n" BEGIN_CERT "\r\naGVsbG8g\r\nd29ybGQh\r\n"
	    END_CERT "\r\n", &s);
	ck_assert_uint_eq(s.nblocks, 1);
	ck_assert_uint_eq(s.nstrays, 0);
	assert_hello(&s, 0, "CERTIFICATE", 2, 5);
	pem_scan_free(&s);
}
END_TEST

START_TEST(test_lone_cr)
{
	struct pem_scan s;

	scan_str("text\r" BEGIN_CERT "\raGVsbG8g\rd29ybGQh\r" END_CERT "\r",
	    &s);
	ck_assert_uint_eq(s.nblocks, 1);
	assert_hello(&s, 0, "CERTIFICATE", 2, 5);
	pem_scan_free(&s);
	/* Mixed line ends still count one line each; "\n\r" is two. */
	scan_str("a\nb\r\nc\r" BEGIN_CERT "\n\r" B64_HELLO "\r\n" END_CERT,
	    &s);
	ck_assert_uint_eq(s.nblocks, 1);
	assert_hello(&s, 0, "CERTIFICATE", 4, 7);
	pem_scan_free(&s);
}
END_TEST

START_TEST(test_indentation_and_blanks)
{
	struct pem_scan s;

	scan_str("    " BEGIN_CERT "  \n"
	    "\taGVsbG8g \t\n"
	    "\n"
	    "  d29ybGQh\n"
	    "   \t \n"
	    "\t" END_CERT "\t\n", &s);
	ck_assert_uint_eq(s.nblocks, 1);
	ck_assert_uint_eq(s.nstrays, 0);
	assert_hello(&s, 0, "CERTIFICATE", 1, 6);
	pem_scan_free(&s);
}
END_TEST

START_TEST(test_proc_type_headers)
{
	struct pem_scan s;
	const struct pem_block *b;

	scan_str("-----BEGIN RSA PRIVATE KEY-----\n"
	    "Proc-Type: 4,ENCRYPTED\n"
	    "DEK-Info: AES-256-CBC,38C14781FFC12A75D95AFAF1BF880EA1\n"
	    "\n"
	    B64_HELLO "\n"
	    "-----END RSA PRIVATE KEY-----\n", &s);
	ck_assert_uint_eq(s.nblocks, 1);
	b = &s.blocks[0];
	ck_assert_ptr_null(b->error);
	ck_assert_str_eq(b->label, "RSA PRIVATE KEY");
	ck_assert_int_eq(b->proc_encrypted, 1);
	ck_assert_ptr_nonnull(b->dek_info);
	ck_assert_str_eq(b->dek_info, "AES-256-CBC");
	ck_assert_uint_eq(b->der_len, strlen(HELLO));
	ck_assert_mem_eq(b->der, HELLO, strlen(HELLO));
	ck_assert_uint_eq(b->end_line, 6);
	pem_scan_free(&s);

	/* DEK-Info without an IV; Proc-Type that is not ENCRYPTED. */
	scan_str("-----BEGIN EC PRIVATE KEY-----\n"
	    "Proc-Type: 4,MIC-ONLY\n"
	    "DEK-Info: DES-EDE3-CBC\n"
	    B64_HELLO "\n"
	    "-----END EC PRIVATE KEY-----\n", &s);
	ck_assert_uint_eq(s.nblocks, 1);
	b = &s.blocks[0];
	ck_assert_ptr_null(b->error);
	ck_assert_int_eq(b->proc_encrypted, 0);
	ck_assert_str_eq(b->dek_info, "DES-EDE3-CBC");
	ck_assert_uint_eq(b->der_len, strlen(HELLO));
	pem_scan_free(&s);
}
END_TEST

/* The scanner must not read past len: the data has no terminator. */
START_TEST(test_not_nul_terminated)
{
	static const char text[] = BEGIN_CERT "\n" B64_HELLO "\n" END_CERT;
	unsigned char *buf = malloc(sizeof(text) - 1);
	struct pem_scan s;

	ck_assert_ptr_nonnull(buf);
	memcpy(buf, text, sizeof(text) - 1);
	pem_scan_init(&s);
	ck_assert_int_eq(pem_scan(buf, sizeof(text) - 1, &s), 0);
	ck_assert_uint_eq(s.nblocks, 1);
	assert_hello(&s, 0, "CERTIFICATE", 1, 3);
	pem_scan_free(&s);
	/* Cut inside the END line: the block is damaged, nothing is read
	 * past the end. */
	pem_scan_init(&s);
	ck_assert_int_eq(pem_scan(buf, sizeof(text) - 1 - 6, &s), 0);
	ck_assert_uint_eq(s.nblocks, 1);
	ck_assert_ptr_nonnull(s.blocks[0].error);
	pem_scan_free(&s);
	free(buf);
}
END_TEST

START_TEST(test_no_blocks)
{
	struct pem_scan s;

	scan_str("", &s);
	ck_assert_uint_eq(s.nblocks, 0);
	ck_assert_uint_eq(s.nstrays, 0);
	pem_scan_free(&s);
	scan_str("just some text\nwith: a colon\n", &s);
	ck_assert_uint_eq(s.nblocks, 0);
	ck_assert_uint_eq(s.nstrays, 0);
	pem_scan_free(&s);
}
END_TEST

/* ---- errors, each with its line and column ---- */

START_TEST(test_err_invalid_base64)
{
	struct pem_scan s;

	scan_str(BEGIN_CERT "\naGVs!G8gd29ybGQh\n" END_CERT "\n", &s);
	ck_assert_uint_eq(s.nblocks, 1);
	assert_block_error(&s, 0, 2, 5, "invalid base64 character '!'");
	ck_assert_ptr_nonnull(strstr(s.blocks[0].error, "CERTIFICATE"));
	ck_assert_uint_eq(s.blocks[0].end_line, 3);
	pem_scan_free(&s);

	/* The column counts the indentation; a control byte is shown in hex. */
	scan_str("text\n" BEGIN_CERT "\naGVsbG8g\n   d29y\x01GQh\n" END_CERT "\n",
	    &s);
	assert_block_error(&s, 0, 4, 8, "0x01");
	pem_scan_free(&s);

	/* A space inside a base64 line. */
	scan_str(BEGIN_CERT "\naGVs bG8gd29ybGQh\n" END_CERT "\n", &s);
	assert_block_error(&s, 0, 2, 5, "invalid base64 character");
	pem_scan_free(&s);

	/* Only the first problem is kept. */
	scan_str(BEGIN_CERT "\naGVsbG8g\nd2#5ybGQh\n!!!!\n" END_CERT "\n", &s);
	assert_block_error(&s, 0, 3, 3, "'#'");
	pem_scan_free(&s);
}
END_TEST

START_TEST(test_err_after_padding)
{
	struct pem_scan s;

	scan_str(BEGIN_CERT "\naGVsbG8=\naGVs\n" END_CERT "\n", &s);
	assert_block_error(&s, 0, 3, 1, "after the '=' padding");
	pem_scan_free(&s);
	scan_str(BEGIN_CERT "\naGVsbG8=aGVs\n" END_CERT "\n", &s);
	assert_block_error(&s, 0, 2, 9, "after the '=' padding");
	pem_scan_free(&s);
}
END_TEST

START_TEST(test_err_label_mismatch)
{
	struct pem_scan s;

	scan_str(BEGIN_CERT "\n" B64_HELLO "\n  -----END PRIVATE KEY-----\n", &s);
	ck_assert_uint_eq(s.nblocks, 1);
	ck_assert_uint_eq(s.nstrays, 0);
	assert_block_error(&s, 0, 3, 3, "ends as PRIVATE KEY");
	ck_assert_ptr_nonnull(strstr(s.blocks[0].error, "begins as CERTIFICATE"));
	ck_assert_uint_eq(s.blocks[0].end_line, 3);
	pem_scan_free(&s);
}
END_TEST

START_TEST(test_err_missing_end)
{
	struct pem_scan s;

	scan_str(BEGIN_CERT "\naGVsbG8g\nd29y", &s);
	ck_assert_uint_eq(s.nblocks, 1);
	assert_block_error(&s, 0, 3, 1, "has no END line");
	ck_assert_ptr_nonnull(strstr(s.blocks[0].error, "line 1"));
	ck_assert_uint_eq(s.blocks[0].end_line, 0);
	pem_scan_free(&s);

	/* With a final newline and trailing blank lines: the last line. */
	scan_str("x\n" BEGIN_CERT "\n" B64_HELLO "\n\n\n", &s);
	assert_block_error(&s, 0, 5, 1, "starts on line 2 has no END line");
	pem_scan_free(&s);
}
END_TEST

START_TEST(test_err_begin_inside_block)
{
	struct pem_scan s;

	scan_str(BEGIN_CERT "\naGVsbG8g\n"
	    " " BEGIN_CERT "\n" B64_HELLO "\n" END_CERT "\n", &s);
	ck_assert_uint_eq(s.nblocks, 2);
	ck_assert_uint_eq(s.nstrays, 0);
	assert_block_error(&s, 0, 3, 2, "no END line before this BEGIN line");
	ck_assert_ptr_nonnull(strstr(s.blocks[0].error, "starts on line 1"));
	ck_assert_uint_eq(s.blocks[0].end_line, 0);
	/* The second block is intact. */
	assert_hello(&s, 1, "CERTIFICATE", 3, 5);
	pem_scan_free(&s);
}
END_TEST

START_TEST(test_err_stray_end)
{
	struct pem_scan s;

	scan_str("pasted from the middle\n" B64_HELLO "\n  " END_CERT "\n", &s);
	ck_assert_uint_eq(s.nblocks, 0);
	ck_assert_uint_eq(s.nstrays, 1);
	ck_assert_uint_eq(s.strays[0].line, 3);
	ck_assert_uint_eq(s.strays[0].col, 3);
	ck_assert_ptr_nonnull(strstr(s.strays[0].error,
	    "END CERTIFICATE line without a BEGIN line"));
	pem_scan_free(&s);

	/* After a complete block, a second END is a stray too. */
	scan_str(BEGIN_CERT "\n" B64_HELLO "\n" END_CERT "\n" END_CERT "\n", &s);
	ck_assert_uint_eq(s.nblocks, 1);
	assert_hello(&s, 0, "CERTIFICATE", 1, 3);
	ck_assert_uint_eq(s.nstrays, 1);
	ck_assert_uint_eq(s.strays[0].line, 4);
	ck_assert_uint_eq(s.strays[0].col, 1);
	pem_scan_free(&s);
}
END_TEST

START_TEST(test_err_one_line)
{
	struct pem_scan s;

	scan_str("\n" BEGIN_CERT " " B64_HELLO " " END_CERT "\n", &s);
	ck_assert_uint_eq(s.nblocks, 1);
	ck_assert_uint_eq(s.nstrays, 0);
	assert_block_error(&s, 0, 2, 1, "is on one line");
	ck_assert_str_eq(s.blocks[0].label, "CERTIFICATE");
	pem_scan_free(&s);
	/* Without the spaces. */
	scan_str(BEGIN_CERT B64_HELLO END_CERT, &s);
	ck_assert_uint_eq(s.nblocks, 1);
	assert_block_error(&s, 0, 1, 1, "is on one line");
	pem_scan_free(&s);
}
END_TEST

START_TEST(test_err_armor_without_dashes)
{
	struct pem_scan s;

	scan_str("-----BEGIN CERTIFICATE\n" B64_HELLO "\n" END_CERT "\n", &s);
	ck_assert_uint_eq(s.nblocks, 1);
	assert_block_error(&s, 0, 1, 1, "BEGIN line lacks its closing");
	pem_scan_free(&s);
	scan_str(BEGIN_CERT "\n" B64_HELLO "\n-----END CERTIFICATE\n", &s);
	ck_assert_uint_eq(s.nblocks, 1);
	ck_assert_uint_eq(s.nstrays, 0);
	assert_block_error(&s, 0, 3, 1, "END line lacks its closing");
	pem_scan_free(&s);
}
END_TEST

START_TEST(test_err_empty_body)
{
	struct pem_scan s;

	scan_str("a\n" BEGIN_CERT "\n\n" END_CERT "\n", &s);
	ck_assert_uint_eq(s.nblocks, 1);
	assert_block_error(&s, 0, 2, 1, "has no base64 body");
	ck_assert_uint_eq(s.blocks[0].end_line, 4);
	pem_scan_free(&s);
	/* Headers only. */
	scan_str("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
	    "-----END RSA PRIVATE KEY-----\n", &s);
	assert_block_error(&s, 0, 1, 1, "has no base64 body");
	ck_assert_int_eq(s.blocks[0].proc_encrypted, 1);
	pem_scan_free(&s);
}
END_TEST

START_TEST(test_err_length_not_multiple_of_4)
{
	struct pem_scan s;

	/* 15 characters: one lost. */
	scan_str(BEGIN_CERT "\naGVsbG8g\nd29ybGQ\n" END_CERT "\n", &s);
	ck_assert_uint_eq(s.nblocks, 1);
	assert_block_error(&s, 0, 4, 1, "15 characters, not a multiple of 4");
	pem_scan_free(&s);
}
END_TEST

START_TEST(test_err_does_not_decode)
{
	struct pem_scan s;

	/* Valid characters, a multiple of 4, but not valid base64. */
	scan_str(BEGIN_CERT "\n====\n" END_CERT "\n", &s);
	ck_assert_uint_eq(s.nblocks, 1);
	assert_block_error(&s, 0, 1, 1, "does not decode");
	pem_scan_free(&s);
}
END_TEST

/* ---- the real fixtures ---- */

static void
scan_fixture(const char *path, struct pem_scan *s, char **data)
{
	size_t len;

	*data = read_file_or_die(path, &len);
	pem_scan_init(s);
	ck_assert_int_eq(pem_scan((unsigned char *)*data, len, s), 0);
}

START_TEST(test_fixture_good)
{
	struct pem_scan s;
	char *data;

	/* -text dump, PEM at line 52. */
	scan_fixture(FIXTURES "/guide-mysql/server.crt", &s, &data);
	ck_assert_uint_eq(s.nblocks, 1);
	ck_assert_uint_eq(s.nstrays, 0);
	ck_assert_ptr_null(s.blocks[0].error);
	ck_assert_str_eq(s.blocks[0].label, "CERTIFICATE");
	ck_assert_uint_eq(s.blocks[0].line, 52);
	ck_assert_uint_gt(s.blocks[0].end_line, 52);
	ck_assert_uint_gt(s.blocks[0].der_len, 500);
	ck_assert_int_eq(s.blocks[0].der[0], 0x30);
	pem_scan_free(&s);
	free(data);

	/* CRLF copy of the same: same line, same DER. */
	{
		struct pem_scan c;
		char *cdata;

		scan_fixture(FIXTURES "/guide-mysql/server.crt", &s, &data);
		scan_fixture(FIXTURES "/crlf/server.crt", &c, &cdata);
		ck_assert_uint_eq(c.nblocks, 1);
		ck_assert_ptr_null(c.blocks[0].error);
		ck_assert_uint_eq(c.blocks[0].line, 52);
		ck_assert_uint_eq(c.blocks[0].end_line, s.blocks[0].end_line);
		ck_assert_uint_eq(c.blocks[0].der_len, s.blocks[0].der_len);
		ck_assert_mem_eq(c.blocks[0].der, s.blocks[0].der,
		    s.blocks[0].der_len);
		pem_scan_free(&c);
		free(cdata);
		pem_scan_free(&s);
		free(data);
	}

	scan_fixture(FIXTURES "/key-encrypted-legacy/server.key", &s, &data);
	ck_assert_uint_eq(s.nblocks, 1);
	ck_assert_ptr_null(s.blocks[0].error);
	ck_assert_str_eq(s.blocks[0].label, "RSA PRIVATE KEY");
	ck_assert_int_eq(s.blocks[0].proc_encrypted, 1);
	ck_assert_str_eq(s.blocks[0].dek_info, "AES-256-CBC");
	pem_scan_free(&s);
	free(data);

	scan_fixture(FIXTURES "/ambiguous-two-leaves/server-both.crt", &s,
	    &data);
	ck_assert_uint_eq(s.nblocks, 2);
	ck_assert_ptr_null(s.blocks[0].error);
	ck_assert_ptr_null(s.blocks[1].error);
	ck_assert_uint_eq(s.blocks[1].line, s.blocks[0].end_line + 1);
	pem_scan_free(&s);
	free(data);
}
END_TEST

START_TEST(test_fixture_malformed)
{
	struct pem_scan s;
	char *data;

	scan_fixture(FIXTURES "/malformed-base64/server.crt", &s, &data);
	ck_assert_uint_eq(s.nblocks, 1);
	assert_block_error(&s, 0, 10, 33, "'!'");
	pem_scan_free(&s);
	free(data);

	scan_fixture(FIXTURES "/malformed-armor/server.crt", &s, &data);
	ck_assert_uint_eq(s.nblocks, 1);
	assert_block_error(&s, 0, 22, 1, "ends as PRIVATE KEY");
	pem_scan_free(&s);
	free(data);

	/* Lines 1-12 and 32 characters of line 13, no END. */
	scan_fixture(FIXTURES "/malformed-truncated/server.crt", &s, &data);
	ck_assert_uint_eq(s.nblocks, 1);
	assert_block_error(&s, 0, 13, 1, "has no END line");
	pem_scan_free(&s);
	free(data);

	/* Armor and base64 fine: the DER problem is not the scanner's. */
	scan_fixture(FIXTURES "/malformed-der/server.crt", &s, &data);
	ck_assert_uint_eq(s.nblocks, 1);
	ck_assert_ptr_null(s.blocks[0].error);
	ck_assert_uint_eq(s.blocks[0].end_line, 22);
	pem_scan_free(&s);
	free(data);
}
END_TEST

/* ---- pem_sniff ---- */

static enum sniff_kind
sniff_file(const char *path)
{
	size_t len;
	char *data = read_file_or_die(path, &len);
	enum sniff_kind k = pem_sniff((unsigned char *)data, len, NULL);

	free(data);
	return k;
}

static enum sniff_kind
sniff_str(const char *s)
{
	return pem_sniff((const unsigned char *)s, strlen(s), NULL);
}

START_TEST(test_sniff_empty)
{
	ck_assert_int_eq(pem_sniff((const unsigned char *)"", 0, NULL),
	    SNIFF_EMPTY);
	ck_assert_int_eq(sniff_str(" \n\t\r\n  \v\f"), SNIFF_EMPTY);
	ck_assert_int_eq(sniff_file(FIXTURES "/no-pem-empty/server.crt"),
	    SNIFF_EMPTY);
	ck_assert_int_eq(sniff_file(FIXTURES "/no-pem-empty/blank.crt"),
	    SNIFF_EMPTY);
}
END_TEST

START_TEST(test_sniff_der)
{
	ck_assert_int_eq(sniff_file(FIXTURES "/no-pem-der/server.crt"),
	    SNIFF_DER_CERT);
	ck_assert_int_eq(sniff_file(FIXTURES "/no-pem-der/server.key.der"),
	    SNIFF_DER_KEY);
	ck_assert_int_eq(sniff_file(FIXTURES "/no-pem-p12/server.p12"),
	    SNIFF_PKCS12);
}
END_TEST

/* The DER inside PEM fixtures, sniffed as if it had been given bare. */
static enum sniff_kind
sniff_decoded(const char *path)
{
	struct pem_scan s;
	char *data;
	enum sniff_kind k;

	scan_fixture(path, &s, &data);
	ck_assert_uint_ge(s.nblocks, 1);
	ck_assert_ptr_nonnull(s.blocks[0].der);
	k = pem_sniff(s.blocks[0].der, s.blocks[0].der_len, NULL);
	pem_scan_free(&s);
	free(data);
	return k;
}

START_TEST(test_sniff_der_from_pem)
{
	ck_assert_int_eq(sniff_decoded(FIXTURES "/good-ec/server.crt"),
	    SNIFF_DER_CERT);
	ck_assert_int_eq(sniff_decoded(FIXTURES "/good-ec/server.key"),
	    SNIFF_DER_KEY);
	ck_assert_int_eq(sniff_decoded(FIXTURES "/key-formats/server-pkcs1.key"),
	    SNIFF_DER_KEY);
	ck_assert_int_eq(sniff_decoded(FIXTURES "/key-formats/server-sec1.key"),
	    SNIFF_DER_KEY);
	ck_assert_int_eq(sniff_decoded(FIXTURES "/key-encrypted-pkcs8/server.key"),
	    SNIFF_DER_ENC_KEY);
}
END_TEST

START_TEST(test_sniff_pkcs7_der)
{
	/* ContentInfo { signedData, [0] {} }: a (degenerate) PKCS#7 bag. */
	static const unsigned char p7[] = {
		0x30, 0x0F, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D,
		0x01, 0x07, 0x02, 0xA0, 0x02, 0x30, 0x00
	};

	ck_assert_int_eq(pem_sniff(p7, sizeof(p7), NULL), SNIFF_PKCS7);
}
END_TEST

START_TEST(test_sniff_openssh_private)
{
	struct pem_scan s;
	char *data;
	size_t len;

	/* bundle.c passes the label of the first block whose label certgate
	 * does not know as the hint. */
	data = read_file_or_die(FIXTURES "/no-pem-openssh/server.key", &len);
	pem_scan_init(&s);
	ck_assert_int_eq(pem_scan((unsigned char *)data, len, &s), 0);
	ck_assert_uint_eq(s.nblocks, 1);
	ck_assert_str_eq(s.blocks[0].label, "OPENSSH PRIVATE KEY");
	ck_assert_int_eq(pem_label_known(s.blocks[0].label), 0);
	ck_assert_int_eq(pem_sniff((unsigned char *)data, len,
	    s.blocks[0].label), SNIFF_OPENSSH_PRIV);
	pem_scan_free(&s);
	free(data);
}
END_TEST

START_TEST(test_sniff_label_hints)
{
	static const unsigned char x[] = "whatever";

	ck_assert_int_eq(pem_sniff(x, 8, "OPENSSH PRIVATE KEY"),
	    SNIFF_OPENSSH_PRIV);
	ck_assert_int_eq(pem_sniff(x, 8, "PKCS7"), SNIFF_PKCS7);
	ck_assert_int_eq(pem_sniff(x, 8, "CMS"), SNIFF_PKCS7);
	ck_assert_int_eq(pem_sniff(x, 8, "SSH2 PUBLIC KEY"), SNIFF_OPENSSH_PUB);
	ck_assert_int_eq(pem_sniff(x, 8, "PGP PUBLIC KEY BLOCK"),
	    SNIFF_OTHER_PEM);
}
END_TEST

START_TEST(test_sniff_openssh_public_and_putty)
{
	ck_assert_int_eq(sniff_str("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIyhg8"
	    "2h6cRQPEHM5M+bAnhlCJ/jiRWjfsMqWHlZQGtY certgate-fixture\n"),
	    SNIFF_OPENSSH_PUB);
	ck_assert_int_eq(sniff_str("ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQ "
	    "user@host\n"), SNIFF_OPENSSH_PUB);
	ck_assert_int_eq(sniff_str("ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTIt "
	    "x\n"), SNIFF_OPENSSH_PUB);
	ck_assert_int_eq(sniff_str("PuTTY-User-Key-File-3: ssh-ed25519\n"
	    "Encryption: none\n"), SNIFF_PUTTY);
}
END_TEST

/* good-san's certificate (and key) with the BEGIN/END lines removed. */
static enum sniff_kind
sniff_armorless(const char *path)
{
	size_t len;
	char *data = read_file_or_die(path, &len), *body, *last;
	enum sniff_kind k;

	ck_assert_int_eq(strncmp(data, "-----BEGIN ", 11), 0);
	body = strchr(data, '\n');
	ck_assert_ptr_nonnull(body);
	body++;
	/* Drop the final "-----END ...-----\n". */
	ck_assert_int_eq(data[len - 1], '\n');
	data[len - 1] = '\0';
	last = strrchr(data, '\n');
	ck_assert_ptr_nonnull(last);
	ck_assert_int_eq(strncmp(last + 1, "-----END ", 9), 0);
	last[1] = '\0';
	ck_assert_ptr_null(strchr(body, '-'));
	k = pem_sniff((unsigned char *)body, strlen(body), NULL);
	free(data);
	return k;
}

START_TEST(test_sniff_bare_base64)
{
	ck_assert_int_eq(sniff_armorless(FIXTURES "/good-san/server.crt"),
	    SNIFF_BARE_BASE64);
	ck_assert_int_eq(sniff_armorless(FIXTURES "/good-san/server.key"),
	    SNIFF_BARE_BASE64);
}
END_TEST

START_TEST(test_sniff_text)
{
	char b64[200];

	ck_assert_int_eq(sniff_str("hello, this is not a certificate\n"),
	    SNIFF_TEXT);
	ck_assert_int_eq(sniff_str("server.crt\n"), SNIFF_TEXT);
	/* Enough base64 characters, but what they decode to is no DER. */
	memset(b64, 'A', 128);
	b64[128] = '\n';
	b64[129] = '\0';
	ck_assert_int_eq(sniff_str(b64), SNIFF_TEXT);
	/* A PEM-looking line with an unknown kind and no hint. */
	ck_assert_int_eq(sniff_str("-----BEGIN SOMETHING-----\n"), SNIFF_TEXT);
}
END_TEST

START_TEST(test_sniff_binary)
{
	unsigned char buf[512];
	uint32_t x = 2463534242u;
	size_t i;

	/* xorshift32 bytes: not text, and not DER. */
	for (i = 0; i < sizeof(buf); i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		buf[i] = (unsigned char)(x >> 24);
	}
	buf[0] = 0x7F;
	buf[1] = 0x00;
	ck_assert_int_eq(pem_sniff(buf, sizeof(buf), NULL), SNIFF_BINARY);
	/* Starts like DER (a SEQUENCE tag) but is not a certificate or key. */
	buf[0] = 0x30;
	buf[1] = 0x82;
	ck_assert_int_eq(pem_sniff(buf, sizeof(buf), NULL), SNIFF_BINARY);
	ck_assert_int_eq(pem_sniff(buf, 1, NULL), SNIFF_BINARY);
	/* Text with one NUL in it is binary. */
	ck_assert_int_eq(pem_sniff((const unsigned char *)"abc\0def", 7, NULL),
	    SNIFF_BINARY);
}
END_TEST

START_TEST(test_sniff_describe_and_labels)
{
	int k, j;

	for (k = SNIFF_PEM; k <= SNIFF_BINARY; k++) {
		const char *d = sniff_describe((enum sniff_kind)k);

		ck_assert_ptr_nonnull(d);
		ck_assert_str_ne(d, "unknown input");
		for (j = SNIFF_PEM; j < k; j++)
			ck_assert_str_ne(d, sniff_describe((enum sniff_kind)j));
	}
	ck_assert_int_eq(pem_label_known("CERTIFICATE"), 1);
	ck_assert_int_eq(pem_label_known("ENCRYPTED PRIVATE KEY"), 1);
	ck_assert_int_eq(pem_label_known("EC PRIVATE KEY"), 1);
	ck_assert_int_eq(pem_label_known("certificate"), 0);
	ck_assert_int_eq(pem_label_known("OPENSSH PRIVATE KEY"), 0);
	ck_assert_int_eq(pem_label_known(""), 0);
}
END_TEST

Suite *
suite_pem(void)
{
	Suite *s = suite_create("pem");
	TCase *tc;

	tc = tcase_create("scan");
	tcase_add_test(tc, test_single_block);
	tcase_add_test(tc, test_body_over_lines_no_final_newline);
	tcase_add_test(tc, test_text_preamble);
	tcase_add_test(tc, test_several_blocks);
	tcase_add_test(tc, test_scan_appends);
	tcase_add_test(tc, test_crlf);
	tcase_add_test(tc, test_lone_cr);
	tcase_add_test(tc, test_indentation_and_blanks);
	tcase_add_test(tc, test_proc_type_headers);
	tcase_add_test(tc, test_not_nul_terminated);
	tcase_add_test(tc, test_no_blocks);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_test(tc, test_err_invalid_base64);
	tcase_add_test(tc, test_err_after_padding);
	tcase_add_test(tc, test_err_label_mismatch);
	tcase_add_test(tc, test_err_missing_end);
	tcase_add_test(tc, test_err_begin_inside_block);
	tcase_add_test(tc, test_err_stray_end);
	tcase_add_test(tc, test_err_one_line);
	tcase_add_test(tc, test_err_armor_without_dashes);
	tcase_add_test(tc, test_err_empty_body);
	tcase_add_test(tc, test_err_length_not_multiple_of_4);
	tcase_add_test(tc, test_err_does_not_decode);
	suite_add_tcase(s, tc);

	tc = tcase_create("fixtures");
	tcase_add_test(tc, test_fixture_good);
	tcase_add_test(tc, test_fixture_malformed);
	suite_add_tcase(s, tc);

	tc = tcase_create("sniff");
	tcase_add_test(tc, test_sniff_empty);
	tcase_add_test(tc, test_sniff_der);
	tcase_add_test(tc, test_sniff_der_from_pem);
	tcase_add_test(tc, test_sniff_pkcs7_der);
	tcase_add_test(tc, test_sniff_openssh_private);
	tcase_add_test(tc, test_sniff_label_hints);
	tcase_add_test(tc, test_sniff_openssh_public_and_putty);
	tcase_add_test(tc, test_sniff_bare_base64);
	tcase_add_test(tc, test_sniff_text);
	tcase_add_test(tc, test_sniff_binary);
	tcase_add_test(tc, test_sniff_describe_and_labels);
	suite_add_tcase(s, tc);
	return s;
}
