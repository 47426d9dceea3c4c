/*
 * main.c - certgate's command line: parse options, gather the bundles to
 * lint (the command line's set, a configuration's bundles, or a scanned
 * tree), lint them on all cores, report, exit with the CI contract's
 * status.  Only this file prints errors or exits.
 */
#define _XOPEN_SOURCE 700      /* realpath */

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "acceptance.h"
#include "bundle.h"
#include "config.h"
#include "engine.h"
#include "hostmatch.h"
#include "input.h"
#include "report.h"
#include "run.h"
#include "scan.h"
#include "util.h"
#include "../rules/rule.h"

#ifndef CERTGATE_VERSION
#define CERTGATE_VERSION "0.0.0"
#endif

enum format { FMT_TEXT, FMT_JSON, FMT_SARIF, FMT_GITHUB, FMT_GITLAB };

static const char *const format_names[] = {
	"text", "json", "sarif", "github", "gitlab"
};

enum {
	OPT_CERT = 256, OPT_KEY, OPT_CA, OPT_NOW, OPT_WARN_DAYS, OPT_FAIL_ON,
	OPT_LIST_RULES, OPT_COLOR, OPT_CSR, OPT_CLIENTS, OPT_SERVERS,
	OPT_CONFIG, OPT_NO_CONFIG, OPT_SCAN, OPT_CHANGED, OPT_DISABLE,
	OPT_ENABLE, OPT_SEVERITY, OPT_OUTPUT
};

