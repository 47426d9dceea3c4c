/*
 * config.c - the repository configuration file; see config.h.
 *
 * libinih does the INI syntax; this file does everything it does not:
 *
 * - Line numbers.  Debian builds libinih without INI_HANDLER_LINENO, so
 *   the handler is not told the line.  The whole file is read into memory
 *   and served to ini_parse_stream() one line at a time by reader(), which
 *   counts them; libinih calls the handler for a line right after the
 *   reader returned it, so the handler's line is the reader's last one.
 *   Syntax errors (a line that is neither "key = value", a [section] nor a
 *   comment) come back as ini_parse_stream()'s return value.
 * - Sections.  libinih only reports a section through its keys, so an
 *   empty [bundle x] or [nonsense] would pass unseen.  reader() therefore
 *   recognises header lines itself, exactly as libinih does (including
 *   its rule that an indented line after a key continues that key), and
 *   opens and closes sections there.
 * - Long lines.  libinih's line buffer is 200 bytes and it silently splits
 *   a longer line; reader() refuses such a line with its number instead.
 *
 * Parsing stops at the first error, which is reported as "PATH:LINE:
 * message" and names the fix.  A later syntax error never hides an earlier
 * error of ours, and an earlier syntax error always wins.
 *
 * Decisions worth knowing:
 * - Comments start with ';' or '#', at the start of a line or after
 *   whitespace ("cert = a.crt  # the leaf").  libinih strips " ;" itself;
 *   " #" is stripped here.
 * - List keys (endpoints, disable, enable, severity) may repeat and may
 *   continue on indented lines; their values accumulate in file order.
 *   Every other key may be given once per bundle: a second cert is more
 *   likely a missing [bundle NAME] header than an intent.
 * - Lists are stored normalised: items trimmed, empty items dropped,
 *   joined with ','.  (endpoint_parse() and profile_parse_list() take no
 *   spaces.)  One endpoints value stays one entry, so a libpq multi-host
 *   URI ("postgresql://h1:5432,h2:5433/db") keeps its commas.
 * - TOML: config_find() also stops at a .certgate.toml (a .certgate.ini in
 *   the same directory wins) and returns its path, and config_load()
 *   refuses any *.toml path with a message saying how to convert it, so a
 *   repository that wrote TOML gets told so instead of being linted
 *   without its configuration.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ini.h>

#include "hostmatch.h"
#include "profile.h"
#include "util.h"
#include "../rules/rule.h"

#define CONFIG_INI      ".certgate.ini"
#define CONFIG_TOML     ".certgate.toml"
#define CONFIG_MAX      (1024 * 1024)   /* a bigger file is not ours */
#define WARN_DAYS_MAX   36500

enum key_id {
	K_CERT, K_KEY, K_CA, K_CSR, K_ENDPOINTS, K_CLIENTS, K_SERVERS,
	K_WARN_DAYS, K_DISABLE, K_ENABLE, K_SEVERITY, K_COUNT
};

static const struct {
	const char *name;
	int in_rules;           /* allowed in [rules] (all are in a bundle) */
	int list;               /* may repeat and continue */
} keys[K_COUNT] = {
	[K_CERT]      = { "cert", 0, 0 },
	[K_KEY]       = { "key", 0, 0 },
	[K_CA]        = { "ca", 0, 0 },
	[K_CSR]       = { "csr", 0, 0 },
	[K_ENDPOINTS] = { "endpoints", 0, 1 },
	[K_CLIENTS]   = { "clients", 0, 0 },
	[K_SERVERS]   = { "servers", 0, 0 },
	[K_WARN_DAYS] = { "warn-days", 0, 0 },
	[K_DISABLE]   = { "disable", 1, 1 },
	[K_ENABLE]    = { "enable", 1, 1 },
	[K_SEVERITY]  = { "severity", 1, 1 },
};

enum section { SEC_NONE, SEC_RULES, SEC_BUNDLE };

