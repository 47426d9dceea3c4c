/*
 * test_util.c - src/util.c: printable rendering of untrusted bytes, RFC 3339
 * time parsing and formatting, civil-time conversion, hex, mem_find.
 */
#include "suites.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../src/util.h"

/* ---- str_printable ---- */

static const struct {
	const char *in;         /* input bytes */
	size_t len;             /* their number (inputs may hold NUL) */
	const char *out;        /* expected rendering */
} printable_cases[] = {
	/* Printable ASCII is kept as is. */
	{ "rm-bp1abc123.mysql.rds.aliyuncs.com", 35,
	  "rm-bp1abc123.mysql.rds.aliyuncs.com" },
	{ " !\"#~", 5, " !\"#~" },
	{ "", 0, "" },
	/* A backslash is doubled, so "\x00" in the output is unambiguous. */
	{ "a\\b", 3, "a\\\\b" },
	{ "\\x00", 4, "\\\\x00" },
	/* NUL and control characters become \xNN (upper-case hex). */
	{ "a\0b", 3, "a\\x00b" },
	{ "evil.com\0.example.com", 21, "evil.com\\x00.example.com" },
	{ "\t\n\r\x1b", 4, "\\x09\\x0A\\x0D\\x1B" },
	{ "\x7f", 1, "\\x7F" },
	/* Valid multi-byte UTF-8 is kept: 2, 3 and 4 bytes. */
	{ "caf\xc3\xa9", 5, "caf\xc3\xa9" },
	{ "\xe2\x82\xac" "1", 4, "\xe2\x82\xac" "1" },
	{ "\xe4\xb8\xad\xe6\x96\x87", 6, "\xe4\xb8\xad\xe6\x96\x87" },
	{ "\xf0\x9f\x98\x80", 4, "\xf0\x9f\x98\x80" },
	{ "\xf4\x8f\xbf\xbf", 4, "\xf4\x8f\xbf\xbf" },     /* U+10FFFF */
	/* Invalid UTF-8: each offending byte is escaped on its own. */
	{ "\xff", 1, "\\xFF" },
	{ "\x80" "a", 2, "\\x80a" },                        /* lone continuation */
	{ "a\xc3", 2, "a\\xC3" },                           /* truncated at end */
	{ "\xc3" "a", 2, "\\xC3a" },                        /* bad continuation */
	{ "\xe2\x82", 2, "\\xE2\\x82" },                    /* truncated 3-byte */
	/* Overlong encodings are rejected. */
	{ "\xc0\xaf", 2, "\\xC0\\xAF" },                    /* overlong '/' */
	{ "\xc1\xbf", 2, "\\xC1\\xBF" },
	{ "\xe0\x80\xaf", 3, "\\xE0\\x80\\xAF" },
	{ "\xf0\x80\x80\xaf", 4, "\\xF0\\x80\\x80\\xAF" },
	/* UTF-16 surrogates are rejected. */
	{ "\xed\xa0\x80", 3, "\\xED\\xA0\\x80" },           /* U+D800 */
	{ "\xed\xbf\xbf", 3, "\\xED\\xBF\\xBF" },           /* U+DFFF */
	/* Beyond U+10FFFF is rejected. */
	{ "\xf4\x90\x80\x80", 4, "\\xF4\\x90\\x80\\x80" },
	{ "\xf5\x80\x80\x80", 4, "\\xF5\\x80\\x80\\x80" },
	/* C1 controls (U+0080..U+009F) are escaped too. */
	{ "\xc2\x85", 2, "\\xC2\\x85" },
	{ "\xc2\xa0", 2, "\xc2\xa0" },                      /* U+00A0 kept */
};

START_TEST(test_str_printable)
{
	char *s = str_printable((const unsigned char *)printable_cases[_i].in,
	    printable_cases[_i].len);

	ck_assert_ptr_nonnull(s);
	ck_assert_msg(strcmp(s, printable_cases[_i].out) == 0,
	    "case %d: got \"%s\", want \"%s\"", _i, s,
	    printable_cases[_i].out);
	free(s);
}
END_TEST

/* Whatever the input, the output holds no control character and no byte
 * that was not in the input except the escapes. */
