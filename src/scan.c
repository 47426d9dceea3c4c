/*
 * scan.c - see scan.h.
 */
#include "scan.h"
#include "input.h"
#include "pem.h"
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <mbedtls/platform_util.h>

#define SCAN_MAX_DEPTH 32
#define SCAN_MAX_FILE (1u << 20)

void
scan_init(struct scan_result *r)
{
	memset(r, 0, sizeof(*r));
}

static void
bundle_free_one(struct scan_bundle *b)
{
	size_t i;

	for (i = 0; i < b->nfiles; i++)
		free(b->files[i]);
	free(b->files);
	free(b->dir);
}

void
scan_free(struct scan_result *r)
{
	size_t i;

	if (r == NULL)
		return;
	for (i = 0; i < r->n; i++)
		bundle_free_one(&r->bundles[i]);
	free(r->bundles);
	scan_init(r);
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* What a file holds: bit 1 certificate, 2 key, 4 request. */
static int
classify(const char *path)
{
	unsigned char *data;
	size_t len, i;
	char err[256];
	struct pem_scan s;
	int kind = 0;
	const char *l;

	if (input_read(path, &data, &len, err, sizeof(err)) != 0)
		return 0;
	if (len > SCAN_MAX_FILE ||
	    mem_find(data, len, "-----BEGIN ", 11) == NULL) {
		mbedtls_platform_zeroize(data, len);
		free(data);
		return 0;
	}
	pem_scan_init(&s);
	if (pem_scan(data, len, &s) == 0) {
		for (i = 0; i < s.nblocks; i++) {
			l = s.blocks[i].label;
			if (strstr(l, "CERTIFICATE REQUEST") != NULL)
				kind |= 4;
			else if (strstr(l, "CERTIFICATE") != NULL)
				kind |= 1 | (s.blocks[i].error ? 0 : 8);
			else if (strstr(l, "PRIVATE KEY") != NULL &&
			    strcmp(l, "OPENSSH PRIVATE KEY") != 0)
				kind |= 2;
		}
	}
	pem_scan_free(&s);
	mbedtls_platform_zeroize(data, len);
	free(data);
	return kind;
}

static int
skip_dir(const char *name)
{
	return name[0] == '.' || strcmp(name, "node_modules") == 0 ||
	    strcmp(name, "build") == 0;
}

static int
walk(const char *dir, int depth, struct scan_result *r)
{
	DIR *d;
	struct dirent *e;
	struct stat st;
	char **subdirs = NULL, **files = NULL, *path, **np;
	size_t nsub = 0, nfiles = 0, i, ncert = 0, nkey = 0;
	int kind, ret = 0;

	if (depth > SCAN_MAX_DEPTH || (d = opendir(dir)) == NULL)
		return 0;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		path = strcmp(dir, ".") == 0 ? str_dup(e->d_name) :
		    str_printf("%s/%s", dir, e->d_name);
		if (path == NULL) {
			ret = -2;
			break;
		}
		if (lstat(path, &st) != 0 || S_ISLNK(st.st_mode)) {
			free(path);
			continue;
		}
		if (S_ISDIR(st.st_mode) && !skip_dir(e->d_name)) {
			np = realloc(subdirs, (nsub + 1) * sizeof(*np));
			if (np == NULL) {
				free(path);
				ret = -2;
				break;
			}
			subdirs = np;
			subdirs[nsub++] = path;
			continue;
		}
		if (!S_ISREG(st.st_mode) || st.st_size > SCAN_MAX_FILE ||
		    (kind = classify(path)) == 0) {
			free(path);
			continue;
		}
		ncert += (kind & 8) ? 1 : 0;
		nkey += (kind & 2) ? 1 : 0;
		np = realloc(files, (nfiles + 1) * sizeof(*np));
		if (np == NULL) {
			free(path);
			ret = -2;
			break;
		}
		files = np;
		files[nfiles++] = path;
	}
	closedir(d);
	if (ret == 0 && nfiles > 0 && ncert >= 1 && (nkey >= 1 || ncert >= 2)) {
		struct scan_bundle *nb = realloc(r->bundles,
		    (r->n + 1) * sizeof(*nb));

		if (nb == NULL) {
			ret = -2;
		} else {
			r->bundles = nb;
			qsort(files, nfiles, sizeof(*files), cmp_str);
			nb[r->n].dir = str_dup(dir);
			nb[r->n].files = files;
			nb[r->n].nfiles = nfiles;
			files = NULL;
			nfiles = 0;
			if (nb[r->n].dir == NULL)
				ret = -2;
			r->n++;
		}
	}
	for (i = 0; i < nfiles; i++)
		free(files[i]);
	free(files);
	if (nsub > 1)
		qsort(subdirs, nsub, sizeof(*subdirs), cmp_str);
	for (i = 0; i < nsub; i++) {
		if (ret == 0)
			ret = walk(subdirs[i], depth + 1, r);
		free(subdirs[i]);
	}
	free(subdirs);
	return ret;
}

static int
cmp_bundle(const void *a, const void *b)
{
	return strcmp(((const struct scan_bundle *)a)->dir,
	    ((const struct scan_bundle *)b)->dir);
}

int
scan_tree(const char *root, struct scan_result *r, char *err, size_t errlen)
{
	struct stat st;
	char *clean;
	size_t len;
	int ret;

	if (stat(root, &st) != 0) {
		snprintf(err, errlen, "cannot scan %s: %s", root,
		    strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "cannot scan %s: not a directory", root);
		return -1;
	}
	clean = str_dup(root);
	if (clean == NULL)
		return -2;
	len = strlen(clean);
	while (len > 1 && clean[len - 1] == '/')
		clean[--len] = '\0';
	ret = walk(clean, 0, r);
	free(clean);
	if (ret == 0 && r->n > 1)
		qsort(r->bundles, r->n, sizeof(*r->bundles), cmp_bundle);
	return ret;
}
