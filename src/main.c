/*
 * main.c - certgate's command line: parse options, read the inputs, run
 * the rules, report, exit with the CI contract's status.  Only this file
 * prints errors or exits.
 */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "acceptance.h"
#include "bundle.h"
#include "engine.h"
#include "hostmatch.h"
#include "input.h"
#include "report.h"
#include "util.h"
#include "../rules/rule.h"

#ifndef CERTGATE_VERSION
#define CERTGATE_VERSION "0.0.0"
#endif

enum format { FMT_TEXT, FMT_JSON };

enum {
	OPT_CERT = 256, OPT_KEY, OPT_CA, OPT_NOW, OPT_WARN_DAYS, OPT_FAIL_ON,
	OPT_LIST_RULES, OPT_COLOR, OPT_CSR, OPT_CLIENTS, OPT_SERVERS
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
	{ "color",      required_argument, NULL, OPT_COLOR },
	{ "list-rules", no_argument,       NULL, OPT_LIST_RULES },
	{ "help",       no_argument,       NULL, 'h' },
	{ "version",    no_argument,       NULL, 'V' },
	{ NULL, 0, NULL, 0 }
};

static const char usage_text[] =
"usage: certgate [-e HOST]... [--cert FILE] [--key FILE] [--ca FILE]\n"
"                [--csr FILE] [--clients LIST] [--servers LIST]\n"
"                [--now TIME] [--warn-days N] [--fail-on LEVEL]\n"
"                [-f text|json] [--color auto|always|never] [FILE...]\n"
"       certgate --list-rules [-f text|json]\n"
"       certgate --help | --version\n";

static const char help_text[] =
"Check a TLS server certificate set (server.crt, server.key, server-ca.crt)\n"
"before it is pasted into a database console, committed or deployed.\n"
"\n"
"Inputs: each FILE (\"-\" is standard input) may hold any mix of PEM\n"
"certificates and keys in any order; blocks are classified by content.\n"
"With no FILE and no --cert/--key/--ca, standard input is read (on a\n"
"terminal, paste the blocks and end with Ctrl-D).\n"
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
"  -f, --format FORMAT   text (default) or json\n"
"      --color WHEN      auto (default: on a terminal, unless NO_COLOR is\n"
"                        set), always or never\n"
"      --list-rules      list every rule with its default severity\n"
"  -h, --help            show this help\n"
"  -V, --version         show the version\n"
"\n"
"Exit status: 0 nothing at or above --fail-on; 1 the worst such finding\n"
"is a warning (or info with --fail-on info); 2 at least one error;\n"
"3 could not run (usage error, unreadable file).\n"
"\n"
"See certgate(1) for every rule.\n";

static void
usage_error(const char *fmt, ...) CG_PRINTF(1, 2);

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

static void
fatal(const char *fmt, ...) CG_PRINTF(1, 2);

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

/* Read path into the bundle in the given slot; exit 3 if unreadable. */
static void
add_input(struct bundle *b, const char *path, enum slot slot)
{
	unsigned char *data;
	size_t len;
	char err[512];

	if (input_read(path, &data, &len, err, sizeof(err)) != 0)
		fatal("%s", err);
	if (bundle_add_source(b, strcmp(path, "-") == 0 ? "<stdin>" : path,
	    data, len, slot) != 0)
		fatal("out of memory");
}

