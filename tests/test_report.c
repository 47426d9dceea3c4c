/*
 * test_report.c - the CI formats' pieces: GitHub's escaping, paths and
 * URIs, fingerprints, and the SARIF, GitHub and GitLab documents for a
 * hand-made list of findings.
 */
#include "suites.h"
#include "../src/engine.h"
#include "../src/report.h"
#include "../rules/rule.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
add(struct findings *fs, const char *rule, const char *file, unsigned line,
    unsigned col, const char *endpoint, const char *msg)
{
	struct loc loc = { file, line, col };

	ck_assert_ptr_nonnull(rule_find(rule));
	ck_assert_int_eq(finding_add(fs, rule_find(rule), file ? &loc : NULL,
	    endpoint, NULL, "%s", msg), 0);
}

/* What a reporter writes for fs, as a heap string. */
static char *
render(int (*fn)(FILE *, const struct report *), const struct findings *fs,
    int exit_code)
{
	struct report r;
	FILE *fp = tmpfile();
	char *buf;
	long n;

	ck_assert_ptr_nonnull(fp);
	memset(&r, 0, sizeof(r));
	r.version = "9.9.9";
	r.now = TEST_NOW;
	r.fail_on = SEV_WARNING;
	r.exit_code = exit_code;
	r.findings = fs;
	ck_assert_int_eq(fn(fp, &r), 0);
	n = ftell(fp);
	ck_assert_int_ge(n, 0);
	buf = malloc((size_t)n + 1);
	rewind(fp);
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, fp), (size_t)n);
	buf[n] = '\0';
	fclose(fp);
	return buf;
}

START_TEST(test_github_escape)
{
	char *p = report_github_escape("100%,a:b\r\nc", 1);
	char *d = report_github_escape("100%,a:b\r\nc", 0);

	ck_assert_str_eq(p, "100%25%2Ca%3Ab%0D%0Ac");
	ck_assert_str_eq(d, "100%25,a:b%0D%0Ac");
	free(p);
	free(d);
	p = report_github_escape("", 1);
	ck_assert_str_eq(p, "");
	free(p);
}
END_TEST

START_TEST(test_paths)
{
	char *u;

	ck_assert_str_eq(report_path("certs/a.crt", "/w"), "certs/a.crt");
	ck_assert_str_eq(report_path("./certs/a.crt", "/w"), "certs/a.crt");
	ck_assert_str_eq(report_path(".//./a.crt", "/w"), "a.crt");
	ck_assert_str_eq(report_path("/w/certs/a.crt", "/w"), "certs/a.crt");
	ck_assert_str_eq(report_path("/w/certs/a.crt", "/w/"), "certs/a.crt");
	ck_assert_str_eq(report_path("/wx/a.crt", "/w"), "/wx/a.crt");
	ck_assert_str_eq(report_path("/etc/a.crt", "/"), "etc/a.crt");
	ck_assert_str_eq(report_path("/etc/a.crt", NULL), "/etc/a.crt");
	ck_assert_str_eq(report_path("../a.crt", "/w"), "../a.crt");
	ck_assert_ptr_null(report_path("<stdin>", "/w"));
	ck_assert_ptr_null(report_path(NULL, "/w"));

	u = report_uri("certs/a b/\xc3\xbc:%#?.crt");
	ck_assert_str_eq(u, "certs/a%20b/%C3%BC%3A%25%23%3F.crt");
	free(u);
	u = report_uri("/etc/ssl/a~b_c-d.crt");
	ck_assert_str_eq(u, "file:///etc/ssl/a~b_c-d.crt");
	free(u);
}
END_TEST

/* Fingerprints: hex SHA-256; the same for day counts, the --now time and
 * path spellings; different for the rule, file, endpoint and repeats. */
