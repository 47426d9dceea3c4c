/*
 * input.h - read a whole input (file or standard input) into memory.
 */
#ifndef CERTGATE_INPUT_H
#define CERTGATE_INPUT_H

#include <stddef.h>

/* Inputs larger than this are refused: no certificate set is this big,
 * and it bounds what "certgate /dev/zero" can do. */
#define INPUT_MAX (16u * 1024 * 1024)

/*
 * input_read - read all of path ("-" is standard input) into a new buffer
 * (*data, *len; the caller frees).  Never blocks on anything but the read
 * itself and never prompts.  Returns 0; or -1 with a message in err
 * (cannot open, a directory, a read error, larger than INPUT_MAX).
 */
int input_read(const char *path, unsigned char **data, size_t *len,
    char *err, size_t errlen);

/*
 * input_mode - the permission bits of path in *mode; 0, or -1 when it is
 * not a regular file that can be stat'ed ("-" never is).
 */
int input_mode(const char *path, unsigned *mode);

/*
 * input_git_tracked - 1 if path is in the index of the git repository
 * holding it (`git ls-files --error-unmatch`), 0 if not, -1 when there is
 * no repository or git cannot be run.  Never prompts; output discarded.
 */
int input_git_tracked(const char *path);

#endif