struct parser {
	struct config *c;
	const char *text;       /* the whole file */
	size_t len, pos;
	unsigned line;          /* the line reader() returned last */
	int cont;               /* ... is an indented continuation */
	int prev_set;           /* a key line was seen in this section
	                         * (libinih's prev_name is non-empty) */
	int prev_key;           /* its key_id */
	unsigned prev_line;
	enum section sec;
	int plain;              /* the bundle header is a bare [bundle] */
	unsigned key_line[K_COUNT];     /* current bundle: where each was set */
	char *err;
	size_t errlen;
	int status;             /* 0, -1 error, -2 out of memory */
	unsigned err_at;        /* reading which line found the error */
};

void
config_init(struct config *c)
{
	memset(c, 0, sizeof(*c));
}

static void
bundle_clear(struct config_bundle *b)
{
	size_t i;

	free(b->name);
	free(b->cert);
	free(b->key);
	free(b->ca);
	free(b->csr);
	for (i = 0; i < b->nendpoints; i++)
		free(b->endpoints[i]);
	free(b->endpoints);
	free(b->clients);
	free(b->servers);
	for (i = 0; i < b->noverrides; i++)
		free(b->overrides[i].rule);
	free(b->overrides);
}

void
config_free(struct config *c)
{
	size_t i;

	if (c == NULL)
		return;
	free(c->path);
	free(c->dir);
	for (i = 0; i < c->nbundles; i++)
		bundle_clear(&c->bundles[i]);
	free(c->bundles);
	for (i = 0; i < c->noverrides; i++)
		free(c->overrides[i].rule);
	free(c->overrides);
	config_init(c);
}

/* ---- messages ---- */

/* Record the first error: "PATH:LINE: message" (no ":LINE" when line is
 * 0).  Returns -1 so callers can `return fail(...)`. */
static int fail(struct parser *p, unsigned line, const char *fmt, ...)
    CG_PRINTF(3, 4);

static int
fail(struct parser *p, unsigned line, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (p->status != 0)
		return -1;
	p->status = -1;
	p->err_at = p->line;
	if (p->errlen == 0)
		return -1;
	if (line > 0)
		n = snprintf(p->err, p->errlen, "%s:%u: ", p->c->path, line);
	else
		n = snprintf(p->err, p->errlen, "%s: ", p->c->path);
	if (n >= 0 && (size_t)n < p->errlen) {
		va_start(ap, fmt);
		vsnprintf(p->err + n, p->errlen - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static int
oom(struct parser *p)
{
	if (p->status == 0) {
		p->status = -2;
		p->err_at = p->line;
		if (p->errlen > 0)
			snprintf(p->err, p->errlen, "%s: out of memory",
			    p->c->path);
	}
	return -2;
}

/* The current section as the user wrote it, for messages. */
static const char *
sec_label(const struct parser *p, char *buf, size_t size)
{
	const struct config_bundle *b;

	if (p->sec == SEC_RULES)
		return "[rules]";
	if (p->sec != SEC_BUNDLE)
		return "(no section)";
	b = &p->c->bundles[p->c->nbundles - 1];
	if (p->plain)
		return "[bundle]";
	snprintf(buf, size, "[bundle %s]", b->name);
	return buf;
}

/* Levenshtein distance, ASCII case-insensitive; strings past 63 bytes
 * are far from anything we suggest. */
static size_t
distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, prev, tmp, cost;
	size_t row[64];

	if (la >= 64 || lb >= 64)
		return 64;
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			cost = tolower((unsigned char)a[i - 1]) !=
			    tolower((unsigned char)b[j - 1]);
			row[j] = prev + cost;
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			if (tmp + 1 < row[j])
				row[j] = tmp + 1;
			prev = tmp;
		}
	}
	return row[lb];
}

/* ---- small string helpers ---- */

static int
is_space(char ch)
{
	return isspace((unsigned char)ch) != 0;
}

/* Trim s in place; returns the start. */
static char *
trim(char *s)
{
	size_t n;

	while (is_space(*s))
		s++;
	n = strlen(s);
	while (n > 0 && is_space(s[n - 1]))
		s[--n] = '\0';
	return s;
}

/* Drop a " # comment" (a '#' at the start or after whitespace). */
static void
strip_hash_comment(char *s)
{
	char *h;

	for (h = s; *h != '\0'; h++)
		if (*h == '#' && (h == s || is_space(h[-1]))) {
			*h = '\0';
			break;
		}
}