START_TEST(test_fingerprints)
{
	struct findings a, b;
	char *fa, *fb, *cwd = report_cwd(), abs[1200];
	size_t i;

	ck_assert_ptr_nonnull(cwd);
	snprintf(abs, sizeof(abs), "%s/certs/a.crt", cwd);
	findings_init(&a);
	findings_init(&b);
	add(&a, "cert-expires-soon", "certs/a.crt", 20, 1, NULL,
	    "certs/a.crt expires on 2026-12-10, in 9 days (--warn-days 30)");
	add(&b, "cert-expires-soon", "./certs/a.crt", 21, 1, NULL,
	    "./certs/a.crt expires on 2026-12-10, in 1 day (--warn-days 30)");
	add(&a, "host-not-covered", "certs/a.crt", 20, 1, "db1", "db1: no");
	add(&b, "host-not-covered", abs, 20, 1, "db1", "db1: no");
	add(&a, "host-not-covered", "certs/a.crt", 20, 1, "db2", "db2: no");
	add(&b, "host-not-covered", "certs/a.crt", 20, 1, "db3", "db3: no");
	add(&a, "cert-name-invalid", "certs/a.crt", 20, 1, NULL, "name 10.0.0.1");
	add(&b, "cert-name-invalid", "certs/a.crt", 20, 1, NULL, "name 10.0.0.1");
	add(&a, "cert-name-invalid", "certs/a.crt", 20, 1, NULL, "name 10.0.0.2");
	add(&b, "cert-name-invalid", "certs/a.crt", 20, 1, NULL, "name 10.0.0.2");
	add(&a, "cert-v1", "<stdin>", 3, 1, NULL, "v1");
	add(&b, "cert-v1", "<stdin>", 9, 1, NULL, "v1");
	fa = report_fingerprints(&a, cwd);
	fb = report_fingerprints(&b, cwd);
	ck_assert_ptr_nonnull(fa);
	ck_assert_ptr_nonnull(fb);
	for (i = 0; i < a.len; i++) {
		ck_assert_uint_eq(strlen(fa + i * REPORT_FP_SIZE), 64);
		ck_assert_uint_eq(strspn(fa + i * REPORT_FP_SIZE,
		    "0123456789abcdef"), 64);
	}
	/* Another day, another spelling of the path, another line. */
	ck_assert_str_eq(fa, fb);
	ck_assert_str_eq(fa + 1 * REPORT_FP_SIZE, fb + 1 * REPORT_FP_SIZE);
	/* Another endpoint. */
	ck_assert_str_ne(fa + 2 * REPORT_FP_SIZE, fb + 2 * REPORT_FP_SIZE);
	/* Two findings alike but for numbers: distinct, and each stable. */
	ck_assert_str_ne(fa + 3 * REPORT_FP_SIZE, fa + 4 * REPORT_FP_SIZE);
	ck_assert_str_eq(fa + 3 * REPORT_FP_SIZE, fb + 3 * REPORT_FP_SIZE);
	ck_assert_str_eq(fa + 4 * REPORT_FP_SIZE, fb + 4 * REPORT_FP_SIZE);
	/* Standard input. */
	ck_assert_str_eq(fa + 5 * REPORT_FP_SIZE, fb + 5 * REPORT_FP_SIZE);
	/* Another rule, same rest. */
	ck_assert_str_ne(fa + 0 * REPORT_FP_SIZE, fa + 1 * REPORT_FP_SIZE);
	free(fa);
	free(fb);
	findings_free(&a);
	findings_free(&b);
	free(cwd);
}
END_TEST

