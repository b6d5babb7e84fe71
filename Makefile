# brm - business relationship management in a git repository
#
#   make            build ./brm
#   make check      install test dependencies if missing, build with
#                   AddressSanitizer + UBSan, run unit and CLI tests
#   make demo       install dependencies, build, build a demo portfolio
#   make deps       install build and runtime dependencies (Debian, root)
#   make install    PREFIX=/usr/local DESTDIR=
#   make bench      the benchmark (figures and ratios, no pass/fail)
#   make fuzz       libFuzzer harnesses, FUZZ_SECONDS (60) each
#   make valgrind   the CLI tests under valgrind memcheck (slow)
#   make stress     8 concurrent writers x 100 commands (ASan build)

PREFIX  ?= /usr/local
BINDIR  ?= $(PREFIX)/bin
MANDIR  ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
ZSHCOMPDIR  ?= $(PREFIX)/share/zsh/site-functions
FISHCOMPDIR ?= $(PREFIX)/share/fish/vendor_completions.d

CC      ?= cc
PKGS    := libgit2 yaml-0.1 libcmark-gfm jansson
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
# cmark-gfm's extensions and libcsv ship no pkg-config file.
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) \
	-lcmark-gfm-extensions -lcsv
# The release brm links cmark-gfm, its extensions, jansson and libcsv
# from Debian's static archives (their -dev packages ship them): each
# brm process would otherwise map and relocate four more shared
# libraries at start, a quarter of what `brm show` costs
# (tests/README.md).  The sanitizer builds keep them shared, so that
# tests/lsan.supp can name cmark-gfm's own leak by its library.
REL_LIBS   := $(shell pkg-config --libs libgit2 yaml-0.1 2>/dev/null) \
	-Wl,-Bstatic -lcmark-gfm-extensions -lcmark-gfm -ljansson -lcsv \
	-Wl,-Bdynamic

WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes \
           -Wmissing-prototypes -Wno-unused-parameter
BASE_CFLAGS := -std=c17 -D_GNU_SOURCE $(WARN) $(PKG_CFLAGS) -I.
CFLAGS  ?= -O2 -g
SAN     := -fsanitize=address,undefined -fno-omit-frame-pointer \
           -fno-sanitize-recover=undefined

