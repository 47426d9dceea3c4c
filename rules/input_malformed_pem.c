/*
 * input-malformed-pem: broken armor or base64, truncation, or DER that
 * does not parse.
 */
#include "rule.h"

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	const struct source *s;
	const struct pem_block *blk;
	struct loc loc;
	size_t i, j;

	for (i = 0; i < b->nsrcs; i++) {
		s = b->srcs[i];
		loc.file = s->name;
		for (j = 0; j < s->scan.nblocks; j++) {
			blk = &s->scan.blocks[j];
			if (blk->error == NULL || !pem_label_known(blk->label))
				continue;
			loc.line = blk->err_line;
			loc.column = blk->err_col;
			if (finding_add(out, self, &loc, NULL, NULL, "%s",
			    blk->error) != 0)
				return -1;
		}
		for (j = 0; j < s->scan.nstrays; j++) {
			loc.line = s->scan.strays[j].line;
			loc.column = s->scan.strays[j].col;
			if (finding_add(out, self, &loc, NULL, NULL, "%s",
			    s->scan.strays[j].error) != 0)
				return -1;
		}
	}
	for (i = 0; i < b->nbad; i++)
		if (finding_add(out, self, &b->bad[i].loc, NULL, NULL, "%s",
		    b->bad[i].msg) != 0)
			return -1;
	return 0;
}

const struct rule rule_input_malformed_pem = {
	.id = "input-malformed-pem",
	.severity = SEV_ERROR,
	.summary = "a PEM block has broken armor or base64, is truncated, or "
	    "its DER does not parse",
	.rationale = "RFC 7468 section 2 fixes the textual encoding: matching "
	    "BEGIN/END labels around base64 (RFC 4648). OpenSSL's PEM reader, "
	    "used by PostgreSQL, MariaDB and MySQL, rejects anything else, so "
	    "a damaged paste fails at the instance restart.",
	.hint = "copy the file again, whole and unchanged; "
	    "'openssl x509 -in server.crt -noout' or "
	    "'openssl pkey -in server.key -noout' shows whether it reads",
	.check = check,
};
