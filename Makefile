# kehu build. `make` builds build/kehu; `make test` runs the whole suite as CI
# does; `make run` installs what is missing, builds and starts a demo.
# Sources are picked up by folder, so a new module needs no Makefile edit.

CC      ?= gcc
# Debian's interpreter, where python3-pytest is installed (not a pyenv one on PATH).
PYTHON  ?= /usr/bin/python3
BUILD   ?= build
WARN    := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wno-unused-parameter -Wformat=2 -Wvla
CFLAGS  ?= -O2 -g
ifeq ($(WERROR),1)
WARN    += -Werror
endif
ifeq ($(SAN),1)
CFLAGS  := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
LDFLAGS += -fsanitize=address,undefined
endif
ifeq ($(FUZZ),1)
CFLAGS  += -fsanitize=fuzzer-no-link
endif

# Library flags are found once, by scripts/configure, and kept in
# $(BUILD)/config.mk (as git's config.mak.autogen): a missing library stops the
# build there with the Debian package to install. The goals that install
# packages first (run, test, deps) or need no compiler skip it; they call make
# again once the packages are there.
CONFIG  := $(BUILD)/config.mk
NO_CONFIG_GOALS := run test deps clean fresh-check web web-check layers asan
ifneq ($(filter-out $(NO_CONFIG_GOALS),$(or $(MAKECMDGOALS),all)),)
include $(CONFIG)
endif
$(CONFIG): scripts/configure
	@mkdir -p $(dir $@)
	@scripts/configure $(CC) > $@.tmp && mv $@.tmp $@ || { rm -f $@.tmp; exit 1; }

ALL_CFLAGS = -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L $(WARN) $(CFLAGS) \
             -Isrc -I$(BUILD)/gen $(KEHU_CFLAGS)
LIBS     = $(KEHU_LIBS) -lm -lpthread