START_TEST(test_str_printable_all_bytes)
{
	unsigned char in[256];
	char *s;
	size_t i;

	for (i = 0; i < 256; i++)
		in[i] = (unsigned char)i;
	s = str_printable(in, sizeof(in));
	ck_assert_ptr_nonnull(s);
	for (i = 0; s[i] != '\0'; i++)
		ck_assert_msg((unsigned char)s[i] >= 0x20 &&
		    (unsigned char)s[i] != 0x7F && (unsigned char)s[i] < 0x80,
		    "byte 0x%02X at %zu of the rendering", (unsigned char)s[i], i);
	/* 0x00-0x1F, 0x7F and 0x80-0xFF escaped (4 chars each), the backslash
	 * doubled, the other 94 printable characters kept. */
	ck_assert_uint_eq(strlen(s), (32 + 1 + 128) * 4 + 2 + 94);
	ck_assert_ptr_nonnull(strstr(s, "\\x00\\x01"));
	ck_assert_ptr_nonnull(strstr(s, "[\\\\]"));
	ck_assert_ptr_nonnull(strstr(s, "\\xFE\\xFF"));
	free(s);
}
END_TEST

/* ---- time_parse ---- */

static const struct {
	const char *s;
	int64_t t;
} time_ok[] = {
	{ "2026-12-01T00:00:00Z", 1796083200 },
	{ "2026-12-01t00:00:00z", 1796083200 },
	{ "2026-12-01 00:00:00Z", 1796083200 },
	{ "2026-12-01", 1796083200 },                   /* bare date: midnight */
	{ "2026-12-01T08:00:00+08:00", 1796083200 },
	{ "2026-11-30T19:00:00-05:00", 1796083200 },
	{ "2026-12-01T05:30:00+05:30", 1796083200 },
	{ "2026-12-01T00:00:00+00:00", 1796083200 },
	{ "2026-12-01T00:00:00-00:00", 1796083200 },
	{ "2026-12-01T00:00:00.5Z", 1796083200 },       /* fraction dropped */
	{ "2026-12-01T00:00:00.999999999Z", 1796083200 },
	{ "2026-12-01T08:00:00.25+08:00", 1796083200 },
	{ "2026-12-01T00:00:01Z", 1796083201 },
	{ "2026-11-20T00:00:00Z", 1795132800 },
	{ "1970-01-01T00:00:00Z", 0 },
	{ "1970-01-01T01:00:00+01:00", 0 },
	{ "1969-12-31T23:59:59Z", -1 },
	{ "2000-02-29", 951782400 },                    /* leap year */
	{ "2024-02-29T12:00:00Z", 1709208000 },
	{ "2038-01-19T03:14:07Z", 2147483647 },
	{ "2038-01-19T03:14:08Z", 2147483648LL },       /* past 32-bit time_t */
	{ "2026-12-31T23:59:60Z", 1798761599 },         /* leap second: :59 */
};

START_TEST(test_time_parse_ok)
{
	int64_t t = 12345;

	ck_assert_msg(time_parse(time_ok[_i].s, &t) == 0, "\"%s\" refused",
	    time_ok[_i].s);
	ck_assert_msg(t == time_ok[_i].t, "\"%s\": got %lld, want %lld",
	    time_ok[_i].s, (long long)t, (long long)time_ok[_i].t);
}
END_TEST

static const char *const time_bad[] = {
	"",
	"2026",
	"2026-12",
	"2026-02-30",                   /* no such day */
	"2026-02-29",                   /* not a leap year */
	"1900-02-29",                   /* century, not a leap year */
	"2026-04-31",
	"2026-13-01",
	"2026-00-10",
	"2026-12-00",
	"2026-12-32",
	"2026-12-1",
	"26-12-01",
	"2026/12/01",
	"2026-12-01T25:00:00Z",         /* hour out of range */
	"2026-12-01T24:00:00Z",
	"2026-12-01T23:60:00Z",
	"2026-12-01T23:59:61Z",
	"2026-12-01T00:00:00",          /* missing zone */
	"2026-12-01T00:00",             /* missing seconds and zone */
	"2026-12-01T00:00Z",
	"2026-12-01T0:00:00Z",
	"2026-12-01T00:00:00.Z",        /* empty fraction */
	"2026-12-01T00:00:00+0800",     /* offset without colon */
	"2026-12-01T00:00:00+08",
	"2026-12-01T00:00:00+24:00",
	"2026-12-01T00:00:00+08:60",
	"2026-12-01T00:00:00ZZ",        /* trailing junk */
	"2026-12-01T00:00:00Z junk",
	"2026-12-01T00:00:00+08:00x",
	"2026-12-01x",
	"2026-12-01T",
	"2026-12-01X00:00:00Z",
	" 2026-12-01",
	"2026-12-01 ",
	"now",
};

START_TEST(test_time_parse_bad)
{
	int64_t t = 424242;

	ck_assert_msg(time_parse(time_bad[_i], &t) == -1, "\"%s\" accepted",
	    time_bad[_i]);
	ck_assert_msg(t == 424242, "\"%s\": *t written on failure",
	    time_bad[_i]);
}
END_TEST

/* ---- time_from_civil ---- */

