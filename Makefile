# certgate - pre-flight linter for database TLS certificate sets.
.SUFFIXES:

VERSION  = 0.1.0
PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
CC      ?= cc
CFLAGS  ?= -O2 -g
WARN     = -std=c11 -Wall -Wextra -Wpedantic -Wshadow -Wformat=2 \
           -Wstrict-prototypes -Wmissing-prototypes -Wno-format-nonliteral
ALL_CPPFLAGS = -D_POSIX_C_SOURCE=200809L -DCERTGATE_VERSION=\"$(VERSION)\" \
               $(INIH_CFLAGS) $(CPPFLAGS)
ALL_CFLAGS   = $(WARN) $(CFLAGS)
LIBS     = -lmbedx509 -lmbedcrypto -ljansson -lpthread $(INIH_LIBS)
INIH_CFLAGS = `pkg-config --cflags inih`
INIH_LIBS   = `pkg-config --libs inih`
CHECK_CFLAGS = `pkg-config --cflags check`
CHECK_LIBS   = `pkg-config --libs check`

# Build directory: sanitizer builds use their own.
O ?= build

SRC  = src/util.c src/pem.c src/x509walk.c src/hostmatch.c src/bundle.c \
       src/profile.c src/acceptance.c src/scan.c src/run.c \
       src/finding.c src/engine.c src/input.c src/report_text.c \
       src/report_json.c src/report_sarif.c src/report_github.c \
       src/report_gitlab.c src/report_util.c src/keycheck.c \
       src/config.c
RULES = $(sort $(wildcard rules/*.c))
TESTS = $(sort $(wildcard tests/*.c))
LIBOBJ  = $(SRC:%.c=$(O)/%.o) $(RULES:%.c=$(O)/%.o)
TESTOBJ = $(TESTS:%.c=$(O)/%.o)
HDRS = $(wildcard src/*.h rules/*.h tests/*.h)

all: $(O)/certgate

$(O)/%.o: %.c $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) -c -o $@ $<

$(O)/tests/%.o: tests/%.c $(HDRS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CPPFLAGS) $(ALL_CFLAGS) $(CHECK_CFLAGS) -c -o $@ $<

$(O)/certgate: $(LIBOBJ) $(O)/src/main.o
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(LIBOBJ) $(O)/src/main.o $(LIBS)

$(O)/check_certgate: $(LIBOBJ) $(TESTOBJ)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(LIBOBJ) $(TESTOBJ) $(LIBS) $(CHECK_LIBS)

# The test command of the README: installs what is missing, then runs
# every Check suite (unit, rule, registry and CLI cases).  The last line
# is Check's own summary.
check: deps $(O)/certgate $(O)/check_certgate
	mandoc -T lint -W warning man/certgate.1
	@# git records 0644 for every file: give fixture keys the 0600 that
	@# fixtures/gen.sh sets, except the set that tests key-world-readable.
	@find fixtures -name '*.key' ! -path 'fixtures/key-world-readable/*' \
	    -exec chmod 600 {} +
	@chmod 644 fixtures/key-world-readable/server.key
	CERTGATE=$(CURDIR)/$(O)/certgate CK_DEFAULT_TIMEOUT=60 \
	    $(O)/check_certgate

# ASan + UBSan build of everything, then the whole suite.
sanitize:
	$(MAKE) O=build-san CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
	    LDFLAGS="-fsanitize=address,undefined" check

# The bundled example: the guide's exact MySQL set, then a broken set.
demo: deps $(O)/certgate
	@echo '== a set made by the MySQL guide'"'"'s exact commands =='
	@echo '$$ certgate -e rm-bp1abc123.mysql.rds.aliyuncs.com server.crt server.key server-ca.crt'
	@$(O)/certgate -e rm-bp1abc123.mysql.rds.aliyuncs.com \
	    --now 2026-12-01T00:00:00Z fixtures/guide-mysql/server.crt \
	    fixtures/guide-mysql/server.key fixtures/guide-mysql/server-ca.crt; \
	    echo "(exit status $$?)"
	@echo
	@echo '== a broken set: the CA key pasted as server.key, the wrong endpoint =='
	@echo '$$ certgate -e pgm-bp1def456.pg.rds.aliyuncs.com server.crt server.key server-ca.crt'
	@$(O)/certgate -e pgm-bp1def456.pg.rds.aliyuncs.com \
	    --now 2026-12-01T00:00:00Z fixtures/key-is-ca-key/server.crt \
	    fixtures/key-is-ca-key/server.key fixtures/key-is-ca-key/server-ca.crt; \
	    echo "(exit status $$?)"

# Install the Debian packages the build and tests need (as root, or via
# sudo when available); a no-op when they are present.
DEPS = gcc make pkg-config libmbedtls-dev libjansson-dev libinih-dev check \
       mandoc openssl python3 git pre-commit
deps:
	@sh tests/deps.sh $(DEPS)

install: $(O)/certgate
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	cp $(O)/certgate $(DESTDIR)$(BINDIR)/certgate
	chmod 755 $(DESTDIR)$(BINDIR)/certgate
	cp man/certgate.1 $(DESTDIR)$(MANDIR)/man1/certgate.1
	chmod 644 $(DESTDIR)$(MANDIR)/man1/certgate.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/certgate $(DESTDIR)$(MANDIR)/man1/certgate.1

clean:
	rm -rf build build-san build-fuzz

.PHONY: all check sanitize demo deps install uninstall clean bench fuzz interop

# Side-by-side timing against the openssl CLI checks a user would run.
bench: $(O)/certgate
	ROUNDS=$${ROUNDS:-200} bash tests/bench.sh $(O)/certgate

# Coverage-guided fuzzing of scanning, assembly, rules and reporters
# (needs clang and libclang-rt-14-dev).  FUZZ_SECONDS bounds the run.
FUZZ_SECONDS ?= 60
fuzz:
	mkdir -p build-fuzz/corpus
	clang -g -O1 -fsanitize=fuzzer,address,undefined $(ALL_CPPFLAGS) \
	    -o build-fuzz/fuzz_bundle tests/fuzz/fuzz_bundle.c $(SRC) $(RULES) $(LIBS)
	cp fixtures/*/server* build-fuzz/corpus/ 2>/dev/null || true
	build-fuzz/fuzz_bundle -max_total_time=$(FUZZ_SECONDS) -max_len=16384 \
	    build-fuzz/corpus

# Interop: start real PostgreSQL and MariaDB servers on 127.0.0.1 with each
# fixture set, connect with psql, mariadb, Python and Go, and compare with
# certgate's predictions (tests/interop/README.md).  Needs root for the
# servers' users; .ci/run installs the servers and runs it.
interop: $(O)/certgate
	bash tests/interop/run.sh $(O)/certgate

# The manual as HTML: each rule's entry has its id as anchor, the page the
# SARIF rules' helpUri points to (CERTGATE_DOCS_URI in src/report.h).
html: $(O)/certgate.1.html
$(O)/certgate.1.html: man/certgate.1
	@mkdir -p $(@D)
	mandoc -T html -O man=%N.%S.html man/certgate.1 > $@
.PHONY: html