/*
 * Normalise a comma-separated list: items trimmed, empty items dropped,
 * joined with ','.  Returns a heap string (possibly "") or NULL.
 */
static char *
list_normalize(const char *v)
{
	char *out = malloc(strlen(v) + 1), *o = out;
	const char *item = v, *end, *comma;

	if (out == NULL)
		return NULL;
	for (;;) {
		comma = strchr(item, ',');
		end = comma ? comma : item + strlen(item);
		while (item < end && is_space(*item))
			item++;
		while (end > item && is_space(end[-1]))
			end--;
		if (end > item) {
			if (o != out)
				*o++ = ',';
			memcpy(o, item, (size_t)(end - item));
			o += end - item;
		}
		if (comma == NULL)
			break;
		item = comma + 1;
	}
	*o = '\0';
	return out;
}

/* Directory part of path: "." for a bare name, "/" for "/x". */
static char *
dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t n;

	if (slash == NULL)
		return str_dup(".");
	n = (size_t)(slash - path);
	while (n > 0 && path[n - 1] == '/')
		n--;
	if (n == 0)
		return str_dup("/");
	return str_printf("%.*s", (int)n, path);
}

/* value resolved against dir: kept when absolute, joined otherwise (and
 * as is when dir is ".", so reports stay short). */
static char *
path_join(const char *dir, const char *value)
{
	if (value[0] == '/' || strcmp(dir, ".") == 0)
		return str_dup(value);
	if (strcmp(dir, "/") == 0)
		return str_printf("/%s", value);
	return str_printf("%s/%s", dir, value);
}

/* ---- sections ---- */

/* Close the current section: a bundle needs a cert. */
static int
section_end(struct parser *p)
{
	const struct config_bundle *b;

	if (p->sec != SEC_BUNDLE)
		return 0;
	b = &p->c->bundles[p->c->nbundles - 1];
	if (b->cert != NULL)
		return 0;
	if (p->plain)
		return fail(p, b->line, "[bundle] has no cert: add cert = PATH "
		    "(the server certificate; key, ca and csr are optional)");
	return fail(p, b->line, "[bundle %s] has no cert: add cert = PATH "
	    "(the server certificate; key, ca and csr are optional)", b->name);
}

/* The bundle already named name, or NULL. */
static const struct config_bundle *
bundle_named(const struct config *c, const char *name)
{
	size_t i;

	for (i = 0; i < c->nbundles; i++)
		if (c->bundles[i].name != NULL &&
		    strcmp(c->bundles[i].name, name) == 0)
			return &c->bundles[i];
	return NULL;
}

static int
unknown_section(struct parser *p, const char *text)
{
	char word[64];
	const char *rest;
	size_t n;

	n = strcspn(text, " \t.:");
	rest = text + n;
	while (*rest == ' ' || *rest == '\t' || *rest == '.' || *rest == ':')
		rest++;
	snprintf(word, sizeof(word), "%.*s", (int)(n < 63 ? n : 63), text);
	if (distance(word, "bundle") <= 2)
		return fail(p, p->line, "unknown section [%s]: did you mean "
		    "[bundle%s%s]?", text, *rest ? " " : "",
		    *rest ? rest : "");
	if (distance(word, "rules") <= 2 && *rest == '\0')
		return fail(p, p->line, "unknown section [%s]: did you mean "
		    "[rules]?", text);
	return fail(p, p->line, "unknown section [%s]: certgate reads "
	    "[rules] and [bundle NAME]", text);
}

