/*
 * report_util.c - what the CI formats (SARIF, GitHub, GitLab) share: the
 * path a finding names, its URI, its fingerprint, GitHub's escaping.
 */
#include "report.h"
#include "../rules/rule.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <mbedtls/sha256.h>

char *
report_cwd(void)
{
	size_t size = 256;
	char *buf = NULL, *nb;

	for (;;) {
		if ((nb = realloc(buf, size)) == NULL)
			break;
		buf = nb;
		if (getcwd(buf, size) != NULL)
			return buf;
		if (errno != ERANGE || size > 65536)
			break;
		size *= 2;
	}
	free(buf);
	return NULL;
}

int
report_is_stdin(const char *file)
{
	return file != NULL && strcmp(file, "<stdin>") == 0;
}

const char *
report_path(const char *file, const char *cwd)
{
	size_t n;

	if (file == NULL || report_is_stdin(file))
		return NULL;
	if (file[0] == '/' && cwd != NULL && cwd[0] == '/') {
		n = strlen(cwd);
		while (n > 0 && cwd[n - 1] == '/')
			n--;
		if (strncmp(file, cwd, n) == 0 && file[n] == '/' &&
		    file[n + 1] != '\0')
			file += n + 1;
	}
	while (file[0] == '.' && file[1] == '/' && file[2] != '\0') {
		file += 2;
		while (file[0] == '/' && file[1] != '\0')
			file++;
	}
	return file;
}

char *
report_uri(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p = (const unsigned char *)path;
	size_t n = strlen(path), i, o = 0;
	int abs = path[0] == '/';
	char *s = malloc(n * 3 + sizeof("file://"));

	if (s == NULL)
		return NULL;
	if (abs) {
		memcpy(s, "file://", 7);
		o = 7;
	}
	for (i = 0; i < n; i++) {
		if ((p[i] >= 'A' && p[i] <= 'Z') || (p[i] >= 'a' && p[i] <= 'z') ||
		    (p[i] >= '0' && p[i] <= '9') || strchr("-._~/", p[i]) != NULL) {
			s[o++] = (char)p[i];
		} else {
			s[o++] = '%';
			s[o++] = hex[p[i] >> 4];
			s[o++] = hex[p[i] & 15];
		}
	}
	s[o] = '\0';
	return s;
}

/*
 * The message with what changes from run to run masked: a file name of
 * the run as typed ("./x.crt", "/abs/x.crt") becomes its report_path
 * ("x.crt"), every run of digits becomes "#" (day counts, the --now
 * time, line numbers quoted in the text), and "# days" reads "# day", so
 * "in 2 days" and "in 1 day" are the same finding.
 */
static char *
stable_message(const char *m, const char *const *files, size_t nfiles,
    const char *cwd)
{
	char *s = malloc(strlen(m) + 1), *o = s;
	const char *path;
	size_t i, n, best;

	if (s == NULL)
		return NULL;
	while (*m != '\0') {
		/* The longest file name of the run spelled here. */
		for (i = 0, best = 0, path = NULL; i < nfiles; i++) {
			if (files[i][0] != *m || (n = strlen(files[i])) <= best ||
			    strncmp(m, files[i], n) != 0)
				continue;
			best = n;
			path = report_path(files[i], cwd);
		}
		if (path != NULL) {
			n = strlen(path);       /* never longer than file */
			memcpy(o, path, n);
			o += n;
			m += best;
			continue;
		}
		if (*m < '0' || *m > '9') {
			*o++ = *m++;
			continue;
		}
		while (*m >= '0' && *m <= '9')
			m++;
		*o++ = '#';
		if (strncmp(m, " days", 5) == 0 && !(m[5] >= 'a' && m[5] <= 'z')) {
			memcpy(o, " day", 4);
			o += 4;
			m += 5;
		}
	}
	*o = '\0';
	return s;
}

static void
hash_field(mbedtls_sha256_context *ctx, const char *s)
{
	if (s != NULL)
		mbedtls_sha256_update_ret(ctx, (const unsigned char *)s,
		    strlen(s));
	mbedtls_sha256_update_ret(ctx, (const unsigned char *)"", 1);
}

