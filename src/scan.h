/*
 * scan.h - find certificate bundles in a directory tree (certgate --scan),
 * for repositories without a configuration file.
 *
 * A bundle is a directory that holds, by content, a certificate and its
 * key and/or CA: at least one file with a CERTIFICATE block and either a
 * file with a private key or a second certificate.  File names do not
 * matter; hidden directories and build output are skipped.
 */
#ifndef CERTGATE_SCAN_H
#define CERTGATE_SCAN_H

#include <stddef.h>

struct scan_bundle {
	char *dir;              /* the directory, as reached from the root */
	char **files;           /* its PEM files holding certificates, keys
	                         * or requests, sorted */
	size_t nfiles;
};

struct scan_result {
	struct scan_bundle *bundles;    /* sorted by dir */
	size_t n;
};

/* scan_init - empty; cannot fail. */
void scan_init(struct scan_result *r);
/* scan_free - NULL-safe, safe twice. */
void scan_free(struct scan_result *r);

/*
 * scan_tree - walk root (at most 32 levels, files up to 1 MiB) and append
 * every bundle found to r.  Returns 0; -1 with a message in err when root
 * cannot be read; -2 out of memory.  Unreadable entries below root are
 * skipped.
 */
int scan_tree(const char *root, struct scan_result *r, char *err,
    size_t errlen);

#endif