LIB_SRC := $(sort $(wildcard core/*.c core/kinds/*.c formats/*.c))
CMD_SRC := $(sort $(wildcard cmd/*.c cli/*.c))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))

# V=1 shows the full compiler lines
Q := $(if $(V),,@)

REL := build/release
ASN := build/asan

REL_LIB := $(LIB_SRC:%.c=$(REL)/%.o)
REL_CMD := $(CMD_SRC:%.c=$(REL)/%.o)
ASN_LIB := $(LIB_SRC:%.c=$(ASN)/%.o)
ASN_CMD := $(CMD_SRC:%.c=$(ASN)/%.o)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(ASN)/tests/%)

MAN1 := $(sort $(wildcard man/*.1))
MAN5 := $(sort $(wildcard man/*.5))

.PHONY: all check test-deps deps install uninstall bench fuzz valgrind stress \
	clean demo lint

all: brm

brm: $(REL_LIB) $(REL_CMD)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(CFLAGS) -o $@ $^ $(REL_LIBS) -lm

$(REL)/%.o: %.c $(wildcard core/*.h formats/*.h cmd/*.h cli/*.h)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(BASE_CFLAGS) $(CFLAGS) -c -o $@ $<

$(ASN)/%.o: %.c $(wildcard core/*.h formats/*.h cmd/*.h cli/*.h)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC asan $<")
	$(Q)$(CC) $(BASE_CFLAGS) -O1 -g $(SAN) -c -o $@ $<

$(ASN)/brm: $(ASN_LIB) $(ASN_CMD)
	@$(if $(Q),echo "  LD asan $@")
	$(Q)$(CC) -g $(SAN) -o $@ $^ $(PKG_LIBS) -lm

$(ASN)/tests/%: tests/unit/%.c $(ASN_LIB) tests/unit/unit.h
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC asan $<")
	$(Q)$(CC) $(BASE_CFLAGS) -O1 -g $(SAN) -o $@ $< $(ASN_LIB) \
		$(PKG_LIBS) -lcmocka -lm

# The fault-injection build (core/fault.h): the ASan objects, but the
# write path compiled with its crash points; for tests/cli/710-crash.bats.
FLT := build/faults
FLT_SRC := core/store.c core/repo.c
FLT_OBJ := $(filter-out $(FLT_SRC:%.c=$(ASN)/%.o),$(ASN_LIB)) \
	$(FLT_SRC:%.c=$(FLT)/%.o) $(ASN_CMD)

$(FLT)/%.o: %.c $(wildcard core/*.h formats/*.h cmd/*.h cli/*.h)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC flt  $<")
	$(Q)$(CC) $(BASE_CFLAGS) -O1 -g $(SAN) -DBRM_FAULTS -c -o $@ $<

$(FLT)/brm: $(FLT_OBJ)
	@$(if $(Q),echo "  LD flt  $@")
	$(Q)$(CC) -g $(SAN) -o $@ $^ $(PKG_LIBS) -lm

# Fuzzing (tests/fuzz/): each harness is a libFuzzer target built with
# clang, and a replay binary (gcc, ASan) that make check runs over the seed
# corpus and every crash found so far.
FUZZ := build/fuzz
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
FUZZ_NAMES := $(sort $(patsubst tests/fuzz/fuzz_%.c,%,\
	$(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined
FUZZ_SRC := $(LIB_SRC) cli/options.c cli/output.c
FUZZ_OBJ := $(FUZZ_SRC:%.c=$(FUZZ)/%.o)
FUZZ_BIN := $(FUZZ_NAMES:%=$(FUZZ)/fuzz_%)
REPLAY_BIN := $(FUZZ_NAMES:%=$(ASN)/tests/replay_%)
# named only by a pattern rule's prerequisites: keep them between links
.SECONDARY: $(FUZZ_OBJ)

$(FUZZ)/%.o: %.c $(wildcard core/*.h formats/*.h cmd/*.h cli/*.h)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC fuzz $<")
	$(Q)$(FUZZ_CC) $(BASE_CFLAGS) -g -O1 -fsanitize=fuzzer-no-link \
		$(FUZZ_SAN) -c -o $@ $<

$(FUZZ)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(FUZZ_OBJ)
	@$(if $(Q),echo "  LD fuzz $@")
	$(Q)$(FUZZ_CC) $(BASE_CFLAGS) -g -O1 -fsanitize=fuzzer $(FUZZ_SAN) \
		-o $@ $< $(FUZZ_OBJ) $(PKG_LIBS) -lm

$(ASN)/tests/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c \
		tests/fuzz/fuzz.h $(ASN_LIB) $(ASN)/cli/options.o \
		$(ASN)/cli/output.o
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC asan $<")
	$(Q)$(CC) $(BASE_CFLAGS) -O1 -g $(SAN) \
		-DFUZZ_DIRS='"$(CURDIR)/tests/fuzz/corpus/$*:$(CURDIR)/tests/fuzz/regress/$*"' \
		-o $@ $< tests/fuzz/replay.c $(ASN_LIB) $(ASN)/cli/options.o \
		$(ASN)/cli/output.o $(PKG_LIBS) -lm

fuzz: $(FUZZ_BIN)
	@FUZZ_SECONDS=$(FUZZ_SECONDS) ./tests/fuzz/run.sh $(FUZZ_NAMES)

# Test tools come from Debian; install them when missing (CI starts clean).
test-deps:
	@./tests/deps.sh

check: test-deps
	@$(MAKE) --no-print-directory $(ASN)/brm $(FLT)/brm $(UNIT_BIN) \
		$(REPLAY_BIN)
	@BRM_FAULTS_BIN=$(CURDIR)/$(FLT)/brm \
		./tests/run $(ASN)/brm $(UNIT_BIN) $(REPLAY_BIN)

# The CLI tests with brm under valgrind memcheck (tests/valgrind.sh); the
# verdict is the per-process logs, not the tests' exit codes.
valgrind: test-deps brm
	@./tests/valgrind.sh

# tests/cli/730-concurrency.bats at full size; make check runs it smaller.
stress: test-deps $(ASN)/brm
	@BRM=$(CURDIR)/$(ASN)/brm BRM_STRESS_COMMANDS=100 \
		bats tests/cli/730-concurrency.bats

deps:
	./tests/deps.sh --runtime

# The main job on a fresh machine: dependencies, build, demo portfolio.
demo:
	@./tests/deps.sh --runtime
	@$(MAKE) --no-print-directory brm
	./tests/demo.sh

install: brm
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 \
		$(DESTDIR)$(MANDIR)/man5 $(DESTDIR)$(BASHCOMPDIR) \
		$(DESTDIR)$(ZSHCOMPDIR) $(DESTDIR)$(FISHCOMPDIR)
	install -m 755 brm $(DESTDIR)$(BINDIR)/brm
	install -m 644 $(MAN1) $(DESTDIR)$(MANDIR)/man1/
	install -m 644 $(MAN5) $(DESTDIR)$(MANDIR)/man5/
	install -m 644 completions/brm.bash $(DESTDIR)$(BASHCOMPDIR)/brm
	install -m 644 completions/_brm $(DESTDIR)$(ZSHCOMPDIR)/_brm
	install -m 644 completions/brm.fish $(DESTDIR)$(FISHCOMPDIR)/brm.fish

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/brm $(DESTDIR)$(BASHCOMPDIR)/brm \
		$(DESTDIR)$(ZSHCOMPDIR)/_brm $(DESTDIR)$(FISHCOMPDIR)/brm.fish
	rm -f $(MAN1:man/%=$(DESTDIR)$(MANDIR)/man1/%) \
		$(MAN5:man/%=$(DESTDIR)$(MANDIR)/man5/%)

bench: brm
	./tests/perf/bench.sh

clean:
	rm -rf build brm
