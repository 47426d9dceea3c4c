/*
 * test_hostmatch.c - src/hostmatch.c, table-driven: endpoint_parse (accepted
 * forms and usage errors), hostmatch_dns (RFC 6125 / 9525 name matching)
 * and hostmatch_endpoint (which certificate name covers an endpoint).
 */
#include "suites.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/hostmatch.h"
#include "../src/util.h"

#define RM  "rm-bp1abc123.mysql.rds.aliyuncs.com"
#define PG  "pgm-bp1abc123.pg.rds.aliyuncs.com"
#define PG2 "pgm-bp1def456.pg.rds.aliyuncs.com"

/* ---- endpoint_parse: accepted arguments ---- */

struct want_ep {
	const char *host;       /* canonical host text */
	enum host_type type;
	unsigned port;
	const char *arg;        /* the item recorded as arg */
};

static const struct {
	const char *arg;
	size_t n;
	struct want_ep ep[2];
} ep_ok[] = {
	{ RM, 1, { { RM, HOST_DNS, 0, RM } } },
	{ "RM-BP1ABC123.MySQL.rds.aliyuncs.COM", 1,
	  { { RM, HOST_DNS, 0, "RM-BP1ABC123.MySQL.rds.aliyuncs.COM" } } },
	{ RM ":3306", 1, { { RM, HOST_DNS, 3306, RM ":3306" } } },
	{ "db:1", 1, { { "db", HOST_DNS, 1, "db:1" } } },
	{ "db.example.com:65535", 1,
	  { { "db.example.com", HOST_DNS, 65535, "db.example.com:65535" } } },
	{ "localhost", 1, { { "localhost", HOST_DNS, 0, "localhost" } } },
	{ "under_score.example.com", 1,
	  { { "under_score.example.com", HOST_DNS, 0,
	      "under_score.example.com" } } },
	{ "123.example.com", 1,
	  { { "123.example.com", HOST_DNS, 0, "123.example.com" } } },
	{ "[::1]:5432", 1, { { "::1", HOST_IPV6, 5432, "[::1]:5432" } } },
	{ "[::1]", 1, { { "::1", HOST_IPV6, 0, "[::1]" } } },
	{ "::1", 1, { { "::1", HOST_IPV6, 0, "::1" } } },
	{ "[2001:DB8:0:0::1]:3306", 1,
	  { { "2001:db8::1", HOST_IPV6, 3306, "[2001:DB8:0:0::1]:3306" } } },
	{ "127.0.0.1", 1, { { "127.0.0.1", HOST_IPV4, 0, "127.0.0.1" } } },
	{ "127.0.0.1:3306", 1,
	  { { "127.0.0.1", HOST_IPV4, 3306, "127.0.0.1:3306" } } },
	/* URIs: user info, path and query dropped; arg is the whole URI. */
	{ "postgresql://user:pw@" PG ":5432/db?sslmode=verify-full", 1,
	  { { PG, HOST_DNS, 5432,
	      "postgresql://user:pw@" PG ":5432/db?sslmode=verify-full" } } },
	{ "postgres://" PG "/db", 1, { { PG, HOST_DNS, 0, "postgres://" PG "/db" } } },
	{ "mysql://root@" RM ":3306", 1,
	  { { RM, HOST_DNS, 3306, "mysql://root@" RM ":3306" } } },
	{ "mariadb://" RM, 1, { { RM, HOST_DNS, 0, "mariadb://" RM } } },
	{ "PostgreSQL://u@DB.Example.com?sslmode=require", 1,
	  { { "db.example.com", HOST_DNS, 0,
	      "PostgreSQL://u@DB.Example.com?sslmode=require" } } },
	{ "postgresql://a@b@db.example.com/x", 1,         /* last '@' */
	  { { "db.example.com", HOST_DNS, 0,
	      "postgresql://a@b@db.example.com/x" } } },
	{ "postgresql://[::1]:5433/db", 1,
	  { { "::1", HOST_IPV6, 5433, "postgresql://[::1]:5433/db" } } },
	{ "mysql://10.0.0.7#frag", 1,
	  { { "10.0.0.7", HOST_IPV4, 0, "mysql://10.0.0.7#frag" } } },
	/* libpq multi-host URI: one endpoint per host. */
	{ "postgresql://" PG ":5432," PG2 ":5433/db", 2,
	  { { PG, HOST_DNS, 5432, "postgresql://" PG ":5432," PG2 ":5433/db" },
	    { PG2, HOST_DNS, 5433, "postgresql://" PG ":5432," PG2 ":5433/db" } } },
	/* A comma list: arg is each item. */
	{ "a.example.com,b.example.com", 2,
	  { { "a.example.com", HOST_DNS, 0, "a.example.com" },
	    { "b.example.com", HOST_DNS, 0, "b.example.com" } } },
	{ "[::1]:1,127.0.0.1:2", 2,
	  { { "::1", HOST_IPV6, 1, "[::1]:1" },
	    { "127.0.0.1", HOST_IPV4, 2, "127.0.0.1:2" } } },
	/* A fully qualified name: accepted, lower-cased, the dot kept (so it
	 * matches only what a client that does not strip it would match). */
	{ "DB.Example.COM.", 1,
	  { { "db.example.com.", HOST_DNS, 0, "DB.Example.COM." } } },
	{ "db.example.com.:5432", 1,
	  { { "db.example.com.", HOST_DNS, 5432, "db.example.com.:5432" } } },
};

