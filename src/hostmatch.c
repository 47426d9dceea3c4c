/*
 * hostmatch.c - see hostmatch.h.
 */
#include "hostmatch.h"
#include "util.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define USAGE(...) do { snprintf(err, errlen, __VA_ARGS__); return -1; } while (0)

void
endpoints_free(struct endpoint *v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		free(v[i].arg);
	free(v);
}

const char *
name_type_str(enum name_type t)
{
	switch (t) {
	case NAME_DNS: return "dns";
	case NAME_IP:  return "ip";
	case NAME_CN:  return "cn";
	}
	return "?";
}

char *
ip_format(const unsigned char *ip, size_t len, char *buf, size_t size)
{
	if (len == 4)
		inet_ntop(AF_INET, ip, buf, (socklen_t)size);
	else if (len == 16)
		inet_ntop(AF_INET6, ip, buf, (socklen_t)size);
	else
		snprintf(buf, size, "<%zu-byte address>", len);
	return buf;
}

/* Validate a host name (lower-cased in place).  0 or -1 with err set. */
static int
check_dns(const char *arg, char *host, char *err, size_t errlen)
{
	size_t len = strlen(host), i, lab = 0, labels = 0;
	int digits_only = 1;

	if (len > 0 && host[len - 1] == '.')
		len--;          /* one trailing dot: a fully qualified name */
	if (len == 0)
		USAGE("endpoint '%s': empty host name", arg);
	if (len > 253)
		USAGE("endpoint '%s': host name longer than 253 characters", arg);
	for (i = 0; i <= len; i++) {
		unsigned char c = (unsigned char)host[i];

		if (i == len || c == '.') {
			if (lab == 0)
				USAGE("endpoint '%s': empty label in host name "
				    "(two dots in a row, or a leading dot)", arg);
			if (lab > 63)
				USAGE("endpoint '%s': a label is longer than 63 "
				    "characters", arg);
			labels++;
			if (i < len)
				digits_only = 1;
			lab = 0;
			continue;
		}
		if (isupper(c))
			host[i] = (char)tolower(c);
		else if (!(islower(c) || isdigit(c) || c == '-' || c == '_')) {
			if (c == ' ' || c == '\t')
				USAGE("endpoint '%s': host name holds a space", arg);
			if (c == '/')
				USAGE("endpoint '%s': host name holds a '/': give "
				    "a host name, not a path or URL", arg);
			if (c == '*')
				USAGE("endpoint '%s': give the real endpoint, not "
				    "a wildcard", arg);
			if (c < 0x20 || c >= 0x7F)
				USAGE("endpoint '%s': host name holds a non-ASCII "
				    "or control character (use the xn-- form)",
				    arg);
			USAGE("endpoint '%s': host name holds '%c'", arg, c);
		}
		if (!isdigit(c))
			digits_only = 0;
		lab++;
	}
	if (digits_only && labels > 1)
		USAGE("endpoint '%s': not a valid IP address or host name", arg);
	return 0;
}

/* Parse one "host", "host:port", "[v6]:port" or bare IPv6 item. */
static int
parse_hostport(const char *arg, const char *s, size_t len,
    struct endpoint *ep, char *err, size_t errlen)
{
	const char *host = s, *port = NULL, *colon, *rb;
	size_t hlen = len, plen = 0, i, ncolon = 0;
	char buf[HOST_MAX + 2];
	unsigned long pv;

