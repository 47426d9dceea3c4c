/*
 * util.h - small helpers shared by every module: formatted allocation,
 * printable rendering of untrusted bytes, and UTC time conversion.
 */
#ifndef CERTGATE_UTIL_H
#define CERTGATE_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>

#if defined(__GNUC__)
#define CG_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CG_PRINTF(f, a)
#endif

#define CG_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/*
 * str_printf - vsnprintf into a new heap string.
 * Returns the string (caller frees) or NULL when out of memory.
 */
char *str_printf(const char *fmt, ...) CG_PRINTF(1, 2);
char *str_vprintf(const char *fmt, va_list ap) CG_PRINTF(1, 0);

/* str_dup - strdup that accepts NULL (returns NULL). */
char *str_dup(const char *s);

/*
 * str_printable - render untrusted bytes (a certificate name, say) as a
 * NUL-terminated string that is valid UTF-8 and holds no control
 * characters: valid UTF-8 sequences are kept, a backslash becomes "\\",
 * and every other byte (NUL, controls, invalid UTF-8) becomes "\xNN".
 * Returns a heap string (caller frees) or NULL when out of memory.
 */
char *str_printable(const unsigned char *p, size_t len);

/* mem_find - first occurrence of needle in hay, or NULL (portable memmem). */
const void *mem_find(const void *hay, size_t hlen, const void *needle,
    size_t nlen);

/* bytes_have_nul - 1 if any of the len bytes at p is 0, else 0. */
int bytes_have_nul(const unsigned char *p, size_t len);

/*
 * time_from_civil - seconds since the epoch for a UTC calendar time.
 * No range checks beyond what the proleptic Gregorian calendar needs.
 */
int64_t time_from_civil(int year, int mon, int day, int hour, int min, int sec);

/*
 * time_format - write t as RFC 3339 UTC ("2026-11-22T00:00:00Z") into buf,
 * which must hold at least 32 bytes.  Returns buf.
 */
char *time_format(int64_t t, char *buf, size_t size);

/*
 * time_parse - parse an RFC 3339 timestamp ("2026-11-22T00:00:00Z",
 * fractional seconds and numeric offsets accepted; a bare date
 * "2026-11-22" means midnight UTC).  Returns 0 and sets *t, or -1.
 */
int time_parse(const char *s, int64_t *t);

/* hex_encode - lowercase hex of len bytes into a new heap string. */
char *hex_encode(const unsigned char *p, size_t len, int upper, char sep);

#endif
