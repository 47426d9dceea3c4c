/*
 * profile.h - the servers and clients certgate predicts for, and how each
 * one matches host names and builds chains.  One table of behaviours drives
 * one matcher (hostmatch_profile) and one chain model (acceptance.c): a
 * client is a row here, not a copy of the code.
 *
 * Sources are cited per field; where the interop tests (tests/interop)
 * measured otherwise, the measurement won and the comment says so.
 */
#ifndef CERTGATE_PROFILE_H
#define CERTGATE_PROFILE_H

#include <stddef.h>

enum server_id { SRV_POSTGRESQL, SRV_MARIADB, SRV_MYSQL, SRV_COUNT };
enum client_id {
	CL_LIBPQ, CL_MARIADB, CL_MYSQL, CL_PYTHON, CL_GO, CL_PGJDBC,
	CL_CONNECTORJ, CL_COUNT
};

/* When the subject CN is consulted for a name. */
enum cn_rule {
	CN_NEVER,               /* Go: never */
	CN_NO_DNS_SAN,          /* OpenSSL X509_check_host, PgJDBC: no dNSName SAN */
	CN_NO_SAN_OF_HOST_TYPE, /* libpq: no SAN of the host's type (DNS/IP) */
	CN_NO_SAN               /* Connector/J: no DNS nor IP SAN at all */
};

/* How a '*' in a name is understood. */
enum wildcard_rule {
	WC_RFC,                 /* whole left-most label, >= 2 labels after */
	WC_OPENSSL,             /* valid_star(): also "foo*" / "*foo" partial */
	WC_OPENSSL_NO_PARTIAL,  /* valid_star() with NO_PARTIAL_WILDCARDS */
	WC_LIBPQ,               /* "*." prefix, one non-empty label, "*.com" ok */
	WC_GO,                  /* whole first label, equal label count */
	WC_PGJDBC,              /* starts with '*', has a dot, one label, may be empty */
	WC_CONNECTORJ           /* '*' anywhere before the first dot, may be empty */
};

/* How an IP-literal endpoint is matched. */
enum ip_rule {
	IP_SAN_ONLY,            /* iPAddress SANs only (RFC, Go, Python, MySQL) */
	IP_SAN_OR_DNS_TEXT,     /* also the text against dNSName SANs (libpq, PgJDBC) */
	IP_CHECK_HOST_FIRST     /* X509_check_host (DNS SANs or CN as text), then
	                         * X509_check_ip_asc (MariaDB Connector/C) */
};

struct match_policy {
	enum cn_rule cn;
	enum wildcard_rule wc;
	enum ip_rule ip;
	int strip_trailing_dot; /* the host's trailing dot is dropped (Go) */
	int nul_aborts;         /* a NUL in a name examined fails the check (libpq) */
	int first_cn_only;      /* only the first CN is tried (libpq) */
	int ipv6_never;         /* an IPv6 host never matches (PgJDBC passes
	                         * "[::1]", brackets included; measured) */
};

/* How a client validates the chain. */
enum chain_rule {
	CHAIN_OPENSSL,          /* OpenSSL 3.0 X509_verify_cert, security level 2 */
	CHAIN_OPENSSL_STRICT,   /* ... plus VERIFY_X509_STRICT | PARTIAL_CHAIN */
	CHAIN_GO,               /* crypto/x509 Verify (Go 1.19) */
	CHAIN_JAVA              /* JDK PKIX (sun.security.validator): the
	                         * trust anchor must be a CA (measured) */
};

struct client_profile {
	enum client_id id;
	const char *name;       /* interface: "libpq", "mariadb", ... */
	const char *describes;  /* who uses it */
	struct match_policy match;
	enum chain_rule chain;
};

struct server_profile {
	enum server_id id;
	const char *name;       /* interface: "postgresql", "mariadb", "mysql" */
	const char *describes;
	int runs_without_tls;   /* MySQL 8: a bad cert/key means no TLS, not no start */
};

extern const struct client_profile client_profiles[CL_COUNT];
extern const struct server_profile server_profiles[SRV_COUNT];

/* The RFC 6125/9525 policy of the core host rules. */
extern const struct match_policy policy_rfc;

/*
 * profile_parse_list - parse a comma-separated list of client (or, with
 * servers set, server) names into a bit mask (1 << id); "all" selects
 * every one.  Returns 0, or -1 with the unknown name copied into bad.
 */
int profile_parse_list(const char *list, int servers, unsigned *mask,
    char *bad, size_t badlen);

#endif