START_TEST(test_endpoint_parse_ok)
{
	struct endpoint *v = NULL;
	size_t n = 0, i;
	char err[256] = "";

	ck_assert_msg(endpoint_parse(ep_ok[_i].arg, &v, &n, err,
	    sizeof(err)) == 0, "\"%s\" refused: %s", ep_ok[_i].arg, err);
	ck_assert_uint_eq(n, ep_ok[_i].n);
	for (i = 0; i < n; i++) {
		const struct want_ep *w = &ep_ok[_i].ep[i];

		ck_assert_str_eq(v[i].host, w->host);
		ck_assert_int_eq(v[i].type, w->type);
		ck_assert_uint_eq(v[i].port, w->port);
		ck_assert_str_eq(v[i].arg, w->arg);
		ck_assert_uint_eq(v[i].ip_len, w->type == HOST_IPV4 ? 4 :
		    w->type == HOST_IPV6 ? 16 : 0);
	}
	endpoints_free(v, n);
}
END_TEST

/* The binary addresses of IP endpoints, and appending to a list. */
START_TEST(test_endpoint_parse_ip_bytes)
{
	static const unsigned char v4[4] = { 127, 0, 0, 1 };
	static const unsigned char v6[16] = { [15] = 1 };
	static const unsigned char mapped[16] = { [10] = 0xff, [11] = 0xff,
		[12] = 127, [15] = 1 };
	struct endpoint *v = NULL;
	size_t n = 0;
	char err[256];

	ck_assert_int_eq(endpoint_parse("127.0.0.1:3306", &v, &n, err,
	    sizeof(err)), 0);
	ck_assert_int_eq(endpoint_parse("[::1]:5432", &v, &n, err,
	    sizeof(err)), 0);
	ck_assert_int_eq(endpoint_parse("::ffff:127.0.0.1", &v, &n, err,
	    sizeof(err)), 0);
	ck_assert_uint_eq(n, 3);
	ck_assert_uint_eq(v[0].ip_len, 4);
	ck_assert_mem_eq(v[0].ip, v4, 4);
	ck_assert_uint_eq(v[1].ip_len, 16);
	ck_assert_mem_eq(v[1].ip, v6, 16);
	ck_assert_int_eq(v[2].type, HOST_IPV6);
	ck_assert_mem_eq(v[2].ip, mapped, 16);
	ck_assert_str_eq(v[2].host, "::ffff:127.0.0.1");
	endpoints_free(v, n);
	endpoints_free(NULL, 0);
}
END_TEST

/* ---- endpoint_parse: usage errors ---- */

