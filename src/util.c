/*
 * util.c - see util.h.
 */
#include "util.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *
str_vprintf(const char *fmt, va_list ap)
{
	va_list ap2;
	int n;
	char *s;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return NULL;
	s = malloc((size_t)n + 1);
	if (s == NULL)
		return NULL;
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

char *
str_printf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = str_vprintf(fmt, ap);
	va_end(ap);
	return s;
}

char *
str_dup(const char *s)
{
	size_t n;
	char *d;

	if (s == NULL)
		return NULL;
	n = strlen(s) + 1;
	d = malloc(n);
	if (d != NULL)
		memcpy(d, s, n);
	return d;
}

/* Length of the valid UTF-8 sequence at p (at most n bytes), or 0. */
static size_t
utf8_seq_len(const unsigned char *p, size_t n)
{
	size_t len, i;
	uint32_t cp;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xC2 && p[0] <= 0xDF) {
		len = 2;
		cp = p[0] & 0x1F;
	} else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		len = 3;
		cp = p[0] & 0x0F;
	} else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		len = 4;
		cp = p[0] & 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (p[i] & 0x3F);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	/* C1 controls are printable-unsafe too. */
	if (cp >= 0x80 && cp < 0xA0)
		return 0;
	return len;
}

char *
str_printable(const unsigned char *p, size_t len)
{
	char *out, *o;
	size_t i, k;

	/* Worst case: every byte becomes \xNN. */
	out = malloc(len * 4 + 1);
	if (out == NULL)
		return NULL;
	o = out;
	for (i = 0; i < len;) {
		if (p[i] == '\\') {
			*o++ = '\\';
			*o++ = '\\';
			i++;
			continue;
		}
		if (p[i] >= 0x20 && p[i] < 0x7F) {
			*o++ = (char)p[i++];
			continue;
		}
		k = p[i] >= 0x80 ? utf8_seq_len(p + i, len - i) : 0;
		if (k > 0) {
			memcpy(o, p + i, k);
			o += k;
			i += k;
			continue;
		}
		o += snprintf(o, 5, "\\x%02X", p[i]);
		i++;
	}
	*o = '\0';
	return out;
}

const void *
mem_find(const void *hay, size_t hlen, const void *needle, size_t nlen)
{
	const unsigned char *h = hay;
	size_t i;

	if (nlen == 0)
		return hay;
	for (i = 0; i + nlen <= hlen; i++)
		if (h[i] == *(const unsigned char *)needle &&
		    memcmp(h + i, needle, nlen) == 0)
			return h + i;
	return NULL;
}

int
bytes_have_nul(const unsigned char *p, size_t len)
{
	return p != NULL && memchr(p, 0, len) != NULL;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil algorithm). */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int64_t
time_from_civil(int year, int mon, int day, int hour, int min, int sec)
{
	return days_from_civil(year, mon, day) * 86400 +
	    (int64_t)hour * 3600 + min * 60 + sec;
}

char *
time_format(int64_t t, char *buf, size_t size)
{
	int64_t z, era, doe, yoe, y, doy, mp, d, m, secs;

	secs = t % 86400;
	z = t / 86400;
	if (secs < 0) {
		secs += 86400;
		z--;
	}
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp + (mp < 10 ? 3 : -9);
	y += m <= 2;
	snprintf(buf, size, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lldZ",
	    (long long)y, (long long)m, (long long)d,
	    (long long)(secs / 3600), (long long)(secs / 60 % 60),
	    (long long)(secs % 60));
	return buf;
}

/* Parse exactly n digits at *s; advance *s.  Returns -1 on failure. */
static int
digits(const char **s, int n)
{
	int v = 0;

	while (n-- > 0) {
		if (!isdigit((unsigned char)**s))
			return -1;
		v = v * 10 + (**s - '0');
		(*s)++;
	}
	return v;
}

int
time_parse(const char *s, int64_t *t)
{
	int y, mo, d, h = 0, mi = 0, se = 0, oh, om, sign;
	static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int64_t off = 0;

	if ((y = digits(&s, 4)) < 0 || *s++ != '-' ||
	    (mo = digits(&s, 2)) < 0 || *s++ != '-' ||
	    (d = digits(&s, 2)) < 0)
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > mdays[mo - 1])
		return -1;
	if (mo == 2 && d == 29 && !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return -1;
	if (*s == '\0')
		goto done;
	if (*s != 'T' && *s != 't' && *s != ' ')
		return -1;
	s++;
	if ((h = digits(&s, 2)) < 0 || *s++ != ':' ||
	    (mi = digits(&s, 2)) < 0 || *s++ != ':' ||
	    (se = digits(&s, 2)) < 0)
		return -1;
	if (h > 23 || mi > 59 || se > 60)
		return -1;
	if (se == 60)
		se = 59;
	if (*s == '.') {
		s++;
		if (!isdigit((unsigned char)*s))
			return -1;
		while (isdigit((unsigned char)*s))
			s++;
	}
	if (*s == 'Z' || *s == 'z') {
		s++;
	} else if (*s == '+' || *s == '-') {
		sign = *s++ == '-' ? -1 : 1;
		if ((oh = digits(&s, 2)) < 0 || *s++ != ':' ||
		    (om = digits(&s, 2)) < 0 || oh > 23 || om > 59)
			return -1;
		off = sign * ((int64_t)oh * 3600 + om * 60);
	} else {
		return -1;
	}
	if (*s != '\0')
		return -1;
done:
	*t = time_from_civil(y, mo, d, h, mi, se) - off;
	return 0;
}

char *
hex_encode(const unsigned char *p, size_t len, int upper, char sep)
{
	static const char lo[] = "0123456789abcdef", up[] = "0123456789ABCDEF";
	const char *dig = upper ? up : lo;
	char *out, *o;
	size_t i;

	out = malloc(len * 3 + 1);
	if (out == NULL)
		return NULL;
	o = out;
	for (i = 0; i < len; i++) {
		if (sep != '\0' && i > 0)
			*o++ = sep;
		*o++ = dig[p[i] >> 4];
		*o++ = dig[p[i] & 15];
	}
	*o = '\0';
	return out;
}