/* A header line "[text]" (text untrimmed, NUL-terminated). */
static int
section_begin(struct parser *p, char *text)
{
	struct config *c = p->c;
	struct config_bundle *b;
	const struct config_bundle *dup;
	char *name, *s;

	if (section_end(p) != 0)
		return -1;
	p->sec = SEC_NONE;
	p->plain = 0;
	memset(p->key_line, 0, sizeof(p->key_line));
	text = trim(text);
	if (strcmp(text, "rules") == 0) {
		p->sec = SEC_RULES;
		return 0;
	}
	if (strncmp(text, "bundle", 6) != 0 ||
	    (text[6] != '\0' && !is_space(text[6])))
		return unknown_section(p, text);
	name = trim(text + 6);
	for (s = name; *s != '\0'; s++) {
		if (*s == '"' || *s == '\'')
			return fail(p, p->line, "write the bundle name without "
			    "quotes: [bundle NAME]");
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return fail(p, p->line, "bundle name holds a control "
			    "character");
	}
	if (*name != '\0' && (dup = bundle_named(c, name)) != NULL)
		return fail(p, p->line, "bundle '%s' is defined twice (first "
		    "on line %u): give each [bundle NAME] its own name", name,
		    dup->line);
	b = realloc(c->bundles, (c->nbundles + 1) * sizeof(*b));
	if (b == NULL)
		return oom(p);
	c->bundles = b;
	b = &c->bundles[c->nbundles];
	memset(b, 0, sizeof(*b));
	b->line = p->line;
	b->warn_days = -1;
	c->nbundles++;
	p->sec = SEC_BUNDLE;
	if (*name == '\0') {
		p->plain = 1;
	} else if ((b->name = str_dup(name)) == NULL) {
		return oom(p);
	}
	return 0;
}

/*
 * Mirror libinih's reading of one line (see ini.c: ini_parse_stream) to
 * see section headers and continuations.  Returns 0, or -1 on an error.
 */
static int
classify(struct parser *p, char *line)
{
	char *s = line, *e, *after;
	int was_space = 0;

	p->cont = 0;
	if (p->line == 1 && (unsigned char)s[0] == 0xEF &&
	    (unsigned char)s[1] == 0xBB && (unsigned char)s[2] == 0xBF)
		s += 3;
	while (is_space(*s))
		s++;
	if (*s == '\0' || *s == ';' || *s == '#')
		return 0;
	if (p->prev_set && s > line) {
		p->cont = 1;
		return 0;
	}
	if (*s != '[')
		return 0;
	if (s[1] == '[')
		return fail(p, p->line, "[[...]] is TOML's array of tables; "
		    "certgate reads INI: write [bundle NAME]");
	/* find_chars_or_comment(s + 1, "]"): a " ;" ends the search. */
	for (e = s + 1; *e != '\0' && *e != ']'; e++) {
		if (was_space && *e == ';')
			break;
		was_space = is_space(*e);
	}
	if (*e != ']')
		return 0;               /* libinih reports the syntax error */
	p->prev_set = 0;
	for (after = e + 1; is_space(*after); after++)
		continue;
	if (*after != '\0' && *after != ';' && *after != '#')
		return fail(p, p->line, "text after the section header's ']': "
		    "put a comment after ';' or '#'");
	*e = '\0';
	s = str_dup(s + 1);
	*e = ']';
	if (s == NULL)
		return oom(p);
	if (section_begin(p, s) != 0) {
		free(s);
		return -1;
	}
	free(s);
	return 0;
}

/* ini_reader: the next line of p->text, counted. */
static char *
reader(char *str, int num, void *stream)
{
	struct parser *p = stream;
	const char *s, *nl;
	size_t n, content;

	if (p->status != 0 || p->pos >= p->len)
		return NULL;
	s = p->text + p->pos;
	nl = memchr(s, '\n', p->len - p->pos);
	n = nl ? (size_t)(nl - s) + 1 : p->len - p->pos;
	p->line++;
	content = n;
	if (content > 0 && s[content - 1] == '\n')
		content--;
	if (content > 0 && s[content - 1] == '\r')
		content--;
	/* libinih needs room for "\r\n" and the NUL. */
	if (num < 4 || content > (size_t)num - 3) {
		fail(p, p->line, "line is longer than %d characters: split it "
		    "(endpoints, disable, enable and severity may be repeated)",
		    num < 4 ? 0 : num - 3);
		return NULL;
	}
	memcpy(str, s, n);
	str[n] = '\0';
	p->pos += n;
	if (classify(p, str) != 0)
		return NULL;
	return str;
}

/* ---- values ---- */

