/*
 * profile.c - the profile table; see profile.h.
 */
#include "profile.h"
#include "util.h"

#include <stdio.h>
#include <string.h>

const struct match_policy policy_rfc = {
	.cn = CN_NO_DNS_SAN, .wc = WC_RFC, .ip = IP_SAN_ONLY,
};

const struct client_profile client_profiles[CL_COUNT] = {
	/* libpq 15: fe-secure-common.c pq_verify_peer_name_matches_
	 * certificate_name (wildcard_certificate_match), fe-secure-openssl.c
	 * (SAN loop, check_cn). */
	{ CL_LIBPQ, "libpq", "psql, psycopg, asyncpg's libpq mode, most "
	    "PostgreSQL drivers",
	    { CN_NO_SAN_OF_HOST_TYPE, WC_LIBPQ, IP_SAN_OR_DNS_TEXT, 0, 1, 1, 0 },
	    CHAIN_OPENSSL },
	/* MariaDB Connector/C 3.3: libmariadb/secure/openssl.c
	 * ma_tls_verify_server_cert: X509_check_host(flags 0), then
	 * X509_check_ip_asc. */
	{ CL_MARIADB, "mariadb", "mariadb CLI and drivers on MariaDB "
	    "Connector/C",
	    { CN_NO_DNS_SAN, WC_OPENSSL, IP_CHECK_HOST_FIRST, 0, 0, 0, 0 },
	    CHAIN_OPENSSL },
	/* libmysqlclient 8: sql-common/client.cc: set1_ip_asc for IP
	 * literals, else set1_host(host, 0). */
	{ CL_MYSQL, "mysql", "mysql CLI and libmysqlclient drivers",
	    { CN_NO_DNS_SAN, WC_OPENSSL, IP_SAN_ONLY, 0, 0, 0, 0 },
	    CHAIN_OPENSSL },
	/* Python 3.13 ssl.create_default_context(): Lib/ssl.py sets
	 * VERIFY_X509_STRICT | VERIFY_X509_PARTIAL_CHAIN, hostflags
	 * NO_PARTIAL_WILDCARDS, hostname_checks_common_name true. */
	{ CL_PYTHON, "python", "PyMySQL, asyncpg, aiomysql and others on "
	    "ssl.create_default_context()",
	    { CN_NO_DNS_SAN, WC_OPENSSL_NO_PARTIAL, IP_SAN_ONLY, 0, 0, 0, 0 },
	    CHAIN_OPENSSL_STRICT },
	/* Go crypto/x509 verify.go VerifyHostname/matchHostnames; pgx and
	 * go-sql-driver/mysql with a custom RootCAs. */
	{ CL_GO, "go", "pgx, lib/pq, go-sql-driver/mysql",
	    { CN_NEVER, WC_GO, IP_SAN_ONLY, 1, 0, 0, 0 },
	    CHAIN_GO },
	/* PgJDBC org.postgresql.ssl.PGjdbcHostnameVerifier. */
	{ CL_PGJDBC, "pgjdbc", "PostgreSQL JDBC driver",
	    { CN_NO_DNS_SAN, WC_PGJDBC, IP_SAN_OR_DNS_TEXT, 0, 0, 0, 1 },
	    CHAIN_JAVA },
	/* MySQL Connector/J ExportControlled (VERIFY_IDENTITY). */
	{ CL_CONNECTORJ, "connector-j", "MySQL Connector/J",
	    { CN_NO_SAN, WC_CONNECTORJ, IP_SAN_OR_DNS_TEXT, 0, 0, 0, 0 },
	    CHAIN_JAVA },
};

const struct server_profile server_profiles[SRV_COUNT] = {
	{ SRV_POSTGRESQL, "postgresql", "PostgreSQL 15+ on OpenSSL 3 "
	    "(security level 2, as on Debian 12)", 0 },
	{ SRV_MARIADB, "mariadb", "MariaDB 10.11", 0 },
	{ SRV_MYSQL, "mysql", "MySQL 8.x", 1 },
};

int
profile_parse_list(const char *list, int servers, unsigned *mask, char *bad,
    size_t badlen)
{
	const char *p = list, *comma;
	size_t len, i, n = servers ? SRV_COUNT : CL_COUNT;
	int found;

	*mask = 0;
	for (;;) {
		comma = strchr(p, ',');
		len = comma ? (size_t)(comma - p) : strlen(p);
		found = 0;
		if (len == 3 && strncmp(p, "all", 3) == 0) {
			*mask |= (1u << n) - 1;
			found = 1;
		}
		for (i = 0; i < n && !found; i++) {
			const char *name = servers ? server_profiles[i].name :
			    client_profiles[i].name;

			if (strlen(name) == len && strncmp(p, name, len) == 0) {
				*mask |= 1u << i;
				found = 1;
			}
		}
		if (!found) {
			snprintf(bad, badlen, "%.*s", (int)len, p);
			return -1;
		}
		if (comma == NULL)
			break;
		p = comma + 1;
	}
	return 0;
}
