/*
 * config.h - the repository configuration file (.certgate.ini): bundles to
 * lint and rule overrides, parsed with libinih.
 *
 *   # global rule overrides
 *   [rules]
 *   disable  = cert-v1, host-cn-fallback
 *   severity = ca-no-skid=error, cert-no-akid=info
 *
 *   [bundle mysql-prod]
 *   cert      = certs/mysql/server.crt     ; paths relative to this file
 *   key       = certs/mysql/server.key
 *   ca        = certs/mysql/server-ca.crt
 *   csr       = certs/mysql/server.csr
 *   endpoints = rm-bp1abc.mysql.rds.aliyuncs.com, rm-bp1abc.mysql.rds.aliyuncs.com:3306
 *   clients   = libpq, go
 *   servers   = mysql
 *   warn-days = 45
 *   disable   = cert-v1
 *   severity  = host-cn-fallback=error
 */
#ifndef CERTGATE_CONFIG_H
#define CERTGATE_CONFIG_H

#include <stddef.h>

#include "finding.h"

/* One override: a rule's severity, or SEV_NONE to disable it. */
struct rule_override {
	char *rule;
	enum severity severity;
	unsigned line;          /* where it was set */
};

struct config_bundle {
	char *name;             /* from [bundle NAME] */
	unsigned line;          /* line of the section header */
	char *cert, *key, *ca, *csr;    /* resolved paths, or NULL */
	char **endpoints;       /* as written (certgate parses them) */
	size_t nendpoints;
	char *clients, *servers;/* lists as written, or NULL */
	int warn_days;          /* -1 when not set */
	struct rule_override *overrides;
	size_t noverrides;
};

struct config {
	char *path;             /* the file read */
	char *dir;              /* its directory (paths are relative to it) */
	struct config_bundle *bundles;
	size_t nbundles;
	struct rule_override *overrides;        /* [rules] */
	size_t noverrides;
};

/* config_init - empty; cannot fail. */
void config_init(struct config *c);
/* config_free - NULL-safe, safe twice. */
void config_free(struct config *c);

/*
 * config_find - walk up from the working directory to the root looking for
 * .certgate.ini; write its path into out.  Returns 1 found, 0 none.
 */
int config_find(char *out, size_t outlen);

/*
 * config_load - parse path into c.  Returns 0; or -1 with "FILE:LINE:
 * message" in err for: unreadable file, syntax error, unknown section or
 * key, an unknown rule id or severity in disable/severity (the valid ids
 * come from rule_find() in rules/rule.h), a bundle without cert, a path
 * that does not exist (relative to the file's directory), a bad
 * warn-days, a bundle named twice; -2 out of memory.
 */
int config_load(const char *path, struct config *c, char *err, size_t errlen);

#endif
