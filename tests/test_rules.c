/*
 * test_rules.c - every rule on real fixtures: at least one set where it
 * fires and one where it must not.  The table is also what the registry
 * test checks coverage against.
 */
#include "suites.h"
#include "rule_cases.h"

#include <stdio.h>
#include <string.h>

#include "../src/bundle.h"
#include "../src/finding.h"
#include "../rules/rule.h"

#define GS "good-san/server.crt good-san/server.key good-san/server-ca.crt"
#define EP_RM "rm-bp1abc123.mysql.rds.aliyuncs.com"
#define EP_PG "pgm-bp1abc123.pg.rds.aliyuncs.com"
#define SET(d) d "/server.crt " d "/server.key " d "/server-ca.crt"

const struct rule_case rule_cases[] = {
	{ "input-no-pem", "no-pem-der/server.crt no-pem-der/server.key no-pem-der/server-ca.crt", EP_RM, 1 },
	{ "input-no-pem", "no-pem-der/server.key.der good-san/server.crt", EP_RM, 1 },
	{ "input-no-pem", "no-pem-p12/server.p12", EP_RM, 1 },
	{ "input-no-pem", "no-pem-openssh/server.crt no-pem-openssh/server.key", EP_RM, 1 },
	{ "input-no-pem", "no-pem-empty/server.crt no-pem-empty/blank.crt", EP_RM, 2 },
	{ "input-no-pem", GS, EP_RM, 0 },
	{ "input-no-pem", "good-san/server.csr " GS, EP_RM, 0 },
	{ "input-malformed-pem", SET("malformed-base64"), EP_RM, 1 },
	{ "input-malformed-pem", SET("malformed-truncated"), EP_RM, 1 },
	{ "input-malformed-pem", SET("malformed-der"), EP_RM, 1 },
	{ "input-malformed-pem", SET("malformed-armor"), EP_RM, 1 },
	{ "input-malformed-pem", SET("crlf"), EP_RM, 0 },
	{ "input-malformed-pem", SET("guide-mysql"), EP_RM, 0 },
	{ "input-ambiguous", "ambiguous-two-leaves/server.crt ambiguous-two-leaves/server2.crt", EP_RM, 1 },
	{ "input-ambiguous", "ambiguous-two-leaves/server-both.crt ambiguous-two-leaves/server.key ambiguous-two-leaves/server2.key", EP_RM, 1 },
	{ "input-ambiguous", "good-san/server.key", EP_RM, 1 },
	{ "input-ambiguous", "ambiguous-two-leaves/server-both.crt ambiguous-two-leaves/server2.key", EP_PG, 0 },
	{ "input-ambiguous", "cert:ambiguous-two-leaves/server2.crt ambiguous-two-leaves/server.crt", EP_PG, 0 },
	{ "input-ambiguous", GS, EP_RM, 0 },
	{ "key-missing", "good-san/server.crt good-san/server-ca.crt", EP_RM, 1 },
	{ "key-missing", GS, EP_RM, 0 },
	{ "key-encrypted", SET("key-encrypted-pkcs8"), EP_RM, 1 },
	{ "key-encrypted", SET("key-encrypted-legacy"), EP_RM, 1 },
	{ "key-encrypted", GS, EP_RM, 0 },
	{ "key-encrypted", "key-formats/server.crt key-formats/server-pkcs1.key", EP_RM, 0 },
	{ "key-mismatch", SET("key-mismatch"), EP_RM, 1 },
	{ "key-mismatch", SET("key-mismatch-ec"), EP_RM, 1 },
	{ "key-mismatch", "good-san/server.crt good-ec/server.key", EP_RM, 1 },
	{ "key-mismatch", GS, EP_RM, 0 },
	{ "key-mismatch", SET("good-ec"), EP_RM, 0 },
	{ "key-mismatch", "key-formats/server.crt key-formats/server-pkcs1.key key-formats/server-ca.crt", EP_RM, 0 },
	{ "key-mismatch", "key-formats/server-ec.crt key-formats/server-sec1.key key-formats/server-ec-ca.crt", EP_RM, 0 },
	{ "key-mismatch", SET("key-is-ca-key"), EP_RM, 0 },
	{ "key-world-readable", SET("key-world-readable"), EP_RM, 1 },
	{ "key-world-readable", GS, EP_RM, 0 },
	{ "key-world-readable", "good-san/server.crt", EP_RM, 0 },
	{ "key-tracked-by-git", "good-san/server.crt git:good-san/server.key", EP_RM, 1 },
	{ "key-tracked-by-git", GS, EP_RM, 0 },
	{ "key-tracked-by-git", "key-encrypted-pkcs8/server.crt git:key-encrypted-pkcs8/server.key", EP_RM, 0 },
	{ "key-tracked-by-git", "good-san/server.crt", EP_RM, 0 },
	{ "key-is-ca-key", SET("key-is-ca-key"), EP_RM, 1 },
	{ "key-is-ca-key", GS, EP_RM, 0 },
	{ "key-is-ca-key", SET("key-mismatch"), EP_RM, 0 },
	{ "key-weak", SET("rsa1024-leaf"), EP_RM, 1 },
	{ "key-weak", SET("ec-p224-leaf"), EP_RM, 1 },
	{ "key-weak", "rsa1024-leaf/server.crt good-san/server.key good-san/server-ca.crt", EP_RM, 1 },
	{ "key-weak", "good-san/server.crt rsa1024-leaf/server.key good-san/server-ca.crt", EP_RM, 1 },
	{ "key-weak", GS, EP_RM, 0 },
	{ "key-weak", SET("good-ec"), EP_RM, 0 },
	{ "key-weak", SET("rsa1024-ca"), EP_RM, 0 },
	{ "key-weak-factorable", SET("rsa-fermat"), EP_RM, 1 },
	{ "key-weak-factorable", SET("rsa-roca"), EP_RM, 1 },
	{ "key-weak-factorable", "good-san/server.crt rsa-fermat/server.key good-san/server-ca.crt", EP_RM, 1 },
	{ "key-weak-factorable", GS, EP_RM, 0 },
	{ "key-weak-factorable", SET("guide-mysql"), EP_RM, 0 },
	{ "key-weak-factorable", SET("good-ec"), EP_RM, 0 },
	{ "key-unsupported", SET("ed25519"), EP_RM, 1 },
	{ "key-unsupported", SET("dsa-leaf"), EP_RM, 1 },
	{ "key-unsupported", SET("ed25519-mismatch"), EP_RM, 1 },
	{ "key-unsupported", "good-san/server.crt ed25519/server.key good-san/server-ca.crt", EP_RM, 1 },
	{ "key-unsupported", GS, EP_RM, 0 },
	{ "key-unsupported", SET("good-ec"), EP_RM, 0 },
	{ "host-not-covered", SET("guide-pg-san"), EP_RM, 1 },
	{ "host-not-covered", GS, "10.0.0.1", 1 },
	{ "host-not-covered", GS, "pgm-bp1def456.pg.rds.aliyuncs.com", 1 },
	{ "host-not-covered", SET("good-wildcard"), "a.rm-bp1abc123.mysql.rds.aliyuncs.com", 1 },
	{ "host-not-covered", SET("guide-mysql"), "rm-bpxxxxx.mysql.rds.aliyuncs.com," EP_PG, 2 },
	{ "host-not-covered", GS, EP_RM "," EP_PG ",127.0.0.1,[::1]:5432", 0 },
	{ "host-not-covered", SET("good-wildcard"), "RM-BP1ABC123.mysql.rds.aliyuncs.com:3306", 0 },
	{ "host-not-covered", SET("guide-pg-san"), "postgresql://u@pgm-bp1abc123.pg.rds.aliyuncs.com,pgm-bp1def456.pg.rds.aliyuncs.com/db", 0 },
	{ "host-partial-wildcard", SET("san-partial-wildcard"), EP_RM, 1 },
	{ "host-partial-wildcard", SET("san-partial-wildcard-hyphen"), EP_RM, 1 },
	{ "host-partial-wildcard", SET("san-wildcard-suffix"), NULL, 1 },
	{ "host-partial-wildcard", SET("good-wildcard"), EP_RM, 0 },
	{ "host-partial-wildcard", GS, EP_RM, 0 },
	{ "host-wildcard-depth", SET("san-wildcard-depth"), EP_RM, 1 },
	{ "host-wildcard-depth", SET("san-wildcard-tld"), EP_RM, 1 },
	{ "host-wildcard-depth", SET("good-wildcard"), EP_RM, 0 },
	{ "host-wildcard-depth", SET("san-wildcard-depth"), NULL, 0 },
	{ "host-trailing-dot", SET("san-trailing-dot"), EP_RM, 1 },
	{ "host-trailing-dot", GS, EP_RM ".", 1 },
	{ "host-trailing-dot", GS, EP_RM, 0 },
	{ "host-ip-in-dns-san", SET("san-ip-in-dns"), EP_RM ",127.0.0.1", 1 },
	{ "host-ip-in-dns-san", SET("cn-ip-only"), "127.0.0.1", 1 },
	{ "host-ip-in-dns-san", SET("san-ip-in-dns"), NULL, 1 },
	{ "host-ip-in-dns-san", GS, EP_RM ",127.0.0.1", 0 },
	{ "host-cn-fallback", SET("guide-mysql"), EP_RM, 1 },
	{ "host-cn-fallback", SET("guide-pg"), EP_PG, 1 },
	{ "host-cn-fallback", GS, EP_RM, 0 },
	{ "host-cn-fallback", SET("guide-pg-san"), EP_PG, 0 },
	{ "host-none-given", GS, NULL, 1 },
	{ "host-none-given", GS, EP_RM, 0 },
	{ "cert-placeholder", SET("placeholder-mysql"), EP_RM, 1 },
	{ "cert-placeholder", SET("placeholder-pg-san"), EP_PG, 2 },
	{ "cert-placeholder", SET("placeholder-mysql"), NULL, 0 },
	{ "cert-placeholder", SET("placeholder-pg-san"), NULL, 0 },
	{ "cert-placeholder", SET("placeholder-mysql"), "rm-bpxxxxx.mysql.rds.aliyuncs.com", 0 },
	{ "cert-placeholder", SET("guide-mysql"), EP_RM, 0 },
	{ "cert-placeholder", GS, EP_RM, 0 },
	{ "cert-name-invalid", SET("san-nul"), EP_RM, 1 },
	{ "cert-name-invalid", SET("san-bad-chars"), EP_RM, 3 },
	{ "cert-name-invalid", GS, EP_RM, 0 },
	{ "cert-name-invalid", SET("good-wildcard"), EP_RM, 0 },
	{ "cert-name-invalid", SET("guide-pg-san"), EP_PG, 0 },
	{ "cert-name-invalid", SET("san-ip-in-dns"), EP_RM, 0 },
	{ "cert-name-invalid", SET("san-partial-wildcard"), EP_RM, 0 },
	{ "cert-name-invalid", SET("san-wildcard-tld"), EP_RM, 0 },
	{ "cert-name-invalid", SET("san-trailing-dot"), EP_RM, 0 },
	{ "cert-name-invalid", SET("self-signed-server"), EP_RM, 0 },
	{ "cert-san-dropped", SET("san-dropped") " san-dropped/server.csr", EP_PG, 1 },
	{ "cert-san-dropped", SET("san-dropped"), EP_PG, 0 },
	{ "cert-san-dropped", SET("guide-pg-san") " guide-pg-san/server.csr", EP_PG, 0 },
	{ "cert-san-dropped", GS " good-san/server.csr", EP_RM, 0 },
	{ "cert-san-dropped", SET("guide-mysql") " guide-mysql/server.csr", EP_RM, 0 },
	{ "cert-no-san", SET("guide-mysql"), EP_RM, 1 },
	{ "cert-no-san", SET("cn-ip-only"), "127.0.0.1", 1 },
	{ "cert-no-san", SET("san-dropped"), EP_PG, 1 },
	{ "cert-no-san", GS, EP_RM, 0 },
	{ "cert-no-san", SET("guide-pg-san"), EP_PG, 0 },
	{ "cert-v1", SET("guide-mysql"), EP_RM, 1 },
	{ "cert-v1", SET("guide-pg"), EP_PG, 1 },
	{ "cert-v1", SET("san-dropped"), EP_PG, 1 },
	{ "cert-v1", GS, EP_RM, 0 },
	{ "cert-v1", SET("guide-pg-san"), EP_PG, 0 },
	{ "cert-self-signed", SET("self-signed-server"), EP_RM, 1 },
	{ "cert-self-signed", SET("self-signed-server-san"), EP_RM, 1 },
	{ "cert-self-signed", "cert:self-signed-server/server.crt self-signed-server/server.key ca:self-signed-server/server-ca.crt", EP_RM, 1 },
	{ "cert-self-signed", GS, EP_RM, 0 },
	{ "cert-self-signed", SET("guide-mysql"), EP_RM, 0 },
	{ "cert-same-dn-as-ca", SET("same-dn-as-ca"), EP_RM, 1 },
	{ "cert-same-dn-as-ca", GS, EP_RM, 0 },
	{ "cert-same-dn-as-ca", SET("self-signed-server-san"), EP_RM, 0 },
	{ "cert-same-dn-as-ca", "cert:self-signed-server/server.crt self-signed-server/server.key ca:self-signed-server/server-ca.crt", EP_RM, 0 },
	{ "cert-is-ca", SET("leaf-is-ca"), EP_RM, 1 },
	{ "cert-is-ca", GS, EP_RM, 0 },
	{ "cert-is-ca", SET("self-signed-server"), EP_RM, 0 },
	{ "cert-purpose", SET("eku-client-only"), EP_RM, 1 },
	{ "cert-purpose", SET("ku-certsign-only"), EP_RM, 1 },
	{ "cert-purpose", GS, EP_RM, 0 },
	{ "cert-purpose", SET("guide-mysql"), EP_RM, 0 },
	{ "cert-purpose", SET("good-ec"), EP_RM, 0 },
	{ "cert-purpose", SET("guide-pg-san"), EP_PG, 0 },
	{ "cert-weak-signature", SET("sha1-leaf"), EP_RM, 1 },
	{ "cert-weak-signature", SET("md5-leaf"), EP_RM, 1 },
	{ "cert-weak-signature", SET("sha1-ca-root"), EP_RM, 0 },
	{ "cert-weak-signature", GS, EP_RM, 0 },
	{ "cert-weak-signature", SET("good-ec"), EP_RM, 0 },
	{ "cert-serial-invalid", SET("serial-zero"), EP_RM, 1 },
	{ "cert-serial-invalid", SET("serial-negative"), EP_RM, 1 },
	{ "cert-serial-invalid", SET("serial-long"), EP_RM, 1 },
	{ "cert-serial-invalid", GS, EP_RM, 0 },
	{ "cert-no-akid", SET("leaf-no-akid"), EP_RM, 1 },
	{ "cert-no-akid", SET("ca-no-skid"), EP_RM, 1 },
	{ "cert-no-akid", SET("ca-v1"), EP_RM, 1 },
	{ "cert-no-akid", SET("guide-mysql"), EP_RM, 0 },
	{ "cert-no-akid", GS, EP_RM, 0 },
	{ "cert-no-akid", SET("self-signed-server"), EP_RM, 0 },
	{ "cert-expired", SET("expired"), EP_RM, 1 },
	{ "cert-expired", GS, EP_RM, 0 },
	{ "cert-not-yet-valid", SET("not-yet-valid"), EP_RM, 1 },
	{ "cert-not-yet-valid", GS, EP_RM, 0 },
	{ "cert-expires-soon", SET("expires-soon"), EP_RM, 1 },
	{ "cert-expires-soon", GS, EP_RM, 0 },
	{ "cert-expires-soon", SET("expired"), EP_RM, 0 },
	{ "chain-no-ca", "good-san/server.crt good-san/server.key", EP_RM, 1 },
	{ "chain-no-ca", GS, EP_RM, 0 },
	{ "chain-not-issued-by-ca", SET("chain-wrong-ca"), EP_RM, 1 },
	{ "chain-not-issued-by-ca", SET("chain-bad-sig"), EP_RM, 1 },
	{ "chain-not-issued-by-ca", "good-san/server.crt good-san/server.key ca:good-ec/server-ca.crt", EP_RM, 1 },
	{ "chain-not-issued-by-ca", GS, EP_RM, 0 },
	{ "chain-not-issued-by-ca", SET("guide-mysql"), EP_RM, 0 },
	{ "chain-not-issued-by-ca", SET("good-ec"), EP_RM, 0 },
	{ "chain-not-issued-by-ca", "chain-bad-sig/server.crt chain-bad-sig/server.key ca:chain-bad-sig/signer-ca.crt", EP_RM, 0 },
	{ "ca-not-ca", SET("ca-not-ca-nobc"), EP_RM, 1 },
	{ "ca-not-ca", SET("ca-not-ca-bcfalse"), EP_RM, 1 },
	{ "ca-not-ca", SET("ca-not-ca-ku"), EP_RM, 1 },
	{ "ca-not-ca", SET("ca-ku-only"), EP_RM, 0 },
	{ "ca-not-ca", SET("ca-v1"), EP_RM, 0 },
	{ "ca-not-ca", SET("guide-mysql"), EP_RM, 0 },
	{ "ca-not-ca", GS, EP_RM, 0 },
	{ "ca-v1", SET("ca-v1"), EP_RM, 1 },
	{ "ca-v1", GS, EP_RM, 0 },
	{ "ca-v1", SET("guide-mysql"), EP_RM, 0 },
	{ "ca-key-weak", SET("rsa1024-ca"), EP_RM, 1 },
	{ "ca-key-weak", GS, EP_RM, 0 },
	{ "ca-key-weak", SET("good-ec"), EP_RM, 0 },
	{ "ca-key-weak", SET("rsa1024-leaf"), EP_RM, 0 },
	{ "ca-no-key-usage", SET("guide-mysql"), EP_RM, 1 },
	{ "ca-no-key-usage", SET("ca-no-ku"), EP_RM, 1 },
	{ "ca-no-key-usage", GS, EP_RM, 0 },
	{ "ca-no-key-usage", SET("ca-v1"), EP_RM, 0 },
	{ "ca-no-key-usage", SET("ca-not-ca-nobc"), EP_RM, 0 },
	{ "ca-bc-not-critical", SET("ca-bc-not-critical"), EP_RM, 1 },
	{ "ca-bc-not-critical", GS, EP_RM, 0 },
	{ "ca-bc-not-critical", SET("guide-mysql"), EP_RM, 0 },
	{ "ca-no-skid", SET("ca-no-skid"), EP_RM, 1 },
	{ "ca-no-skid", GS, EP_RM, 0 },
	{ "ca-no-skid", SET("ca-v1"), EP_RM, 0 },
	{ "ca-expired", SET("ca-expired"), EP_RM, 1 },
	{ "ca-expired", GS, EP_RM, 0 },
	{ "ca-not-yet-valid", SET("ca-not-yet-valid"), EP_RM, 1 },
	{ "ca-not-yet-valid", GS, EP_RM, 0 },
	{ "ca-expires-soon", SET("ca-expires-soon"), EP_RM, 1 },
	{ "ca-expires-soon", GS, EP_RM, 0 },
	{ "ca-expires-before-cert", SET("ca-expires-before-cert"), EP_RM, 1 },
	{ "ca-expires-before-cert", SET("ca-expires-soon"), EP_RM, 1 },
	{ "ca-expires-before-cert", GS, EP_RM, 0 },
	{ "ca-expires-before-cert", SET("ca-expired"), EP_RM, 0 },
	{ "ca-expires-before-cert", SET("guide-mysql"), EP_RM, 0 },
};
const size_t rule_cases_len = sizeof(rule_cases) / sizeof(rule_cases[0]);