static const struct {
	int y, mo, d, h, mi, s;
	int64_t t;
} civil[] = {
	{ 1970, 1, 1, 0, 0, 0, 0 },
	{ 1969, 12, 31, 23, 59, 59, -1 },
	{ 2026, 12, 1, 0, 0, 0, 1796083200 },           /* TEST_NOW */
	{ 2026, 11, 20, 0, 0, 0, 1795132800 },          /* fixture notBefore */
	{ 2027, 11, 20, 0, 0, 0, 1826668800 },
	{ 2036, 11, 17, 0, 0, 0, 2110492800 },
	{ 2000, 2, 29, 0, 0, 0, 951782400 },
	{ 2000, 3, 1, 0, 0, 0, 951868800 },
	{ 2038, 1, 19, 3, 14, 7, 2147483647 },
	{ 1900, 1, 1, 0, 0, 0, -2208988800LL },
	{ 2100, 1, 1, 0, 0, 0, 4102444800LL },
	{ 2100, 3, 1, 0, 0, 0, 4107542400LL },          /* 2100 not leap */
	{ 9999, 12, 31, 23, 59, 59, 253402300799LL },
	{ 1950, 1, 1, 0, 0, 0, -631152000LL },
};

START_TEST(test_time_from_civil)
{
	int64_t t = time_from_civil(civil[_i].y, civil[_i].mo, civil[_i].d,
	    civil[_i].h, civil[_i].mi, civil[_i].s);

	ck_assert_msg(t == civil[_i].t, "%04d-%02d-%02dT%02d:%02d:%02dZ: got "
	    "%lld, want %lld", civil[_i].y, civil[_i].mo, civil[_i].d,
	    civil[_i].h, civil[_i].mi, civil[_i].s, (long long)t,
	    (long long)civil[_i].t);
}
END_TEST

/* ---- time_format ---- */

START_TEST(test_time_format_known)
{
	char buf[32];

	ck_assert_str_eq(time_format(0, buf, sizeof(buf)),
	    "1970-01-01T00:00:00Z");
	ck_assert_str_eq(time_format(-1, buf, sizeof(buf)),
	    "1969-12-31T23:59:59Z");
	ck_assert_str_eq(time_format(1796083200, buf, sizeof(buf)),
	    "2026-12-01T00:00:00Z");
	ck_assert_str_eq(time_format(951782400 + 3661, buf, sizeof(buf)),
	    "2000-02-29T01:01:01Z");
	ck_assert_str_eq(time_format(2147483647, buf, sizeof(buf)),
	    "2038-01-19T03:14:07Z");
	ck_assert_str_eq(time_format(253402300799LL, buf, sizeof(buf)),
	    "9999-12-31T23:59:59Z");
	ck_assert_str_eq(time_format(-2208988800LL, buf, sizeof(buf)),
	    "1900-01-01T00:00:00Z");
	/* Returns buf. */
	ck_assert_ptr_eq(time_format(0, buf, sizeof(buf)), buf);
}
END_TEST

/* format -> parse -> same value, and parse(format) agrees with civil, over
 * 1900..2200 in steps that visit every day of the year and every second
 * position of the day over the loop. */
START_TEST(test_time_format_roundtrip)
{
	char buf[32];
	int64_t t, back, start = -2208988800LL, stop = 7258118400LL;
	unsigned long n = 0;

	for (t = start; t < stop; t += 86400 * 7 + 3607) {
		time_format(t, buf, sizeof(buf));
		ck_assert_uint_eq(strlen(buf), 20);
		ck_assert_msg(time_parse(buf, &back) == 0, "\"%s\" refused", buf);
		ck_assert_msg(back == t, "%lld -> \"%s\" -> %lld", (long long)t,
		    buf, (long long)back);
		n++;
	}
	ck_assert_uint_gt(n, 15000);
	/* Every hour around the leap day of 2000. */
	for (t = 951696000 - 86400; t < 951955200 + 86400; t += 3600) {
		time_format(t, buf, sizeof(buf));
		ck_assert_int_eq(time_parse(buf, &back), 0);
		ck_assert_int_eq(back, t);
	}
}
END_TEST

/* ---- hex_encode ---- */

START_TEST(test_hex_encode)
{
	static const unsigned char b[] = { 0x00, 0x0f, 0xab, 0xff, 0x10 };
	char *s;

	s = hex_encode(b, sizeof(b), 0, '\0');
	ck_assert_str_eq(s, "000fabff10");
	free(s);
	s = hex_encode(b, sizeof(b), 1, '\0');
	ck_assert_str_eq(s, "000FABFF10");
	free(s);
	s = hex_encode(b, sizeof(b), 1, ':');
	ck_assert_str_eq(s, "00:0F:AB:FF:10");
	free(s);
	s = hex_encode(b, 1, 0, ':');
	ck_assert_str_eq(s, "00");
	free(s);
	s = hex_encode(b, 0, 1, ':');
	ck_assert_ptr_nonnull(s);
	ck_assert_str_eq(s, "");
	free(s);
}
END_TEST