static const struct option longopts[] = {
	{ "endpoint",   required_argument, NULL, 'e' },
	{ "cert",       required_argument, NULL, OPT_CERT },
	{ "key",        required_argument, NULL, OPT_KEY },
	{ "ca",         required_argument, NULL, OPT_CA },
	{ "csr",        required_argument, NULL, OPT_CSR },
	{ "clients",    required_argument, NULL, OPT_CLIENTS },
	{ "servers",    required_argument, NULL, OPT_SERVERS },
	{ "now",        required_argument, NULL, OPT_NOW },
	{ "warn-days",  required_argument, NULL, OPT_WARN_DAYS },
	{ "fail-on",    required_argument, NULL, OPT_FAIL_ON },
	{ "format",     required_argument, NULL, 'f' },
	{ "output",     required_argument, NULL, OPT_OUTPUT },
	{ "color",      required_argument, NULL, OPT_COLOR },
	{ "config",     required_argument, NULL, OPT_CONFIG },
	{ "no-config",  no_argument,       NULL, OPT_NO_CONFIG },
	{ "scan",       required_argument, NULL, OPT_SCAN },
	{ "changed",    required_argument, NULL, OPT_CHANGED },
	{ "disable",    required_argument, NULL, OPT_DISABLE },
	{ "enable",     required_argument, NULL, OPT_ENABLE },
	{ "severity",   required_argument, NULL, OPT_SEVERITY },
	{ "list-rules", no_argument,       NULL, OPT_LIST_RULES },
	{ "help",       no_argument,       NULL, 'h' },
	{ "version",    no_argument,       NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static const char usage_text[] =
"usage: certgate [-e HOST]... [--cert FILE] [--key FILE] [--ca FILE]\n"
"                [--csr FILE] [--clients LIST] [--servers LIST]\n"
"                [--now TIME] [--warn-days N] [--fail-on LEVEL]\n"
"                [--disable RULE] [--enable RULE] [--severity RULE=LEVEL]\n"
"                [--config FILE | --no-config] [--changed FILE]\n"
"                [-f text|json|sarif|github|gitlab] [--output FILE]\n"
"                [--color auto|always|never] [FILE...]\n"
"       certgate --scan DIR [OPTIONS]\n"
"       certgate --list-rules [-f text|json|sarif]\n"
"       certgate --help | --version\n";

static const char help_text[] =
"Check a TLS server certificate set (server.crt, server.key, server-ca.crt)\n"
"before it is pasted into a database console, committed or deployed.\n"
"\n"
"Inputs: each FILE (\"-\" is standard input) may hold any mix of PEM\n"
"certificates and keys in any order; blocks are classified by content.\n"
"With no FILE and no --cert/--key/--ca, the bundles of the configuration\n"
"file (.certgate.ini, found by walking up from the working directory) are\n"
"linted; without one, standard input is read (on a terminal, paste the\n"
"blocks and end with Ctrl-D).\n"
"\n"
"  -e, --endpoint HOST   an endpoint the certificate must protect; host,\n"
"                        host:port, [v6]:port or a postgresql://, mysql://,\n"
"                        mariadb:// URI; repeat or separate with commas\n"
"      --cert FILE       the server certificate is the first one in FILE\n"
"      --key FILE        the server key is the first key in FILE\n"
"      --ca FILE         the CA certificate is in FILE\n"
"      --csr FILE        the request server.crt was signed from (server.csr):\n"
"                        report subjectAltNames it asked for and lacks\n"
"      --clients LIST    clients to predict for, comma-separated: libpq,\n"
"                        mariadb, mysql, python, go, pgjdbc, connector-j\n"
"                        (default all)\n"
"      --servers LIST    servers to predict for: postgresql, mariadb, mysql\n"
"                        (default all)\n"
"      --now TIME        check validity at TIME (RFC 3339, e.g.\n"
"                        2026-11-22T00:00:00Z); default: the current time\n"
"      --warn-days N     warn when a certificate expires within N days\n"
"                        (default 30)\n"
"      --fail-on LEVEL   error, warning (default) or info: the lowest\n"
"                        severity that makes the exit status non-zero\n"
"      --disable RULE    do not run RULE (repeatable, comma-separated)\n"
"      --enable RULE     run RULE at its default severity again\n"
"      --severity RULE=LEVEL\n"
"                        report RULE as error, warning, info, or off\n"
"      --config FILE     read bundles and rule settings from FILE\n"
"      --no-config       do not look for .certgate.ini\n"
"      --changed FILE    with a configuration: lint only the bundles that\n"
"                        use FILE (repeatable, comma-separated)\n"
"      --scan DIR        find bundles in DIR by content and lint each\n"
"  -f, --format FORMAT   text (default), json, sarif (SARIF 2.1.0), github\n"
"                        (workflow commands; the default when\n"
"                        GITHUB_ACTIONS=true) or gitlab (Code Quality)\n"
"      --output FILE     write the --format report to FILE and the text\n"
"                        report to standard output (-f text: FILE only)\n"
"      --color WHEN      auto (default: on a terminal, unless NO_COLOR is\n"
"                        set), always or never\n"
"      --list-rules      list every rule with its default severity\n"
"  -h, --help            show this help\n"
"  -V, --version         show the version\n"
"\n"
"Exit status: 0 nothing at or above --fail-on; 1 the worst such finding\n"
"is a warning (or info with --fail-on info); 2 at least one error;\n"
"3 could not run (usage error, unreadable file, bad configuration).\n"
"\n"
"See certgate(1) for every rule.\n";

/* A rule override from the command line. */
struct cli_override {
	char *rule;
	enum severity severity;
};

struct options {
	char **ep_args;         /* -e arguments, parsed per bundle */
	size_t nep_args;
	const char *slot_file[SLOT_CSR + 1];
	enum format format;
	int format_given;
	const char *output;
	enum severity fail_on;
	int64_t now;
	long warn_days;         /* -1: not given */
	int color;              /* -1 auto */
	int list_rules;
	const char *config;
	int no_config;
	const char *scan;
	char **changed;
	size_t nchanged;
	struct cli_override *ov;
	size_t nov;
	unsigned clients, servers;
	int clients_given, servers_given;
};

static void usage_error(const char *fmt, ...) CG_PRINTF(1, 2);

static void
usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("certgate: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n", stderr);
	fputs(usage_text, stderr);
	exit(EXIT_CANNOT_RUN);
}

static void fatal(const char *fmt, ...) CG_PRINTF(1, 2);

static void
fatal(const char *fmt, ...)
{
	va_list ap;

	fputs("certgate: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\n", stderr);
	exit(EXIT_CANNOT_RUN);
}

static void *
grow(void *p, size_t n, size_t size)
{
	void *np = realloc(p, n * size);

	if (np == NULL)
		fatal("out of memory");
	return np;
}

static void
push_string(char ***v, size_t *n, const char *s)
{
	*v = grow(*v, *n + 1, sizeof(**v));
	if (((*v)[*n] = str_dup(s)) == NULL)
		fatal("out of memory");
	(*n)++;
}

/* Split a comma-separated list and push each non-empty item. */
static void
push_list(char ***v, size_t *n, const char *list)
{
	const char *p = list, *c;
	char *item;

	for (;;) {
		c = strchr(p, ',');
		item = str_printf("%.*s", (int)(c ? c - p : (long)strlen(p)), p);
		if (item == NULL)
			fatal("out of memory");
		if (*item != '\0')
			push_string(v, n, item);
		free(item);
		if (c == NULL)
			break;
		p = c + 1;
	}
}

static void
add_override(struct options *o, const char *rule, enum severity sev,
    const char *opt)
{
	const struct rule *r = rule_find(rule);

	if (r == NULL)
		usage_error("%s: unknown rule '%s' (certgate --list-rules "
		    "lists them)", opt, rule);
	o->ov = grow(o->ov, o->nov + 1, sizeof(*o->ov));
	o->ov[o->nov].rule = str_dup(rule);
	o->ov[o->nov].severity = sev == (enum severity)-1 ? r->severity : sev;
	if (o->ov[o->nov].rule == NULL)
		fatal("out of memory");
	o->nov++;
}

static void
parse_override_list(struct options *o, const char *arg, int kind,
    const char *opt)
{
	char **items = NULL, *eq;
	size_t n = 0, i;
	enum severity sev;

	push_list(&items, &n, arg);
	for (i = 0; i < n; i++) {
		if (kind == OPT_DISABLE) {
			add_override(o, items[i], SEV_NONE, opt);
		} else if (kind == OPT_ENABLE) {
			add_override(o, items[i], (enum severity)-1, opt);
		} else {
			eq = strchr(items[i], '=');
			if (eq == NULL)
				usage_error("%s '%s': write RULE=LEVEL", opt,
				    items[i]);
			*eq++ = '\0';
			sev = strcmp(eq, "off") == 0 ? SEV_NONE :
			    severity_parse(eq);
			if (sev == SEV_NONE && strcmp(eq, "off") != 0)
				usage_error("%s '%s=%s': use error, warning, "
				    "info or off", opt, items[i], eq);
			add_override(o, items[i], sev, opt);
		}
		free(items[i]);
	}
	free(items);
}

static void
parse_options(int argc, char **argv, struct options *o)
{
	char err[512], *end;
	int ch;

	memset(o, 0, sizeof(*o));
	o->format = FMT_TEXT;
	o->fail_on = SEV_WARNING;
	o->now = (int64_t)time(NULL);
	o->warn_days = -1;
	o->color = -1;
	o->clients = (1u << CL_COUNT) - 1;
	o->servers = (1u << SRV_COUNT) - 1;
	opterr = 0;             /* our own messages, without argv[0] */
	while ((ch = getopt_long(argc, argv, "e:f:hV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'e': {
			struct endpoint *tmp = NULL;
			size_t ntmp = 0;

			/* Validate now; each bundle parses its own copy. */
			switch (endpoint_parse(optarg, &tmp, &ntmp, err,
			    sizeof(err))) {
			case 0:
				break;
			case -1:
				usage_error("%s", err);
				break;
			default:
				fatal("out of memory");
			}
			endpoints_free(tmp, ntmp);
			push_string(&o->ep_args, &o->nep_args, optarg);
			break;
		}
		case OPT_CERT:
			o->slot_file[SLOT_CERT] = optarg;
			break;
		case OPT_KEY:
			o->slot_file[SLOT_KEY] = optarg;
			break;
		case OPT_CA:
			o->slot_file[SLOT_CA] = optarg;
			break;
		case OPT_CSR:
			o->slot_file[SLOT_CSR] = optarg;
			break;
		case OPT_CLIENTS:
		case OPT_SERVERS:
			if (profile_parse_list(optarg, ch == OPT_SERVERS,
			    ch == OPT_SERVERS ? &o->servers : &o->clients, err,
			    sizeof(err)) != 0)
				usage_error("%s: unknown %s '%s' (use %s)",
				    ch == OPT_SERVERS ? "--servers" : "--clients",
				    ch == OPT_SERVERS ? "server" : "client", err,
				    ch == OPT_SERVERS ? "postgresql, mariadb, mysql "
				    "or all" : "libpq, mariadb, mysql, python, go, "
				    "pgjdbc, connector-j or all");
			if (ch == OPT_SERVERS)
				o->servers_given = 1;
			else
				o->clients_given = 1;
			break;
		case OPT_NOW:
			if (time_parse(optarg, &o->now) != 0)
				usage_error("--now '%s': not an RFC 3339 time "
				    "such as 2026-11-22T00:00:00Z", optarg);
			break;
		case OPT_WARN_DAYS:
			o->warn_days = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || o->warn_days < 0 ||
			    o->warn_days > 36500)
				usage_error("--warn-days '%s': not a number of "
				    "days from 0 to 36500", optarg);
			break;
		case OPT_FAIL_ON:
			o->fail_on = severity_parse(optarg);
			if (o->fail_on == SEV_NONE)
				usage_error("--fail-on '%s': use error, warning "
				    "or info", optarg);
			break;
		case 'f': {
			size_t f;

			for (f = 0; f < CG_ARRAY_LEN(format_names); f++)
				if (strcmp(optarg, format_names[f]) == 0)
					break;
			if (f == CG_ARRAY_LEN(format_names))
				usage_error("--format '%s': use text, json, sarif, "
				    "github or gitlab", optarg);
			o->format = (enum format)f;
			o->format_given = 1;
			break;
		}
		case OPT_OUTPUT:
			o->output = optarg;
			break;
		case OPT_COLOR:
			if (strcmp(optarg, "auto") == 0)
				o->color = -1;
			else if (strcmp(optarg, "always") == 0)
				o->color = 1;
			else if (strcmp(optarg, "never") == 0)
				o->color = 0;
			else
				usage_error("--color '%s': use auto, always or "
				    "never", optarg);
			break;
		case OPT_CONFIG:
			o->config = optarg;
			break;
		case OPT_NO_CONFIG:
			o->no_config = 1;
			break;
		case OPT_SCAN:
			o->scan = optarg;
			break;
		case OPT_CHANGED:
			push_list(&o->changed, &o->nchanged, optarg);
			break;
		case OPT_DISABLE:
		case OPT_ENABLE:
		case OPT_SEVERITY:
			parse_override_list(o, optarg, ch, ch == OPT_DISABLE ?
			    "--disable" : ch == OPT_ENABLE ? "--enable" :
			    "--severity");
			break;
		case OPT_LIST_RULES:
			o->list_rules = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			fputs("\n", stdout);
			fputs(help_text, stdout);
			exit(EXIT_PASS);
		case 'V':
			printf("certgate %s\n", CERTGATE_VERSION);
			exit(EXIT_PASS);
		default:
			if (optopt >= 256 ||
			    (optopt != 0 && strchr("ef", optopt) != NULL))
				usage_error("option '%s' needs an argument",
				    argv[optind - 1]);
			if (optopt != 0)
				usage_error("unknown option -%c", optopt);
			usage_error("unknown option, or one missing its "
			    "argument: '%s'", argv[optind - 1]);
		}
	}
	if (o->config != NULL && o->no_config)
		usage_error("--config and --no-config exclude each other");
	if (!o->format_given) {
		const char *gha = getenv("GITHUB_ACTIONS");

		if (gha != NULL && strcmp(gha, "true") == 0)
			o->format = FMT_GITHUB;
	}
	if (o->color < 0) {
		const char *nc = getenv("NO_COLOR");

		o->color = isatty(STDOUT_FILENO) && (nc == NULL || *nc == '\0');
	}
}

