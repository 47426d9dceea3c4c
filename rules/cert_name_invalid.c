/*
 * cert-name-invalid: a DNS name of the server certificate (its dNSName
 * SANs, or its CNs when it has none) is not a valid host name.
 */
#include "common.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * Why name p[0..len) is not a host name, into why; 0 when it is one.
 * Letters, digits, '-', '_' and '.'; a leading "*." wildcard; a '*'
 * inside the first label is a partial wildcard, left to the host rules;
 * so is one trailing dot.
 */
static int
invalid(const unsigned char *p, size_t len, char *why, size_t size)
{
	size_t i, start = 0, label;
	int nonascii = 0;

	for (i = 0; i < len; i++) {
		if (p[i] == 0) {
			snprintf(why, size, "a NUL byte at octet %zu: libpq "
			    "aborts the whole name check (\"SSL certificate's "
			    "name contains embedded null\"), and the name before "
			    "the NUL is what a C string comparison would "
			    "wrongly accept", i + 1);
			return 1;
		}
		if (p[i] >= 0x80)
			nonascii = 1;
	}
	if (nonascii) {
		snprintf(why, size, "non-ASCII bytes: an internationalised name "
		    "must be written as its A-label (xn--..., RFC 5890), and "
		    "dNSName is an IA5String (RFC 5280 4.2.1.6)");
		return 1;
	}
	if (len == 0) {
		snprintf(why, size, "an empty name");
		return 1;
	}
	if (len > 2 && p[0] == '*' && p[1] == '.')
		start = 2;
	if (len > start && p[len - 1] == '.')
		len--;          /* a trailing dot: the host rules' business */
	if (len > 253) {
		snprintf(why, size, "%zu characters, over DNS's 253", len);
		return 1;
	}
	label = 0;
	for (i = start; i <= len; i++) {
		if (i == len || p[i] == '.') {
			if (label == 0) {
				snprintf(why, size, "an empty label");
				return 1;
			}
			if (label > 63) {
				snprintf(why, size, "a %zu-character label, over "
				    "DNS's 63: no resolvable name has it", label);
				return 1;
			}
			label = 0;
			continue;
		}
		label++;
		if ((p[i] >= 'a' && p[i] <= 'z') || (p[i] >= 'A' && p[i] <= 'Z') ||
		    (p[i] >= '0' && p[i] <= '9') || p[i] == '-' || p[i] == '_')
			continue;
		if (p[i] == '*' && start == 0 &&
		    memchr(p, '.', i) == NULL)
			continue;       /* partial wildcard in the first label */
		if (p[i] == ' ')
			snprintf(why, size, "a space at octet %zu", i + 1);
		else if (p[i] < 0x20 || p[i] == 0x7f)
			snprintf(why, size, "the control byte \\x%02X at octet %zu",
			    p[i], i + 1);
		else
			snprintf(why, size, "'%c' at octet %zu", p[i], i + 1);
		return 1;
	}
	return 0;
}

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	const struct cert *c = b->leaf;
	const struct cert_name *n;
	char why[300], *name, *hint;
	size_t i;
	int ret;

	if (c == NULL)
		return 0;
	for (i = 0; i < c->nnames; i++) {
		n = &c->names[i];
		if (n->type == NAME_IP || (n->type == NAME_CN && c->has_dns_san))
			continue;
		if (!invalid(n->value.p, n->value.len, why, sizeof(why)))
			continue;
		name = name_text(n);
		hint = san_hint(b);
		ret = -1;
		if (name != NULL && hint != NULL)
			ret = finding_add(out, self, &c->loc, NULL, hint,
			    "%s %s is not a valid host name, it holds %s; no "
			    "client (libpq, mariadb, mysql, python, go, pgjdbc, "
			    "connector-j) can match it against a real endpoint",
			    n->type == NAME_CN ? "the subject" : "the "
			    "subjectAltName", name, why);
		free(name);
		free(hint);
		if (ret != 0)
			return -1;
	}
	return 0;
}

const struct rule rule_cert_name_invalid = {
	.id = "cert-name-invalid",
	.severity = SEV_ERROR,
	.summary = "a DNS name of the server certificate is not a valid host "
	    "name (NUL, space, bad character, non-ASCII, bad label)",
	.rationale = "RFC 5280 section 4.2.1.6: a dNSName is an IA5String in "
	    "the preferred name syntax of RFC 1034 section 3.5 (letters, "
	    "digits, hyphens; labels of 1 to 63 characters, at most 253 in "
	    "all), internationalised names as A-labels (RFC 5890); RFC 9525 "
	    "section 6.3 matches such names only. libpq rejects a name with "
	    "an embedded NUL outright (fe-secure-common.c, the CVE-2009-4034 "
	    "guard), OpenSSL's X509_check_host never matches one.",
	.hint = "re-sign server.csr with -extfile san.ext holding "
	    "subjectAltName=DNS:<endpoint> spelled exactly as clients dial it",
	.check = check,
};