LIB_SRC := $(filter-out src/cli/main.c, $(wildcard src/*/*.c src/*/*/*.c))
GEN_SRC := $(BUILD)/gen/pinyin_table.c $(BUILD)/gen/assets_data.c
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/pinyin_table.o $(BUILD)/gen/assets_data.o

# The web UI (web/: Vue 3 + Element Plus + ECharts, built by Vite from npm).
# The built files are committed in web/dist, so building the binary needs
# neither Node nor the network; tools/embed_assets.py turns them into C arrays.
# `make web` rebuilds web/dist after a change to web/src (commit the result);
# `make web-check`, part of `make test`, proves the committed files are what
# web/src builds to.
NPM     ?= npm
NODE    ?= node
WEB_DIST := $(shell find web/dist -type f 2>/dev/null)
UI_TESTS := $(wildcard tests/ui/*.test.mjs)
UNIT_SRC := $(wildcard tests/unit/*_test.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all run test unit e2e api ui web web-check layers deps clean bench asan clang-check fresh-check
all: $(BUILD)/kehu

$(BUILD)/gen/pinyin_table.c: tools/gen_pinyin.py tools/surnames.txt
	@mkdir -p $(dir $@)
	$(PYTHON) tools/gen_pinyin.py /usr/share/unicode tools/surnames.txt > $@.tmp && mv $@.tmp $@

# npm ci rewrites node_modules/.package-lock.json: the stamp of an install.
web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	cd web && $(NPM) ci --no-audit --no-fund

web: web/node_modules/.package-lock.json
	cd web && $(NPM) run build

web-check: web/node_modules/.package-lock.json
	rm -rf $(BUILD)/web-check
	cd web && $(NPM) run build -- --logLevel warn --emptyOutDir --outDir ../$(BUILD)/web-check
	@diff -r web/dist $(BUILD)/web-check >/dev/null || { diff -rq web/dist $(BUILD)/web-check; \
		echo "web/dist differs from what web/src builds to: run 'make web' and commit web/dist"; exit 1; }
	@echo "web-check: web/dist is what web/src builds to"

$(BUILD)/gen/assets_data.c: $(WEB_DIST) tools/embed_assets.py
	@mkdir -p $(dir $@)
	$(PYTHON) tools/embed_assets.py web/dist > $@.tmp && mv $@.tmp $@

$(BUILD)/gen/assets_data.o: $(BUILD)/gen/assets_data.c src/http/assets.h
	$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes -c $< -o $@

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/gen/pinyin_table.o: $(BUILD)/gen/pinyin_table.c
	$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes -c $< -o $@

$(BUILD)/libkehu.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/kehu: $(BUILD)/src/cli/main.o $(BUILD)/libkehu.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/tests/%_test: tests/unit/%_test.c $(BUILD)/libkehu.a
	@mkdir -p $(dir $@)
	$(if $(CMOCKA_LIBS),,@echo "kehu: cmocka not found: install the Debian package libcmocka-dev"; exit 1)
	$(CC) $(ALL_CFLAGS) -Itests/unit -Wno-missing-prototypes -o $@ $< $(BUILD)/libkehu.a \
		$(LDFLAGS) $(LIBS) $(CMOCKA_LIBS)

$(BUILD)/bench/%: bench/%.c $(BUILD)/libkehu.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes -o $@ $< $(BUILD)/libkehu.a $(LDFLAGS) $(LIBS)

# sheet_test reads the csv-spectrum cases from web/node_modules (a devDependency).
$(BUILD)/tests/sheet_test: | web/node_modules/.package-lock.json

-include $(LIB_OBJ:.o=.d) $(BUILD)/src/cli/main.d

deps:
	scripts/bootstrap

# Unit tests of every module (cmocka).
unit: $(UNIT_BIN) $(BUILD)/kehu
	scripts/run-unit $(BUILD) $(UNIT_BIN)

# End-to-end tests of the real binary against temporary databases.
e2e: $(BUILD)/kehu
	KEHU_BIN=$(abspath $(BUILD)/kehu) $(PYTHON) -m pytest -q tests/e2e

# The HTTP API against a real `kehu serve` on a free port.
api: $(BUILD)/kehu
	KEHU_BIN=$(abspath $(BUILD)/kehu) $(PYTHON) -m pytest -q tests/api

# Browser tests of the web UI: playwright-core (npm) driving Debian's
# chromium against a real `kehu serve` on a demo database; screenshots of
# every page go to $(BUILD)/ui-screenshots.
# One file at a time (Debian's Node 18 has no --test-concurrency).
ui: $(BUILD)/kehu web/node_modules/.package-lock.json
	for t in $(UI_TESTS); do KEHU_BIN=$(abspath $(BUILD)/kehu) \
		KEHU_UI_SHOTS=$(abspath $(BUILD)/ui-screenshots) $(NODE) --test $$t || exit 1; done

# The same suite under AddressSanitizer + UndefinedBehaviorSanitizer, built by clang.
# The source tree's shape: one-way layers, no include cycles, C files of at
# most 800 lines (scripts/check-layers).
layers:
	$(PYTHON) scripts/check-layers src

asan:
	$(MAKE) BUILD=build-asan CC=clang SAN=1 WERROR=1 unit e2e api
	$(MAKE) fuzz-replay

# The whole suite, as CI runs it. Each step is a make of its own, after the
# packages are installed, so `make -j2 test` keeps this order.
test:
	scripts/bootstrap
	$(MAKE) WERROR=1 all
	$(MAKE) web-check layers
	$(MAKE) WERROR=1 unit e2e api ui
	$(MAKE) asan

run:
	scripts/bootstrap
	$(MAKE) all
	scripts/demo-run $(BUILD)/kehu

# A fresh Debian 12 root (debootstrap, cached under FRESH_CACHE) runs the
# README's `make run` and `make test` on a clone of the committed tree.
fresh-check:
	scripts/fresh-check

bench: all
	bench/lookup.sh

clean:
	rm -rf build build-asan build-fuzz

# Fuzz targets (libFuzzer, clang), one per parser: fuzz/<name>_fuzz.c with its
# seeds in fuzz/corpus/<name>/. `make fuzz` fuzzes each for FUZZ_SECONDS under
# ASan+UBSan and prints its executions; `make fuzz-replay` (part of `make asan`)
# runs the committed corpora once; `make fuzz-ci` does both, fuzzing every
# target for FUZZ_CI_SECONDS (60). Crashes go to build-fuzz/<name>-crash-*.
FUZZ_SECONDS ?= 60
FUZZ_CI_SECONDS ?= 60
FUZZ_TARGETS := $(patsubst fuzz/%.c,build-fuzz/%,$(wildcard fuzz/*_fuzz.c))
.PHONY: fuzz fuzz-replay fuzz-ci fuzz-lib
# The library is brought up to date (by its own make) before every link, so a
# target never fuzzes stale code.
fuzz-lib:
	$(MAKE) BUILD=build-fuzz CC=clang SAN=1 FUZZ=1 build-fuzz/libkehu.a
build-fuzz/%_fuzz: fuzz/%_fuzz.c $(wildcard fuzz/*.h) fuzz-lib
	clang $(ALL_CFLAGS:-I$(BUILD)/gen=-Ibuild-fuzz/gen) -fsanitize=fuzzer,address,undefined -o $@ $< \
		build-fuzz/libkehu.a $(LIBS)
fuzz: $(FUZZ_TARGETS)
	for t in $(FUZZ_TARGETS); do n=$$(basename $$t _fuzz); mkdir -p build-fuzz/corpus/$$n; \
		$$t -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
			-artifact_prefix=build-fuzz/$$n- build-fuzz/corpus/$$n fuzz/corpus/$$n \
			> build-fuzz/$$n.log 2>&1 || { tail -n 60 build-fuzz/$$n.log; exit 1; }; \
		echo "fuzz $$n: $$(grep -o 'Done [0-9]* runs in [0-9]* second' build-fuzz/$$n.log)," \
			"0 crashes"; done
fuzz-replay: $(FUZZ_TARGETS)
	for t in $(FUZZ_TARGETS); do $$t fuzz/corpus/$$(basename $$t _fuzz)/* || exit 1; done
fuzz-ci: fuzz-replay
	$(MAKE) fuzz FUZZ_SECONDS=$(FUZZ_CI_SECONDS)
