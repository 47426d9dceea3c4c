/*
 * common.h - helpers several rules share: validity windows, the SAN
 * re-signing hint, and short descriptions of certificates and keys.
 */
#ifndef CERTGATE_RULES_COMMON_H
#define CERTGATE_RULES_COMMON_H

#include "rule.h"

enum window { WIN_EXPIRED, WIN_NOT_YET_VALID, WIN_EXPIRES_SOON };

/*
 * rule_window - report c (described as role, e.g. "server certificate")
 * when the window condition w holds at b->now.  Returns 0 or -1 (out of
 * memory).
 */
int rule_window(const struct rule *r, const struct bundle *b,
    const struct cert *c, const char *role, enum window w,
    struct findings *out);

/*
 * san_hint - a heap string with the commands that re-sign the server
 * certificate with a subjectAltName for b's endpoints (or, with none, for
 * the certificate's CN).  NULL when out of memory.
 */
char *san_hint(const struct bundle *b);

/*
 * names_list - "DNS:a, IP:1.2.3.4, CN=b" (printable) for the names of c,
 * into a heap string; "no names" when there are none.  NULL out of memory.
 */
char *names_list(const struct cert *c);

/* name_text - printable "DNS:x" / "IP:x" / "CN=x" for one name (heap). */
char *name_text(const struct cert_name *n);

/*
 * profiles_split - which client profiles' name matching covers ep with the
 * n names: their names, comma-separated, into acc; the others into ref
 * ("none" when empty).
 */
void profiles_split(const struct cert_name *names, size_t n,
    const struct endpoint *ep, char *acc, size_t acclen, char *ref,
    size_t reflen);

/*
 * ca_reissue_hint - the openssl command that re-issues the CA certificate
 * ca with its own key and subject and the extensions strict verifiers
 * want; with resign_leaf, followed by re-signing server.crt (its
 * authorityKeyIdentifier must then name the new key identifier).  what
 * starts the sentence ("re-issue the CA certificate").  Heap string, NULL
 * when out of memory.
 */
char *ca_reissue_hint(const struct cert *ca, const char *what,
    int resign_leaf);

/* name_is_ip_text - 1 if the bytes are the text of an IPv4/IPv6 address. */
int name_is_ip_text(const unsigned char *p, size_t len);

#endif