static const struct {
	const char *arg;
	const char *why;        /* part of the message */
} ep_bad[] = {
	{ "db example.com", "space" },
	{ " db.example.com", "space" },
	{ "/tmp/x", "'/'" },
	{ "db.example.com/x", "'/'" },
	{ "a..b", "empty label" },
	{ ".example.com", "empty label" },
	{ "example.com..", "empty label" },
	{ ".", "empty host name" },
	{ "", "empty" },
	{ "host:99999", "port out of range" },
	{ "host:65536", "port out of range" },
	{ "host:0", "port out of range" },
	{ "host:123456", "bad port" },
	{ "host:", "bad port" },
	{ "host:abc", "port is not a number" },
	{ "host:-1", "port is not a number" },
	{ "host: 80", "port is not a number" },
	{ "*.example.com", "wildcard" },
	{ "db.*.example.com", "wildcard" },
	{ "https://x", "unsupported URI scheme" },
	{ "ftp://db.example.com", "unsupported URI scheme" },
	{ "postgresql:///db", "names no host" },
	{ "mysql://user@/db", "names no host" },
	{ "postgresql://", "names no host" },
	{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.com",
	  "longer than 63" },
	{ "d\xc3\xa9j\xc3\xa0.example.com", "non-ASCII" },
	{ "db\x01.example.com", "control character" },
	{ "256.1.1.1", "not a valid IP address" },
	{ "1.2.3", "not a valid IP address" },
	{ "10.0.0.999", "not a valid IP address" },
	{ "example.123", "not a valid IP address" },
	{ "a.example.com,,b.example.com", "empty item" },
	{ "a.example.com,", "empty item" },
	{ ",a.example.com", "empty item" },
	{ "a.example.com,b..c", "empty label" },        /* second item bad */
	{ "[::1", "'[' without ']'" },
	{ "[::1]5432", "junk after ']'" },
	{ "[]:5432", "bad IPv6 literal" },
	{ "[db.example.com]:5432", "not an IPv6 address" },
	{ "1:2:3", "not an IPv6 address" },
	{ "::1:5432:", "not an IPv6 address" },
	{ ":5432", "empty host" },
	{ "db@example.com", "'@'" },
	{ "db_example.com!", "'!'" },
};

START_TEST(test_endpoint_parse_bad)
{
	struct endpoint *v = NULL;
	size_t n = 0;
	char err[512] = "", quoted[300];
	int r;

	r = endpoint_parse(ep_bad[_i].arg, &v, &n, err, sizeof(err));
	ck_assert_msg(r == -1, "\"%s\" gave %d, want -1", ep_bad[_i].arg, r);
	/* The message names the argument, quoted. */
	snprintf(quoted, sizeof(quoted), "'%s'", ep_bad[_i].arg);
	ck_assert_msg(strstr(err, quoted) != NULL,
	    "\"%s\": message \"%s\" does not quote the argument", ep_bad[_i].arg,
	    err);
	ck_assert_msg(strstr(err, ep_bad[_i].why) != NULL,
	    "\"%s\": message \"%s\" does not say \"%s\"", ep_bad[_i].arg, err,
	    ep_bad[_i].why);
	endpoints_free(v, n);
}
END_TEST

/* Lengths at the limits. */
START_TEST(test_endpoint_parse_lengths)
{
	struct endpoint *v = NULL;
	size_t n = 0;
	char name[300], err[600];
	int i;

	/* A 63-character label is fine, 64 is not (tested above). */
	memset(name, 'a', 63);
	strcpy(name + 63, ".com");
	ck_assert_int_eq(endpoint_parse(name, &v, &n, err, sizeof(err)), 0);
	ck_assert_str_eq(v[0].host, name);
	endpoints_free(v, n);
	v = NULL;
	n = 0;
	/* 253 characters: 63+1+63+1+63+1+61. */
	for (i = 0; i < 253; i++)
		name[i] = (i == 63 || i == 127 || i == 191) ? '.' : 'b';
	name[253] = '\0';
	ck_assert_int_eq(endpoint_parse(name, &v, &n, err, sizeof(err)), 0);
	ck_assert_uint_eq(strlen(v[0].host), 253);
	endpoints_free(v, n);
	v = NULL;
	n = 0;
	/* 254 and 300 characters: refused, not truncated. */
	name[253] = 'b';
	name[254] = '\0';
	ck_assert_int_eq(endpoint_parse(name, &v, &n, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "longer than 253"));
	endpoints_free(v, n);
	v = NULL;
	n = 0;
	memset(name, 'c', 299);
	name[299] = '\0';
	for (i = 50; i < 299; i += 50)
		name[i] = '.';
	ck_assert_int_eq(endpoint_parse(name, &v, &n, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "longer than 253"));
	endpoints_free(v, n);
}
END_TEST