START_TEST(test_github_document)
{
	struct findings fs;
	char *out, *h1, *h2, *h3, want[4096];

	findings_init(&fs);
	add(&fs, "host-not-covered", "a,b:c.crt", 5, 3, "h", "100% bad\r\nyes");
	add(&fs, "cert-no-san", "./x.crt", 0, 0, NULL, "w: x, y");
	add(&fs, "key-missing", "<stdin>", 1, 1, NULL, "i");
	fs.v[2].severity = SEV_INFO;
	out = render(report_github, &fs, EXIT_ERROR);
	h1 = report_github_escape(rule_find("host-not-covered")->hint, 0);
	h2 = report_github_escape(rule_find("cert-no-san")->hint, 0);
	h3 = report_github_escape(rule_find("key-missing")->hint, 0);
	snprintf(want, sizeof(want),
	    "::error file=a%%2Cb%%3Ac.crt,line=5,col=3,title=host-not-covered::"
	    "100%%25 bad%%0D%%0Ayes%%0Ahint: %s\n"
	    "::warning file=x.crt,title=cert-no-san::w: x, y%%0Ahint: %s\n"
	    "::notice title=key-missing::i%%0Ahint: %s\n", h1, h2, h3);
	ck_assert_str_eq(out, want);
	free(h1);
	free(h2);
	free(h3);
	free(out);
	findings_free(&fs);
	findings_init(&fs);
	out = render(report_github, &fs, EXIT_PASS);
	ck_assert_str_eq(out, "");
	free(out);
}
END_TEST

START_TEST(test_gitlab_document)
{
	struct findings fs;
	json_t *doc, *o;
	json_error_t e;
	char *out;

	findings_init(&fs);
	add(&fs, "host-not-covered", "./a.crt", 5, 3, "h", "e");
	add(&fs, "cert-no-san", "a.crt", 0, 0, NULL, "w");
	add(&fs, "key-missing", "<stdin>", 2, 1, NULL, "i");
	out = render(report_gitlab, &fs, EXIT_ERROR);
	doc = json_loads(out, 0, &e);
	ck_assert_msg(doc != NULL, "not JSON: %s", e.text);
	ck_assert(json_is_array(doc));
	ck_assert_uint_eq(json_array_size(doc), 3);
	o = json_array_get(doc, 0);
	ck_assert_str_eq(json_string_value(json_object_get(o, "check_name")),
	    "host-not-covered");
	ck_assert_str_eq(json_string_value(json_object_get(o, "description")),
	    "e");
	ck_assert_str_eq(json_string_value(json_object_get(o, "severity")),
	    "major");
	ck_assert_uint_eq(strlen(json_string_value(json_object_get(o,
	    "fingerprint"))), 64);
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(o,
	    "location"), "path")), "a.crt");
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(
	    json_object_get(o, "location"), "lines"), "begin")), 5);
	o = json_array_get(doc, 1);
	ck_assert_str_eq(json_string_value(json_object_get(o, "severity")),
	    "minor");
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(
	    json_object_get(o, "location"), "lines"), "begin")), 1);
	o = json_array_get(doc, 2);
	ck_assert_str_eq(json_string_value(json_object_get(o, "severity")),
	    "info");
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(o,
	    "location"), "path")), "<stdin>");
	json_decref(doc);
	free(out);
	findings_free(&fs);
	findings_init(&fs);
	out = render(report_gitlab, &fs, EXIT_PASS);
	ck_assert_str_eq(out, "[]\n");
	free(out);
}
END_TEST

