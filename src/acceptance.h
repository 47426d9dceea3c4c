/*
 * acceptance.h - predict, per server and per client, whether the assembled
 * set will work: does each server start with TLS on with this certificate
 * and key; does each client, in verify-ca and verify-full, accept the
 * certificate the server presents, checked against the given CA.
 *
 * The model follows the order real verifiers check in (OpenSSL 3.0
 * verify_chain: issuer, CA and purpose, key and digest strength, host
 * name, then signatures and validity), so a reason is the one that
 * program would report first.  The interop tests hold it to the real
 * programs.
 */
#ifndef CERTGATE_ACCEPTANCE_H
#define CERTGATE_ACCEPTANCE_H

#include <stddef.h>

#include "bundle.h"
#include "profile.h"

struct verdict {
	int accept;             /* 1 accepted, 0 refused, -1 cannot be judged */
	const char *code;       /* short reason for the text matrix ("ok") */
	char *reason;           /* one-line reason (heap) */
};

struct acceptance {
	struct verdict servers[SRV_COUNT];
	struct verdict ca[CL_COUNT];    /* verify-ca */
	struct verdict *full;           /* verify-full: [client * neps + ep] */
	size_t neps;
};

/* acceptance_init - empty; cannot fail. */
void acceptance_init(struct acceptance *a);
/* acceptance_free - NULL-safe, safe twice. */
void acceptance_free(struct acceptance *a);

/*
 * acceptance_compute - fill a for bundle b (its endpoints, now).
 * Returns 0, or -1 when out of memory.
 */
int acceptance_compute(const struct bundle *b, struct acceptance *a);

/* full_verdict - the verify-full verdict of client c for endpoint e. */
const struct verdict *full_verdict(const struct acceptance *a,
    enum client_id c, size_t e);

/* sig_is_weak - name of a weak digest ("MD5", "SHA-1", ...) in the
 * certificate's signature algorithm, or NULL. */
const char *sig_is_weak(const struct certinfo *ci);

/* key_strength_bits - the key's size as "bits" in the sense of OpenSSL's
 * security levels for RSA/DSA (modulus bits) and EC (curve bits); 0 when
 * unknown. */
unsigned cert_key_bits(const struct cert *c);

#endif