int
main(int argc, char **argv)
{
	struct endpoint *eps = NULL;
	size_t neps = 0;
	const char *slot_file[SLOT_CSR + 1] = { NULL };
	enum format format = FMT_TEXT;
	enum severity fail_on = SEV_WARNING;
	int64_t now = (int64_t)time(NULL);
	long warn_days = 30;
	int color = -1, list_rules = 0, ch, i, stdin_used = 0, exit_code;
	char err[512], *end;
	struct bundle bundle;
	struct bundle *bundles[1];
	struct acceptance acc;
	const struct acceptance *accs[1];
	unsigned servers = (1u << SRV_COUNT) - 1, clients = (1u << CL_COUNT) - 1;
	struct engine engine;
	struct findings findings;
	struct report rep;

	opterr = 0;             /* our own messages, without argv[0] */
	while ((ch = getopt_long(argc, argv, "e:f:hV", longopts, NULL)) != -1) {
		switch (ch) {
		case 'e':
			switch (endpoint_parse(optarg, &eps, &neps, err,
			    sizeof(err))) {
			case 0:
				break;
			case -1:
				usage_error("%s", err);
				break;
			default:
				fatal("out of memory");
			}
			break;
		case OPT_CERT:
			slot_file[SLOT_CERT] = optarg;
			break;
		case OPT_KEY:
			slot_file[SLOT_KEY] = optarg;
			break;
		case OPT_CA:
			slot_file[SLOT_CA] = optarg;
			break;
		case OPT_CSR:
			slot_file[SLOT_CSR] = optarg;
			break;
		case OPT_CLIENTS:
		case OPT_SERVERS:
			if (profile_parse_list(optarg, ch == OPT_SERVERS,
			    ch == OPT_SERVERS ? &servers : &clients, err,
			    sizeof(err)) != 0)
				usage_error("%s: unknown %s '%s' (use %s)",
				    ch == OPT_SERVERS ? "--servers" : "--clients",
				    ch == OPT_SERVERS ? "server" : "client", err,
				    ch == OPT_SERVERS ? "postgresql, mariadb, mysql "
				    "or all" : "libpq, mariadb, mysql, python, go, "
				    "pgjdbc, connector-j or all");
			break;
		case OPT_NOW:
			if (time_parse(optarg, &now) != 0)
				usage_error("--now '%s': not an RFC 3339 time "
				    "such as 2026-11-22T00:00:00Z", optarg);
			break;
		case OPT_WARN_DAYS:
			warn_days = strtol(optarg, &end, 10);
			if (*optarg == '\0' || *end != '\0' || warn_days < 0 ||
			    warn_days > 36500)
				usage_error("--warn-days '%s': not a number of "
				    "days from 0 to 36500", optarg);
			break;
		case OPT_FAIL_ON:
			fail_on = severity_parse(optarg);
			if (fail_on == SEV_NONE)
				usage_error("--fail-on '%s': use error, warning "
				    "or info", optarg);
			break;
		case 'f':
			if (strcmp(optarg, "text") == 0)
				format = FMT_TEXT;
			else if (strcmp(optarg, "json") == 0)
				format = FMT_JSON;
			else
				usage_error("--format '%s': use text or json",
				    optarg);
			break;
		case OPT_COLOR:
			if (strcmp(optarg, "auto") == 0)
				color = -1;
			else if (strcmp(optarg, "always") == 0)
				color = 1;
			else if (strcmp(optarg, "never") == 0)
				color = 0;
			else
				usage_error("--color '%s': use auto, always or "
				    "never", optarg);
			break;
		case OPT_LIST_RULES:
			list_rules = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			fputs("\n", stdout);
			fputs(help_text, stdout);
			return EXIT_PASS;
		case 'V':
			printf("certgate %s\n", CERTGATE_VERSION);
			return EXIT_PASS;
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
	if (list_rules) {
		if (optind < argc)
			usage_error("--list-rules takes no FILE");
		if ((format == FMT_JSON ? report_rules_json(stdout,
		    CERTGATE_VERSION) : report_rules_text(stdout)) != 0)
			fatal("cannot write the rule list");
		return EXIT_PASS;
	}
	if (color < 0) {
		const char *nc = getenv("NO_COLOR");

		color = isatty(STDOUT_FILENO) && (nc == NULL || *nc == '\0');
	}

	bundle_init(&bundle);
	findings_init(&findings);
	if (engine_init(&engine) != 0)
		fatal("out of memory");
	for (i = optind; i < argc; i++) {
		if (strcmp(argv[i], "-") == 0 && stdin_used++)
			usage_error("standard input ('-') given twice");
		add_input(&bundle, argv[i], SLOT_ANY);
	}
	for (i = SLOT_CERT; i <= SLOT_CSR; i++) {
		if (slot_file[i] == NULL)
			continue;
		if (strcmp(slot_file[i], "-") == 0 && stdin_used++)
			usage_error("standard input ('-') given twice");
		add_input(&bundle, slot_file[i], (enum slot)i);
	}
	if (bundle.nsrcs == 0) {
		if (isatty(STDIN_FILENO))
			fputs("certgate: paste server.crt, server.key and "
			    "server-ca.crt (PEM, any order), then press Ctrl-D\n",
			    stderr);
		add_input(&bundle, "-", SLOT_ANY);
	}
	bundle.eps = eps;
	bundle.neps = neps;
	bundle.now = now;
	bundle.warn_days = (int)warn_days;
	acceptance_init(&acc);
	if (bundle_load(&bundle) != 0 ||
	    engine_run(&engine, &bundle, 0, &findings) != 0 ||
	    acceptance_compute(&bundle, &acc) != 0)
		fatal("out of memory");

	exit_code = engine_exit_code(&findings, fail_on);
	bundles[0] = &bundle;
	memset(&rep, 0, sizeof(rep));
	rep.version = CERTGATE_VERSION;
	rep.now = now;
	rep.fail_on = fail_on;
	rep.exit_code = exit_code;
	rep.bundles = bundles;
	rep.nbundles = 1;
	rep.findings = &findings;
	rep.color = color;
	accs[0] = &acc;
	rep.accept = accs;
	rep.servers = servers;
	rep.clients = clients;
	if ((format == FMT_JSON ? report_json(stdout, &rep) :
	    report_text(stdout, &rep)) != 0 || fflush(stdout) != 0)
		fatal("cannot write the report");

	acceptance_free(&acc);
	findings_free(&findings);
	engine_free(&engine);
	bundle_free(&bundle);
	endpoints_free(eps, neps);
	return exit_code;
}
