# avslut -- exit interviews for Södermalms stadsdelsförvaltning.
# Build: make; test: make check; sanitizers: make check-asan.

VERSION = 0.1.0

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
DATADIR ?= $(PREFIX)/share/avslut
MANDIR ?= $(PREFIX)/share/man
LOCALEDIR ?= $(PREFIX)/share/locale
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions

CC ?= cc
CFLAGS ?= -O2 -g
PKG_CONFIG ?= pkg-config
PROVE ?= prove
BUILD ?= build

# Debian 12 packages: to build, to test, and at run time.
DEBS = build-essential pkg-config gettext libyaml-dev libcsv-dev \
	libgpgme-dev libgcrypt20-dev libedit-dev gnupg gpg-agent tmux expect \
	mandoc locales perl libxml2-utils time

# Libraries with a pkg-config file; libcsv has none.
PCS = yaml-0.1 gpgme libgcrypt libedit
ifeq ($(filter deps clean,$(MAKECMDGOALS)),)
MISSING := $(strip $(foreach p,$(PCS),$(if $(shell $(PKG_CONFIG) --exists $(p) 2>/dev/null && echo y),,$(p))))
ifneq ($(MISSING),)
$(error missing development files for: $(MISSING) (run: sudo make deps))
endif
ifeq ($(wildcard /usr/include/csv.h /usr/local/include/csv.h),)
$(error missing libcsv (run: sudo make deps))
endif
endif

WARN = -std=c11 -Wall -Wextra -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wformat=2 -Wno-format-nonliteral
DEFS = -D_GNU_SOURCE -DVERSION='"$(VERSION)"' -DDATADIR='"$(DATADIR)"' \
	-DLOCALEDIR='"$(LOCALEDIR)"'
ALL_CFLAGS = $(WARN) $(DEFS) -Ilib \
	$(shell $(PKG_CONFIG) --cflags yaml-0.1 gpgme libgcrypt) $(CFLAGS)
LIBS = $(shell $(PKG_CONFIG) --libs yaml-0.1 gpgme libgcrypt) -lcsv -lpthread
EDIT_CFLAGS = $(shell $(PKG_CONFIG) --cflags libedit)
EDIT_LIBS = $(shell $(PKG_CONFIG) --libs libedit)