/* ---- hostmatch_dns ---- */

#define STRLEN ((size_t)-1)

static const struct {
	const char *host;
	const char *pat;
	size_t plen;            /* STRLEN: strlen(pat) */
	int want;
} dns_cases[] = {
	/* Exact, ASCII case-insensitive both ways. */
	{ RM, RM, STRLEN, 1 },
	{ RM, "RM-BP1ABC123.MYSQL.RDS.ALIYUNCS.COM", STRLEN, 1 },
	{ "RM-BP1ABC123.MYSQL.RDS.ALIYUNCS.COM", RM, STRLEN, 1 },
	{ "db", "db", STRLEN, 1 },
	{ "under_score.example.com", "under_score.example.com", STRLEN, 1 },
	{ "xn--caf-dma.example.com", "xn--caf-dma.example.com", STRLEN, 1 },
	{ RM, PG, STRLEN, 0 },
	{ RM, "mysql.rds.aliyuncs.com", STRLEN, 0 },
	{ "mysql.rds.aliyuncs.com", RM, STRLEN, 0 },
	{ "db.example.com", "db.example.co", STRLEN, 0 },
	{ "db.example.co", "db.example.com", STRLEN, 0 },
	/* A wildcard covers exactly one whole left-most label. */
	{ RM, "*.mysql.rds.aliyuncs.com", STRLEN, 1 },
	{ RM, "*.MYSQL.RDS.ALIYUNCS.COM", STRLEN, 1 },
	{ "x.mysql.rds.aliyuncs.com", "*.mysql.rds.aliyuncs.com", STRLEN, 1 },
	{ "mysql.rds.aliyuncs.com", "*.mysql.rds.aliyuncs.com", STRLEN, 0 },
	{ "a." RM, "*.mysql.rds.aliyuncs.com", STRLEN, 0 },
	{ "a.b.mysql.rds.aliyuncs.com", "*.mysql.rds.aliyuncs.com", STRLEN, 0 },
	{ ".mysql.rds.aliyuncs.com", "*.mysql.rds.aliyuncs.com", STRLEN, 0 },
	{ PG, "*.mysql.rds.aliyuncs.com", STRLEN, 0 },
	{ "a.b.com", "*.b.com", STRLEN, 1 },
	/* "*." needs at least two labels after it. */
	{ "example.com", "*.com", STRLEN, 0 },
	{ "a.com", "*.com", STRLEN, 0 },
	{ "a.b", "*.b", STRLEN, 0 },
	/* Partial and other odd wildcards never match. */
	{ RM, "rm-*.mysql.rds.aliyuncs.com", STRLEN, 0 },
	{ RM, "rm*.mysql.rds.aliyuncs.com", STRLEN, 0 },
	{ "ax.y.z", "*x.y.z", STRLEN, 0 },
	{ "rm.x.y", "rm-*.x.y", STRLEN, 0 },
	{ "rm-a.x.y", "rm-*.x.y", STRLEN, 0 },
	{ "rma.x.y", "rm*.x.y", STRLEN, 0 },
	{ "a.b.c", "*", STRLEN, 0 },
	{ "*", "*", STRLEN, 0 },
	{ "a.b.c", "*.*.c", STRLEN, 0 },
	{ "a.b.c.d", "a.*.c.d", STRLEN, 0 },
	{ "a.b.c", "*..c", STRLEN, 0 },
	{ "a.b.c.d", "*.b..d", STRLEN, 0 },
	{ "a.b.c", "*.b.c.", STRLEN, 0 },
	/* Embedded NUL: never, even when the prefix equals the host. */
	{ "a.b.c", "a.b.c\0.evil.com", 15, 0 },
	{ "a.b.c", "a.b.c\0", 6, 0 },
	{ "a.b.c", "\0a.b.c", 6, 0 },
	{ "x.b.c", "*.b.c\0", 6, 0 },
	{ "x.b.c", "*.b\0.c", 6, 0 },
	/* Space, non-ASCII and other bytes: never. */
	{ "a.b.c", "a.b .c", STRLEN, 0 },
	{ "a.b.c", "a.b.c ", STRLEN, 0 },
	{ "caf\xc3\xa9.example.com", "caf\xc3\xa9.example.com", STRLEN, 0 },
	{ "x.caf\xc3\xa9.com", "*.caf\xc3\xa9.com", STRLEN, 0 },
	{ "a.b.c", "a.b.c/", STRLEN, 0 },
	{ "a@b.c", "a@b.c", STRLEN, 0 },
	/* Trailing-dot differences do not match. */
	{ "a.b.c", "a.b.c.", STRLEN, 0 },
	{ "a.b.c.", "a.b.c", STRLEN, 0 },
	{ "x.b.c.", "*.b.c", STRLEN, 0 },
	/* Empty pattern or host. */
	{ "a.b.c", "", 0, 0 },
	{ "a.b.c", "a.b.c", 0, 0 },                     /* plen 0 */
	{ "", "a.b.c", STRLEN, 0 },
	{ "", "", 0, 0 },
	/* The length given is what counts. */
	{ "a.b", "a.b.c", 3, 1 },
	{ "a.b.c", "a.b.c", 4, 0 },
};

