# mprisk - see README.md. The two commands: `make demo` and `make check`.
#
#   make              build/libmprisk.a, build/libmprisk.so, build/mprisk
#   make demo         evaluate examples/proposals/ against rules/default/
#   make check        every test: unit (cmocka), golden, bad inputs, rule
#                     decisions, mprisk serve (end to end, load, the page in
#                     Chromium), then the same again under ASan+UBSan (clang)
#   make test-fast    the fast suite, seconds: unit, rule, golden, bad-input,
#                     hostile-text, audit, records, import, CLI, i18n and report-page
#                     tests of one build (test/mutants.sh runs it against each
#                     deliberate bug)
#   make rule-coverage  the rule tests' coverage of the rules, as HTML
#                     (build/rule-coverage/index.html)
#   make coverage     C line and branch coverage of the test suite (lcov)
#   make bench        the benchmark table, the server's and replay's (docs/performance.md)
#   make bench-base BASE=DIR  the same benchmark linked against the library of
#                     another source tree (an older commit's: the "before")
#   make lint-static  cppcheck, clang-tidy and the banned-function check
#   make fuzz         run every libFuzzer target FUZZ_SECONDS (60) seconds
#   make golden       regenerate the golden files after a deliberate change
#   make install      PREFIX=/usr/local DESTDIR= : library, header, mprisk.pc,
#                     driver, default rules, man pages, docs and JSON schemas;
#                     make uninstall removes all of it again
#   make CC=clang     any target with clang instead of gcc

CC      ?= cc
BUILD   ?= build
OPT     ?= -O2 -g
SAN     ?=
VERSION := 0.1.0
SOMAJOR := 0

WARN := -std=c11 -Wall -Wextra -Werror -Wpedantic -Wshadow -Wstrict-prototypes \
        -Wmissing-prototypes -Wold-style-definition -Wformat=2 -Wundef -Wcast-qual \
        -Wwrite-strings -Wvla -Wpointer-arith -Wnull-dereference
DEPCFLAGS := $(shell pkg-config --cflags yaml-0.1 yajl libcrypto libutf8proc 2>/dev/null)
DEPLIBS   := $(shell pkg-config --libs yaml-0.1 yajl libcrypto libutf8proc 2>/dev/null || \
               echo -lyaml -lyajl -lcrypto -lutf8proc)
# mprisk serve (the driver only; the library has no network I/O): libmicrohttpd
SERVE_CFLAGS := $(shell pkg-config --cflags libmicrohttpd 2>/dev/null)
SERVE_LIBS   := $(shell pkg-config --libs libmicrohttpd 2>/dev/null || echo -lmicrohttpd) -lpthread
ALL_CFLAGS = $(WARN) $(OPT) $(SAN) -D_POSIX_C_SOURCE=200809L -Iinclude $(DEPCFLAGS) $(CFLAGS)
LIB_CFLAGS = $(ALL_CFLAGS) -Ilib -fPIC -fvisibility=hidden -DMPR_BUILDING_LIBRARY