/* Check that the file exists and is not a directory; 0 or -1. */
static int
check_path(struct parser *p, enum key_id k, const char *value,
    const char *path)
{
	struct stat st;
	int e;

	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode))
			return fail(p, p->line, "%s file %s is a directory, not "
			    "a file", keys[k].name, value);
		return 0;
	}
	e = errno;
	if (e != ENOENT && e != ENOTDIR)
		return fail(p, p->line, "%s file %s: %s", keys[k].name, value,
		    strerror(e));
	if (value[0] == '/')
		return fail(p, p->line, "%s file %s does not exist",
		    keys[k].name, value);
	/* Name the path as looked for from the working directory: an
	 * absolute directory would make the message depend on the checkout. */
	return fail(p, p->line, "%s file %s does not exist (looked for %s, "
	    "paths are relative to the configuration file)", keys[k].name,
	    value, path);
}

static int
set_path(struct parser *p, struct config_bundle *b, enum key_id k,
    const char *value)
{
	char *path, **slot;
	const struct config_bundle *dup;

	if ((path = path_join(p->c->dir, value)) == NULL)
		return oom(p);
	if (check_path(p, k, value, path) != 0) {
		free(path);
		return -1;
	}
	slot = k == K_CERT ? &b->cert : k == K_KEY ? &b->key :
	    k == K_CA ? &b->ca : &b->csr;
	*slot = path;
	if (k == K_CERT && p->plain) {
		if ((dup = bundle_named(p->c, path)) != NULL)
			return fail(p, p->line, "bundle '%s' is defined twice "
			    "(first on line %u): give each [bundle NAME] its "
			    "own name", path, dup->line);
		if ((b->name = str_dup(path)) == NULL)
			return oom(p);
	}
	return 0;
}

static int
add_endpoints(struct parser *p, struct config_bundle *b, const char *value)
{
	struct endpoint *v = NULL;
	size_t n = 0;
	char msg[512], *norm, **nv;
	int r;

	if ((norm = list_normalize(value)) == NULL)
		return oom(p);
	r = endpoint_parse(norm, &v, &n, msg, sizeof(msg));
	endpoints_free(v, n);
	if (r == -2) {
		free(norm);
		return oom(p);
	}
	if (r != 0) {
		free(norm);
		return fail(p, p->line, "%s", msg);
	}
	nv = realloc(b->endpoints, (b->nendpoints + 1) * sizeof(*nv));
	if (nv == NULL) {
		free(norm);
		return oom(p);
	}
	b->endpoints = nv;
	nv[b->nendpoints++] = norm;
	return 0;
}

static int
set_profiles(struct parser *p, struct config_bundle *b, enum key_id k,
    const char *value)
{
	int servers = k == K_SERVERS;
	char bad[64], names[256], *norm;
	unsigned mask;
	size_t i, n = servers ? SRV_COUNT : CL_COUNT, len = 0;

	if ((norm = list_normalize(value)) == NULL)
		return oom(p);
	if (profile_parse_list(norm, servers, &mask, bad, sizeof(bad)) != 0) {
		free(norm);
		names[0] = '\0';
		for (i = 0; i < n && len < sizeof(names); i++)
			len += (size_t)snprintf(names + len, sizeof(names) - len,
			    "%s, ", servers ? server_profiles[i].name :
			    client_profiles[i].name);
		return fail(p, p->line, "unknown %s '%s' in %s: use %sor all",
		    servers ? "server" : "client", bad, keys[k].name, names);
	}
	if (servers)
		b->servers = norm;
	else
		b->clients = norm;
	return 0;
}

static int
set_warn_days(struct parser *p, struct config_bundle *b, const char *value)
{
	const char *s;
	long days = 0;

	for (s = value; *s != '\0'; s++) {
		if (!isdigit((unsigned char)*s) || days > WARN_DAYS_MAX)
			break;
		days = days * 10 + (*s - '0');
	}
	if (*s != '\0' || days > WARN_DAYS_MAX)
		return fail(p, p->line, "warn-days '%s': use a whole number of "
		    "days from 0 to %d", value, WARN_DAYS_MAX);
	b->warn_days = (int)days;
	return 0;
}

static const struct rule *
known_rule(struct parser *p, const char *id)
{
	const struct rule *r = rule_find(id);

	if (r == NULL)
		fail(p, p->line, "unknown rule id '%s' (certgate --list-rules "
		    "lists them)", id);
	return r;
}