START_TEST(test_hostmatch_dns)
{
	size_t plen = dns_cases[_i].plen == STRLEN ? strlen(dns_cases[_i].pat) :
	    dns_cases[_i].plen;
	unsigned char *pat = malloc(plen ? plen : 1);
	char *shown;
	int got;

	/* An exact-size copy: reading past plen is a bug valgrind sees. */
	ck_assert_ptr_nonnull(pat);
	memcpy(pat, dns_cases[_i].pat, plen);
	got = hostmatch_dns(dns_cases[_i].host, pat, plen);
	shown = str_printable(pat, plen);
	ck_assert_msg(got == dns_cases[_i].want,
	    "hostmatch_dns(\"%s\", \"%s\") = %d, want %d", dns_cases[_i].host,
	    shown, got, dns_cases[_i].want);
	free(shown);
	free(pat);
}
END_TEST

/* ---- hostmatch_endpoint ---- */

static const unsigned char n_rm[] = RM;
static const unsigned char n_pg[] = PG;
static const unsigned char n_wild[] = "*.mysql.rds.aliyuncs.com";
static const unsigned char n_other[] = "other.example.com";
static const unsigned char n_ip4txt[] = "127.0.0.1";
static const unsigned char n_ip6txt[] = "::1";
static const unsigned char ip_lo4[4] = { 127, 0, 0, 1 };
static const unsigned char ip_10[4] = { 10, 0, 0, 1 };
static const unsigned char ip_lo6[16] = { [15] = 1 };
static const unsigned char ip_mapped[16] = { [10] = 0xff, [11] = 0xff,
	[12] = 127, [15] = 1 };

#define DNS(a) { NAME_DNS, { a, sizeof(a) - 1 } }
#define CN(a)  { NAME_CN, { a, sizeof(a) - 1 } }
#define IP(a)  { NAME_IP, { a, sizeof(a) } }

