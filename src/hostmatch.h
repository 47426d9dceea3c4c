/*
 * hostmatch.h - endpoints (what the user says the certificate must protect)
 * and matching them against a certificate's names, as RFC 6125/9525
 * clients do: dNSName SANs first, the subject CN only when there is no
 * dNSName SAN, a wildcard only as the whole left-most label, IP endpoints
 * against iPAddress SANs only.
 */
#ifndef CERTGATE_HOSTMATCH_H
#define CERTGATE_HOSTMATCH_H

#include <stddef.h>

#include "profile.h"
#include "x509walk.h"

enum host_type { HOST_DNS = 0, HOST_IPV4, HOST_IPV6 };

#define HOST_MAX 254

struct endpoint {
	char *arg;              /* the argument (item) as the user gave it */
	char host[HOST_MAX + 1];/* lower-case name, or canonical IP text */
	enum host_type type;
	unsigned char ip[16];   /* network order; 4 or 16 bytes used */
	size_t ip_len;
	unsigned port;          /* 0 when none was given */
};

/*
 * endpoint_parse - parse one -e argument and append the endpoints it names
 * to *v (length *n; the caller frees with endpoints_free).  Accepted:
 * "host", "host:port", "[v6]:port", a bare IPv6 literal, a comma-separated
 * list of those, and postgresql://, postgres://, mysql://, mariadb:// URIs
 * (user info, path and query are dropped; libpq's "h1:p1,h2:p2" host lists
 * give one endpoint each).  Host names are lower-cased.
 * Returns 0; -1 with a message naming the bad part in err (a usage error);
 * -2 when out of memory.
 */
int endpoint_parse(const char *arg, struct endpoint **v, size_t *n,
    char *err, size_t errlen);

/* endpoints_free - free an array from endpoint_parse; NULL-safe. */
void endpoints_free(struct endpoint *v, size_t n);

enum name_type { NAME_DNS = 0, NAME_IP, NAME_CN };

/* One name a certificate presents (bytes are untrusted). */
struct cert_name {
	enum name_type type;
	struct span value;
};

/* name_type_str - "dns", "ip" or "cn" (the JSON vocabulary). */
const char *name_type_str(enum name_type t);

/*
 * hostmatch_dns - 1 if the certificate name pat (plen raw bytes) covers the
 * lower-case host name host: ASCII case-insensitive equality, or pat is
 * "*." followed by at least two labels and host is one non-empty label
 * followed by the same labels.  A pattern holding a NUL byte or any byte
 * outside letters, digits, '-', '_', '.' and a leading "*." never matches.
 */
int hostmatch_dns(const char *host, const unsigned char *pat, size_t plen);

struct coverage {
	int covered;            /* 1 if some name covers the endpoint */
	int via_cn;             /* ... and that name is the subject CN */
	size_t index;           /* index of that name in the array */
	int aborted;            /* the client failed on a malformed name
	                         * (index says which): libpq and a NUL byte */
};

/*
 * hostmatch_endpoint - which of the n names covers ep (RFC 6125/9525):
 * an IP endpoint only by an equal iPAddress SAN; a DNS endpoint by a
 * dNSName SAN, or by a CN when the names hold no dNSName at all.
 */
void hostmatch_endpoint(const struct endpoint *ep,
    const struct cert_name *names, size_t n, struct coverage *cv);

/*
 * hostmatch_profile - as hostmatch_endpoint, but the way the client
 * described by pol matches: its CN fallback, wildcard syntax, IP handling,
 * trailing-dot and NUL behaviour (see profile.h).  names must be in
 * certificate order: SANs first, then CNs (as struct cert builds them).
 */
void hostmatch_profile(const struct match_policy *pol,
    const struct endpoint *ep, const struct cert_name *names, size_t n,
    struct coverage *cv);

/*
 * hostmatch_pattern - does the certificate name pat (plen bytes) cover
 * the lower-case host under wildcard rule wc?  Exposed for rules that
 * explain which clients accept a pattern.
 */
int hostmatch_pattern(enum wildcard_rule wc, const char *host,
    const unsigned char *pat, size_t plen);

/*
 * ip_format - canonical text of a 4- or 16-byte address into buf (at
 * least 46 bytes); other lengths give "<N-byte address>".  Returns buf.
 */
char *ip_format(const unsigned char *ip, size_t len, char *buf, size_t size);

#endif