START_TEST(test_rule_case)
{
	const struct rule_case *c = &rule_cases[_i];
	struct bundle b;
	struct findings f;
	size_t n, i;
	char all[4096] = "";

	ck_assert_ptr_nonnull(rule_find(c->rule));
	lint_files(c->files, c->endpoints, &b, &f);
	n = has_rule(&f, c->rule);
	for (i = 0; i < f.len; i++) {
		strncat(all, f.v[i].rule->id, sizeof(all) - strlen(all) - 2);
		strncat(all, " ", sizeof(all) - strlen(all) - 1);
	}
	ck_assert_msg(n == c->count, "%s on [%s] -e %s: fired %zu time(s), "
	    "expected %u; all findings: %s", c->rule, c->files,
	    c->endpoints ? c->endpoints : "(none)", n, c->count, all);
	/* Findings name a file and line whenever they are about an input. */
	for (i = 0; i < f.len; i++) {
		ck_assert_ptr_nonnull(f.v[i].message);
		ck_assert_ptr_nonnull(f.v[i].hint);
		ck_assert_msg(f.v[i].file != NULL && f.v[i].line > 0,
		    "%s finding without file:line", f.v[i].rule->id);
	}
	lint_free(&b, &f);
}
END_TEST

/* The MySQL guide's exact output, linted for its CN: warnings only, and
 * exactly these (the CN fallback, and what the v1 leaf and Debian's
 * v3_ca CA lack). */