	memset(ep, 0, sizeof(*ep));
	if (len == 0)
		USAGE("endpoint '%s': empty host", arg);
	if (s[0] == '[') {
		rb = memchr(s, ']', len);
		if (rb == NULL)
			USAGE("endpoint '%s': '[' without ']'", arg);
		host = s + 1;
		hlen = (size_t)(rb - host);
		if ((size_t)(rb - s) + 1 < len) {
			if (rb[1] != ':')
				USAGE("endpoint '%s': junk after ']'", arg);
			port = rb + 2;
			plen = len - (size_t)(port - s);
		}
		if (hlen == 0 || hlen >= sizeof(buf))
			USAGE("endpoint '%s': bad IPv6 literal", arg);
		memcpy(buf, host, hlen);
		buf[hlen] = '\0';
		if (inet_pton(AF_INET6, buf, ep->ip) != 1)
			USAGE("endpoint '%s': '%s' is not an IPv6 address", arg,
			    buf);
		ep->type = HOST_IPV6;
		ep->ip_len = 16;
	} else {
		for (i = 0; i < len; i++)
			if (s[i] == ':')
				ncolon++;
		if (ncolon == 1) {
			colon = memchr(s, ':', len);
			hlen = (size_t)(colon - s);
			port = colon + 1;
			plen = len - hlen - 1;
		}
		if (hlen == 0)
			USAGE("endpoint '%s': empty host", arg);
		if (hlen >= sizeof(buf))
			USAGE("endpoint '%s': host name longer than 253 "
			    "characters", arg);
		memcpy(buf, host, hlen);
		buf[hlen] = '\0';
		if (ncolon > 1) {
			if (inet_pton(AF_INET6, buf, ep->ip) != 1)
				USAGE("endpoint '%s': not an IPv6 address (write "
				    "[address]:port to give a port)", arg);
			ep->type = HOST_IPV6;
			ep->ip_len = 16;
		} else if (inet_pton(AF_INET, buf, ep->ip) == 1) {
			ep->type = HOST_IPV4;
			ep->ip_len = 4;
		} else {
			if (check_dns(arg, buf, err, errlen) != 0)
				return -1;
			ep->type = HOST_DNS;
		}
	}
	if (port != NULL) {
		if (plen == 0 || plen > 5)
			USAGE("endpoint '%s': bad port", arg);
		pv = 0;
		for (i = 0; i < plen; i++) {
			if (!isdigit((unsigned char)port[i]))
				USAGE("endpoint '%s': port is not a number", arg);
			pv = pv * 10 + (unsigned long)(port[i] - '0');
		}
		if (pv == 0 || pv > 65535)
			USAGE("endpoint '%s': port out of range", arg);
		ep->port = (unsigned)pv;
	}
	if (ep->type == HOST_DNS)
		snprintf(ep->host, sizeof(ep->host), "%s", buf);
	else
		ip_format(ep->ip, ep->ip_len, ep->host, sizeof(ep->host));
	return 0;
}

static int
push_endpoint(struct endpoint **v, size_t *n, const struct endpoint *ep,
    const char *item, size_t ilen)
{
	struct endpoint *nv;

	nv = realloc(*v, (*n + 1) * sizeof(**v));
	if (nv == NULL)
		return -2;
	*v = nv;
	nv[*n] = *ep;
	nv[*n].arg = str_printf("%.*s", (int)ilen, item);
	if (nv[*n].arg == NULL)
		return -2;
	(*n)++;
	return 0;
}

static const char *const schemes[] = {
	"postgresql://", "postgres://", "mysql://", "mariadb://",
};

int
endpoint_parse(const char *arg, struct endpoint **v, size_t *n,
    char *err, size_t errlen)
{
	const char *s = arg, *end, *item, *comma, *sep, *at;
	struct endpoint ep;
	size_t i;
	int uri = 0, r;

	if (strstr(arg, "://") != NULL) {
		for (i = 0; i < CG_ARRAY_LEN(schemes); i++)
			if (strncasecmp(arg, schemes[i], strlen(schemes[i])) == 0)
				break;
		if (i == CG_ARRAY_LEN(schemes))
			USAGE("endpoint '%s': unsupported URI scheme (use "
			    "postgresql://, postgres://, mysql:// or mariadb://)",
			    arg);
		s = arg + strlen(schemes[i]);
		end = s + strcspn(s, "/?#");
		/* Drop user info: the last '@' of the authority. */
		for (at = end; at > s; at--)
			if (at[-1] == '@')
				break;
		s = at;
		uri = 1;
		if (s == end)
			USAGE("endpoint '%s': the URI names no host", arg);
	} else {
		end = arg + strlen(arg);
	}
	if (s == end)
		USAGE("endpoint '%s': empty", arg);
	for (item = s; item <= end; item = comma + 1) {
		comma = memchr(item, ',', (size_t)(end - item));
		sep = comma ? comma : end;
		if (sep == item)
			USAGE("endpoint '%s': empty item in the list", arg);
		r = parse_hostport(arg, item, (size_t)(sep - item), &ep, err,
		    errlen);
		if (r != 0)
			return r;
		if (push_endpoint(v, n, &ep, uri ? arg : item,
		    uri ? strlen(arg) : (size_t)(sep - item)) != 0)
			return -2;
		if (comma == NULL)
			break;
	}
	return 0;
}