/* good-san: two dNSName and two iPAddress SANs, then the CN. */
static const struct cert_name set_goodsan[] = {
	DNS(n_rm), DNS(n_pg), IP(ip_lo4), IP(ip_lo6), CN(n_rm)
};
/* guide-mysql: a v1 certificate, the CN only. */
static const struct cert_name set_cnonly[] = { CN(n_rm) };
/* An iPAddress SAN but no dNSName SAN: the CN still counts. */
static const struct cert_name set_ip_cn[] = { IP(ip_lo4), CN(n_rm) };
/* A dNSName SAN: the CN is ignored. */
static const struct cert_name set_dns_cn[] = { DNS(n_pg), CN(n_rm) };
/* The same, with the CN listed first. */
static const struct cert_name set_cn_dns[] = { CN(n_rm), DNS(n_pg) };
/* IP addresses written as text in a dNSName and a CN. */
static const struct cert_name set_iptext[] = {
	DNS(n_ip4txt), CN(n_ip4txt), CN(n_ip6txt)
};
static const struct cert_name set_iptext_cn[] = { CN(n_ip4txt) };
static const struct cert_name set_wild[] = { DNS(n_wild), CN(n_wild) };
static const struct cert_name set_ips[] = { IP(ip_10), IP(ip_mapped) };
static const struct cert_name set_two_cns[] = { CN(n_other), CN(n_rm) };
static const struct cert_name set_dns_then_ip[] = { DNS(n_rm), IP(ip_lo4) };

#define SET(a) a, CG_ARRAY_LEN(a)

static const struct {
	const char *ep;
	const struct cert_name *names;
	size_t n;
	int covered, via_cn;
	size_t index;
} cover[] = {
	{ RM, SET(set_goodsan), 1, 0, 0 },
	{ "RM-BP1ABC123.mysql.rds.aliyuncs.com:3306", SET(set_goodsan), 1, 0, 0 },
	{ PG, SET(set_goodsan), 1, 0, 1 },
	{ "127.0.0.1", SET(set_goodsan), 1, 0, 2 },
	{ "::1", SET(set_goodsan), 1, 0, 3 },
	{ "[::1]:5432", SET(set_goodsan), 1, 0, 3 },
	{ PG2, SET(set_goodsan), 0, 0, 0 },
	{ "127.0.0.2", SET(set_goodsan), 0, 0, 0 },
	{ "::2", SET(set_goodsan), 0, 0, 0 },
	/* CN only when there is no dNSName SAN. */
	{ RM, SET(set_cnonly), 1, 1, 0 },
	{ PG, SET(set_cnonly), 0, 0, 0 },
	{ RM, SET(set_ip_cn), 1, 1, 1 },
	{ "127.0.0.1", SET(set_ip_cn), 1, 0, 0 },
	{ "::1", SET(set_ip_cn), 0, 0, 0 },
	{ RM, SET(set_dns_cn), 0, 0, 0 },
	{ PG, SET(set_dns_cn), 1, 0, 0 },
	{ RM, SET(set_cn_dns), 0, 0, 0 },
	{ PG, SET(set_cn_dns), 1, 0, 1 },
	{ RM, SET(set_two_cns), 1, 1, 1 },
	{ "other.example.com", SET(set_two_cns), 1, 1, 0 },
	/* An IP endpoint: only an equal iPAddress SAN, never text. */
	{ "127.0.0.1", SET(set_iptext), 0, 0, 0 },
	{ "::1", SET(set_iptext), 0, 0, 0 },
	{ "127.0.0.1", SET(set_iptext_cn), 0, 0, 0 },
	{ "127.0.0.1", SET(set_cnonly), 0, 0, 0 },
	{ "127.0.0.1", SET(set_dns_then_ip), 1, 0, 1 },
	{ RM, SET(set_dns_then_ip), 1, 0, 0 },
	{ "10.0.0.1", SET(set_ips), 1, 0, 0 },
	{ "10.0.0.2", SET(set_ips), 0, 0, 0 },
	/* v4 and v4-mapped v6 are different lengths: no match across. */
	{ "127.0.0.1", SET(set_ips), 0, 0, 0 },
	{ "::ffff:127.0.0.1", SET(set_ips), 1, 0, 1 },
	{ "::ffff:10.0.0.1", SET(set_ips), 0, 0, 0 },
	/* Wildcards, in the SAN; the CN is never consulted here. */
	{ RM, SET(set_wild), 1, 0, 0 },
	{ "x.mysql.rds.aliyuncs.com", SET(set_wild), 1, 0, 0 },
	{ "a." RM, SET(set_wild), 0, 0, 0 },
	{ "mysql.rds.aliyuncs.com", SET(set_wild), 0, 0, 0 },
	/* No names at all. */
	{ RM, NULL, 0, 0, 0, 0 },
	{ "127.0.0.1", NULL, 0, 0, 0, 0 },
};

