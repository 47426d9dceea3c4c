/*
 * registry.c - the one table of rules.  Order is run and listing order:
 * input problems first, then key, host and name checks, the server
 * certificate's own fields (Python 3.13 strict mode last), validity,
 * chain and CA checks (strict mode, then validity).
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
	X(key_world_readable) \
	X(key_tracked_by_git) \
	X(key_weak) \
	X(key_weak_factorable) \
	X(key_unsupported) \
	X(host_not_covered) \
	X(host_cn_fallback) \
	X(host_none_given) \
	X(host_partial_wildcard) \
	X(host_wildcard_depth) \
	X(host_trailing_dot) \
	X(host_ip_in_dns_san) \
	X(cert_placeholder) \
	X(cert_name_invalid) \
	X(cert_san_dropped) \
	X(cert_no_san) \
	X(cert_v1) \
	X(cert_self_signed) \
	X(cert_same_dn_as_ca) \
	X(cert_is_ca) \
	X(cert_purpose) \
	X(cert_weak_signature) \
	X(cert_serial_invalid) \
	X(cert_no_akid) \
	X(cert_expired) \
	X(cert_not_yet_valid) \
	X(cert_expires_soon) \
	X(chain_no_ca) \
	X(chain_not_issued_by_ca) \
	X(ca_not_ca) \
	X(ca_v1) \
	X(ca_key_weak) \
	X(ca_no_key_usage) \
	X(ca_bc_not_critical) \
	X(ca_no_skid) \
	X(ca_expired) \
	X(ca_not_yet_valid) \
	X(ca_expires_soon) \
	X(ca_expires_before_cert)

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
