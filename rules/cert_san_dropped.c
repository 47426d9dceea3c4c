/*
 * cert-san-dropped: the request asked for subjectAltNames that the
 * certificate signed from it does not carry.
 */
#include "common.h"

#include <stdlib.h>
#include <strings.h>

/* 1 if the certificate's SAN holds a name equal to g. */
static int
cert_has(const struct cert *c, const struct gname *g)
{
	const struct gname *s;
	size_t i;

	for (i = 0; i < c->info.nsan; i++) {
		s = &c->info.san[i];
		if (s->tag != g->tag || s->value.len != g->value.len)
			continue;
		if (g->tag == GN_IP && span_eq(s->value, g->value))
			return 1;
		if (g->tag == GN_DNS && !bytes_have_nul(g->value.p,
		    g->value.len) && strncasecmp((const char *)s->value.p,
		    (const char *)g->value.p, g->value.len) == 0)
			return 1;
	}
	return 0;
}

static char *
gname_text(const struct gname *g)
{
	struct cert_name n;

	n.type = g->tag == GN_IP ? NAME_IP : NAME_DNS;
	n.value = g->value;
	return name_text(&n);
}

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	const struct cert *c = b->leaf;
	const struct csr *r = b->csr;
	char *list = NULL, *t, *nl;
	size_t i, missing = 0, asked = 0;
	int ret;

	if (c == NULL || r == NULL || !r->has_san)
		return 0;
	for (i = 0; i < r->nsan; i++) {
		if (r->san[i].tag != GN_DNS && r->san[i].tag != GN_IP)
			continue;
		asked++;
		if (cert_has(c, &r->san[i]))
			continue;
		if ((t = gname_text(&r->san[i])) == NULL)
			goto oom;
		nl = str_printf("%s%s%s", list ? list : "", list ? ", " : "", t);
		free(t);
		free(list);
		if ((list = nl) == NULL)
			return -1;
		missing++;
	}
	if (missing == 0)
		return 0;
	ret = finding_add(out, self, &c->loc, NULL, NULL,
	    "the request %s:%u asked for %s that the server certificate "
	    "lacks%s: the request's extensions were not copied when it was "
	    "signed ('openssl x509 -req' ignores them); libpq, mariadb, mysql, "
	    "python, go, pgjdbc and connector-j refuse %s in verify-full "
	    "unless the subject CN happens to match (go never uses the CN)",
	    r->loc.file, r->loc.line,
	    missing == 1 ? "a subjectAltName" : "subjectAltNames",
	    missing == asked && c->info.nsan == 0 ? " (it has no "
	    "subjectAltName at all)" : "", list);
	free(list);
	return ret;
oom:
	free(list);
	return -1;
}

const struct rule rule_cert_san_dropped = {
	.id = "cert-san-dropped",
	.severity = SEV_ERROR,
	.summary = "the certificate lacks subjectAltNames its signing request "
	    "asked for",
	.rationale = "A PKCS#10 request carries its subjectAltName in an "
	    "extensionRequest attribute (RFC 2986 section 4.1, RFC 2985 "
	    "5.4.2), but 'openssl x509 -req' copies no requested extension "
	    "(openssl-x509(1): -copy_extensions defaults to none); only the "
	    "-extfile/-extensions given at signing time count. The PostgreSQL "
	    "guide's multi-endpoint flow therefore signs with '-extensions "
	    "v3_req -extfile /tmp/openssl.cnf'; leaving that out drops every "
	    "endpoint (RFC 9525 section 6.3: clients match SANs).",
	.hint = "sign with the request's extensions, as the PostgreSQL guide "
	    "does: openssl x509 -req -in server.csr -days 365 -CA "
	    "server-ca.crt -CAkey server-ca.key -CAcreateserial -extensions "
	    "v3_req -extfile /tmp/openssl.cnf -out server.crt (with OpenSSL "
	    "3: add -copy_extensions copy instead of -extensions/-extfile)",
	.check = check,
};
