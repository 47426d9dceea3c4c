/*
 * report_sarif.c - the SARIF 2.1.0 log (OASIS standard), for code
 * scanning services: GitHub code scanning, Azure DevOps, IDE viewers.
 * Built with jansson like the JSON report.
 */
#include "report.h"
#include "engine.h"
#include "../rules/rule.h"

#include <stdlib.h>
#include <string.h>

#define SARIF_SCHEMA "https://docs.oasis-open.org/sarif/sarif/v2.1.0/" \
	"errata01/os/schemas/sarif-schema-2.1.0.json"

static const char *
sarif_level(enum severity s)
{
	return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" : "note";
}

/* {"text": s} */
static json_t *
message(const char *s)
{
	json_t *o = json_object();

	if (o == NULL || report_put(o, "text", report_jstr(s)) != 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* The rule's friendly name: its id in PascalCase (host-cn-fallback:
 * HostCnFallback). */
static json_t *
rule_name(const char *id)
{
	char *s = malloc(strlen(id) + 1), *o = s;
	int up = 1;
	json_t *j;

	if (s == NULL)
		return NULL;
	for (; *id != '\0'; id++) {
		if (*id == '-') {
			up = 1;
			continue;
		}
		*o++ = up && *id >= 'a' && *id <= 'z' ? (char)(*id - 'a' + 'A') :
		    *id;
		up = 0;
	}
	*o = '\0';
	j = json_string(s);
	free(s);
	return j;
}

static json_t *
rule_json(const struct rule *r)
{
	json_t *o = json_object(), *cfg = json_object();
	int bad = 0;

	if (o == NULL || cfg == NULL) {
		json_decref(o);
		json_decref(cfg);
		return NULL;
	}
	bad |= report_put(cfg, "level", json_string(sarif_level(r->severity)));
	bad |= report_put(o, "id", json_string(r->id));
	bad |= report_put(o, "name", rule_name(r->id));
	bad |= report_put(o, "shortDescription", message(r->summary));
	bad |= report_put(o, "fullDescription", message(r->rationale));
	bad |= report_put(o, "help", message(r->hint));
	bad |= report_put(o, "helpUri", json_sprintf("%s#%s",
	    CERTGATE_DOCS_URI, r->id));
	bad |= report_put(o, "defaultConfiguration", cfg);
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *
driver_json(const char *version)
{
	json_t *o = json_object(), *rules = json_array();
	size_t i;
	int bad = 0;

	if (o == NULL || rules == NULL) {
		json_decref(o);
		json_decref(rules);
		return NULL;
	}
	for (i = 0; i < rule_registry_len; i++)
		bad |= json_array_append_new(rules, rule_json(rule_registry[i]));
	bad |= report_put(o, "name", json_string("certgate"));
	bad |= report_put(o, "version", json_string(version));
	bad |= report_put(o, "semanticVersion", json_string(version));
	bad |= report_put(o, "informationUri", json_string(CERTGATE_HOME_URI));
	bad |= report_put(o, "rules", rules);
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* [{"physicalLocation": ...}], or [] when the finding names no file. */
static json_t *
locations_json(const struct finding *f, const char *cwd)
{
	json_t *a = json_array(), *loc, *phys, *art, *region;
	const char *path = report_path(f->file, cwd);
	char *uri;
	int bad = 0;

	if (a == NULL || path == NULL)
		return a;
	loc = json_object();
	phys = json_object();
	art = json_object();
	region = f->line > 0 ? json_object() : NULL;
	uri = report_uri(path);
	if (loc == NULL || phys == NULL || art == NULL || uri == NULL ||
	    (f->line > 0 && region == NULL)) {
		json_decref(a);
		json_decref(loc);
		json_decref(phys);
		json_decref(art);
		json_decref(region);
		free(uri);
		return NULL;
	}
	bad |= report_put(art, "uri", json_string(uri));
	if (path[0] != '/')
		bad |= report_put(art, "uriBaseId", json_string("%SRCROOT%"));
	free(uri);
	bad |= report_put(phys, "artifactLocation", art);
	if (region != NULL) {
		bad |= report_put(region, "startLine", json_integer(f->line));
		if (f->column > 0)
			bad |= report_put(region, "startColumn",
			    json_integer(f->column));
		bad |= report_put(phys, "region", region);
	}
	bad |= report_put(loc, "physicalLocation", phys);
	bad |= json_array_append_new(a, loc);
	if (bad) {
		json_decref(a);
		return NULL;
	}
	return a;
}

static json_t *
result_json(const struct finding *f, const char *fp, const char *cwd)
{
	json_t *o = json_object(), *fps = json_object(), *props = json_object();
	int bad = 0;

	if (o == NULL || fps == NULL || props == NULL) {
		json_decref(o);
		json_decref(fps);
		json_decref(props);
		return NULL;
	}
	bad |= report_put(fps, "certgate/v1", json_string(fp));
	bad |= report_put(props, "hint", report_jstr(f->hint));
	bad |= report_put(props, "endpoint", report_jstr(f->endpoint));
	bad |= report_put(props, "bundle", json_integer((json_int_t)f->bundle));
	bad |= report_put(o, "ruleId", json_string(f->rule->id));
	bad |= report_put(o, "ruleIndex",
	    json_integer((json_int_t)report_rule_index(f->rule)));
	bad |= report_put(o, "level", json_string(sarif_level(f->severity)));
	bad |= report_put(o, "message", message(f->message));
	bad |= report_put(o, "locations", locations_json(f, cwd));
	bad |= report_put(o, "partialFingerprints", fps);
	bad |= report_put(o, "properties", props);
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* The log around one run; results NULL: none (--list-rules). */
static json_t *
sarif_log(const char *version, json_t *invocations, json_t *results)
{
	json_t *doc = json_object(), *runs = json_array(), *run = json_object(),
	    *tool = json_object();
	int bad = 0;

	if (doc == NULL || runs == NULL || run == NULL || tool == NULL) {
		json_decref(doc);
		json_decref(runs);
		json_decref(run);
		json_decref(tool);
		json_decref(invocations);
		json_decref(results);
		return NULL;
	}
	bad |= report_put(tool, "driver", driver_json(version));
	bad |= report_put(run, "tool", tool);
	if (invocations != NULL)
		bad |= report_put(run, "invocations", invocations);
	if (results != NULL) {
		bad |= report_put(run, "columnKind",
		    json_string("unicodeCodePoints"));
		bad |= report_put(run, "results", results);
	}
	bad |= json_array_append_new(runs, run);
	bad |= report_put(doc, "$schema", json_string(SARIF_SCHEMA));
	bad |= report_put(doc, "version", json_string("2.1.0"));
	bad |= report_put(doc, "runs", runs);
	if (bad) {
		json_decref(doc);
		return NULL;
	}
	return doc;
}

static json_t *
invocations_json(const struct report *r)
{
	json_t *a = json_array(), *inv = json_object(), *props = json_object();
	char now[32];
	int bad = 0;

	if (a == NULL || inv == NULL || props == NULL) {
		json_decref(a);
		json_decref(inv);
		json_decref(props);
		return NULL;
	}
	bad |= report_put(props, "verdict",
	    json_string(engine_verdict(r->exit_code)));
	bad |= report_put(props, "failOn", json_string(severity_str(r->fail_on)));
	bad |= report_put(props, "now", json_string(time_format(r->now, now,
	    sizeof(now))));
	bad |= report_put(inv, "executionSuccessful", json_true());
	bad |= report_put(inv, "exitCode", json_integer(r->exit_code));
	bad |= report_put(inv, "properties", props);
	bad |= json_array_append_new(a, inv);
	if (bad) {
		json_decref(a);
		return NULL;
	}
	return a;
}

int
report_sarif(FILE *out, const struct report *r)
{
	json_t *results = json_array(), *inv = invocations_json(r);
	char *cwd = report_cwd(), *fps = report_fingerprints(r->findings, cwd);
	size_t i;
	int bad = results == NULL || inv == NULL || fps == NULL;

	for (i = 0; !bad && i < r->findings->len; i++)
		bad |= json_array_append_new(results, result_json(
		    &r->findings->v[i], fps + i * REPORT_FP_SIZE, cwd));
	free(cwd);
	free(fps);
	if (bad) {
		json_decref(results);
		json_decref(inv);
		return -1;
	}
	return report_emit_json(out, sarif_log(r->version, inv, results));
}

int
report_rules_sarif(FILE *out, const char *version)
{
	return report_emit_json(out, sarif_log(version, NULL, NULL));
}
