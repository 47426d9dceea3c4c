/*
 * registry.c - the one table of rules.  Order is run and listing order:
 * input problems first, then key, host, validity, chain and CA checks.
 * Adding a rule: one X(...) line here and its file in rules/.
 */
#include "rule.h"

#include <string.h>

#define RULES(X) \
	X(input_no_pem) \
	X(input_malformed_pem) \
	X(input_ambiguous) \
	X(key_missing) \
	X(key_encrypted) \
	X(key_mismatch) \
	X(key_is_ca_key) \
	X(host_not_covered) \
	X(host_cn_fallback) \
	X(host_none_given) \
	X(cert_expired) \
	X(cert_not_yet_valid) \
	X(cert_expires_soon) \
	X(chain_no_ca) \
	X(chain_not_issued_by_ca) \
	X(ca_not_ca) \
	X(ca_expired) \
	X(ca_not_yet_valid) \
	X(ca_expires_soon)

#define DECLARE(name) extern const struct rule rule_##name;
RULES(DECLARE)

#define ENTRY(name) &rule_##name,
const struct rule *const rule_registry[] = { RULES(ENTRY) };
const size_t rule_registry_len =
    sizeof(rule_registry) / sizeof(rule_registry[0]);

const struct rule *
rule_find(const char *id)
{
	size_t i;

	for (i = 0; i < rule_registry_len; i++)
		if (strcmp(rule_registry[i]->id, id) == 0)
			return rule_registry[i];
	return NULL;
}
