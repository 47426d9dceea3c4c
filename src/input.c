/*
 * input.c - see input.h.
 */
#include "input.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <mbedtls/platform_util.h>

int
input_read(const char *path, unsigned char **data, size_t *len, char *err,
    size_t errlen)
{
	unsigned char *buf = NULL, *nb;
	size_t cap = 0, n = 0;
	struct stat st;
	ssize_t r;
	int fd, is_stdin = strcmp(path, "-") == 0;

	*data = NULL;
	*len = 0;
	fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_NOCTTY);
	if (fd < 0) {
		snprintf(err, errlen, "cannot read %s: %s", path,
		    strerror(errno));
		return -1;
	}
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "cannot read %s: it is a directory", path);
		goto fail;
	}
	for (;;) {
		if (n == cap) {
			cap = cap ? cap * 2 : 16384;
			if (cap > INPUT_MAX + 1)
				cap = INPUT_MAX + 1;
			if (n == cap) {
				snprintf(err, errlen, "cannot read %s: larger "
				    "than %u MiB, not a certificate set",
				    is_stdin ? "standard input" : path,
				    INPUT_MAX >> 20);
				goto fail;
			}
			nb = malloc(cap);
			if (nb == NULL) {
				snprintf(err, errlen, "cannot read %s: out of "
				    "memory", path);
				goto fail;
			}
			if (buf != NULL) {
				memcpy(nb, buf, n);
				mbedtls_platform_zeroize(buf, n);
				free(buf);
			}
			buf = nb;
		}
		r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			snprintf(err, errlen, "cannot read %s: %s",
			    is_stdin ? "standard input" : path, strerror(errno));
			goto fail;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	if (!is_stdin)
		close(fd);
	if (buf == NULL && (buf = malloc(1)) == NULL) {
		snprintf(err, errlen, "cannot read %s: out of memory", path);
		return -1;
	}
	*data = buf;
	*len = n;
	return 0;
fail:
	if (!is_stdin)
		close(fd);
	if (buf != NULL) {
		mbedtls_platform_zeroize(buf, n);
		free(buf);
	}
	return -1;
}
