/*
 * cert-placeholder: a name of the server certificate still holds a
 * placeholder from the provider guide while real endpoints were given.
 */
#include "common.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Most specific first: "bpxxxxx" is reported rather than "xxxxx". */
static const char *const placeholders[] = {
	"bpxxxxx", "xxxxx", "yyyyy", "yourdomain", "example.com",
};

/* 1 if hay[0..len) contains needle, ASCII case-insensitively. */
static int
has_ci(const unsigned char *hay, size_t len, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = 0; i + n <= len; i++)
		if (strncasecmp((const char *)hay + i, needle, n) == 0)
			return 1;
	return 0;
}

/* The placeholder name n holds that no endpoint holds, or NULL. */
static const char *
placeholder_in(const struct bundle *b, const struct cert_name *n)
{
	size_t i, j;

	if (n->type == NAME_IP)
		return NULL;
	for (i = 0; i < CG_ARRAY_LEN(placeholders); i++) {
		if (!has_ci(n->value.p, n->value.len, placeholders[i]))
			continue;
		for (j = 0; j < b->neps; j++)
			if (has_ci((const unsigned char *)b->eps[j].host,
			    strlen(b->eps[j].host), placeholders[i]))
				return NULL;    /* the user really dials it */
		return placeholders[i];
	}
	return NULL;
}

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	const struct cert *c = b->leaf;
	const char *ph;
	char *name, *san, *hint, *eps = NULL, *t;
	size_t i;
	int ret = 0;

	if (c == NULL || b->neps == 0)
		return 0;
	for (i = 0; i < b->neps; i++) {
		t = str_printf("%s%s%s", eps ? eps : "", eps ? ", " : "",
		    b->eps[i].host);
		free(eps);
		if ((eps = t) == NULL)
			return -1;
	}
	for (i = 0; i < c->nnames && ret == 0; i++) {
		if ((ph = placeholder_in(b, &c->names[i])) == NULL)
			continue;
		name = name_text(&c->names[i]);
		san = san_hint(b);
		hint = NULL;
		if (san != NULL)
			hint = str_printf("make the request for the real endpoint "
			    "(openssl req -new -nodes -keyout server.key -out "
			    "server.csr -subj \"/CN=%s\"), then %s",
			    b->eps[0].host, san);
		ret = -1;
		if (name != NULL && hint != NULL)
			ret = finding_add(out, self, &c->loc, NULL, hint,
			    "%s still holds the guide's placeholder \"%s\": it "
			    "was copied from the guide without putting in the "
			    "instance's endpoint (%s); no client (libpq, mariadb, "
			    "mysql, python, go, pgjdbc, connector-j) dialling "
			    "that endpoint can match it", name, ph, eps);
		free(name);
		free(san);
		free(hint);
	}
	free(eps);
	return ret;
}

const struct rule rule_cert_placeholder = {
	.id = "cert-placeholder",
	.severity = SEV_ERROR,
	.summary = "a name of the server certificate is still a guide "
	    "placeholder (rm-bpxxxxx, pgm-bpyyyyy, example.com, ...)",
	.rationale = "The ApsaraDB RDS guides write the endpoint as "
	    "rm-bpxxxxx.mysql.rds.aliyuncs.com / pgm-bpxxxxx and "
	    "pgm-bpyyyyy.pg.rds.aliyuncs.com and ask the reader to put in the "
	    "instance's real endpoint; other guides use yourdomain or "
	    "example.com (RFC 2606 section 3 reserves it for documentation). "
	    "A certificate for the placeholder matches no real endpoint (RFC "
	    "9525 section 6.3), so every client in verify-full refuses it.",
	.hint = "make server.csr again with the real endpoint in -subj and "
	    "subjectAltName, then re-sign it",
	.check = check,
};