static int
push_override(struct parser *p, struct rule_override **v, size_t *n,
    const char *id, enum severity sev)
{
	struct rule_override *nv;

	nv = realloc(*v, (*n + 1) * sizeof(*nv));
	if (nv == NULL)
		return oom(p);
	*v = nv;
	if ((nv[*n].rule = str_dup(id)) == NULL)
		return oom(p);
	nv[*n].severity = sev;
	nv[*n].line = p->line;
	(*n)++;
	return 0;
}

/* disable, enable or severity: each item checked, then appended (on an
 * error the whole configuration is dropped, so a partial list is moot). */
static int
add_overrides(struct parser *p, enum key_id k, const char *value,
    struct rule_override **v, size_t *n)
{
	char *norm, *item, *next, *eq, *level;
	const struct rule *r;
	enum severity sev;
	int ret = 0;

	if ((norm = list_normalize(value)) == NULL)
		return oom(p);
	for (item = norm; item != NULL && ret == 0; item = next) {
		if ((next = strchr(item, ',')) != NULL)
			*next++ = '\0';
		eq = strchr(item, '=');
		if (k != K_SEVERITY) {
			if (eq != NULL)
				ret = fail(p, p->line, "'%s' in %s: %s takes rule "
				    "ids only (for a level write severity = "
				    "RULE=LEVEL)", item, keys[k].name,
				    keys[k].name);
			else if ((r = known_rule(p, item)) == NULL)
				ret = -1;
			else
				ret = push_override(p, v, n, r->id,
				    k == K_DISABLE ? SEV_NONE : r->severity);
			continue;
		}
		if (eq == NULL) {
			ret = fail(p, p->line, "severity item '%s' needs "
			    "RULE=LEVEL (e.g. %s=error)", item, item);
			continue;
		}
		*eq = '\0';
		level = trim(eq + 1);
		item = trim(item);
		if ((r = known_rule(p, item)) == NULL)
			ret = -1;
		else if (strcmp(level, "off") == 0)
			ret = push_override(p, v, n, r->id, SEV_NONE);
		else if ((sev = severity_parse(level)) == SEV_NONE)
			ret = fail(p, p->line, "unknown severity '%s' for %s: "
			    "use error, warning, info or off", level, item);
		else
			ret = push_override(p, v, n, r->id, sev);
	}
	free(norm);
	return ret;
}

/* ---- the handler ---- */

static int
lookup_key(const char *name)
{
	int k;

	for (k = 0; k < K_COUNT; k++)
		if (strcmp(keys[k].name, name) == 0)
			return k;
	return -1;
}

static int
unknown_key(struct parser *p, const char *name)
{
	char buf[160];
	const char *sec = sec_label(p, buf, sizeof(buf)), *best = NULL;
	size_t d, bestd = 3;
	int k;

	for (k = 0; k < K_COUNT; k++) {
		if (p->sec == SEC_RULES && !keys[k].in_rules)
			continue;
		d = distance(name, keys[k].name);
		if (d < bestd && d < strlen(name)) {
			bestd = d;
			best = keys[k].name;
		}
	}
	if (best != NULL)
		return fail(p, p->line, "unknown key '%s' in %s: did you mean "
		    "'%s'?", name, sec, best);
	if (p->sec == SEC_RULES)
		return fail(p, p->line, "unknown key '%s' in [rules]: use "
		    "disable, enable or severity", name);
	return fail(p, p->line, "unknown key '%s' in %s: use cert, key, ca, "
	    "csr, endpoints, clients, servers, warn-days, disable, enable or "
	    "severity", name, sec);
}