/* ---- mem_find, bytes_have_nul ---- */

START_TEST(test_mem_find)
{
	static const char hay[] = "abcaab\0xyzaab";     /* 13 bytes + NUL */
	const size_t hl = sizeof(hay) - 1;

	ck_assert_ptr_eq(mem_find(hay, hl, "abc", 3), hay);
	ck_assert_ptr_eq(mem_find(hay, hl, "aab", 3), hay + 3);
	ck_assert_ptr_eq(mem_find(hay, hl, "ab", 2), hay);
	/* Past an embedded NUL, and a needle holding one. */
	ck_assert_ptr_eq(mem_find(hay, hl, "xyz", 3), hay + 7);
	ck_assert_ptr_eq(mem_find(hay, hl, "b\0x", 3), hay + 5);
	/* At the very end. */
	ck_assert_ptr_eq(mem_find(hay, hl, "zaab", 4), hay + 9);
	ck_assert_ptr_eq(mem_find(hay, hl, "b", 1), hay + 1);
	/* Absent; longer than the haystack; cut by the haystack length. */
	ck_assert_ptr_null(mem_find(hay, hl, "abd", 3));
	ck_assert_ptr_null(mem_find(hay, 3, "abcd", 4));
	ck_assert_ptr_null(mem_find(hay, 5, "aab", 3));
	ck_assert_ptr_eq(mem_find(hay, 6, "aab", 3), hay + 3);
	ck_assert_ptr_null(mem_find(hay, 0, "a", 1));
	/* A partial match must not hide the real one. */
	{
		static const char s[] = "aaab";

		ck_assert_ptr_eq(mem_find(s, 4, "aab", 3), s + 1);
	}
	/* An empty needle is found at the start. */
	ck_assert_ptr_eq(mem_find(hay, hl, "", 0), hay);
}
END_TEST

START_TEST(test_bytes_have_nul)
{
	ck_assert_int_eq(bytes_have_nul((const unsigned char *)"abc", 3), 0);
	ck_assert_int_eq(bytes_have_nul((const unsigned char *)"a\0c", 3), 1);
	ck_assert_int_eq(bytes_have_nul((const unsigned char *)"abc", 4), 1);
	ck_assert_int_eq(bytes_have_nul((const unsigned char *)"a\0c", 1), 0);
	ck_assert_int_eq(bytes_have_nul(NULL, 0), 0);
}
END_TEST

/* ---- str_printf, str_dup ---- */

START_TEST(test_str_printf_dup)
{
	char *s, big[5000];

	s = str_printf("%s:%u:%zu", "file", 12u, (size_t)34);
	ck_assert_str_eq(s, "file:12:34");
	free(s);
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	s = str_printf("<%s>", big);
	ck_assert_uint_eq(strlen(s), sizeof(big) + 1);
	ck_assert_int_eq(s[0], '<');
	ck_assert_int_eq(s[sizeof(big)], '>');
	free(s);
	s = str_dup("copy");
	ck_assert_str_eq(s, "copy");
	free(s);
	ck_assert_ptr_null(str_dup(NULL));
}
END_TEST

Suite *
suite_util(void)
{
	Suite *s = suite_create("util");
	TCase *tc;

	tc = tcase_create("str_printable");
	tcase_add_loop_test(tc, test_str_printable, 0,
	    (int)CG_ARRAY_LEN(printable_cases));
	tcase_add_test(tc, test_str_printable_all_bytes);
	suite_add_tcase(s, tc);

	tc = tcase_create("time");
	tcase_add_loop_test(tc, test_time_parse_ok, 0, (int)CG_ARRAY_LEN(time_ok));
	tcase_add_loop_test(tc, test_time_parse_bad, 0,
	    (int)CG_ARRAY_LEN(time_bad));
	tcase_add_loop_test(tc, test_time_from_civil, 0,
	    (int)CG_ARRAY_LEN(civil));
	tcase_add_test(tc, test_time_format_known);
	tcase_add_test(tc, test_time_format_roundtrip);
	suite_add_tcase(s, tc);

	tc = tcase_create("misc");
	tcase_add_test(tc, test_hex_encode);
	tcase_add_test(tc, test_mem_find);
	tcase_add_test(tc, test_bytes_have_nul);
	tcase_add_test(tc, test_str_printf_dup);
	suite_add_tcase(s, tc);
	return s;
}