START_TEST(test_hostmatch_endpoint)
{
	struct endpoint *v = NULL;
	size_t n = 0;
	char err[256];
	struct coverage cv;

	ck_assert_int_eq(endpoint_parse(cover[_i].ep, &v, &n, err,
	    sizeof(err)), 0);
	ck_assert_uint_eq(n, 1);
	memset(&cv, 0x55, sizeof(cv));
	hostmatch_endpoint(&v[0], cover[_i].names, cover[_i].n, &cv);
	ck_assert_msg(cv.covered == cover[_i].covered, "case %d (%s): covered "
	    "%d, want %d", _i, cover[_i].ep, cv.covered, cover[_i].covered);
	ck_assert_msg(cv.via_cn == cover[_i].via_cn, "case %d (%s): via_cn %d, "
	    "want %d", _i, cover[_i].ep, cv.via_cn, cover[_i].via_cn);
	if (cover[_i].covered)
		ck_assert_msg(cv.index == cover[_i].index, "case %d (%s): index "
		    "%zu, want %zu", _i, cover[_i].ep, cv.index,
		    cover[_i].index);
	endpoints_free(v, n);
}
END_TEST

/* ---- ip_format, name_type_str ---- */

START_TEST(test_ip_format)
{
	static const unsigned char v6[16] = { 0x20, 0x01, 0x0d, 0xb8,
		[15] = 0x01 };
	char buf[64];

	ck_assert_str_eq(ip_format(ip_lo4, 4, buf, sizeof(buf)), "127.0.0.1");
	ck_assert_str_eq(ip_format(ip_lo6, 16, buf, sizeof(buf)), "::1");
	ck_assert_str_eq(ip_format(v6, 16, buf, sizeof(buf)), "2001:db8::1");
	ck_assert_str_eq(ip_format(v6, 5, buf, sizeof(buf)),
	    "<5-byte address>");
	ck_assert_str_eq(ip_format(v6, 0, buf, sizeof(buf)),
	    "<0-byte address>");
	ck_assert_str_eq(name_type_str(NAME_DNS), "dns");
	ck_assert_str_eq(name_type_str(NAME_IP), "ip");
	ck_assert_str_eq(name_type_str(NAME_CN), "cn");
}
END_TEST

Suite *
suite_hostmatch(void)
{
	Suite *s = suite_create("hostmatch");
	TCase *tc;

	tc = tcase_create("endpoint_parse");
	tcase_add_loop_test(tc, test_endpoint_parse_ok, 0,
	    (int)CG_ARRAY_LEN(ep_ok));
	tcase_add_loop_test(tc, test_endpoint_parse_bad, 0,
	    (int)CG_ARRAY_LEN(ep_bad));
	tcase_add_test(tc, test_endpoint_parse_ip_bytes);
	tcase_add_test(tc, test_endpoint_parse_lengths);
	suite_add_tcase(s, tc);

	tc = tcase_create("hostmatch_dns");
	tcase_add_loop_test(tc, test_hostmatch_dns, 0,
	    (int)CG_ARRAY_LEN(dns_cases));
	suite_add_tcase(s, tc);

	tc = tcase_create("hostmatch_endpoint");
	tcase_add_loop_test(tc, test_hostmatch_endpoint, 0,
	    (int)CG_ARRAY_LEN(cover));
	tcase_add_test(tc, test_ip_format);
	suite_add_tcase(s, tc);
	return s;
}