char *
report_fingerprints(const struct findings *fs, const char *cwd)
{
	mbedtls_sha256_context ctx;
	unsigned char (*base)[32], h[32];
	char *out, *msg, *hex, num[24];
	const char **files;
	const struct finding *f;
	size_t i, j, k, nfiles = 0;

	out = malloc(fs->len * REPORT_FP_SIZE + 1);
	base = malloc((fs->len + 1) * sizeof(*base));
	files = malloc((fs->len + 1) * sizeof(*files));
	if (out == NULL || base == NULL || files == NULL)
		goto fail;
	/* The files named differently in a report than as typed. */
	for (i = 0; i < fs->len; i++) {
		const char *file = fs->v[i].file, *path;

		if (file == NULL || (path = report_path(file, cwd)) == NULL ||
		    path == file)
			continue;
		for (j = 0; j < nfiles && strcmp(files[j], file) != 0; j++)
			;
		if (j == nfiles)
			files[nfiles++] = file;
	}
	for (i = 0; i < fs->len; i++) {
		f = &fs->v[i];
		if ((msg = stable_message(f->message, files, nfiles, cwd)) ==
		    NULL)
			goto fail;
		mbedtls_sha256_init(&ctx);
		mbedtls_sha256_starts_ret(&ctx, 0);
		hash_field(&ctx, "certgate/v1");
		hash_field(&ctx, f->rule->id);
		hash_field(&ctx, f->file != NULL ? report_is_stdin(f->file) ?
		    "-" : report_path(f->file, cwd) : "");
		hash_field(&ctx, f->endpoint != NULL ? f->endpoint : "");
		hash_field(&ctx, msg);
		mbedtls_sha256_finish_ret(&ctx, base[i]);
		mbedtls_sha256_free(&ctx);
		free(msg);
		/* The k-th repeat of the same finding gets its own print. */
		for (j = k = 0; j < i; j++)
			k += memcmp(base[j], base[i], 32) == 0;
		memcpy(h, base[i], 32);
		if (k > 0) {
			snprintf(num, sizeof(num), "#%zu", k);
			mbedtls_sha256_init(&ctx);
			mbedtls_sha256_starts_ret(&ctx, 0);
			mbedtls_sha256_update_ret(&ctx, base[i], 32);
			hash_field(&ctx, num);
			mbedtls_sha256_finish_ret(&ctx, h);
			mbedtls_sha256_free(&ctx);
		}
		if ((hex = hex_encode(h, 32, 0, 0)) == NULL)
			goto fail;
		memcpy(out + i * REPORT_FP_SIZE, hex, REPORT_FP_SIZE);
		free(hex);
	}
	free(base);
	free(files);
	return out;
fail:
	free(out);
	free(base);
	free(files);
	return NULL;
}

char *
report_github_escape(const char *s, int property)
{
	char *e = malloc(strlen(s) * 3 + 1), *o = e;

	if (e == NULL)
		return NULL;
	for (; *s != '\0'; s++) {
		switch (*s) {
		case '%':  memcpy(o, "%25", 3); o += 3; break;
		case '\r': memcpy(o, "%0D", 3); o += 3; break;
		case '\n': memcpy(o, "%0A", 3); o += 3; break;
		case ':':
		case ',':
			if (property) {
				memcpy(o, *s == ':' ? "%3A" : "%2C", 3);
				o += 3;
				break;
			}
			/* FALLTHROUGH */
		default:
			*o++ = *s;
		}
	}
	*o = '\0';
	return e;
}

size_t
report_rule_index(const struct rule *r)
{
	size_t i;

	for (i = 0; i < rule_registry_len; i++)
		if (rule_registry[i] == r)
			return i;
	return rule_registry_len;
}

json_t *
report_jstr(const char *s)
{
	json_t *j;
	char *p;

	if (s == NULL)
		return json_null();
	if ((j = json_string(s)) != NULL)
		return j;
	/* Not valid UTF-8 (a file name may not be): escape it. */
	if ((p = str_printable((const unsigned char *)s, strlen(s))) == NULL)
		return NULL;
	j = json_string(p);
	free(p);
	return j;
}

int
report_put(json_t *obj, const char *key, json_t *value)
{
	if (value == NULL)
		return -1;
	return json_object_set_new(obj, key, value);
}

int
report_emit_json(FILE *out, json_t *doc)
{
	int ret;

	if (doc == NULL)
		return -1;
	ret = json_dumpf(doc, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(doc);
	if (ret != 0)
		return -1;
	fputc('\n', out);
	return ferror(out) ? -1 : 0;
}
