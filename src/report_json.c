/*
 * report_json.c - the machine report, built with jansson so that any
 * bytes a certificate holds come out as valid JSON.
 */
#include "report.h"
#include "engine.h"
#include "../rules/rule.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

/* A JSON string of untrusted bytes, made printable and valid UTF-8. */
static json_t *
jbytes(const unsigned char *p, size_t len)
{
	char *s = str_printable(p, len);
	json_t *j;

	if (s == NULL)
		return NULL;
	j = json_string(s);
	free(s);
	return j;
}

/* A JSON string (escaped by jbytes only if it is not valid UTF-8, as a
 * file name may not be), or null for NULL; NULL only out of memory. */
static json_t *
jstr(const char *s)
{
	json_t *j;

	if (s == NULL)
		return json_null();
	j = json_string(s);
	return j != NULL ? j : jbytes((const unsigned char *)s, strlen(s));
}

static json_t *
jtime(int64_t t)
{
	char buf[32];

	return json_string(time_format(t, buf, sizeof(buf)));
}

/* Set key to value; a NULL value (out of memory) poisons obj. */
static int
put(json_t *obj, const char *key, json_t *value)
{
	if (value == NULL)
		return -1;
	return json_object_set_new(obj, key, value);
}

static json_t *
name_json(const struct cert_name *n)
{
	json_t *o = json_object();
	char ip[64];
	int bad = 0;

	if (o == NULL)
		return NULL;
	bad |= put(o, "type", json_string(name_type_str(n->type)));
	if (n->type == NAME_IP)
		bad |= put(o, "value", json_string(ip_format(n->value.p,
		    n->value.len, ip, sizeof(ip))));
	else
		bad |= put(o, "value", jbytes(n->value.p, n->value.len));
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *
cert_json(const struct cert *c)
{
	json_t *o, *names;
	char *hex;
	size_t i;
	int bad = 0;

	if (c == NULL)
		return json_null();
	o = json_object();
	names = json_array();
	hex = hex_encode(c->sha256, sizeof(c->sha256), 0, 0);
	if (o == NULL || names == NULL || hex == NULL)
		goto fail;
	for (i = 0; i < c->nnames; i++)
		bad |= json_array_append_new(names, name_json(&c->names[i]));
	bad |= put(o, "file", jstr(c->loc.file));
	bad |= put(o, "line", json_integer(c->loc.line));
	bad |= put(o, "subject", json_string(c->subject));
	bad |= put(o, "issuer", json_string(c->issuer));
	bad |= put(o, "serial", json_string(c->serial_hex));
	bad |= put(o, "version", json_integer(c->info.version));
	bad |= put(o, "not_before", jtime(c->info.not_before));
	bad |= put(o, "not_after", jtime(c->info.not_after));
	bad |= put(o, "key_type", jstr(c->key_alg));
	bad |= put(o, "key_bits", c->key_bits ? json_integer(c->key_bits) :
	    json_null());
	bad |= put(o, "names", names);
	names = NULL;
	bad |= put(o, "sha256", json_string(hex));
	free(hex);
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
fail:
	free(hex);
	json_decref(o);
	json_decref(names);
	return NULL;
}

static json_t *
key_json(const struct key *k)
{
	json_t *o;
	int bad = 0;

	if (k == NULL)
		return json_null();
	if ((o = json_object()) == NULL)
		return NULL;
	bad |= put(o, "file", jstr(k->loc.file));
	bad |= put(o, "line", json_integer(k->loc.line));
	bad |= put(o, "type", jstr(k->alg));
	bad |= put(o, "bits", k->bits ? json_integer(k->bits) : json_null());
	bad |= put(o, "format", json_string(k->format));
	bad |= put(o, "encrypted", json_boolean(k->encrypted));
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *
endpoints_json(const struct bundle *b)
{
	json_t *a = json_array(), *o;
	struct coverage cv;
	size_t i;
	int bad = 0;

	if (a == NULL)
		return NULL;
	for (i = 0; i < b->neps; i++) {
		if ((o = json_object()) == NULL) {
			json_decref(a);
			return NULL;
		}
		bad |= put(o, "host", json_string(b->eps[i].host));
		if (b->leaf != NULL) {
			hostmatch_endpoint(&b->eps[i], b->leaf->names,
			    b->leaf->nnames, &cv);
			bad |= put(o, "covered", json_boolean(cv.covered));
			bad |= put(o, "matched_by", cv.covered ?
			    name_json(&b->leaf->names[cv.index]) : json_null());
		} else {
			bad |= put(o, "covered", json_null());
			bad |= put(o, "matched_by", json_null());
		}
		bad |= json_array_append_new(a, o);
	}
	if (bad) {
		json_decref(a);
		return NULL;
	}
	return a;
}

static json_t *
verdict_json(const struct verdict *v)
{
	return v->accept < 0 ? json_null() : json_boolean(v->accept);
}

static json_t *
acceptance_json(const struct acceptance *a, const struct bundle *b,
    unsigned servers, unsigned clients)
{
	json_t *o, *sv, *cl, *x;
	size_t i, e;
	int bad = 0;

	if (a == NULL)
		return json_null();
	o = json_object();
	sv = json_array();
	cl = json_array();
	if (o == NULL || sv == NULL || cl == NULL) {
		json_decref(o);
		json_decref(sv);
		json_decref(cl);
		return NULL;
	}
	for (i = 0; i < SRV_COUNT; i++) {
		if (!(servers & (1u << i)))
			continue;
		if ((x = json_object()) == NULL) {
			bad = 1;
			break;
		}
		bad |= put(x, "server", json_string(server_profiles[i].name));
		bad |= put(x, "accept", verdict_json(&a->servers[i]));
		bad |= put(x, "reason", jstr(a->servers[i].reason));
		bad |= json_array_append_new(sv, x);
	}
	for (i = 0; i < CL_COUNT; i++) {
		if (!(clients & (1u << i)))
			continue;
		for (e = 0; e <= a->neps; e++) {
			const struct verdict *v = e == 0 ? &a->ca[i] :
			    full_verdict(a, (enum client_id)i, e - 1);

			if ((x = json_object()) == NULL) {
				bad = 1;
				break;
			}
			bad |= put(x, "client",
			    json_string(client_profiles[i].name));
			bad |= put(x, "mode", json_string(e == 0 ? "verify-ca" :
			    "verify-full"));
			bad |= put(x, "endpoint", e == 0 ? json_null() :
			    json_string(b->eps[e - 1].host));
			bad |= put(x, "accept", verdict_json(v));
			bad |= put(x, "reason", jstr(v->reason));
			bad |= json_array_append_new(cl, x);
		}
	}
	bad |= put(o, "servers", sv);
	bad |= put(o, "clients", cl);
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *
bundle_json(const struct bundle *b, const struct acceptance *a,
    unsigned servers, unsigned clients, const char *name)
{
	json_t *o = json_object();
	int bad = 0;

	if (o == NULL)
		return NULL;
	bad |= put(o, "name", jstr(name));
	bad |= put(o, "cert", cert_json(b->leaf));
	bad |= put(o, "key", key_json(b->key));
	bad |= put(o, "ca", cert_json(b->ca));
	bad |= put(o, "endpoints", endpoints_json(b));
	bad |= put(o, "acceptance", acceptance_json(a, b, servers, clients));
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *
finding_json(const struct finding *f)
{
	json_t *o = json_object();
	int bad = 0;

	if (o == NULL)
		return NULL;
	bad |= put(o, "rule", json_string(f->rule->id));
	bad |= put(o, "severity", json_string(severity_str(f->severity)));
	bad |= put(o, "file", jstr(f->file));
	bad |= put(o, "line", f->line ? json_integer(f->line) : json_null());
	bad |= put(o, "column", f->column ? json_integer(f->column) :
	    json_null());
	bad |= put(o, "message", jstr(f->message));
	bad |= put(o, "hint", jstr(f->hint));
	bad |= put(o, "endpoint", jstr(f->endpoint));
	bad |= put(o, "bundle", json_integer((json_int_t)f->bundle));
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static int
emit(FILE *out, json_t *doc)
{
	int ret;

	ret = json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(doc);
	if (ret != 0)
		return -1;
	fputc('\n', out);
	return ferror(out) ? -1 : 0;
}

int
report_json(FILE *out, const struct report *r)
{
	json_t *doc = json_object(), *bundles = json_array(), *fs = json_array();
	char now[32];
	size_t i;
	int bad = 0;

	if (doc == NULL || bundles == NULL || fs == NULL) {
		json_decref(doc);
		json_decref(bundles);
		json_decref(fs);
		return -1;
	}
	for (i = 0; i < r->nbundles; i++)
		bad |= json_array_append_new(bundles, bundle_json(r->bundles[i],
		    r->accept ? r->accept[i] : NULL, report_servers(r, i),
		    report_clients(r, i), report_name(r, i)));
	for (i = 0; i < r->findings->len; i++)
		bad |= json_array_append_new(fs, finding_json(&r->findings->v[i]));
	bad |= put(doc, "certgate", json_string(r->version));
	bad |= put(doc, "now", json_string(time_format(r->now, now,
	    sizeof(now))));
	bad |= put(doc, "verdict", json_string(engine_verdict(r->exit_code)));
	bad |= put(doc, "exit_code", json_integer(r->exit_code));
	bad |= put(doc, "fail_on", json_string(severity_str(r->fail_on)));
	bad |= put(doc, "bundles", bundles);
	bad |= put(doc, "findings", fs);
	if (bad) {
		json_decref(doc);
		return -1;
	}
	return emit(out, doc);
}

int
report_rules_json(FILE *out, const char *version)
{
	json_t *doc = json_object(), *rules = json_array(), *o;
	const struct rule *r;
	size_t i;
	int bad = 0;

	if (doc == NULL || rules == NULL) {
		json_decref(doc);
		json_decref(rules);
		return -1;
	}
	for (i = 0; i < rule_registry_len; i++) {
		r = rule_registry[i];
		if ((o = json_object()) == NULL) {
			bad = 1;
			break;
		}
		bad |= put(o, "id", json_string(r->id));
		bad |= put(o, "severity", json_string(severity_str(r->severity)));
		bad |= put(o, "summary", json_string(r->summary));
		bad |= put(o, "rationale", json_string(r->rationale));
		bad |= put(o, "hint", json_string(r->hint));
		bad |= json_array_append_new(rules, o);
	}
	bad |= put(doc, "certgate", json_string(version));
	bad |= put(doc, "rules", rules);
	if (bad) {
		json_decref(doc);
		return -1;
	}
	return emit(out, doc);
}