START_TEST(test_guide_mysql_only_warnings)
{
	static const char *const want[] = {
		"host-cn-fallback", "cert-no-san", "cert-v1", "ca-no-key-usage",
	};
	struct bundle b;
	struct findings f;
	size_t i;

	lint_files(SET("guide-mysql"), EP_RM, &b, &f);
	ck_assert_uint_eq(f.len, sizeof(want) / sizeof(want[0]));
	for (i = 0; i < f.len; i++) {
		ck_assert_str_eq(f.v[i].rule->id, want[i]);
		ck_assert_int_eq(f.v[i].severity, SEV_WARNING);
	}
	ck_assert_str_eq(f.v[0].endpoint, EP_RM);
	lint_free(&b, &f);
}
END_TEST

/* Messages must say what and where, e.g. the base64 damage position. */
START_TEST(test_malformed_positions)
{
	static const struct { const char *set; unsigned line, col; } pos[] = {
		{ "malformed-base64", 10, 33 },
		{ "malformed-armor", 22, 1 },
		{ "malformed-truncated", 13, 1 },
		{ "malformed-der", 1, 1 },
	};
	struct bundle b;
	struct findings f;
	char files[256];
	size_t i, j;
	int seen;

	for (i = 0; i < sizeof(pos) / sizeof(pos[0]); i++) {
		snprintf(files, sizeof(files), "%s/server.crt", pos[i].set);
		lint_files(files, NULL, &b, &f);
		seen = 0;
		for (j = 0; j < f.len; j++) {
			if (strcmp(f.v[j].rule->id, "input-malformed-pem") != 0)
				continue;
			seen = 1;
			ck_assert_msg(f.v[j].line == pos[i].line &&
			    f.v[j].column == pos[i].col, "%s: at %u:%u, "
			    "expected %u:%u", pos[i].set, f.v[j].line,
			    f.v[j].column, pos[i].line, pos[i].col);
		}
		ck_assert_msg(seen, "%s: no input-malformed-pem", pos[i].set);
		lint_free(&b, &f);
	}
}
END_TEST