static int
write_report(FILE *out, enum format f, const struct report *rep)
{
	switch (f) {
	case FMT_JSON:   return report_json(out, rep);
	case FMT_SARIF:  return report_sarif(out, rep);
	case FMT_GITHUB: return report_github(out, rep);
	case FMT_GITLAB: return report_gitlab(out, rep);
	case FMT_TEXT:   break;
	}
	return report_text(out, rep);
}

/* Read path into the job's bundle in the given slot; exit 3 if it cannot
 * be read.  Records the file's mode and whether git tracks it. */
static void
add_input(struct job *j, const char *path, enum slot slot)
{
	struct source *s;
	unsigned char *data;
	size_t len;
	char err[512];
	int has_key;

	if (input_read(path, &data, &len, err, sizeof(err)) != 0)
		fatal("%s", err);
	has_key = mem_find(data, len, "PRIVATE KEY-----", 16) != NULL;
	if (bundle_add_source(&j->bundle, strcmp(path, "-") == 0 ? "<stdin>" :
	    path, data, len, slot) != 0)
		fatal("out of memory");
	s = j->bundle.srcs[j->bundle.nsrcs - 1];
	s->has_mode = input_mode(path, &s->mode) == 0;
	/* Only a private key can be "tracked by git" in a way that matters:
	 * ask git (a process) only for files that hold one. */
	if (has_key)
		s->git_tracked = input_git_tracked(path);
}

