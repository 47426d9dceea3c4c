/*
 * report.h - write the results of a run: text for people, JSON, SARIF,
 * GitHub workflow commands and GitLab Code Quality for machines.
 * Reporters only read; they never decide the exit status.
 */
#ifndef CERTGATE_REPORT_H
#define CERTGATE_REPORT_H

#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "acceptance.h"
#include "bundle.h"
#include "finding.h"

struct report {
	const char *version;
	int64_t now;
	enum severity fail_on;
	int exit_code;
	struct bundle *const *bundles;
	size_t nbundles;
	/* Per bundle: its predictions (NULL: none made), and which servers
	 * and clients to report (bit masks over server_id / client_id). */
	const struct acceptance *const *accept;
	unsigned servers, clients;
	const unsigned *bundle_servers, *bundle_clients;        /* or NULL */
	const char *const *names;       /* bundle names (entries may be NULL),
	                                 * or NULL */
	const struct findings *findings;
	int color;              /* text only: ANSI colour */
};

/* report_text - compiler-style findings, the set, a summary line.
 * Returns 0, or -1 on a write error or out of memory. */
int report_text(FILE *out, const struct report *r);

/* report_json - one JSON document (see man/certgate.1, JSON OUTPUT).
 * Returns 0, or -1 on a write error or out of memory. */
int report_json(FILE *out, const struct report *r);

/* report_rules_text / report_rules_json - the registry, for --list-rules. */
int report_rules_text(FILE *out);
int report_rules_json(FILE *out, const char *version);

/* The project's home page (SARIF informationUri), and the manual as
 * `make html` renders it (mandoc -T html), where each rule's entry has
 * its id as anchor: a rule's helpUri is CERTGATE_DOCS_URI "#" id. */
#define CERTGATE_HOME_URI "https://github.com/certgate/certgate"
#define CERTGATE_DOCS_URI "https://certgate.github.io/certgate/certgate.1.html"

/* report_sarif - one SARIF 2.1.0 log with one run: the whole registry as
 * tool.driver.rules, one result per finding (man/certgate.1, OUTPUT).
 * Returns 0, or -1 on a write error or out of memory. */
int report_sarif(FILE *out, const struct report *r);
/* report_rules_sarif - the same log with the rules and no results. */
int report_rules_sarif(FILE *out, const char *version);

/* report_github - one GitHub Actions workflow command per finding
 * (::error, ::warning or ::notice), escaped as GitHub documents.
 * Returns 0, or -1 on a write error or out of memory. */
int report_github(FILE *out, const struct report *r);

/* report_gitlab - a GitLab Code Quality report: a JSON array with one
 * object per finding.  Returns 0, or -1 on a write error or out of memory. */
int report_gitlab(FILE *out, const struct report *r);

/*
 * Shared by the CI formats (report_util.c).
 *
 * report_cwd - the working directory (caller frees), or NULL.
 * report_is_stdin - whether a finding's file is standard input.
 * report_path - the path a CI format names for file: relative to cwd
 *     when file is an absolute path under it, a leading "./" dropped;
 *     NULL for no file or standard input.  Points into file.
 * report_uri - path as a URI reference: relative stays relative, an
 *     absolute path becomes file:///...; every byte but A-Z a-z 0-9
 *     - . _ ~ / percent-encoded.  Caller frees; NULL out of memory.
 * report_fingerprints - one fingerprint per finding, stable across runs:
 *     lowercase hex SHA-256 (REPORT_FP_SIZE - 1 characters, then NUL) at
 *     offset i * REPORT_FP_SIZE, over "certgate/v1", the rule id, the
 *     path, the endpoint and the message with its numbers masked; the
 *     k-th repeat of the same hashes that again with k.  Caller frees.
 * report_github_escape - s escaped for a workflow command: %, CR, LF
 *     always; ':' and ',' too when property.  Caller frees.
 * report_rule_index - r's index in rule_registry.
 * report_jstr - a JSON string for s (escaped with str_printable when not
 *     UTF-8), null for NULL; NULL only out of memory.
 * report_put - set obj[key] = value; -1 when value is NULL.
 * report_emit_json - dump doc indented, in insertion order, with a final
 *     newline; takes doc's reference.  0, or -1.
 */
#define REPORT_FP_SIZE 65
struct rule;
char *report_cwd(void);
int report_is_stdin(const char *file);
const char *report_path(const char *file, const char *cwd);
char *report_uri(const char *path);
char *report_fingerprints(const struct findings *f, const char *cwd);
char *report_github_escape(const char *s, int property);
size_t report_rule_index(const struct rule *r);
json_t *report_jstr(const char *s);
int report_put(json_t *obj, const char *key, json_t *value);
int report_emit_json(FILE *out, json_t *doc);

/* report_servers / report_clients - the profile masks for bundle k. */
unsigned report_servers(const struct report *r, size_t k);
unsigned report_clients(const struct report *r, size_t k);
/* report_name - bundle k's name, or NULL. */
const char *report_name(const struct report *r, size_t k);

#endif
