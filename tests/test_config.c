/*
 * test_config.c - src/config.c: configuration files written to a fresh
 * temporary directory (which holds fx -> fixtures/ and sub/fx ->
 * fixtures/, so paths resolve to real fixture files), loaded, and compared
 * field by field through a dump (valid files) or with the exact
 * "PATH:LINE: message" (every error).  In the tables "@D" stands for the
 * temporary directory's absolute path.
 */
#include "suites.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../src/config.h"
#include "../src/util.h"

/* The repository root (to come back to) and the temporary directory. */
static char home[PATH_MAX], tmpdir[PATH_MAX];

/* Remove path and everything under it; symbolic links are not followed. */
static void
rm_rf(const char *path)
{
	struct stat st;
	struct dirent *de;
	DIR *d;
	char sub[PATH_MAX];

	if (lstat(path, &st) != 0)
		return;
	if (S_ISDIR(st.st_mode) && (d = opendir(path)) != NULL) {
		while ((de = readdir(d)) != NULL) {
			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			snprintf(sub, sizeof(sub), "%s/%s", path, de->d_name);
			rm_rf(sub);
		}
		closedir(d);
		rmdir(path);
	} else {
		unlink(path);
	}
}

static void
setup(void)
{
	const char *t = getenv("TMPDIR");
	char dir[PATH_MAX], target[PATH_MAX + 16], link[PATH_MAX + 16];

	ck_assert_ptr_nonnull(getcwd(home, sizeof(home)));
	snprintf(dir, sizeof(dir), "%s/certgate-config-XXXXXX",
	    t != NULL && *t != '\0' ? t : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(target, sizeof(target), "%s/%s", home, FIXTURES);
	snprintf(link, sizeof(link), "%s/fx", dir);
	ck_assert_int_eq(symlink(target, link), 0);
	snprintf(link, sizeof(link), "%s/sub", dir);
	ck_assert_int_eq(mkdir(link, 0700), 0);
	snprintf(link, sizeof(link), "%s/sub/fx", dir);
	ck_assert_int_eq(symlink(target, link), 0);
	ck_assert_int_eq(chdir(dir), 0);
	ck_assert_ptr_nonnull(getcwd(tmpdir, sizeof(tmpdir)));
}

static void
teardown(void)
{
	if (chdir(home) == 0 && tmpdir[0] == '/')
		rm_rf(tmpdir);
	tmpdir[0] = '\0';
}

/* s with every "@D" replaced by the temporary directory (caller frees). */
static char *
expand(const char *s)
{
	size_t n = 0, dl = strlen(tmpdir);
	const char *p;
	char *out, *o;

	for (p = s; (p = strstr(p, "@D")) != NULL; p += 2)
		n++;
	out = malloc(strlen(s) + n * dl + 1);
	ck_assert_ptr_nonnull(out);
	for (o = out; *s != '\0';) {
		if (strncmp(s, "@D", 2) == 0) {
			memcpy(o, tmpdir, dl);
			o += dl;
			s += 2;
		} else {
			*o++ = *s++;
		}
	}
	*o = '\0';
	return out;
}

static void
write_file(const char *path, const char *text, size_t len)
{
	FILE *fp = fopen(path, "wb");

	ck_assert_msg(fp != NULL, "cannot write %s", path);
	ck_assert_uint_eq(fwrite(text, 1, len, fp), len);
	ck_assert_int_eq(fclose(fp), 0);
}

/* Append printf output to a growing string. */
static void
cat(char **s, const char *fmt, ...) CG_PRINTF(2, 3);

static void
cat(char **s, const char *fmt, ...)
{
	va_list ap;
	char *add, *both;

	va_start(ap, fmt);
	add = str_vprintf(fmt, ap);
	va_end(ap);
	ck_assert_ptr_nonnull(add);
	both = str_printf("%s%s", *s != NULL ? *s : "", add);
	ck_assert_ptr_nonnull(both);
	free(add);
	free(*s);
	*s = both;
}

static const char *
sev_word(enum severity s)
{
	return s == SEV_NONE ? "off" : severity_str(s);
}

static void
cat_overrides(char **s, const struct rule_override *v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		cat(s, " %s=%s@%u", v[i].rule, sev_word(v[i].severity),
		    v[i].line);
}

#define OR_DASH(s) ((s) != NULL ? (s) : "-")

/*
 * Every field of c, one line each for the file, [rules] and each bundle:
 *   path=P dir=D
 *   rules R=SEV@LINE...
 *   bundle NAME@LINE cert= key= ca= csr= endpoints=[..][..] clients=
 *       servers= warn-days= overrides R=SEV@LINE...
 */
static char *
dump(const struct config *c)
{
	const struct config_bundle *b;
	char *s = NULL;
	size_t i, j;

	cat(&s, "path=%s dir=%s\nrules", OR_DASH(c->path), OR_DASH(c->dir));
	cat_overrides(&s, c->overrides, c->noverrides);
	cat(&s, "\n");
	for (i = 0; i < c->nbundles; i++) {
		b = &c->bundles[i];
		cat(&s, "bundle %s@%u cert=%s key=%s ca=%s csr=%s endpoints=",
		    OR_DASH(b->name), b->line, OR_DASH(b->cert),
		    OR_DASH(b->key), OR_DASH(b->ca), OR_DASH(b->csr));
		for (j = 0; j < b->nendpoints; j++)
			cat(&s, "[%s]", b->endpoints[j]);
		cat(&s, " clients=%s servers=%s warn-days=%d overrides",
		    OR_DASH(b->clients), OR_DASH(b->servers), b->warn_days);
		cat_overrides(&s, b->overrides, b->noverrides);
		cat(&s, "\n");
	}
	return s;
}

#define GS "fx/good-san/"

/* ---- valid files ---- */

static const struct {
	const char *file;       /* where to write it, relative or "@D/..." */
	const char *text;       /* its contents ("@D" expanded) */
	const char *want;       /* dump() of the result ("@D" expanded) */
} valid_cases[] = {
	/* The example of config.h, on a fixture set. */
	{ ".certgate.ini",
	  "# global rule overrides\n"
	  "[rules]\n"
	  "disable  = cert-v1, host-cn-fallback\n"
	  "severity = ca-no-skid=error, cert-no-akid=info\n"
	  "\n"
	  "[bundle mysql-prod]\n"
	  "cert      = fx/guide-mysql/server.crt     ; paths relative to this file\n"
	  "key       = fx/guide-mysql/server.key\n"
	  "ca        = fx/guide-mysql/server-ca.crt\n"
	  "csr       = fx/guide-mysql/server.csr\n"
	  "endpoints = rm-bp1abc.mysql.rds.aliyuncs.com, rm-bp1abc.mysql.rds.aliyuncs.com:3306\n"
	  "clients   = libpq, go\n"
	  "servers   = mysql\n"
	  "warn-days = 45\n"
	  "disable   = cert-v1\n"
	  "severity  = host-cn-fallback=error\n",
	  "path=.certgate.ini dir=.\n"
	  "rules cert-v1=off@3 host-cn-fallback=off@3 ca-no-skid=error@4 "
	  "cert-no-akid=info@4\n"
	  "bundle mysql-prod@6 cert=fx/guide-mysql/server.crt "
	  "key=fx/guide-mysql/server.key ca=fx/guide-mysql/server-ca.crt "
	  "csr=fx/guide-mysql/server.csr "
	  "endpoints=[rm-bp1abc.mysql.rds.aliyuncs.com,"
	  "rm-bp1abc.mysql.rds.aliyuncs.com:3306] clients=libpq,go "
	  "servers=mysql warn-days=45 overrides cert-v1=off@15 "
	  "host-cn-fallback=error@16\n" },
	/* A bare [bundle] is named by its cert path; unset fields. */
	{ "c.ini",
	  "[bundle]\n"
	  "cert = " GS "server.crt\n",
	  "path=c.ini dir=.\nrules\n"
	  "bundle " GS "server.crt@1 cert=" GS "server.crt key=- ca=- csr=- "
	  "endpoints= clients=- servers=- warn-days=-1 overrides\n" },
	/* Accumulation in order; enable after disable (the rule's default
	 * severity); continuation lines; comments of both kinds, inline. */
	{ "c.ini",
	  "; comment\n"
	  "# another\n"
	  "[rules]\n"
	  "disable = cert-v1\n"
	  "disable = cert-no-san, key-missing   ; inline\n"
	  "enable = cert-v1\n"
	  "[bundle a]\n"
	  "cert = " GS "server.crt  # the leaf\n"
	  "endpoints = db1.example.com\n"
	  "endpoints = db2.example.com:5432,\n"
	  "    db3.example.com\n"
	  "    ; a comment between continuation lines\n"
	  "    [::1]:5432\n"
	  "enable = key-missing\n"
	  "disable = cert-v1\n"
	  "severity = cert-v1 = error,\n"
	  "  host-cn-fallback=off\n",
	  "path=c.ini dir=.\n"
	  "rules cert-v1=off@4 cert-no-san=off@5 key-missing=off@5 "
	  "cert-v1=warning@6\n"
	  "bundle a@7 cert=" GS "server.crt key=- ca=- csr=- "
	  "endpoints=[db1.example.com][db2.example.com:5432][db3.example.com]"
	  "[[::1]:5432] clients=- servers=- warn-days=-1 overrides "
	  "key-missing=info@14 cert-v1=off@15 cert-v1=error@16 "
	  "host-cn-fallback=off@17\n" },
	/* Relative to the file's directory; absolute paths kept; ".." kept. */
	{ "sub/c.ini",
	  "[bundle s]\n"
	  "cert = " GS "server.crt\n"
	  "key = @D/" GS "server.key\n"
	  "ca = ../" GS "server-ca.crt\n",
	  "path=sub/c.ini dir=sub\nrules\n"
	  "bundle s@1 cert=sub/" GS "server.crt key=@D/" GS "server.key "
	  "ca=sub/../" GS "server-ca.crt csr=- endpoints= clients=- "
	  "servers=- warn-days=-1 overrides\n" },
	/* An absolute configuration path gives absolute paths. */
	{ "@D/sub/c.ini",
	  "[bundle abs]\n"
	  "cert = " GS "server.crt\n",
	  "path=@D/sub/c.ini dir=@D/sub\nrules\n"
	  "bundle abs@1 cert=@D/sub/" GS "server.crt key=- ca=- csr=- "
	  "endpoints= clients=- servers=- warn-days=-1 overrides\n" },
	/* "./c.ini": the directory is ".", paths stay short. */
	{ "./c.ini",
	  "[bundle dot]\n"
	  "cert = " GS "server.crt\n",
	  "path=./c.ini dir=.\nrules\n"
	  "bundle dot@1 cert=" GS "server.crt key=- ca=- csr=- "
	  "endpoints= clients=- servers=- warn-days=-1 overrides\n" },
	/* Empty, and only comments and an empty [rules]. */
	{ "c.ini", "", "path=c.ini dir=.\nrules\n" },
	{ "c.ini", "; nothing\n\n[rules]\n# yet\n",
	  "path=c.ini dir=.\nrules\n" },
	/* CRLF, a UTF-8 BOM, no final newline, warn-days 0. */
	{ "c.ini",
	  "\xEF\xBB\xBF[bundle crlf]\r\n"
	  "cert = " GS "server.crt\r\n"
	  "warn-days = 0",
	  "path=c.ini dir=.\nrules\n"
	  "bundle crlf@1 cert=" GS "server.crt key=- ca=- csr=- "
	  "endpoints= clients=- servers=- warn-days=0 overrides\n" },
	/* Two bundles, [rules] twice (accumulates), a name with a space and
	 * one past libinih's 50-byte section buffer, "all", "key: value",
	 * warn-days 36500, a libpq multi-host URI kept whole. */
	{ "c.ini",
	  "[rules]\n"
	  "disable = ca-v1\n"
	  "[bundle  pg prod ]\n"
	  "cert: " GS "server.crt\n"
	  "clients = all\n"
	  "servers = postgresql , mariadb\n"
	  "endpoints = postgresql://u@h1.example.com:5432,h2.example.com:5433/db?sslmode=verify-full\n"
	  "[rules]\n"
	  "enable = ca-v1\n"
	  "[bundle a-bundle-name-longer-than-fifty-bytes-0123456789abcdef]\n"
	  "cert = fx/good-ec/server.crt\n"
	  "warn-days = 36500\n",
	  "path=c.ini dir=.\n"
	  "rules ca-v1=off@2 ca-v1=warning@9\n"
	  "bundle pg prod@3 cert=" GS "server.crt key=- ca=- csr=- "
	  "endpoints=[postgresql://u@h1.example.com:5432,h2.example.com:5433/"
	  "db?sslmode=verify-full] clients=all servers=postgresql,mariadb "
	  "warn-days=-1 overrides\n"
	  "bundle a-bundle-name-longer-than-fifty-bytes-0123456789abcdef@10 "
	  "cert=fx/good-ec/server.crt key=- ca=- csr=- endpoints= clients=- "
	  "servers=- warn-days=36500 overrides\n" },
	/* An indented key right after a section header is not a
	 * continuation (libinih forgets the previous key there). */
	{ "c.ini",
	  "[bundle a]\n"
	  "cert = " GS "server.crt\n"
	  "[rules]\n"
	  "   disable = cert-v1\n",
	  "path=c.ini dir=.\nrules cert-v1=off@4\n"
	  "bundle a@1 cert=" GS "server.crt key=- ca=- csr=- endpoints= "
	  "clients=- servers=- warn-days=-1 overrides\n" },
};

START_TEST(test_valid)
{
	struct config c;
	char err[512], *file, *text, *want, *got;

	file = expand(valid_cases[_i].file);
	text = expand(valid_cases[_i].text);
	want = expand(valid_cases[_i].want);
	write_file(file, text, strlen(text));
	config_init(&c);
	ck_assert_msg(config_load(file, &c, err, sizeof(err)) == 0, "%s", err);
	got = dump(&c);
	ck_assert_str_eq(got, want);
	config_free(&c);
	config_free(&c);        /* safe twice */
	free(got);
	free(file);
	free(text);
	free(want);
}
END_TEST

/* ---- errors ---- */

#define LONG200 "db-0123456789.example.com,db-0123456789.example.com," \
	"db-0123456789.example.com,db-0123456789.example.com," \
	"db-0123456789.example.com,db-0123456789.example.com," \
	"db-0123456789.example.com,db-0123456789.example.com"
#define NOCERT "has no cert: add cert = PATH (the server certificate; " \
	"key, ca and csr are optional)"
#define NUL_TEXT "[rules]\ndisable = cert-v1\n\0\n"
#define BUNDLE_A "[bundle a]\ncert = " GS "server.crt\n"

static const struct {
	const char *file;       /* loaded; written unless text is NULL */
	const char *text;
	size_t len;             /* of text; 0: strlen */
	const char *want;       /* the message ("@D" expanded) */
} error_cases[] = {
	/* The file itself. */
	{ "missing.ini", NULL, 0,
	  "missing.ini: cannot read: No such file or directory" },
	{ "sub", NULL, 0, "sub: cannot read: Is a directory" },
	{ "c.toml", "[bundle.a]\ncert = \"a.crt\"\n", 0,
	  "c.toml: certgate reads .certgate.ini (INI), not TOML: convert it "
	  "to .certgate.ini: [bundle NAME] sections, key = value without "
	  "quotes, lists as a, b (see certgate(1))" },
	{ "c.ini", NUL_TEXT, sizeof(NUL_TEXT) - 1,
	  "c.ini:3: NUL byte: the configuration must be a text file" },
	{ "c.ini", BUNDLE_A "endpoints = " LONG200 "\n", 0,
	  "c.ini:3: line is longer than 197 characters: split it (endpoints, "
	  "disable, enable and severity may be repeated)" },
	/* Syntax (libinih's return value). */
	{ "c.ini", "[bundle a]\ncert " GS "server.crt\n", 0,
	  "c.ini:2: 'cert " GS "server.crt' is not 'key = value', a "
	  "[section] or a comment" },
	{ "c.ini", "[rules]\ndisable = cert-v1\n[bundle x\n", 0,
	  "c.ini:3: section header without ']': write [bundle NAME] or "
	  "[rules]" },
	{ "c.ini", BUNDLE_A "noeq", 0,
	  "c.ini:3: 'noeq' is not 'key = value', a [section] or a comment" },
	{ "c.ini", "\xEF\xBB\xBF  noeq  \n", 0,
	  "c.ini:1: 'noeq' is not 'key = value', a [section] or a comment" },
	{ "c.ini", "[rules]\ndisable cert-v1 cert-no-san cert-no-akid ca-no-skid "
	  "ca-v1\n", 0,
	  "c.ini:2: 'disable cert-v1 cert-no-san cert-no-akid ca-no-skid ca-v1' "
	  "is not 'key = value', a [section] or a comment" },
	{ "c.ini", "[rules]\ndisable cert-v1 cert-no-san cert-no-akid ca-no-skid "
	  "ca-v1 key-missing\n", 0,
	  "c.ini:2: 'disable cert-v1 cert-no-san cert-no-akid ca-no-skid ca-v1 "
	  "ke...' is not 'key = value', a [section] or a comment" },
	/* A syntax error before an error of ours wins, and vice versa. */
	{ "c.ini", "[bundle a]\ncert fx\n[bogus]\n", 0,
	  "c.ini:2: 'cert fx' is not 'key = value', a [section] or a "
	  "comment" },
	{ "c.ini", "[bundle a]\ncert = nope.crt\nnoeq\n", 0,
	  "c.ini:2: cert file nope.crt does not exist (looked for nope.crt"
	  ", paths are relative to the configuration file)" },
	/* Sections. */
	{ "c.ini", "[rules]\n\n[general]\n", 0,
	  "c.ini:3: unknown section [general]: certgate reads [rules] and "
	  "[bundle NAME]" },
	{ "c.ini", "[bundles db]\n", 0,
	  "c.ini:1: unknown section [bundles db]: did you mean [bundle db]?" },
	{ "c.ini", "[bundle.db]\n", 0,
	  "c.ini:1: unknown section [bundle.db]: did you mean [bundle db]?" },
	{ "c.ini", "[rule]\n", 0,
	  "c.ini:1: unknown section [rule]: did you mean [rules]?" },
	{ "c.ini", "[[bundle]]\n", 0,
	  "c.ini:1: [[...]] is TOML's array of tables; certgate reads INI: "
	  "write [bundle NAME]" },
	{ "c.ini", "[rules] disable\n", 0,
	  "c.ini:1: text after the section header's ']': put a comment after "
	  "';' or '#'" },
	{ "c.ini", "[bundle \"a\"]\n", 0,
	  "c.ini:1: write the bundle name without quotes: [bundle NAME]" },
	{ "c.ini", "[bundle a]\nkey = " GS "server.key\n\n[rules]\n", 0,
	  "c.ini:1: [bundle a] " NOCERT },
	{ "c.ini", "[rules]\n[bundle]\n", 0, "c.ini:2: [bundle] " NOCERT },
	{ "c.ini", BUNDLE_A "[bundle b]\ncert = " GS "server.crt\n"
	  "[bundle a]\n", 0,
	  "c.ini:5: bundle 'a' is defined twice (first on line 1): give each "
	  "[bundle NAME] its own name" },
	{ "c.ini", "[bundle]\ncert = " GS "server.crt\n[bundle]\n"
	  "cert = " GS "server.crt\n", 0,
	  "c.ini:4: bundle '" GS "server.crt' is defined twice (first on line "
	  "1): give each [bundle NAME] its own name" },
	/* Keys. */
	{ "c.ini", "cert = " GS "server.crt\n", 0,
	  "c.ini:1: key 'cert' is outside any section: put it under "
	  "[bundle NAME] or [rules]" },
	{ "c.ini", BUNDLE_A "endpoint = db.example.com\n", 0,
	  "c.ini:3: unknown key 'endpoint' in [bundle a]: did you mean "
	  "'endpoints'?" },
	{ "c.ini", BUNDLE_A "warn_days = 10\n", 0,
	  "c.ini:3: unknown key 'warn_days' in [bundle a]: did you mean "
	  "'warn-days'?" },
	{ "c.ini", BUNDLE_A "colour = red\n", 0,
	  "c.ini:3: unknown key 'colour' in [bundle a]: use cert, key, ca, "
	  "csr, endpoints, clients, servers, warn-days, disable, enable or "
	  "severity" },
	{ "c.ini", "[rules]\nignore = cert-v1\n", 0,
	  "c.ini:2: unknown key 'ignore' in [rules]: use disable, enable or "
	  "severity" },
	{ "c.ini", "[rules]\ndisabled = cert-v1\n", 0,
	  "c.ini:2: unknown key 'disabled' in [rules]: did you mean "
	  "'disable'?" },
	{ "c.ini", "[rules]\nwarn-days = 10\n", 0,
	  "c.ini:2: 'warn-days' belongs in a [bundle NAME] section, not "
	  "[rules]" },
	{ "c.ini", "[rules]\n= cert-v1\n", 0,
	  "c.ini:2: missing key name before '='" },
	{ "c.ini", BUNDLE_A "key = " GS "server.key\ncert = " GS "server.crt\n",
	  0, "c.ini:4: 'cert' given twice in [bundle a] (first on line 2): "
	  "start a new [bundle NAME] for another set" },
	{ "c.ini", BUNDLE_A "  key = " GS "server.key\n", 0,
	  "c.ini:3: this indented line continues 'cert' from line 2, which "
	  "takes one value: remove the indentation" },
	{ "c.ini", "[bundle a]\ncert =\n", 0,
	  "c.ini:2: 'cert' in [bundle a] has no value" },
	{ "c.ini", BUNDLE_A "endpoints = , ,\n", 0,
	  "c.ini:3: 'endpoints' in [bundle a] has no value" },
	{ "c.ini", "[bundle a]\ncert = \"" GS "server.crt\"\n", 0,
	  "c.ini:2: write the value of 'cert' without quotes: INI values are "
	  "taken as written" },
	/* Rule overrides. */
	{ "c.ini", "[rules]\n; x\ndisable = cert-v1, cert-v2\n", 0,
	  "c.ini:3: unknown rule id 'cert-v2' (certgate --list-rules lists "
	  "them)" },
	{ "c.ini", BUNDLE_A "enable = cert-v1\nenable = no-such-rule\n", 0,
	  "c.ini:4: unknown rule id 'no-such-rule' (certgate --list-rules "
	  "lists them)" },
	{ "c.ini", "[rules]\nseverity = cert-v1=error,\n  certv1=info\n", 0,
	  "c.ini:3: unknown rule id 'certv1' (certgate --list-rules lists "
	  "them)" },
	{ "c.ini", "[rules]\nseverity = cert-v1=fatal\n", 0,
	  "c.ini:2: unknown severity 'fatal' for cert-v1: use error, warning, "
	  "info or off" },
	{ "c.ini", "[rules]\nseverity = cert-v1\n", 0,
	  "c.ini:2: severity item 'cert-v1' needs RULE=LEVEL (e.g. "
	  "cert-v1=error)" },
	{ "c.ini", "[rules]\ndisable = cert-v1=off\n", 0,
	  "c.ini:2: 'cert-v1=off' in disable: disable takes rule ids only "
	  "(for a level write severity = RULE=LEVEL)" },
	/* Paths. */
	{ "c.ini", "[bundle a]\ncert = certs/a.crt\n", 0,
	  "c.ini:2: cert file certs/a.crt does not exist (looked for "
	  "certs/a.crt, paths are relative to the configuration file)" },
	{ "sub/c.ini", BUNDLE_A "key = nokey.pem\n", 0,
	  "sub/c.ini:3: key file nokey.pem does not exist (looked for "
	  "sub/nokey.pem, paths are relative to the configuration file)" },
	{ "sub/c.ini", BUNDLE_A "key = ../" GS "server.key\n"
	  "ca = /nonexistent/certgate/ca.crt\n", 0,
	  "sub/c.ini:4: ca file /nonexistent/certgate/ca.crt does not exist" },
	{ "c.ini", BUNDLE_A "csr = fx\n", 0,
	  "c.ini:3: csr file fx is a directory, not a file" },
	{ "c.ini", BUNDLE_A "key = " GS "server.crt/x\n", 0,
	  "c.ini:3: key file " GS "server.crt/x does not exist (looked for "
	  GS "server.crt/x, paths are relative to the configuration file)" },
	/* Endpoints, profiles, warn-days. */
	{ "c.ini", BUNDLE_A "endpoints = db.example.com\n"
	  "endpoints = db.example.com:99999\n", 0,
	  "c.ini:4: endpoint 'db.example.com:99999': port out of range" },
	{ "c.ini", BUNDLE_A "endpoints = a.example.com,\n  bad host\n", 0,
	  "c.ini:4: endpoint 'bad host': host name holds a space" },
	{ "c.ini", BUNDLE_A "clients = libpq, jdbc\n", 0,
	  "c.ini:3: unknown client 'jdbc' in clients: use libpq, mariadb, "
	  "mysql, python, go, pgjdbc, connector-j, or all" },
	{ "c.ini", BUNDLE_A "servers = postgres\n", 0,
	  "c.ini:3: unknown server 'postgres' in servers: use postgresql, "
	  "mariadb, mysql, or all" },
	{ "c.ini", BUNDLE_A "warn-days = -1\n", 0,
	  "c.ini:3: warn-days '-1': use a whole number of days from 0 to "
	  "36500" },
	{ "c.ini", BUNDLE_A "warn-days = 36501\n", 0,
	  "c.ini:3: warn-days '36501': use a whole number of days from 0 to "
	  "36500" },
	{ "c.ini", BUNDLE_A "warn-days = 30d\n", 0,
	  "c.ini:3: warn-days '30d': use a whole number of days from 0 to "
	  "36500" },
	{ "c.ini", BUNDLE_A "warn-days = 99999999999999999999\n", 0,
	  "c.ini:3: warn-days '99999999999999999999': use a whole number of "
	  "days from 0 to 36500" },
};

START_TEST(test_error)
{
	struct config c;
	char err[512], *want;
	size_t len = error_cases[_i].len;

	if (error_cases[_i].text != NULL)
		write_file(error_cases[_i].file, error_cases[_i].text,
		    len ? len : strlen(error_cases[_i].text));
	want = expand(error_cases[_i].want);
	config_init(&c);
	ck_assert_int_eq(config_load(error_cases[_i].file, &c, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, want);
	/* Nothing is kept on failure. */
	ck_assert_ptr_null(c.path);
	ck_assert_ptr_null(c.bundles);
	ck_assert_uint_eq(c.nbundles, 0);
	ck_assert_uint_eq(c.noverrides, 0);
	config_free(&c);
	free(want);
}
END_TEST

/* A short error buffer truncates; a zero-length one is left alone. */
START_TEST(test_error_buffer)
{
	struct config c;
	char err[8];

	write_file("c.ini", "[nope]\n", 7);
	ck_assert_int_eq(config_load("c.ini", &c, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "c.ini:1");
	ck_assert_int_eq(config_load("c.ini", &c, NULL, 0), -1);
	config_free(&c);
	config_free(NULL);
}
END_TEST

/* ---- config_find ---- */

START_TEST(test_find)
{
	struct config c;
	char out[PATH_MAX], err[512], *want;
	static const char ini[] = "[bundle up]\ncert = fx/good-san/server.crt\n";

	ck_assert_int_eq(mkdir("a", 0700), 0);
	ck_assert_int_eq(mkdir("a/b", 0700), 0);
	ck_assert_int_eq(mkdir("a/b/c", 0700), 0);
	write_file(".certgate.ini", ini, strlen(ini));

	/* In the directory itself, then three levels up. */
	ck_assert_int_eq(config_find(out, sizeof(out)), 1);
	ck_assert_str_eq(out, ".certgate.ini");
	ck_assert_int_eq(chdir("a/b/c"), 0);
	ck_assert_int_eq(config_find(out, sizeof(out)), 1);
	ck_assert_str_eq(out, "../../../.certgate.ini");
	/* ... and its paths resolve from here. */
	ck_assert_msg(config_load(out, &c, err, sizeof(err)) == 0, "%s", err);
	ck_assert_str_eq(c.dir, "../../..");
	ck_assert_str_eq(c.bundles[0].cert,
	    "../../../fx/good-san/server.crt");
	config_free(&c);

	/* Messages name the path looked for from here, ".." kept. */
	write_file("../c.ini", "[bundle x]\ncert = x.crt\n", 24);
	ck_assert_int_eq(config_load("../c.ini", &c, err, sizeof(err)), -1);
	want = expand("../c.ini:2: cert file x.crt does not exist (looked "
	    "for ../x.crt, paths are relative to the configuration file)");
	ck_assert_str_eq(err, want);
	free(want);

	/* Too small a buffer: not found rather than truncated. */
	ck_assert_int_eq(config_find(out, 5), 0);

	/* A nearer .certgate.toml is found, and refused with advice. */
	write_file("../../.certgate.toml", "[bundle]\n", 9);
	ck_assert_int_eq(config_find(out, sizeof(out)), 1);
	ck_assert_str_eq(out, "../../.certgate.toml");
	ck_assert_int_eq(config_load(out, &c, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "../../.certgate.toml: certgate reads "
	    ".certgate.ini (INI), not TOML: convert it to .certgate.ini: "
	    "[bundle NAME] sections, key = value without quotes, lists as a, "
	    "b (see certgate(1))");

	/* In one directory .certgate.ini wins over .certgate.toml. */
	write_file("../../.certgate.ini", "", 0);
	ck_assert_int_eq(config_find(out, sizeof(out)), 1);
	ck_assert_str_eq(out, "../../.certgate.ini");

	/* A directory named .certgate.ini is not a configuration file. */
	ck_assert_int_eq(unlink("../../.certgate.ini"), 0);
	ck_assert_int_eq(unlink("../../.certgate.toml"), 0);
	ck_assert_int_eq(mkdir(".certgate.ini", 0700), 0);
	ck_assert_int_eq(config_find(out, sizeof(out)), 1);
	ck_assert_str_eq(out, "../../../.certgate.ini");

	/* None in the temporary tree: whatever is found lies above it. */
	ck_assert_int_eq(unlink("../../../.certgate.ini"), 0);
	if (config_find(out, sizeof(out)) == 1) {
		want = expand("@D/");
		ck_assert_msg(strncmp(out, "../../../../", 12) == 0 ||
		    (out[0] == '/' && strncmp(out, want, strlen(want)) != 0),
		    "%s", out);
		free(want);
	}
}
END_TEST

Suite *
suite_config(void)
{
	Suite *s = suite_create("config");
	TCase *tc = tcase_create("config");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_loop_test(tc, test_valid, 0,
	    (int)CG_ARRAY_LEN(valid_cases));
	tcase_add_loop_test(tc, test_error, 0,
	    (int)CG_ARRAY_LEN(error_cases));
	tcase_add_test(tc, test_error_buffer);
	tcase_add_test(tc, test_find);
	suite_add_tcase(s, tc);
	return s;
}