static void
set_endpoints(struct job *j, char *const *args, size_t n)
{
	char err[512];
	size_t i;

	for (i = 0; i < n; i++) {
		switch (endpoint_parse(args[i], &j->eps, &j->neps, err,
		    sizeof(err))) {
		case 0:
			break;
		case -1:
			fatal("%s", err);       /* config endpoints: checked */
			break;
		default:
			fatal("out of memory");
		}
	}
}

static void
apply_overrides(struct job *j, const struct rule_override *ov, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		engine_set(&j->engine, ov[i].rule, ov[i].severity);
}

/* Settings every job shares, then the command line's overrides last. */
static void
finish_job(struct job *j, const struct options *o, const struct config *cfg,
    const struct config_bundle *cb)
{
	size_t i;

	j->bundle.now = o->now;
	j->bundle.warn_days = o->warn_days >= 0 ? (int)o->warn_days :
	    cb != NULL && cb->warn_days >= 0 ? cb->warn_days : 30;
	if (o->nep_args > 0 || cb == NULL)
		set_endpoints(j, o->ep_args, o->nep_args);
	else
		set_endpoints(j, cb->endpoints, cb->nendpoints);
	j->clients = o->clients;
	j->servers = o->servers;
	if (cb != NULL && cb->clients != NULL && !o->clients_given)
		profile_parse_list(cb->clients, 0, &j->clients, NULL, 0);
	if (cb != NULL && cb->servers != NULL && !o->servers_given)
		profile_parse_list(cb->servers, 1, &j->servers, NULL, 0);
	if (cfg != NULL)
		apply_overrides(j, cfg->overrides, cfg->noverrides);
	if (cb != NULL)
		apply_overrides(j, cb->overrides, cb->noverrides);
	for (i = 0; i < o->nov; i++)
		engine_set(&j->engine, o->ov[i].rule, o->ov[i].severity);
}