static int
pat_char_ok(unsigned char c)
{
	return isalnum(c) || c == '-' || c == '_' || c == '.';
}

int
hostmatch_dns(const char *host, const unsigned char *pat, size_t plen)
{
	size_t hlen = strlen(host), i, rest;
	const char *hdot;
	int dots = 0;

	if (plen == 0 || hlen == 0)
		return 0;
	if (plen >= 2 && pat[0] == '*' && pat[1] == '.') {
		/* "*." + at least two labels, nothing odd after. */
		for (i = 2; i < plen; i++) {
			if (!pat_char_ok(pat[i]))
				return 0;
			if (pat[i] == '.') {
				dots++;
				if (i + 1 == plen || pat[i + 1] == '.')
					return 0;
			}
		}
		if (dots < 1 || pat[2] == '.')
			return 0;
		hdot = strchr(host, '.');
		if (hdot == NULL || hdot == host)
			return 0;
		rest = hlen - (size_t)(hdot + 1 - host);
		return rest == plen - 2 &&
		    strncasecmp(hdot + 1, (const char *)pat + 2, rest) == 0;
	}
	for (i = 0; i < plen; i++)
		if (!pat_char_ok(pat[i]))
			return 0;
	return plen == hlen && strncasecmp(host, (const char *)pat, hlen) == 0;
}

/* ASCII case-insensitive equality of equal-length byte strings; a NUL in
 * the pattern never matches (OpenSSL's equal_nocase). */
static int
eq_nocase(const unsigned char *pat, const unsigned char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (pat[i] == 0 || tolower(pat[i]) != tolower(s[i]))
			return 0;
	}
	return 1;
}

static int
is_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

/* OpenSSL's rule for where a '*' may stand (v3_utl.c valid_star): one star,
 * in the first label, at its start or end, not in an xn-- label, a pattern
 * of at least three labels, no label starting or ending with '-' (so in
 * "rm-*" the hyphen before the star invalidates the pattern).  Returns
 * the star's offset or -1. */
static long
openssl_star(const unsigned char *p, size_t len, int no_partial)
{
	long star = -1;
	int start = 1, hyphen = 0, idna = 0, dots = 0, at_start, at_end;
	size_t i;

	for (i = 0; i < len; i++) {
		if (p[i] == '*') {
			at_start = start;
			at_end = i + 1 == len || p[i + 1] == '.';
			if (star >= 0 || idna || dots > 0)
				return -1;
			if (no_partial && (!at_start || !at_end))
				return -1;
			if (!at_start && !at_end)
				return -1;
			star = (long)i;
			start = 0;
		} else if (is_alnum(p[i])) {
			if (start && len - i >= 4 &&
			    strncasecmp((const char *)p + i, "xn--", 4) == 0)
				idna = 1;
			start = 0;
			hyphen = 0;
		} else if (p[i] == '.') {
			if (hyphen || start)
				return -1;
			start = 1;
			hyphen = 0;
			idna = 0;
			dots++;
		} else if (p[i] == '-') {
			if (start)
				return -1;
			hyphen = 1;
		} else {
			return -1;
		}
	}
	if (start || hyphen || dots < 2)
		return -1;
	return star;
}

static int
match_openssl(const char *host, const unsigned char *pat, size_t plen,
    int no_partial)
{
	const unsigned char *h = (const unsigned char *)host, *ws, *we, *q;
	size_t hlen = strlen(host), pre, suf;
	long star = openssl_star(pat, plen, no_partial);

	if (star < 0)
		return plen == hlen && eq_nocase(pat, h, hlen);
	pre = (size_t)star;
	suf = plen - pre - 1;
	if (hlen < pre + suf || !eq_nocase(pat, h, pre) ||
	    !eq_nocase(pat + pre + 1, h + hlen - suf, suf))
		return 0;
	ws = h + pre;
	we = h + hlen - suf;
	if (pre == 0 && suf > 0 && pat[pre + 1] == '.') {
		if (ws == we)
			return 0;       /* a whole-label '*' matches >= 1 char */
	} else if (hlen >= 4 && strncasecmp(host, "xn--", 4) == 0) {
		return 0;               /* no partial wildcard on an A-label */
	}
	for (q = ws; q < we; q++)
		if (!is_alnum(*q) && *q != '-')
			return 0;
	return 1;
}

