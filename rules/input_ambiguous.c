/*
 * input-ambiguous: the set cannot be assembled without a guess.
 */
#include "rule.h"

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	if (b->ambiguity == NULL)
		return 0;
	return finding_add(out, self, &b->ambiguity_loc, NULL,
	    b->ambiguity_hint, "%s", b->ambiguity);
}

const struct rule rule_input_ambiguous = {
	.id = "input-ambiguous",
	.severity = SEV_ERROR,
	.summary = "the inputs cannot be assembled into one server "
	    "certificate, key and CA",
	.rationale = "certgate classifies PEM blocks by content, not by file "
	    "name; when the content does not decide (two server certificates, "
	    "no certificate at all) a guess could lint the wrong file, so it "
	    "asks for an explicit --cert, --key or --ca instead.",
	.hint = "name the files: --cert server.crt --key server.key "
	    "--ca server-ca.crt",
	.check = check,
};
