/*
 * common.c - see common.h.
 */
#include "common.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
rule_window(const struct rule *r, const struct bundle *b,
    const struct cert *c, const char *role, enum window w,
    struct findings *out)
{
	char t1[32], t2[32], dn[300];
	int64_t nb, na, days;

	if (c == NULL)
		return 0;
	nb = c->info.not_before;
	na = c->info.not_after;
	time_format(b->now, t2, sizeof(t2));
	cert_display_name(c, dn, sizeof(dn));
	switch (w) {
	case WIN_EXPIRED:
		if (b->now <= na)
			return 0;
		days = (b->now - na) / 86400;
		return finding_add(out, r, &c->loc, NULL, NULL,
		    "the %s (%s) expired on %s, %lld day%s before %s", role, dn,
		    time_format(na, t1, sizeof(t1)), (long long)days,
		    days == 1 ? "" : "s", t2);
	case WIN_NOT_YET_VALID:
		if (b->now >= nb)
			return 0;
		days = (nb - b->now + 86399) / 86400;
		return finding_add(out, r, &c->loc, NULL, NULL,
		    "the %s (%s) is not valid before %s, %lld day%s after %s",
		    role, dn, time_format(nb, t1, sizeof(t1)), (long long)days,
		    days == 1 ? "" : "s", t2);
	case WIN_EXPIRES_SOON:
		if (b->now > na || b->now < nb ||
		    na - b->now >= (int64_t)b->warn_days * 86400)
			return 0;
		days = (na - b->now) / 86400;
		return finding_add(out, r, &c->loc, NULL, NULL,
		    "the %s (%s) expires on %s, in %lld day%s (--warn-days %d)",
		    role, dn, time_format(na, t1, sizeof(t1)), (long long)days,
		    days == 1 ? "" : "s", b->warn_days);
	}
	return 0;
}

char *
name_text(const struct cert_name *n)
{
	char ip[64], *v, *s;

	if (n->type == NAME_IP) {
		ip_format(n->value.p, n->value.len, ip, sizeof(ip));
		return str_printf("IP:%s", ip);
	}
	v = str_printable(n->value.p, n->value.len);
	if (v == NULL)
		return NULL;
	s = str_printf("%s%s", n->type == NAME_DNS ? "DNS:" : "CN=", v);
	free(v);
	return s;
}

char *
names_list(const struct cert *c)
{
	char *acc = NULL, *t, *nacc;
	size_t i;

	for (i = 0; i < c->nnames; i++) {
		t = name_text(&c->names[i]);
		if (t == NULL) {
			free(acc);
			return NULL;
		}
		nacc = str_printf("%s%s%s", acc ? acc : "", acc ? ", " : "", t);
		free(t);
		free(acc);
		if (nacc == NULL)
			return NULL;
		acc = nacc;
	}
	return acc != NULL ? acc : str_dup("no names");
}

char *
san_hint(const struct bundle *b)
{
	char *list = NULL, *nl, *cn = NULL, *s;
	size_t i;

	for (i = 0; i < b->neps; i++) {
		nl = str_printf("%s%s%s:%s", list ? list : "", list ? "," : "",
		    b->eps[i].type == HOST_DNS ? "DNS" : "IP", b->eps[i].host);
		free(list);
		if (nl == NULL)
			return NULL;
		list = nl;
	}
	if (list == NULL && b->leaf != NULL && b->leaf->info.ncns > 0) {
		cn = str_printable(b->leaf->info.cns[0].p,
		    b->leaf->info.cns[0].len);
		if (cn == NULL)
			return NULL;
		list = str_printf("DNS:%s", cn);
		free(cn);
	}
	if (list == NULL)
		list = str_dup("DNS:your-endpoint");
	if (list == NULL)
		return NULL;
	s = str_printf("re-sign with a subjectAltName: printf "
	    "'subjectAltName=%s\\nextendedKeyUsage=serverAuth\\n' > san.ext && "
	    "openssl x509 -req -in server.csr -days 365 -CA server-ca.crt "
	    "-CAkey server-ca.key -CAcreateserial -extfile san.ext "
	    "-out server.crt", list);
	free(list);
	return s;
}

void
profiles_split(const struct cert_name *names, size_t n,
    const struct endpoint *ep, char *acc, size_t acclen, char *ref,
    size_t reflen)
{
	struct coverage cv;
	size_t i, ao = 0, ro = 0;

	acc[0] = ref[0] = '\0';
	for (i = 0; i < CL_COUNT; i++) {
		hostmatch_profile(&client_profiles[i].match, ep, names, n, &cv);
		if (cv.covered && ao < acclen)
			ao += (size_t)snprintf(acc + ao, acclen - ao, "%s%s",
			    ao ? ", " : "", client_profiles[i].name);
		else if (!cv.covered && ro < reflen)
			ro += (size_t)snprintf(ref + ro, reflen - ro, "%s%s",
			    ro ? ", " : "", client_profiles[i].name);
	}
	if (acc[0] == '\0')
		snprintf(acc, acclen, "none");
	if (ref[0] == '\0')
		snprintf(ref, reflen, "none");
}

int
name_is_ip_text(const unsigned char *p, size_t len)
{
	char buf[64];
	unsigned char ip[16];

	if (len == 0 || len >= sizeof(buf) || bytes_have_nul(p, len))
		return 0;
	memcpy(buf, p, len);
	buf[len] = '\0';
	return inet_pton(AF_INET, buf, ip) == 1 ||
	    inet_pton(AF_INET6, buf, ip) == 1;
}

/* The -subj argument that re-creates ca's subject: a one-CN subject, as
 * the guides make, as is; anything else as a placeholder. */
static void
subj_arg(const struct cert *ca, char *buf, size_t size)
{
	if (strncmp(ca->subject, "CN=", 3) == 0 &&
	    strpbrk(ca->subject + 3, ",/\"\\+=$`") == NULL)
		snprintf(buf, size, "/%s", ca->subject);
	else
		snprintf(buf, size, "<server-ca.crt's subject: /C=../CN=..>");
}

char *
ca_reissue_hint(const struct cert *ca, const char *what, int resign_leaf)
{
	char subj[300];

	subj_arg(ca, subj, sizeof(subj));
	if (resign_leaf)
		return str_printf("%s, then re-sign the server certificate (its "
		    "authorityKeyIdentifier must name the new one): openssl "
		    "req -new -x509 -key server-ca.key -days 3650 -subj \"%s\" "
		    "-addext \"basicConstraints=critical,CA:TRUE\" -addext "
		    "\"keyUsage=critical,keyCertSign,cRLSign\" -addext "
		    "\"subjectKeyIdentifier=hash\" -out server-ca.crt && "
		    "openssl x509 -req -in server.csr -days 365 -CA "
		    "server-ca.crt -CAkey server-ca.key -CAcreateserial "
		    "-extfile san.ext -out server.crt", what, subj);
	return str_printf("%s with its own key and subject, so server.crt "
	    "stays valid: openssl req -new -x509 -key server-ca.key -days "
	    "3650 -subj \"%s\" -addext \"basicConstraints=critical,CA:TRUE\" "
	    "-addext \"keyUsage=critical,keyCertSign,cRLSign\" -addext "
	    "\"subjectKeyIdentifier=hash\" -out server-ca.crt; then give "
	    "clients the new server-ca.crt", what, subj);
}