/* libpq's wildcard_certificate_match: "*." + suffix; the host ends with
 * the suffix and has no dot before it (one label, at least one char). */
static int
match_libpq(const char *host, const unsigned char *pat, size_t plen)
{
	size_t hlen = strlen(host);
	const char *dot;

	if (plen == hlen && eq_nocase(pat, (const unsigned char *)host, hlen))
		return 1;
	if (plen < 3 || pat[0] != '*' || pat[1] != '.' || plen > hlen)
		return 0;
	if (!eq_nocase(pat + 1, (const unsigned char *)host + hlen - plen + 1,
	    plen - 1))
		return 0;
	dot = strchr(host, '.');
	return !(dot != NULL && dot < host + hlen - plen + 1);
}

/* Go's validHostname: labels of letters, digits, '_' and non-leading '-';
 * a pattern may have "*" as its whole first label. */
static int
go_valid(const unsigned char *p, size_t len, int pattern)
{
	size_t i, lab = 0, labels = 0;

	if (!pattern && len > 0 && p[len - 1] == '.')
		len--;
	if (len == 0 || (len == 1 && p[0] == '*'))
		return 0;
	for (i = 0; i <= len; i++) {
		if (i == len || p[i] == '.') {
			if (lab == 0)
				return 0;
			labels++;
			lab = 0;
			continue;
		}
		if (pattern && labels == 0 && p[i] == '*' &&
		    (i + 1 == len || p[i + 1] == '.') && lab == 0) {
			lab++;
			continue;
		}
		if (!(is_alnum(p[i]) || p[i] == '_' || (p[i] == '-' && lab > 0)))
			return 0;
		lab++;
	}
	return 1;
}

static int
match_go(const char *host, const unsigned char *pat, size_t plen)
{
	size_t hlen = strlen(host), i, j;
	const unsigned char *h = (const unsigned char *)host;

	if (!go_valid(h, hlen, 0) || !go_valid(pat, plen, 1)) {
		/* matchExactly */
		if (hlen == 0 || (hlen == 1 && host[0] == '.') || plen == 0 ||
		    (plen == 1 && pat[0] == '.'))
			return 0;
		return plen == hlen && eq_nocase(pat, h, hlen);
	}
	if (hlen > 0 && host[hlen - 1] == '.')
		hlen--;
	/* Equal label counts; a "*" first label matches any one label. */
	i = 0;
	j = 0;
	if (plen >= 1 && pat[0] == '*') {
		while (j < hlen && h[j] != '.')
			j++;
		i = 1;
	}
	return plen - i == hlen - j && eq_nocase(pat + i, h + j, hlen - j);
}

/* PgJDBC's verifyHostName: no star: equal; else the star must be first,
 * the pattern must hold a dot, and the host ends with the rest with no
 * dot before it (the star may match nothing). */
static int
match_pgjdbc(const char *host, const unsigned char *pat, size_t plen)
{
	size_t hlen = strlen(host), i, off;
	long last = -1;

	for (i = 0; i < plen; i++)
		if (pat[i] == '*')
			last = (long)i;
	if (last < 0)
		return plen == hlen && eq_nocase(pat, (const unsigned char *)host,
		    hlen);
	if (last > 0 || memchr(pat, '.', plen) == NULL || hlen < plen - 1)
		return 0;
	off = hlen - (plen - 1);
	for (i = 0; i < off; i++)
		if (host[i] == '.')
			return 0;
	return eq_nocase(pat + 1, (const unsigned char *)host + off, plen - 1);
}

/* Connector/J: a '*' anywhere in the first label, matching any run of
 * characters without a dot (possibly none); the rest equal. */
static int
match_connectorj(const char *host, const unsigned char *pat, size_t plen)
{
	const unsigned char *h = (const unsigned char *)host, *pdot, *star;
	size_t hlen = strlen(host), plab, hlab, pre, suf;
	const char *hdot;

	pdot = memchr(pat, '.', plen);
	plab = pdot ? (size_t)(pdot - pat) : plen;
	star = memchr(pat, '*', plab);
	if (star == NULL)
		return plen == hlen && eq_nocase(pat, h, hlen);
	hdot = strchr(host, '.');
	hlab = hdot ? (size_t)(hdot - host) : hlen;
	if (plen - plab != hlen - hlab ||
	    !eq_nocase(pat + plab, h + hlab, hlen - hlab))
		return 0;
	pre = (size_t)(star - pat);
	suf = plab - pre - 1;
	if (memchr(star + 1, '*', suf) != NULL || hlab < pre + suf)
		return 0;
	return eq_nocase(pat, h, pre) &&
	    eq_nocase(star + 1, h + hlab - suf, suf);
}