LIB_SRC = $(sort $(wildcard lib/*.c))
LIB_OBJ = $(LIB_SRC:%.c=$(BUILD)/%.o)
LIB_A = $(BUILD)/libavslut.a
CMD_SRC = $(sort $(wildcard cmd/*.c))
BINS = $(CMD_SRC:cmd/%.c=$(BUILD)/bin/%)
UNIT_SRC = $(sort $(wildcard tests/unit/t-*.c))
HELPER_SRC = $(sort $(wildcard tests/unit/h-*.c))
HELPERS = $(HELPER_SRC:tests/unit/%.c=$(BUILD)/tests/%)
UNITS = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)
FUZZ_SRC = $(sort $(wildcard tests/fuzz/fuzz-*.c))
FUZZ_REGRESS = $(FUZZ_SRC:tests/fuzz/%.c=$(BUILD)/tests/%)
MO = $(BUILD)/locale/sv/LC_MESSAGES/avslut.mo
MAN1 = $(wildcard man/*.1)
MAN5 = $(wildcard man/*.5)
MAN7 = $(wildcard man/*.7)

all: $(BINS) $(MO)

$(BUILD)/lib/%.o: lib/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/cmd/%.o: cmd/%.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(EDIT_CFLAGS) -MMD -MP -c -o $@ $<

$(LIB_A): $(LIB_OBJ)
	@rm -f $@
	$(AR) rcs $@ $(LIB_OBJ)

$(BUILD)/bin/%: $(BUILD)/cmd/%.o $(LIB_A)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIB_A) $(LIBS) \
		$(if $(filter avslut-ask,$*),$(EDIT_LIBS))

$(BUILD)/tests/%: tests/unit/%.c $(LIB_A)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP $(LDFLAGS) -o $@ $< $(LIB_A) $(LIBS)

# The fuzz harnesses with a plain main(): seeds and crash inputs in make check.
$(BUILD)/tests/fuzz-%: tests/fuzz/fuzz-%.c tests/fuzz/standalone.c $(LIB_A)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< tests/fuzz/standalone.c \
		$(LIB_A) $(LIBS)

$(MO): po/sv.po
	@mkdir -p $(@D)
	msgfmt -c -o $@ po/sv.po

# Translations: refresh the template and merge it into the catalogue.
# How messages are marked in the source (lib/i18n.h); 0930 uses them too.
XGETTEXT_KEYWORDS = --from-code=UTF-8 -k_ -kN_ -kC_:1c,2 -kNC_:1c,2

po: po/avslut.pot
po/avslut.pot: $(LIB_SRC) $(CMD_SRC) $(wildcard lib/*.h)
	xgettext $(XGETTEXT_KEYWORDS) -c -s --package-name=avslut \
		--package-version=$(VERSION) --msgid-bugs-address=hr@example \
		-o $@ $(LIB_SRC) $(CMD_SRC)
	msgmerge -q -U --backup=none po/sv.po $@

check: all $(UNITS) $(HELPERS) $(FUZZ_REGRESS)
	AVSLUT_BUILD=$(abspath $(BUILD)) $(PROVE) $(PROVEFLAGS) $(UNITS) tests/*.t

# The whole suite under AddressSanitizer and UndefinedBehaviorSanitizer.
SAN = -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
check-asan:
	$(MAKE) BUILD=build-asan CFLAGS="-O1 -g $(SAN)" LDFLAGS="$(SAN)" check

# The command-line tests with every tool under valgrind's memcheck.
check-valgrind: all $(HELPERS) $(FUZZ_REGRESS)
	AVSLUT_BUILD=$(abspath $(BUILD)) AVSLUT_VALGRIND=1 $(PROVE) $(PROVEFLAGS) \
		tests/*.t

# libFuzzer: each harness for FUZZ_SECONDS, from the seeds; crashes are
# left in build-fuzz/ (copy them into tests/fuzz/regress/NAME/).
FUZZ_SECONDS ?= 60
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all
fuzz:
	$(MAKE) BUILD=build-fuzz CC=clang \
		CFLAGS="-O1 -g -fsanitize=fuzzer-no-link $(FUZZ_SAN)" \
		LDFLAGS="$(FUZZ_SAN)" build-fuzz/libavslut.a
	@set -e; for f in $(FUZZ_SRC:tests/fuzz/fuzz-%.c=%); do \
		clang -O1 -g -fsanitize=fuzzer $(FUZZ_SAN) $(WARN) $(DEFS) \
		    -Ilib $$($(PKG_CONFIG) --cflags yaml-0.1 gpgme libgcrypt) \
		    -o build-fuzz/fuzz-$$f tests/fuzz/fuzz-$$f.c \
		    build-fuzz/libavslut.a $(LIBS); \
		mkdir -p build-fuzz/corpus-$$f; \
		echo "fuzz-$$f: $(FUZZ_SECONDS) s"; \
		(cd build-fuzz && AVSLUT_DATADIR=$(CURDIR) ./fuzz-$$f \
		    -max_total_time=$(FUZZ_SECONDS) -max_len=65536 \
		    -print_final_stats=1 corpus-$$f \
		    ../tests/fuzz/seeds/$$f 2>&1 | tail -12); \
	done

bench: all $(HELPERS)
	AVSLUT_BUILD=$(abspath $(BUILD)) sh tests/bench/run.sh

# Install the Debian packages (as root) and the Swedish locale.
deps:
	DEBIAN_FRONTEND=noninteractive apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		--no-install-recommends $(DEBS) >/dev/null
	@if ! locale -a 2>/dev/null | grep -qix 'sv_SE.utf-\?8'; then \
		sed -i 's/^# *\(sv_SE.UTF-8 UTF-8\)/\1/' /etc/locale.gen && \
		locale-gen >/dev/null; fi

# A complete exit interview on a throwaway store with throwaway keys.
demo: all
	AVSLUT_BUILD=$(abspath $(BUILD)) sh tests/demo.sh

lint-man:
	mandoc -Tlint -W warning $(MAN1) $(MAN5) $(MAN7)

install: all
	mkdir -p $(DESTDIR)$(BINDIR) $(DESTDIR)$(DATADIR)/questions \
		$(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man5 \
		$(DESTDIR)$(MANDIR)/man7 \
		$(DESTDIR)$(LOCALEDIR)/sv/LC_MESSAGES $(DESTDIR)$(BASHCOMPDIR)
	install -m 755 $(BINS) $(DESTDIR)$(BINDIR)
	install -m 644 completions/avslut $(DESTDIR)$(BASHCOMPDIR)/avslut-new
	for b in avslut-ask avslut-seal avslut-report avslut-purge; do \
		ln -sf avslut-new $(DESTDIR)$(BASHCOMPDIR)/$$b; done
	install -m 644 questions/*.yaml $(DESTDIR)$(DATADIR)/questions
	install -m 644 $(MO) $(DESTDIR)$(LOCALEDIR)/sv/LC_MESSAGES/avslut.mo
	$(if $(MAN1),install -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1)
	$(if $(MAN5),install -m 644 $(MAN5) $(DESTDIR)$(MANDIR)/man5)
	$(if $(MAN7),install -m 644 $(MAN7) $(DESTDIR)$(MANDIR)/man7)

uninstall:
	rm -f $(BINS:$(BUILD)/bin/%=$(DESTDIR)$(BINDIR)/%)
	rm -f $(MAN1:man/%=$(DESTDIR)$(MANDIR)/man1/%)
	rm -f $(MAN5:man/%=$(DESTDIR)$(MANDIR)/man5/%)
	rm -f $(MAN7:man/%=$(DESTDIR)$(MANDIR)/man7/%)
	rm -f $(DESTDIR)$(LOCALEDIR)/sv/LC_MESSAGES/avslut.mo
	rm -f $(BINS:$(BUILD)/bin/%=$(DESTDIR)$(BASHCOMPDIR)/%)
	rm -rf $(DESTDIR)$(DATADIR)

clean:
	rm -rf build build-asan build-fuzz

.PHONY: all po check check-asan check-valgrind fuzz bench deps demo lint-man install \
	uninstall clean
.SECONDARY:

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
