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

#endif