START_TEST(test_sarif_document)
{
	struct findings fs;
	json_t *doc, *run, *rules, *res, *r, *loc;
	json_error_t e;
	char *out, uri[300];
	size_t i;

	findings_init(&fs);
	add(&fs, "host-not-covered", "certs/a b.crt", 5, 3, "h", "e");
	add(&fs, "key-missing", "<stdin>", 2, 1, NULL, "i");
	fs.v[1].severity = SEV_INFO;
	out = render(report_sarif, &fs, EXIT_ERROR);
	doc = json_loads(out, 0, &e);
	ck_assert_msg(doc != NULL, "not JSON: %s", e.text);
	ck_assert_str_eq(json_string_value(json_object_get(doc, "version")),
	    "2.1.0");
	ck_assert_uint_eq(json_array_size(json_object_get(doc, "runs")), 1);
	run = json_array_get(json_object_get(doc, "runs"), 0);
	rules = json_object_get(json_object_get(json_object_get(run, "tool"),
	    "driver"), "rules");
	ck_assert_uint_eq(json_array_size(rules), rule_registry_len);
	for (i = 0; i < rule_registry_len; i++) {
		r = json_array_get(rules, i);
		ck_assert_str_eq(json_string_value(json_object_get(r, "id")),
		    rule_registry[i]->id);
		snprintf(uri, sizeof(uri), "%s#%s", CERTGATE_DOCS_URI,
		    rule_registry[i]->id);
		ck_assert_str_eq(json_string_value(json_object_get(r,
		    "helpUri")), uri);
		ck_assert_str_eq(json_string_value(json_object_get(
		    json_object_get(r, "help"), "text")), rule_registry[i]->hint);
		ck_assert_str_eq(json_string_value(json_object_get(
		    json_object_get(r, "defaultConfiguration"), "level")),
		    rule_registry[i]->severity == SEV_ERROR ? "error" :
		    rule_registry[i]->severity == SEV_WARNING ? "warning" :
		    "note");
	}
	res = json_object_get(run, "results");
	ck_assert_uint_eq(json_array_size(res), 2);
	r = json_array_get(res, 0);
	ck_assert_str_eq(json_string_value(json_object_get(r, "ruleId")),
	    "host-not-covered");
	ck_assert_int_eq(json_integer_value(json_object_get(r, "ruleIndex")),
	    (json_int_t)report_rule_index(rule_find("host-not-covered")));
	ck_assert_str_eq(json_string_value(json_object_get(r, "level")),
	    "error");
	loc = json_object_get(json_array_get(json_object_get(r, "locations"),
	    0), "physicalLocation");
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(loc,
	    "artifactLocation"), "uri")), "certs/a%20b.crt");
	ck_assert_str_eq(json_string_value(json_object_get(json_object_get(loc,
	    "artifactLocation"), "uriBaseId")), "%SRCROOT%");
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(loc,
	    "region"), "startLine")), 5);
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(loc,
	    "region"), "startColumn")), 3);
	ck_assert_uint_eq(strlen(json_string_value(json_object_get(
	    json_object_get(r, "partialFingerprints"), "certgate/v1"))), 64);
	r = json_array_get(res, 1);
	ck_assert_str_eq(json_string_value(json_object_get(r, "level")),
	    "note");
	ck_assert_uint_eq(json_array_size(json_object_get(r, "locations")), 0);
	ck_assert_int_eq(json_integer_value(json_object_get(json_array_get(
	    json_object_get(run, "invocations"), 0), "exitCode")), EXIT_ERROR);
	json_decref(doc);
	free(out);
	findings_free(&fs);
}
END_TEST

/* Each rule's helpUri anchor is an id in the manual as mandoc renders it
 * (make html). */
START_TEST(test_help_anchors)
{
	FILE *p = popen("mandoc -T html man/certgate.1 2>/dev/null", "r");
	char *html = NULL, id[200];
	size_t len = 0, n, i;
	char buf[8192];

	ck_assert_ptr_nonnull(p);
	while ((n = fread(buf, 1, sizeof(buf), p)) > 0) {
		html = realloc(html, len + n + 1);
		memcpy(html + len, buf, n);
		len += n;
	}
	ck_assert_int_eq(pclose(p), 0);
	ck_assert_uint_gt(len, 0);
	html[len] = '\0';
	for (i = 0; i < rule_registry_len; i++) {
		snprintf(id, sizeof(id), "id=\"%s\"", rule_registry[i]->id);
		ck_assert_msg(strstr(html, id) != NULL, "%s: no anchor %s in "
		    "mandoc -T html man/certgate.1", rule_registry[i]->id, id);
	}
	free(html);
}
END_TEST

Suite *
suite_report(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("ci-formats");

	tcase_add_test(tc, test_github_escape);
	tcase_add_test(tc, test_paths);
	tcase_add_test(tc, test_fingerprints);
	tcase_add_test(tc, test_github_document);
	tcase_add_test(tc, test_gitlab_document);
	tcase_add_test(tc, test_sarif_document);
	tcase_add_test(tc, test_help_anchors);
	suite_add_tcase(s, tc);
	return s;
}
