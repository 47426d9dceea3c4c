/*
 * input.c - see input.h.
 */
#define _XOPEN_SOURCE 700      /* realpath */

#include "input.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <limits.h>
#include <spawn.h>
#include <sys/wait.h>

#include <mbedtls/platform_util.h>

extern char **environ;

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

int
input_mode(const char *path, unsigned *mode)
{
	struct stat st;

	if (strcmp(path, "-") == 0 || stat(path, &st) != 0 ||
	    !S_ISREG(st.st_mode))
		return -1;
	*mode = (unsigned)(st.st_mode & 07777);
	return 0;
}

int
input_git_tracked(const char *path)
{
	char dir[PATH_MAX], probe[PATH_MAX + 8], *slash;
	const char *base;
	posix_spawn_file_actions_t fa;
	struct stat st;
	pid_t pid;
	int status, found = 0;

	if (strcmp(path, "-") == 0 || strlen(path) >= sizeof(dir))
		return -1;
	if (realpath(path, dir) == NULL)
		return -1;
	slash = strrchr(dir, '/');
	if (slash == NULL)
		return -1;
	*slash = '\0';
	base = slash + 1;
	/* Is there a repository above it at all?  Cheap before spawning. */
	{
		char up[PATH_MAX];
		char *s;

		snprintf(up, sizeof(up), "%s", dir[0] ? dir : "/");
		for (;;) {
			snprintf(probe, sizeof(probe), "%s/.git", up);
			if (stat(probe, &st) == 0) {
				found = 1;
				break;
			}
			s = strrchr(up, '/');
			if (s == NULL || s == up)
				break;
			*s = '\0';
		}
	}
	if (!found)
		return -1;
	{
		char *argv[] = { "git", "-C", dir[0] ? dir : "/", "ls-files",
		    "--error-unmatch", "--", (char *)base, NULL };

		if (posix_spawn_file_actions_init(&fa) != 0)
			return -1;
		posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null",
		    O_RDONLY, 0);
		posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null",
		    O_WRONLY, 0);
		posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null",
		    O_WRONLY, 0);
		if (posix_spawnp(&pid, "git", &fa, NULL, argv, environ) != 0) {
			posix_spawn_file_actions_destroy(&fa);
			return -1;
		}
		posix_spawn_file_actions_destroy(&fa);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	if (!WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status) == 0 ? 1 : WEXITSTATUS(status) == 1 ? 0 : -1;
}