static struct job *
new_job(struct job **jobs, size_t *n, const char *name)
{
	struct job *j;

	*jobs = grow(*jobs, *n + 1, sizeof(**jobs));
	j = &(*jobs)[*n];
	if (job_init(j) != 0)
		fatal("out of memory");
	if (name != NULL && (j->name = str_dup(name)) == NULL)
		fatal("out of memory");
	(*n)++;
	return j;
}

/* Does the bundle use one of the changed files?  Compared by real path. */
static int
bundle_changed(const struct config_bundle *cb, char *const *changed, size_t n)
{
	const char *paths[4] = { cb->cert, cb->key, cb->ca, cb->csr };
	char a[PATH_MAX], b[PATH_MAX];
	size_t i, k;

	for (k = 0; k < 4; k++) {
		if (paths[k] == NULL || realpath(paths[k], a) == NULL)
			continue;
		for (i = 0; i < n; i++)
			if (realpath(changed[i], b) != NULL && strcmp(a, b) == 0)
				return 1;
	}
	return 0;
}

/* Keep only the first finding of rule id per file: a key shared by
 * several bundles is "tracked by git" once. */
static void
drop_repeats(struct findings *f, const char *id)
{
	size_t i, k, out = 0;
	int dup;

	for (i = 0; i < f->len; i++) {
		dup = 0;
		if (strcmp(f->v[i].rule->id, id) == 0 && f->v[i].file != NULL)
			for (k = 0; k < out && !dup; k++)
				dup = f->v[k].rule == f->v[i].rule &&
				    f->v[k].file != NULL &&
				    strcmp(f->v[k].file, f->v[i].file) == 0;
		if (dup) {
			free(f->v[i].file);
			free(f->v[i].message);
			free(f->v[i].hint);
			free(f->v[i].endpoint);
			continue;
		}
		f->v[out++] = f->v[i];
	}
	f->len = out;
}

