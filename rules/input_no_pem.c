/*
 * input-no-pem: an input holds no PEM certificate or key block.
 */
#include "rule.h"

#include <stdlib.h>

static char *
hint_for(const struct source *s)
{
	const char *f = s->name;

	switch (s->sniff) {
	case SNIFF_EMPTY:
		return str_printf("paste or give the whole file, from its "
		    "-----BEGIN line to its -----END line");
	case SNIFF_DER_CERT:
		return str_printf("convert it to PEM: openssl x509 -inform DER "
		    "-in %s -out server.crt", f);
	case SNIFF_DER_KEY:
		return str_printf("convert it to PEM: openssl pkey -inform DER "
		    "-in %s -out server.key", f);
	case SNIFF_DER_ENC_KEY:
		return str_printf("decrypt it to PEM (asks for the passphrase "
		    "once): openssl pkey -inform DER -in %s -out server.key", f);
	case SNIFF_PKCS12:
		return str_printf("extract the PEM files (asks for the archive "
		    "password): openssl pkcs12 -in %s -clcerts -nokeys -out "
		    "server.crt && openssl pkcs12 -in %s -nocerts -nodes -out "
		    "server.key && openssl pkcs12 -in %s -cacerts -nokeys -out "
		    "server-ca.crt", f, f, f);
	case SNIFF_PKCS7:
		return str_printf("extract the certificates: openssl pkcs7 "
		    "-print_certs -in %s -out certs.pem", f);
	case SNIFF_OPENSSH_PRIV:
		return str_printf("an SSH key is not the certificate's key: give "
		    "server.key, the key written by "
		    "'openssl req -nodes -keyout server.key'");
	case SNIFF_OPENSSH_PUB:
		return str_printf("an SSH public key is not a certificate: give "
		    "server.crt, server.key and server-ca.crt made with openssl");
	case SNIFF_PUTTY:
		return str_printf("convert it: puttygen %s -O private-openssh "
		    "-o server.key (if it really is the certificate's key)", f);
	case SNIFF_BARE_BASE64:
		return str_printf("copy the whole file including the "
		    "-----BEGIN ...----- and -----END ...----- lines, not only "
		    "the base64 between them");
	case SNIFF_OTHER_PEM:
		return str_printf("give the certificate (BEGIN CERTIFICATE) and "
		    "the private key (BEGIN PRIVATE KEY) instead");
	case SNIFF_TEXT:
	case SNIFF_BINARY:
	case SNIFF_PEM:
		break;
	}
	return str_printf("give the PEM files: server.crt, server.key and "
	    "server-ca.crt, each holding -----BEGIN ...----- lines");
}

static int
check(const struct rule *self, const struct bundle *b, struct findings *out)
{
	const struct source *s;
	struct loc loc;
	char *hint;
	size_t i;
	int ret;

	for (i = 0; i < b->nsrcs; i++) {
		s = b->srcs[i];
		if (s->sniff == SNIFF_PEM)
			continue;
		hint = hint_for(s);
		if (hint == NULL)
			return -1;
		loc.file = s->name;
		loc.line = 1;
		loc.column = 1;
		ret = finding_add(out, self, &loc, NULL, hint,
		    "%s holds %s, not a PEM certificate or key", s->name,
		    sniff_describe(s->sniff));
		free(hint);
		if (ret != 0)
			return -1;
	}
	return 0;
}

const struct rule rule_input_no_pem = {
	.id = "input-no-pem",
	.severity = SEV_ERROR,
	.summary = "an input holds no PEM certificate or key block",
	.rationale = "Both provider guides ask for the PEM text of server.crt "
	    "and server.key, from the BEGIN line to the END line; the console "
	    "and the servers' ssl_cert_file/ssl-cert read PEM only (ApsaraDB "
	    "RDS guides, step 2). DER, PKCS#12 and SSH keys must be "
	    "converted first.",
	.hint = "give the PEM files: server.crt, server.key and server-ca.crt",
	.check = check,
};