# The library's rooms are the stage folders of lib/ (docs/architecture.md);
# its headers are included as "model.h", "util/buf.h", "load/load.h", ...
# (lib/po/ holds the translations and the build tool mo2c.c, not library code)
LIB_SRC := $(filter-out lib/po/%,$(wildcard lib/*/*.c))
LIB_HDR := $(wildcard lib/*.h lib/*/*.h)
# the public header and its parts (include/mprisk/*.h), installed together
API_HDR := include/mprisk.h $(wildcard include/mprisk/*.h)
LIB_OBJ := $(patsubst lib/%.c,$(BUILD)/obj/%.o,$(LIB_SRC)) $(BUILD)/obj/catalogues.o
CLI_SRC := $(wildcard examples/mprisk/*.c)
CLI_OBJ := $(patsubst examples/mprisk/%.c,$(BUILD)/cli/%.o,$(CLI_SRC)) $(BUILD)/cli/serve_assets.o \
           $(BUILD)/cli/catalogues.o
# Translations (docs/translating.md): GNU gettext .po files, one per language,
# lib/po/LANG.po for the library's texts (domain libmprisk) and
# examples/mprisk/po/LANG.po for the driver's (domain mprisk). msgfmt --check
# makes the .mo files; mo2c turns them into C tables that the library and the
# driver carry in themselves; xgettext lists every msgid (the .pot files, for
# translators and for test/i18n.sh, which fails on a text without a translation).
LIB_LANGS := $(basename $(notdir $(wildcard lib/po/*.po)))
CLI_LANGS := $(basename $(notdir $(wildcard examples/mprisk/po/*.po)))
LIB_MO := $(patsubst %,$(BUILD)/po/libmprisk/%.mo,$(LIB_LANGS))
CLI_MO := $(patsubst %,$(BUILD)/po/mprisk/%.mo,$(CLI_LANGS))
XGETTEXT = xgettext --from-code=UTF-8 --language=C --add-comments=TRANSLATORS: --sort-by-file \
    --no-wrap --add-location=file --package-name=mprisk --package-version=$(VERSION) --msgid-bugs-address=mprisk-maintainers \
    --keyword=tr:2 --keyword=mpr_tr:2 --keyword=mpr_fail:6 --keyword=mpr_vfail:6 --keyword=sc_fail:4 --keyword=fail_at:4 --keyword=NC_:1c,2 --keyword=say_reason:4 --keyword=N_ --keyword=cli_tr \
    --keyword=cli_usage:2 --keyword=cli_error:2 --keyword=cli_tr_in:2 --keyword=srv_reply_error:3 \
    --flag=cli_tr_in:2:c-format --flag=tr:2:c-format --flag=mpr_tr:2:c-format --flag=say_reason:4:c-format --flag=N_:1:c-format \
    --flag=cli_tr:1:c-format
# the web page of mprisk serve, embedded in the binary (examples/mprisk/web/embed.c)
WEB_FILES := / "text/html; charset=utf-8" examples/mprisk/web/index.html \
             /app.css "text/css; charset=utf-8" examples/mprisk/web/app.css \
             /app.js "text/javascript; charset=utf-8" examples/mprisk/web/app.js \
             /strings.js "text/javascript; charset=utf-8" examples/mprisk/web/strings.js
WEB_SRC := $(filter examples/mprisk/web/%,$(WEB_FILES))
# Unit tests mirror the stages (test/unit/STAGE/test_*.c); the ones of the
# library as a whole stand in test/unit/. Each builds to $(BUILD)/test_NAME.
UNIT_SRC := $(wildcard test/unit/test_*.c test/unit/*/test_*.c)
UNIT_BIN := $(addprefix $(BUILD)/,$(basename $(notdir $(UNIT_SRC))))
vpath test_%.c test/unit $(sort $(dir $(wildcard test/unit/*/test_*.c)))
UNIT_CFLAGS = $(ALL_CFLAGS) -Ilib -Itest/unit -DMPR_SOURCE_DIR='"$(CURDIR)"'

.PHONY: all demo check test test-fast golden deps clean rule-coverage coverage fuzz fuzz-build lint-static \
        bench bench-base install uninstall pot po

PREFIX  ?= /usr/local
LIBDIR  ?= $(PREFIX)/lib
DATADIR  = $(PREFIX)/share/mprisk
DOCDIR   = $(PREFIX)/share/doc/mprisk
MANDIR   = $(PREFIX)/share/man
LOCALEDIR = $(PREFIX)/share/locale

FUZZ_TARGETS := rules rules_multi proposal evaluate ruletest csv json text replay observations experience
FUZZ_SECONDS ?= 60
FUZZ_CHECK_SECONDS ?= 10
FUZZ_BUILD = $(MAKE) --no-print-directory CC=clang BUILD=build/fuzz OPT="-O1 -g" \
    SAN="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all"
all: $(BUILD)/libmprisk.a $(BUILD)/libmprisk.so $(BUILD)/mprisk $(BUILD)/embed pot

$(BUILD)/obj/%.o: lib/%.c $(LIB_HDR) $(API_HDR)
	@mkdir -p $(@D)
	$(CC) $(LIB_CFLAGS) -c $< -o $@

# A host tool: never sanitized, whatever the build.
$(BUILD)/mo2c: lib/po/mo2c.c
	@mkdir -p $(@D)
	$(CC) $(WARN) -O1 $< -o $@

$(BUILD)/po/libmprisk/%.mo: lib/po/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

$(BUILD)/po/mprisk/%.mo: examples/mprisk/po/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

$(BUILD)/gen/catalogues.c: $(BUILD)/mo2c $(LIB_MO)
	@mkdir -p $(@D)
	$(BUILD)/mo2c $@ util/i18n.h mpr_catalogue mpr_catalogues \
	    $(foreach l,$(LIB_LANGS),$(l)=$(BUILD)/po/libmprisk/$(l).mo)

$(BUILD)/obj/catalogues.o: $(BUILD)/gen/catalogues.c lib/util/i18n.h
	@mkdir -p $(@D)
	$(CC) $(LIB_CFLAGS) -c $< -o $@

$(BUILD)/cli/catalogues.c: $(BUILD)/mo2c $(CLI_MO) | $(BUILD)/cli
	$(BUILD)/mo2c $@ cli.h cli_catalogue cli_catalogues \
	    $(foreach l,$(CLI_LANGS),$(l)=$(BUILD)/po/mprisk/$(l).mo)

$(BUILD)/cli/catalogues.o: $(BUILD)/cli/catalogues.c examples/mprisk/cli.h $(API_HDR)
	$(CC) $(ALL_CFLAGS) $(SERVE_CFLAGS) -Iexamples/mprisk -c $< -o $@

# Every msgid of the library and of the driver, for translators (make po
# merges them into the .po files) and test/i18n.sh.
pot: $(BUILD)/po/libmprisk.pot $(BUILD)/po/mprisk.pot

$(BUILD)/po/libmprisk.pot: $(LIB_SRC) $(LIB_HDR)
	@mkdir -p $(@D)
	$(XGETTEXT) --default-domain=libmprisk -o $@ $(LIB_SRC) lib/render/render.h

$(BUILD)/po/mprisk.pot: $(CLI_SRC) examples/mprisk/cli.h
	@mkdir -p $(@D)
	$(XGETTEXT) --default-domain=mprisk -o $@ $(CLI_SRC) examples/mprisk/cli.h

po: pot
	@for l in $(LIB_LANGS); do msgmerge --quiet --update --backup=none --no-wrap \
	    lib/po/$$l.po $(BUILD)/po/libmprisk.pot; done
	@for l in $(CLI_LANGS); do msgmerge --quiet --update --backup=none --no-wrap \
	    examples/mprisk/po/$$l.po $(BUILD)/po/mprisk.pot; done
	@echo "merged; now translate what msgfmt --statistics counts as untranslated or fuzzy"

$(BUILD)/libmprisk.a: $(LIB_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/libmprisk.so.$(VERSION): $(LIB_OBJ)
	$(CC) $(SAN) -shared -Wl,-soname,libmprisk.so.$(SOMAJOR) -o $@ $^ $(DEPLIBS)

$(BUILD)/libmprisk.so: $(BUILD)/libmprisk.so.$(VERSION)
	ln -sf libmprisk.so.$(VERSION) $(BUILD)/libmprisk.so.$(SOMAJOR)
	ln -sf libmprisk.so.$(VERSION) $@

# The driver (examples/mprisk/: a command table, one file per command) uses
# only the public API; in the build tree it links the static library.
$(BUILD)/cli/%.o: examples/mprisk/%.c examples/mprisk/*.h $(API_HDR) | $(BUILD)/cli
	$(CC) $(ALL_CFLAGS) $(SERVE_CFLAGS) -c $< -o $@

$(BUILD)/cli:
	mkdir -p $@

# a host tool: never sanitized, whatever the build
$(BUILD)/embed-assets: examples/mprisk/web/embed.c | $(BUILD)/cli
	$(CC) $(WARN) -O1 $< -o $@

$(BUILD)/cli/serve_assets.c: $(BUILD)/embed-assets $(WEB_SRC)
	$(BUILD)/embed-assets $@ $(WEB_FILES)

$(BUILD)/cli/serve_assets.o: $(BUILD)/cli/serve_assets.c examples/mprisk/*.h $(API_HDR)
	$(CC) $(ALL_CFLAGS) $(SERVE_CFLAGS) -Iexamples/mprisk -c $< -o $@

$(BUILD)/mprisk: $(CLI_OBJ) $(BUILD)/libmprisk.a
	$(CC) $(SAN) $(CLI_OBJ) -o $@ $(BUILD)/libmprisk.a $(DEPLIBS) $(SERVE_LIBS)

# The load generator of the service's tests and benchmark (test/serve/load.c):
# loopback only, bounded in requests and time.
$(BUILD)/serve_load: test/serve/load.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $< -o $@ -lpthread

# The embedding example links the shared library, as another tool would.
$(BUILD)/embed: examples/embed.c $(BUILD)/libmprisk.so
	$(CC) $(ALL_CFLAGS) $< -o $@ -L$(BUILD) -lmprisk -Wl,-rpath,'$$ORIGIN'

# Unit tests see the internal headers: they test modules, not only the API.
$(BUILD)/test_%: test_%.c test/unit/*.h $(LIB_HDR) $(BUILD)/libmprisk.a
	$(CC) $(UNIT_CFLAGS) $< -o $@ \
	    $(BUILD)/libmprisk.a $(shell pkg-config --cflags --libs cmocka 2>/dev/null || echo -lcmocka) $(DEPLIBS) -lpthread

# Every allocation of the library fails once in turn (test/unit/test_alloc.c).
$(BUILD)/test_alloc: test/unit/test_alloc.c test/unit/*.h $(LIB_HDR) $(BUILD)/libmprisk.a
	$(CC) $(UNIT_CFLAGS) $< -o $@ \
	    -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free,--wrap=strdup \
	    $(BUILD)/libmprisk.a $(shell pkg-config --cflags --libs cmocka 2>/dev/null || echo -lcmocka) $(DEPLIBS)

# libFuzzer targets (test/fuzz/), built by the FUZZ_BUILD sub-make.
$(BUILD)/fuzz_%: test/fuzz/fuzz_%.c test/fuzz/fuzz_common.h $(BUILD)/libmprisk.a
	$(CC) $(ALL_CFLAGS) -fsanitize=fuzzer -Ilib -DMPR_SOURCE_DIR='"$(CURDIR)"' $< -o $@ \
	    $(BUILD)/libmprisk.a $(DEPLIBS)

fuzz-build:
	@$(FUZZ_BUILD) $(addprefix build/fuzz/fuzz_,$(FUZZ_TARGETS)) >/dev/null

fuzz: deps fuzz-build
	@sh test/fuzz/run.sh $(FUZZ_SECONDS)

deps:
	@sh test/deps.sh

demo: deps $(BUILD)/mprisk
	@echo "== mprisk evaluate examples/proposals/*.yaml (rules/default) =="
	@$(BUILD)/mprisk evaluate examples/proposals/*.yaml; st=$$?; \
	 if [ $$st -eq 2 ]; then exit 2; fi; \
	 echo; echo "== exit status $$st: 0 = every proposal passes; 1 = some activity does not pass" \
	    "or a partnership finding stands in the way (see the verdicts above) =="

# The fault injector of test/faults.sh (LD_PRELOAD): fails the n-th call
# that changes a file. A test tool, built without the library's flags.
$(BUILD)/libfault.so: test/fault/fault.c
	@mkdir -p $(@D)
	$(CC) -std=gnu11 -O1 -g -fPIC -shared -o $@ $< -ldl

# The test suite proper, for one build directory.
test: all $(UNIT_BIN) $(BUILD)/serve_load $(BUILD)/libfault.so
	@sh test/run.sh $(BUILD)

test-fast: all $(UNIT_BIN)
	@sh test/run.sh $(BUILD) fast

check: deps
	@$(MAKE) --no-print-directory all
	@echo "== static checks =="
	@$(MAKE) --no-print-directory lint-static
	@$(MAKE) --no-print-directory CC=clang BUILD=build/clang all >/dev/null
	@$(MAKE) --no-print-directory CC=clang BUILD=build/tsan OPT="-O1 -g" SAN="-fsanitize=thread" \
	    build/tsan/test_threads build/tsan/mprisk build/tsan/serve_load >/dev/null
	@$(MAKE) --no-print-directory fuzz-build
	@echo "== tests (gcc, $(BUILD); threads and mprisk serve under ThreadSanitizer; a $(FUZZ_CHECK_SECONDS)s fuzz pass per target) =="
	@EXTRA_TESTS=build/tsan/test_threads SERVE_TSAN=build/tsan FUZZ_SECONDS=$(FUZZ_CHECK_SECONDS) \
	    $(MAKE) --no-print-directory test
	@echo "== tests under AddressSanitizer + UndefinedBehaviorSanitizer (clang, build/asan) =="
	@ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	 $(MAKE) --no-print-directory CC=clang BUILD=build/asan OPT="-O1 -g -fno-omit-frame-pointer" \
	    SAN="-fsanitize=address,undefined -fno-sanitize-recover=all" test

rule-coverage: deps all
	@$(BUILD)/mprisk test --rules rules/default --lcov $(BUILD)/rule-coverage.info | \
	    grep -E "^rule coverage|passed, "
	@genhtml --quiet --title "mprisk rule coverage" -o $(BUILD)/rule-coverage $(BUILD)/rule-coverage.info
	@echo "report: $(BUILD)/rule-coverage/index.html"

coverage: deps
	@$(MAKE) --no-print-directory BUILD=build/coverage OPT="-O0 -g" SAN="--coverage" test >/dev/null || \
	 { echo "tests failed in the coverage build"; exit 1; }
	@lcov --quiet --capture --rc lcov_branch_coverage=1 --directory build/coverage \
	    --output-file build/coverage.info >/dev/null 2>&1
	@lcov --quiet --rc lcov_branch_coverage=1 --extract build/coverage.info "$(CURDIR)/lib/*" \
	    "$(CURDIR)/examples/*" --output-file build/coverage.info >/dev/null
	@genhtml --quiet --branch-coverage -o build/coverage/html build/coverage.info
	@lcov --rc lcov_branch_coverage=1 --summary build/coverage.info 2>&1 | grep -E "lines|functions|branches"
	@echo "report: build/coverage/html/index.html"

# The benchmark program (test/bench/*.c): figures, not assertions.
$(BUILD)/bench: $(wildcard test/bench/*.c test/bench/*.h) $(BUILD)/libmprisk.a
	$(CC) $(ALL_CFLAGS) -Ilib $(filter %.c,$^) -o $@ \
	    -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free,--wrap=strdup \
	    $(BUILD)/libmprisk.a $(DEPLIBS) -lpthread

bench: $(BUILD)/bench $(BUILD)/mprisk $(BUILD)/serve_load
	@$(BUILD)/bench $(CURDIR)
	@sh test/serve/bench.sh $(BUILD)
	@sh test/bench/replay.sh $(BUILD) 100000 1

# The same program linked against the library of another source tree BASE
# (built there first), for a before/after table on one machine in one
# sitting: `git archive OLD | tar -x -C DIR; make bench-base BASE=DIR`. The
# benchmark reads a few internals (model.h, decide/decide.h), so BASE must
# be a tree that has them as this one does.
bench-base: $(wildcard test/bench/*.c test/bench/*.h)
	@test -n "$(BASE)" || { echo "usage: make bench-base BASE=DIR (a source tree of the library)"; exit 2; }
	@$(MAKE) --no-print-directory -C $(BASE) build/libmprisk.a >/dev/null
	@mkdir -p $(BUILD)
	$(CC) $(WARN) $(OPT) -D_POSIX_C_SOURCE=200809L -I$(BASE)/include -I$(BASE)/lib $(DEPCFLAGS) $(CFLAGS) \
	    $(filter %.c,$^) -o $(BUILD)/bench-base \
	    -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free,--wrap=strdup \
	    $(BASE)/build/libmprisk.a $(DEPLIBS) -lpthread
	@$(BUILD)/bench-base $(CURDIR)

# Static checks: cppcheck, clang-tidy (test/clang-tidy.yaml), banned functions.
lint-static:
	@cppcheck --quiet --enable=warning,style,portability,performance --std=c11 --inline-suppr \
	    --error-exitcode=1 -Iinclude -Ilib -Iexamples/mprisk lib examples && echo "ok cppcheck"
	@clang-tidy --quiet --config-file=test/clang-tidy.yaml lib/*/*.c examples/*.c examples/mprisk/*.c \
	    examples/mprisk/web/*.c -- \
	    -std=c11 -D_POSIX_C_SOURCE=200809L -Iinclude -Ilib $(DEPCFLAGS) $(SERVE_CFLAGS) 2>/dev/null && echo "ok clang-tidy"
	@sh test/banned.sh

golden: all
	@sh test/golden.sh $(BUILD) update
	@sh test/hostile.sh $(BUILD) update
	@sh test/audit.sh $(BUILD) update
	@sh test/import.sh $(BUILD) update
	@sh test/report.sh $(BUILD) update

# The installed driver finds the rules under DATADIR (compiled in); the
# library itself reads no fixed path. The driver links the installed shared
# library with a run path to LIBDIR, so it runs without ldconfig; programs
# you build with pkg-config need `ldconfig` once after the install (as root,
# for a LIBDIR the dynamic linker searches, e.g. /usr/local/lib) or
# -Wl,-rpath,LIBDIR (README, docs/api.md). The man pages name the installed
# DATADIR and DOCDIR instead of the /usr/local defaults they are written with.
MAN_PREFIX_SED = -e 's|/usr/local/share/mprisk|$(DATADIR)|g' -e 's|/usr/local/share/doc/mprisk|$(DOCDIR)|g'

install: all
	install -d $(DESTDIR)$(LIBDIR)/pkgconfig $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/bin \
	    $(DESTDIR)$(DATADIR)/rules $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man3 \
	    $(DESTDIR)$(DOCDIR)/schema
	install -m 644 $(BUILD)/libmprisk.a $(DESTDIR)$(LIBDIR)/libmprisk.a
	install -m 755 $(BUILD)/libmprisk.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libmprisk.so.$(VERSION)
	ln -sf libmprisk.so.$(VERSION) $(DESTDIR)$(LIBDIR)/libmprisk.so.$(SOMAJOR)
	ln -sf libmprisk.so.$(SOMAJOR) $(DESTDIR)$(LIBDIR)/libmprisk.so
	install -d $(DESTDIR)$(PREFIX)/include/mprisk
	install -m 644 include/mprisk.h $(DESTDIR)$(PREFIX)/include/mprisk.h
	install -m 644 include/mprisk/*.h $(DESTDIR)$(PREFIX)/include/mprisk/
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@LIBDIR@|$(LIBDIR)|' -e 's|@VERSION@|$(VERSION)|' \
	    lib/mprisk.pc.in >$(DESTDIR)$(LIBDIR)/pkgconfig/mprisk.pc
	$(CC) $(ALL_CFLAGS) $(SERVE_CFLAGS) -Iexamples/mprisk -DMPRISK_DATADIR='"$(DATADIR)"' $(CLI_SRC) \
	    $(BUILD)/cli/serve_assets.c $(BUILD)/cli/catalogues.c -o $(DESTDIR)$(PREFIX)/bin/mprisk \
	    -L$(BUILD) -lmprisk $(SERVE_LIBS) -Wl,-rpath,$(LIBDIR)
	rm -rf $(DESTDIR)$(DATADIR)/rules/default $(DESTDIR)$(DATADIR)/rules/tests \
	    $(DESTDIR)$(DATADIR)/examples
	cp -R rules/default rules/tests $(DESTDIR)$(DATADIR)/rules/
	install -d $(DESTDIR)$(DATADIR)/examples
	cp -R examples/proposals examples/monitoring $(DESTDIR)$(DATADIR)/examples/
	sed $(MAN_PREFIX_SED) docs/man/mprisk.1 >$(DESTDIR)$(MANDIR)/man1/mprisk.1
	sed $(MAN_PREFIX_SED) docs/man/libmprisk.3 >$(DESTDIR)$(MANDIR)/man3/libmprisk.3
	install -m 644 docs/*.md $(DESTDIR)$(DOCDIR)/
	install -m 644 docs/schema/*.json docs/schema/README.md $(DESTDIR)$(DOCDIR)/schema/
	for l in $(LIB_LANGS); do install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
	    install -m 644 $(BUILD)/po/libmprisk/$$l.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/libmprisk.mo; done
	for l in $(CLI_LANGS); do install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
	    install -m 644 $(BUILD)/po/mprisk/$$l.mo $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/mprisk.mo; done

uninstall:
	rm -f $(DESTDIR)$(LIBDIR)/libmprisk.a $(DESTDIR)$(LIBDIR)/libmprisk.so \
	    $(DESTDIR)$(LIBDIR)/libmprisk.so.$(SOMAJOR) $(DESTDIR)$(LIBDIR)/libmprisk.so.$(VERSION) \
	    $(DESTDIR)$(LIBDIR)/pkgconfig/mprisk.pc $(DESTDIR)$(PREFIX)/include/mprisk.h \
	    $(DESTDIR)$(PREFIX)/bin/mprisk $(DESTDIR)$(MANDIR)/man1/mprisk.1 \
	    $(DESTDIR)$(MANDIR)/man3/libmprisk.3
	rm -rf $(DESTDIR)$(PREFIX)/include/mprisk $(DESTDIR)$(DATADIR) $(DESTDIR)$(DOCDIR)
	for l in $(LIB_LANGS); do rm -f $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/libmprisk.mo; done
	for l in $(CLI_LANGS); do rm -f $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/mprisk.mo; done

clean:
	rm -rf build
