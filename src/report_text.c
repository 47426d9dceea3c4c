/*
 * report_text.c - the human report.
 */
#include "report.h"
#include "engine.h"
#include "../rules/common.h"

#include <stdlib.h>
#include <string.h>

#define C_RESET "\033[0m"
#define C_BOLD  "\033[1m"
#define C_ERR   "\033[1;31m"
#define C_WARN  "\033[1;35m"
#define C_INFO  "\033[1;36m"
#define C_DIM   "\033[2m"

static const char *
sev_color(enum severity s)
{
	return s == SEV_ERROR ? C_ERR : s == SEV_WARNING ? C_WARN : C_INFO;
}

unsigned
report_servers(const struct report *r, size_t k)
{
	return r->bundle_servers != NULL ? r->bundle_servers[k] : r->servers;
}

unsigned
report_clients(const struct report *r, size_t k)
{
	return r->bundle_clients != NULL ? r->bundle_clients[k] : r->clients;
}

const char *
report_name(const struct report *r, size_t k)
{
	return r->names != NULL ? r->names[k] : NULL;
}

static void
print_cert(FILE *out, const char *role, const struct cert *c)
{
	char dn[300], t1[32], t2[32];

	fprintf(out, "  %-8s %s:%u  %s (%s %u, valid %.10s to %.10s)\n", role,
	    c->loc.file, c->loc.line, cert_display_name(c, dn, sizeof(dn)),
	    c->key_alg ? c->key_alg : "unknown key", c->key_bits,
	    time_format(c->info.not_before, t1, sizeof(t1)),
	    time_format(c->info.not_after, t2, sizeof(t2)));
}

static int
print_bundle(FILE *out, const struct bundle *b, size_t index, size_t total,
    const char *bname)
{
	struct coverage cv;
	char *name;
	size_t i;

	if (bname != NULL)
		fprintf(out, "set %s\n", bname);
	else if (total > 1)
		fprintf(out, "set %zu\n", index + 1);
	if (b->leaf != NULL)
		print_cert(out, "cert", b->leaf);
	if (b->key != NULL) {
		fprintf(out, "  %-8s %s:%u  %s", "key", b->key->loc.file,
		    b->key->loc.line,
		    b->key->alg ? b->key->alg : "unknown algorithm");
		if (b->key->bits > 0)
			fprintf(out, " %u", b->key->bits);
		fprintf(out, ", %s%s\n", b->key->format,
		    b->key->encrypted ? " (encrypted)" : "");
	}
	if (b->ca != NULL)
		print_cert(out, "ca", b->ca);
	if (b->leaf == NULL)
		return 0;
	for (i = 0; i < b->neps; i++) {
		hostmatch_endpoint(&b->eps[i], b->leaf->names, b->leaf->nnames,
		    &cv);
		if (!cv.covered) {
			fprintf(out, "  %-8s %s: not covered\n", "endpoint",
			    b->eps[i].host);
			continue;
		}
		name = name_text(&b->leaf->names[cv.index]);
		if (name == NULL)
			return -1;
		fprintf(out, "  %-8s %s: covered by %s%s\n", "endpoint",
		    b->eps[i].host, name, cv.via_cn ? " (CN fallback)" : "");
		free(name);
	}
	return 0;
}

/* The per-profile matrix: a line for the servers, then rows endpoint x
 * mode, columns the clients, each cell "ok" or a short reason; then the
 * reasons in full, once each per client. */