static int
handle(struct parser *p, const char *name, const char *raw)
{
	struct config *c = p->c;
	struct config_bundle *b = NULL;
	char buf[160], *value;
	int k, r;

	if (p->cont) {
		k = p->prev_key;
	} else {
		k = lookup_key(name);
		p->prev_set = 1;
		p->prev_key = k;
		p->prev_line = p->line;
	}
	if (p->sec == SEC_NONE)
		return fail(p, p->line, "key '%s' is outside any section: put "
		    "it under [bundle NAME] or [rules]", name);
	if (*name == '\0')
		return fail(p, p->line, "missing key name before '='");
	if (k < 0)
		return unknown_key(p, name);
	if (p->sec == SEC_RULES && !keys[k].in_rules)
		return fail(p, p->line, "'%s' belongs in a [bundle NAME] "
		    "section, not [rules]", keys[k].name);
	if (p->cont && !keys[k].list)
		return fail(p, p->line, "this indented line continues '%s' from "
		    "line %u, which takes one value: remove the indentation",
		    keys[k].name, p->prev_line);
	if (p->sec == SEC_BUNDLE) {
		b = &c->bundles[c->nbundles - 1];
		if (!keys[k].list && p->key_line[k] != 0)
			return fail(p, p->line, "'%s' given twice in %s (first "
			    "on line %u): start a new [bundle NAME] for another "
			    "set", keys[k].name, sec_label(p, buf, sizeof(buf)),
			    p->key_line[k]);
		p->key_line[k] = p->line;
	}
	if ((value = str_dup(raw)) == NULL)
		return oom(p);
	strip_hash_comment(value);
	trim(value);
	if (value[0] == '\0' || strspn(value, ", \t") == strlen(value))
		r = fail(p, p->line, "'%s' in %s has no value", keys[k].name,
		    sec_label(p, buf, sizeof(buf)));
	else if (value[0] == '"' || value[0] == '\'')
		r = fail(p, p->line, "write the value of '%s' without quotes: "
		    "INI values are taken as written", keys[k].name);
	else if (k == K_DISABLE || k == K_ENABLE || k == K_SEVERITY)
		r = b == NULL ? add_overrides(p, k, value, &c->overrides,
		    &c->noverrides) : add_overrides(p, k, value, &b->overrides,
		    &b->noverrides);
	else if (k == K_ENDPOINTS)
		r = add_endpoints(p, b, value);
	else if (k == K_CLIENTS || k == K_SERVERS)
		r = set_profiles(p, b, k, value);
	else if (k == K_WARN_DAYS)
		r = set_warn_days(p, b, value);
	else
		r = set_path(p, b, k, value);
	free(value);
	return r;
}

/* ini_handler: libinih's section argument is unused (reader() tracks
 * sections, with their lines and without libinih's 50-byte limit). */
static int
handler(void *user, const char *section, const char *name, const char *value)
{
	struct parser *p = user;

	(void)section;
	if (p->status != 0)
		return 0;
	return handle(p, name, value) == 0;
}

/* ---- loading ---- */

/* The whole file into a new NUL-terminated buffer; 0, -1 or -2. */
static int
read_all(struct parser *p, const char *path, char **out, size_t *outlen)
{
	FILE *fp = fopen(path, "rb");
	char *buf = NULL, *nb;
	size_t len = 0, cap = 0, got;
	int e;

	if (fp == NULL)
		return fail(p, 0, "cannot read: %s", strerror(errno));
	for (;;) {
		if (cap - len < 4096) {
			cap = cap ? cap * 2 : 8192;
			if ((nb = realloc(buf, cap + 1)) == NULL) {
				free(buf);
				fclose(fp);
				return oom(p);
			}
			buf = nb;
		}
		got = fread(buf + len, 1, cap - len, fp);
		len += got;
		if (len > CONFIG_MAX) {
			free(buf);
			fclose(fp);
			return fail(p, 0, "larger than 1 MiB: is this certgate's "
			    "configuration file?");
		}
		if (got == 0)
			break;
	}
	if (ferror(fp)) {
		e = errno;
		free(buf);
		fclose(fp);
		return fail(p, 0, "cannot read: %s", strerror(e));
	}
	fclose(fp);
	buf[len] = '\0';
	*out = buf;
	*outlen = len;
	return 0;
}

