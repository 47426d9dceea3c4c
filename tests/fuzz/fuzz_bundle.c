/*
 * fuzz_bundle.c - libFuzzer target: any bytes, split at "\0\0" into up to
 * three inputs, go through scanning, assembly, every rule and both
 * reporters.  Built by `make fuzz` (clang with -fsanitize=fuzzer).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../src/bundle.h"
#include "../../src/engine.h"
#include "../../src/finding.h"
#include "../../src/report.h"
#include "../../src/util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct endpoint *eps;
	static size_t neps;
	struct bundle b, *bp = &b;
	struct findings f;
	struct engine e;
	struct report r;
	const uint8_t *p = data, *end = data + size, *sep;
	unsigned char *copy;
	size_t n;
	int k;
	char err[128];
	FILE *null;

	if (eps == NULL && endpoint_parse("rm-bp1abc123.mysql.rds.aliyuncs.com,"
	    "127.0.0.1,[::1]:5432", &eps, &neps, err, sizeof(err)) != 0)
		abort();
	bundle_init(&b);
	findings_init(&f);
	for (k = 0; k < 3 && p <= end; k++) {
		sep = NULL;
		for (n = 0; p + n + 1 < end; n++)
			if (p[n] == 0 && p[n + 1] == 0) {
				sep = p + n;
				break;
			}
		n = sep ? (size_t)(sep - p) : (size_t)(end - p);
		copy = malloc(n ? n : 1);
		if (copy == NULL)
			abort();
		memcpy(copy, p, n);
		if (bundle_add_source(&b, k == 0 ? "a" : k == 1 ? "b" : "c",
		    copy, n, SLOT_ANY) != 0)
			abort();
		if (sep == NULL)
			break;
		p = sep + 2;
	}
	b.eps = eps;
	b.neps = neps;
	b.now = 1796083200;
	if (bundle_load(&b) != 0 || engine_init(&e) != 0 ||
	    engine_run(&e, &b, 0, &f) != 0)
		abort();
	memset(&r, 0, sizeof(r));
	r.version = "fuzz";
	r.now = b.now;
	r.fail_on = SEV_WARNING;
	r.exit_code = engine_exit_code(&f, SEV_WARNING);
	r.bundles = &bp;
	r.nbundles = 1;
	r.findings = &f;
	null = fopen("/dev/null", "w");
	if (null == NULL || report_text(null, &r) != 0 ||
	    report_json(null, &r) != 0)
		abort();
	fclose(null);
	engine_free(&e);
	findings_free(&f);
	bundle_free(&b);
	return 0;
}