static void
print_acceptance(FILE *out, const struct bundle *b, const struct acceptance *a,
    unsigned servers, unsigned clients)
{
	size_t i, e, j, w = 11;
	const struct verdict *v, *seen[64];
	size_t nseen;
	int first = 1;

	if (a == NULL)
		return;
	fprintf(out, "  %-8s", "servers");
	for (i = 0; i < SRV_COUNT; i++) {
		if (!(servers & (1u << i)))
			continue;
		fprintf(out, "%s %s: %s", first ? "" : ";",
		    server_profiles[i].name, a->servers[i].accept > 0 ?
		    "starts" : a->servers[i].reason);
		first = 0;
	}
	fputc('\n', out);
	if (b->leaf == NULL)
		return;
	for (e = 0; e < b->neps; e++)
		if (strlen(b->eps[e].host) + 12 > w)
			w = strlen(b->eps[e].host) + 12;
	fprintf(out, "  %-*s", (int)w, "clients");
	for (i = 0; i < CL_COUNT; i++)
		if (clients & (1u << i))
			fprintf(out, " %-11s", client_profiles[i].name);
	fputc('\n', out);
	for (e = 0; e <= b->neps; e++) {
		if (e == 0)
			fprintf(out, "  %-*s", (int)w, "verify-ca");
		else
			fprintf(out, "  verify-full %-*s", (int)w - 12,
			    b->eps[e - 1].host);
		for (i = 0; i < CL_COUNT; i++) {
			if (!(clients & (1u << i)))
				continue;
			v = e == 0 ? &a->ca[i] : full_verdict(a,
			    (enum client_id)i, e - 1);
			fprintf(out, " %-11s", v->accept < 0 ? "?" : v->code);
		}
		fputc('\n', out);
	}
	for (i = 0; i < CL_COUNT; i++) {
		if (!(clients & (1u << i)))
			continue;
		nseen = 0;
		for (e = 0; e <= b->neps; e++) {
			v = e == 0 ? &a->ca[i] : full_verdict(a,
			    (enum client_id)i, e - 1);
			if (v->accept > 0)
				continue;
			for (j = 0; j < nseen; j++)
				if (strcmp(seen[j]->reason, v->reason) == 0)
					break;
			if (j < nseen || nseen == CG_ARRAY_LEN(seen))
				continue;
			seen[nseen++] = v;
			fprintf(out, "    %s: %s\n", client_profiles[i].name,
			    v->reason);
		}
	}
}

static void
print_finding(FILE *out, const struct finding *f, int color)
{
	const char *on = color ? C_BOLD : "", *off = color ? C_RESET : "";

	if (f->file != NULL && f->line > 0 && f->column > 1)
		fprintf(out, "%s%s:%u:%u:%s ", on, f->file, f->line, f->column,
		    off);
	else if (f->file != NULL && f->line > 0)
		fprintf(out, "%s%s:%u:%s ", on, f->file, f->line, off);
	else if (f->file != NULL)
		fprintf(out, "%s%s:%s ", on, f->file, off);
	else
		fprintf(out, "%scertgate:%s ", on, off);
	fprintf(out, "%s%s:%s %s %s[%s]%s\n", color ? sev_color(f->severity) : "",
	    severity_str(f->severity), off, f->message, color ? C_DIM : "",
	    f->rule->id, off);
	fprintf(out, "    hint: %s\n", f->hint);
}

int
report_text(FILE *out, const struct report *r)
{
	size_t i, k, n[SEV_ERROR + 1] = {0};
	const struct finding *f;

	for (k = 0; k < r->nbundles; k++) {
		if (print_bundle(out, r->bundles[k], k, r->nbundles,
		    report_name(r, k)) != 0)
			return -1;
		print_acceptance(out, r->bundles[k], r->accept ? r->accept[k] :
		    NULL, report_servers(r, k), report_clients(r, k));
		for (i = 0; i < r->findings->len; i++) {
			f = &r->findings->v[i];
			if (f->bundle == k)
				print_finding(out, f, r->color);
		}
	}
	for (i = 0; i < r->findings->len; i++)
		n[r->findings->v[i].severity]++;
	if (r->nbundles != 1)
		fprintf(out, "certgate: %zu set%s linted\n", r->nbundles,
		    r->nbundles == 1 ? "" : "s");
	fprintf(out, "certgate: %zu error%s, %zu warning%s, %zu info: %s "
	    "(exit %d)\n", n[SEV_ERROR], n[SEV_ERROR] == 1 ? "" : "s",
	    n[SEV_WARNING], n[SEV_WARNING] == 1 ? "" : "s", n[SEV_INFO],
	    engine_verdict(r->exit_code), r->exit_code);
	return ferror(out) ? -1 : 0;
}

int
report_rules_text(FILE *out)
{
	size_t i;

	for (i = 0; i < rule_registry_len; i++)
		fprintf(out, "%-24s %-8s %s\n", rule_registry[i]->id,
		    severity_str(rule_registry[i]->severity),
		    rule_registry[i]->summary);
	return ferror(out) ? -1 : 0;
}