/* No finding may quote private-key material. */
START_TEST(test_no_key_material_in_findings)
{
	static const char *const sets[] = {
		SET("key-mismatch"), SET("key-is-ca-key"),
		SET("key-encrypted-legacy"), "no-pem-der/server.key.der",
		"malformed-base64/server.key good-san/server.key",
		SET("rsa-fermat"), SET("rsa-roca"), SET("rsa1024-leaf"),
		SET("ec-p224-leaf"), SET("ed25519"), SET("ed25519-mismatch"),
		SET("dsa-leaf"),
	};
	struct bundle b;
	struct findings f;
	size_t i, j;

	for (i = 0; i < sizeof(sets) / sizeof(sets[0]); i++) {
		lint_files(sets[i], EP_RM, &b, &f);
		for (j = 0; j < f.len; j++) {
			ck_assert_ptr_null(strstr(f.v[j].message, "MII"));
			ck_assert_ptr_null(strstr(f.v[j].hint, "MII"));
		}
		lint_free(&b, &f);
	}
}
END_TEST

Suite *
suite_rules(void)
{
	Suite *s = suite_create("rules");
	TCase *tc = tcase_create("cases");

	tcase_add_loop_test(tc, test_rule_case, 0, (int)rule_cases_len);
	tcase_add_test(tc, test_guide_mysql_only_warnings);
	tcase_add_test(tc, test_malformed_positions);
	tcase_add_test(tc, test_no_key_material_in_findings);
	suite_add_tcase(s, tc);
	return s;
}