int
hostmatch_pattern(enum wildcard_rule wc, const char *host,
    const unsigned char *pat, size_t plen)
{
	switch (wc) {
	case WC_RFC:                return hostmatch_dns(host, pat, plen);
	case WC_OPENSSL:            return match_openssl(host, pat, plen, 0);
	case WC_OPENSSL_NO_PARTIAL: return match_openssl(host, pat, plen, 1);
	case WC_LIBPQ:              return match_libpq(host, pat, plen);
	case WC_GO:                 return match_go(host, pat, plen);
	case WC_PGJDBC:             return match_pgjdbc(host, pat, plen);
	case WC_CONNECTORJ:         return match_connectorj(host, pat, plen);
	}
	return 0;
}

static int
ip_eq(const struct endpoint *ep, const struct cert_name *n)
{
	return n->type == NAME_IP && n->value.len == ep->ip_len &&
	    memcmp(n->value.p, ep->ip, ep->ip_len) == 0;
}

void
hostmatch_profile(const struct match_policy *pol, const struct endpoint *ep,
    const struct cert_name *names, size_t n, struct coverage *cv)
{
	const struct cert_name *nm;
	size_t i;
	int has_dns = 0, has_ip = 0, is_ip = ep->type != HOST_DNS;
	int text_match, use_cn, cns = 0;

	memset(cv, 0, sizeof(*cv));
	if (pol->ipv6_never && ep->type == HOST_IPV6)
		return;
	for (i = 0; i < n; i++) {
		has_dns |= names[i].type == NAME_DNS;
		has_ip |= names[i].type == NAME_IP;
	}
	/* A DNS name, or an IP's text for clients that compare it so. */
	text_match = !is_ip || pol->ip != IP_SAN_ONLY;
	for (i = 0; i < n; i++) {
		nm = &names[i];
		if (nm->type == NAME_CN)
			continue;
		if (nm->type == NAME_DNS && pol->nul_aborts &&
		    bytes_have_nul(nm->value.p, nm->value.len)) {
			cv->aborted = 1;
			cv->index = i;
			return;
		}
		if (nm->type == NAME_DNS && text_match &&
		    hostmatch_pattern(pol->wc, ep->host, nm->value.p,
		    nm->value.len))
			goto hit;
		if (is_ip && ip_eq(ep, nm))
			goto hit;
	}
	switch (pol->cn) {
	case CN_NEVER:
		return;
	case CN_NO_DNS_SAN:
		use_cn = !has_dns;
		break;
	case CN_NO_SAN_OF_HOST_TYPE:
		use_cn = is_ip ? !has_ip : !has_dns;
		break;
	case CN_NO_SAN:
	default:
		use_cn = !has_dns && !has_ip;
		break;
	}
	/* Clients that look up IPs only in iPAddress SANs never use the CN
	 * for them; MariaDB's X509_check_host does, as text. */
	if (!use_cn || (is_ip && pol->ip == IP_SAN_ONLY))
		return;
	for (i = 0; i < n; i++) {
		nm = &names[i];
		if (nm->type != NAME_CN)
			continue;
		if (pol->first_cn_only && cns++ > 0)
			break;
		if (pol->nul_aborts && bytes_have_nul(nm->value.p,
		    nm->value.len)) {
			cv->aborted = 1;
			cv->index = i;
			return;
		}
		if (hostmatch_pattern(pol->wc, ep->host, nm->value.p,
		    nm->value.len)) {
			cv->via_cn = 1;
			goto hit;
		}
	}
	return;
hit:
	cv->covered = 1;
	cv->index = i;
}

void
hostmatch_endpoint(const struct endpoint *ep, const struct cert_name *names,
    size_t n, struct coverage *cv)
{
	hostmatch_profile(&policy_rfc, ep, names, n, cv);
}