int
main(int argc, char **argv)
{
	struct options o;
	struct config cfg;
	struct scan_result sr;
	struct job *jobs = NULL, *j;
	size_t njobs = 0, i, k;
	struct bundle **bundles;
	const struct acceptance **accs;
	const char **names;
	unsigned *cmask, *smask;
	struct findings findings;
	struct report rep;
	char cfg_path[PATH_MAX], err[1024];
	int have_cfg = 0, have_files, exit_code, r;

	parse_options(argc, argv, &o);
	if (o.list_rules) {
		if (optind < argc)
			usage_error("--list-rules takes no FILE");
		/* As a report: --output FILE takes the format, stdout the
		 * text (github and gitlab have no rule list: text). */
		FILE *out = o.output != NULL ? fopen(o.output, "w") : stdout;

		if (out == NULL)
			fatal("cannot write %s: %s", o.output, strerror(errno));
		r = o.format == FMT_JSON ? report_rules_json(out,
		    CERTGATE_VERSION) : o.format == FMT_SARIF ?
		    report_rules_sarif(out, CERTGATE_VERSION) :
		    report_rules_text(out);
		if (out != stdout && (fclose(out) != 0 || r != 0))
			fatal("cannot write %s", o.output);
		if (out != stdout && o.format != FMT_TEXT)
			r = report_rules_text(stdout);
		if (r != 0 || fflush(stdout) != 0)
			fatal("cannot write the rule list");
		return EXIT_PASS;
	}

	/* The configuration: rule settings always, bundles when no FILE. */
	config_init(&cfg);
	if (!o.no_config) {
		if (o.config != NULL)
			snprintf(cfg_path, sizeof(cfg_path), "%s", o.config);
		if (o.config != NULL || config_find(cfg_path,
		    sizeof(cfg_path))) {
			r = config_load(cfg_path, &cfg, err, sizeof(err));
			if (r == -1)
				fatal("%s", err);
			if (r != 0)
				fatal("out of memory");
			have_cfg = 1;
		}
	}
	have_files = optind < argc;
	for (i = SLOT_CERT; i <= SLOT_CSR; i++)
		have_files |= o.slot_file[i] != NULL;
	if (o.scan != NULL && have_files)
		usage_error("--scan takes no FILE and no --cert/--key/--ca/--csr");
	if (o.nchanged > 0 && (o.scan != NULL || have_files || !have_cfg))
		usage_error("--changed selects bundles of a configuration "
		    "(.certgate.ini or --config) and takes no FILE");

	if (o.scan != NULL) {
		scan_init(&sr);
		r = scan_tree(o.scan, &sr, err, sizeof(err));
		if (r == -1)
			fatal("%s", err);
		if (r != 0)
			fatal("out of memory");
		for (i = 0; i < sr.n; i++) {
			j = new_job(&jobs, &njobs, sr.bundles[i].dir);
			for (k = 0; k < sr.bundles[i].nfiles; k++)
				add_input(j, sr.bundles[i].files[k], SLOT_ANY);
			finish_job(j, &o, have_cfg ? &cfg : NULL, NULL);
		}
		scan_free(&sr);
	} else if (have_files || !have_cfg || cfg.nbundles == 0) {
		int stdin_used = 0;

		j = new_job(&jobs, &njobs, NULL);
		for (i = (size_t)optind; i < (size_t)argc; i++) {
			if (strcmp(argv[i], "-") == 0 && stdin_used++)
				usage_error("standard input ('-') given twice");
			add_input(j, argv[i], SLOT_ANY);
		}
		for (i = SLOT_CERT; i <= SLOT_CSR; i++) {
			if (o.slot_file[i] == NULL)
				continue;
			if (strcmp(o.slot_file[i], "-") == 0 && stdin_used++)
				usage_error("standard input ('-') given twice");
			add_input(j, o.slot_file[i], (enum slot)i);
		}
		if (j->bundle.nsrcs == 0) {
			if (isatty(STDIN_FILENO))
				fputs("certgate: paste server.crt, server.key and "
				    "server-ca.crt (PEM, any order), then press "
				    "Ctrl-D\n", stderr);
			add_input(j, "-", SLOT_ANY);
		}
		finish_job(j, &o, have_cfg ? &cfg : NULL, NULL);
	} else {
		for (i = 0; i < cfg.nbundles; i++) {
			const struct config_bundle *cb = &cfg.bundles[i];

			if (o.nchanged > 0 && !bundle_changed(cb, o.changed,
			    o.nchanged))
				continue;
			j = new_job(&jobs, &njobs, cb->name);
			add_input(j, cb->cert, SLOT_CERT);
			if (cb->key != NULL)
				add_input(j, cb->key, SLOT_KEY);
			if (cb->ca != NULL)
				add_input(j, cb->ca, SLOT_CA);
			if (cb->csr != NULL)
				add_input(j, cb->csr, SLOT_CSR);
			finish_job(j, &o, &cfg, cb);
		}
	}

	if (run_jobs(jobs, njobs, 0) != 0)
		fatal("out of memory");
	findings_init(&findings);
	if (run_merge(jobs, njobs, &findings) != 0)
		fatal("out of memory");
	drop_repeats(&findings, "key-tracked-by-git");
	exit_code = engine_exit_code(&findings, o.fail_on);

	bundles = calloc(njobs + 1, sizeof(*bundles));
	accs = calloc(njobs + 1, sizeof(*accs));
	names = calloc(njobs + 1, sizeof(*names));
	cmask = calloc(njobs + 1, sizeof(*cmask));
	smask = calloc(njobs + 1, sizeof(*smask));
	if (bundles == NULL || accs == NULL || names == NULL ||
	    cmask == NULL || smask == NULL)
		fatal("out of memory");
	for (i = 0; i < njobs; i++) {
		bundles[i] = &jobs[i].bundle;
		accs[i] = &jobs[i].acc;
		names[i] = jobs[i].name;
		cmask[i] = jobs[i].clients;
		smask[i] = jobs[i].servers;
	}
	memset(&rep, 0, sizeof(rep));
	rep.version = CERTGATE_VERSION;
	rep.now = o.now;
	rep.fail_on = o.fail_on;
	rep.exit_code = exit_code;
	rep.bundles = bundles;
	rep.nbundles = njobs;
	rep.names = names;
	rep.findings = &findings;
	rep.color = o.color;
	rep.accept = accs;
	rep.servers = o.servers;
	rep.clients = o.clients;
	rep.bundle_servers = smask;
	rep.bundle_clients = cmask;
	if (o.output != NULL && strcmp(o.output, "-") != 0) {
		/* FILE first: exit 3 leaves standard output empty.  The text
		 * report goes to FILE alone with -f text, and uncoloured. */
		FILE *fp = fopen(o.output, "w");

		if (fp == NULL)
			fatal("cannot write %s: %s", o.output, strerror(errno));
		rep.color = o.format == FMT_TEXT ? 0 : o.color;
		r = write_report(fp, o.format, &rep);
		if (fclose(fp) != 0 || r != 0)
			fatal("cannot write %s", o.output);
		rep.color = o.color;
		r = o.format == FMT_TEXT ? 0 : write_report(stdout, FMT_TEXT,
		    &rep);
	} else {
		r = write_report(stdout, o.format, &rep);
	}
	if (r != 0 || fflush(stdout) != 0)
		fatal("cannot write the report");

	free(bundles);
	free(accs);
	free(names);
	free(cmask);
	free(smask);
	findings_free(&findings);
	for (i = 0; i < njobs; i++)
		job_free(&jobs[i]);
	free(jobs);
	config_free(&cfg);
	for (i = 0; i < o.nep_args; i++)
		free(o.ep_args[i]);
	free(o.ep_args);
	for (i = 0; i < o.nchanged; i++)
		free(o.changed[i]);
	free(o.changed);
	for (i = 0; i < o.nov; i++)
		free(o.ov[i].rule);
	free(o.ov);
	return exit_code;
}
