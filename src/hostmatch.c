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

void
hostmatch_endpoint(const struct endpoint *ep, const struct cert_name *names,
    size_t n, struct coverage *cv)
{
	size_t i;
	int has_dns = 0;

	memset(cv, 0, sizeof(*cv));
	for (i = 0; i < n; i++) {
		if (names[i].type == NAME_DNS)
			has_dns = 1;
		if (ep->type != HOST_DNS) {
			if (names[i].type == NAME_IP &&
			    names[i].value.len == ep->ip_len &&
			    memcmp(names[i].value.p, ep->ip, ep->ip_len) == 0)
				goto hit;
		} else if (names[i].type == NAME_DNS &&
		    hostmatch_dns(ep->host, names[i].value.p,
		    names[i].value.len)) {
			goto hit;
		}
	}
	if (ep->type != HOST_DNS || has_dns)
		return;
	for (i = 0; i < n; i++) {
		if (names[i].type == NAME_CN &&
		    hostmatch_dns(ep->host, names[i].value.p,
		    names[i].value.len)) {
			cv->via_cn = 1;
			goto hit;
		}
	}
	return;
hit:
	cv->covered = 1;
	cv->index = i;
}