/* The message for libinih's syntax error on line n. */
static void
syntax_error(struct parser *p, unsigned n)
{
	const char *s = p->text, *end;
	char *show;
	unsigned i;
	size_t len;

	for (i = 1; i < n && (s = memchr(s, '\n', (size_t)(p->text + p->len -
	    s))) != NULL; i++)
		s++;
	if (s == NULL)
		s = p->text + p->len;
	if (n == 1 && strncmp(s, "\xEF\xBB\xBF", 3) == 0)
		s += 3;
	end = memchr(s, '\n', (size_t)(p->text + p->len - s));
	if (end == NULL)
		end = p->text + p->len;
	while (s < end && is_space(*s))
		s++;
	while (end > s && is_space(end[-1]))
		end--;
	len = (size_t)(end - s);
	p->status = 0;
	if (len > 0 && s[0] == '[') {
		fail(p, n, "section header without ']': write [bundle NAME] "
		    "or [rules]");
		return;
	}
	show = str_printable((const unsigned char *)s, len > 60 ? 60 : len);
	if (show == NULL) {
		oom(p);
		return;
	}
	fail(p, n, "'%s%s' is not 'key = value', a [section] or a comment",
	    show, len > 60 ? "..." : "");
	free(show);
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

int
config_load(const char *path, struct config *c, char *err, size_t errlen)
{
	struct parser p;
	char *text = NULL;
	const char *nul, *s;
	size_t len = 0;
	unsigned line;
	int rc;

	config_init(c);
	memset(&p, 0, sizeof(p));
	p.c = c;
	p.err = err;
	p.errlen = errlen;
	p.prev_key = -1;
	if (errlen > 0)
		err[0] = '\0';
	if ((c->path = str_dup(path)) == NULL ||
	    (c->dir = dir_of(path)) == NULL) {
		oom(&p);
		goto done;
	}
	if (ends_with(path, ".toml")) {
		fail(&p, 0, "certgate reads .certgate.ini (INI), not TOML: "
		    "convert it to .certgate.ini: [bundle NAME] sections, "
		    "key = value without quotes, lists as a, b (see "
		    "certgate(1))");
		goto done;
	}
	if (read_all(&p, path, &text, &len) != 0)
		goto done;
	p.text = text;
	p.len = len;
	if ((nul = memchr(text, '\0', len)) != NULL) {
		for (line = 1, s = text; s < nul; s++)
			line += *s == '\n';
		fail(&p, line, "NUL byte: the configuration must be a text "
		    "file");
		goto done;
	}
	rc = ini_parse_stream(reader, &p, handler, &p);
	if (rc < 0) {
		oom(&p);
	} else {
		if (p.status == 0 && rc == 0) {
			p.line = UINT_MAX;      /* found at the end */
			section_end(&p);
		}
		if (rc > 0 && (p.status == 0 || (unsigned)rc < p.err_at))
			syntax_error(&p, (unsigned)rc);
	}
done:
	free(text);
	if (p.status != 0)
		config_free(c);
	return p.status;
}

/* ---- finding the file ---- */

/*
 * Walk up from getcwd() to "/": in each directory a .certgate.ini, else a
 * .certgate.toml (which config_load() refuses with advice).  The path is
 * written relative to the working directory ("../../.certgate.ini"; ".."
 * from the physical cwd is its physical parent, as getcwd() names it), or
 * absolute when that is shorter.
 */
int
config_find(char *out, size_t outlen)
{
	static const char *const names[] = { CONFIG_INI, CONFIG_TOML };
	char cwd[4096], probe[4200];
	struct stat st;
	size_t len, up = 0, i, k, pos;
	int n;

	if (outlen == 0 || getcwd(cwd, sizeof(cwd)) == NULL || cwd[0] != '/')
		return 0;
	len = strlen(cwd);
	for (;;) {
		for (k = 0; k < CG_ARRAY_LEN(names); k++) {
			n = snprintf(probe, sizeof(probe), "%.*s/%s",
			    len == 1 ? 0 : (int)len, cwd, names[k]);
			if (n < 0 || (size_t)n >= sizeof(probe) ||
			    stat(probe, &st) != 0 || S_ISDIR(st.st_mode))
				continue;
			if (up * 3 + strlen(names[k]) < (size_t)n &&
			    up * 3 + strlen(names[k]) < outlen) {
				for (i = 0, pos = 0; i < up; i++, pos += 3)
					memcpy(out + pos, "../", 3);
				memcpy(out + pos, names[k], strlen(names[k]) + 1);
				return 1;
			}
			if ((size_t)n < outlen) {
				memcpy(out, probe, (size_t)n + 1);
				return 1;
			}
			return 0;
		}
		if (len == 1)
			return 0;
		while (len > 1 && cwd[len - 1] != '/')
			len--;
		if (len > 1)
			len--;
		up++;
	}
}
