# kehu build. `make` builds build/kehu; `make test` runs the whole suite as CI
# does; `make run` installs what is missing, builds and starts a demo.
# Sources are picked up by folder, so a new module needs no Makefile edit.

CC      ?= gcc
# Debian's interpreter, where python3-pytest is installed (not a pyenv one on PATH).
PYTHON  ?= /usr/bin/python3
BUILD   ?= build
PKGS    := sqlite3 jansson libsodium libmicrohttpd libutf8proc
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
ALL_CFLAGS := -std=c11 -D_DEFAULT_SOURCE -D_POSIX_C_SOURCE=200809L $(WARN) $(CFLAGS) \
              -Isrc -I$(BUILD)/gen $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LIBS    := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm -lpthread

LIB_SRC := $(filter-out src/cli/main.c, $(wildcard src/*/*.c))
GEN_SRC := $(BUILD)/gen/pinyin_table.c $(BUILD)/gen/assets_data.c
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/%.o) $(BUILD)/gen/pinyin_table.o $(BUILD)/gen/assets_data.o

# The web UI (web/: Vue 3 + Element Plus + ECharts, built by Vite from npm).
# web/dist is rebuilt only when its sources or the package files change, then
# embedded into the binary as C arrays by tools/embed_assets.py.
NPM     ?= npm
NODE    ?= node
WEB_SRC := $(shell find web/src web/public -type f 2>/dev/null) web/index.html \
           web/vite.config.js web/package.json web/package-lock.json
UI_TESTS := $(wildcard tests/ui/*.test.mjs)
UNIT_SRC := $(wildcard tests/unit/*_test.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

.PHONY: all run test unit e2e api ui web deps clean bench asan clang-check
all: $(BUILD)/kehu

$(BUILD)/gen/pinyin_table.c: tools/gen_pinyin.py tools/surnames.txt
	@mkdir -p $(dir $@)
	$(PYTHON) tools/gen_pinyin.py /usr/share/unicode tools/surnames.txt > $@.tmp && mv $@.tmp $@

# npm ci rewrites node_modules/.package-lock.json: the stamp of an install.
web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	cd web && $(NPM) ci --no-audit --no-fund

web/dist/index.html: $(WEB_SRC) web/node_modules/.package-lock.json
	cd web && $(NPM) run build

web: web/dist/index.html

$(BUILD)/gen/assets_data.c: web/dist/index.html tools/embed_assets.py
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
	$(CC) $(ALL_CFLAGS) -Itests/unit -Wno-missing-prototypes -o $@ $< $(BUILD)/libkehu.a \
		$(LDFLAGS) $(LIBS) -lcmocka

$(BUILD)/bench/%: bench/%.c $(BUILD)/libkehu.a
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Wno-missing-prototypes -o $@ $< $(BUILD)/libkehu.a $(LDFLAGS) $(LIBS)

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
ui: $(BUILD)/kehu web/node_modules/.package-lock.json
	KEHU_BIN=$(abspath $(BUILD)/kehu) KEHU_UI_SHOTS=$(abspath $(BUILD)/ui-screenshots) \
		$(NODE) --test --test-concurrency=1 $(UI_TESTS)

# The same suite under AddressSanitizer + UndefinedBehaviorSanitizer, built by clang.
asan:
	$(MAKE) BUILD=build-asan CC=clang SAN=1 WERROR=1 unit e2e api
	$(MAKE) fuzz-replay

# The whole suite, as CI runs it.
test: deps
	$(MAKE) WERROR=1 all
	$(MAKE) WERROR=1 unit e2e api ui
	$(MAKE) asan

run: deps all
	scripts/demo-run $(BUILD)/kehu

bench: all
	bench/lookup.sh

clean:
	rm -rf build build-asan web/dist

# Fuzz targets (libFuzzer, clang), one per parser: fuzz/<name>_fuzz.c with its
# seeds in fuzz/corpus/<name>/. `make fuzz` fuzzes each for FUZZ_SECONDS under
# ASan+UBSan and prints its executions; `make fuzz-replay` (part of `make asan`)
# runs the committed corpora once; `make fuzz-ci` does both, fuzzing every
# target for FUZZ_CI_SECONDS (60). Crashes go to build-fuzz/<name>-crash-*.
FUZZ_SECONDS ?= 60
FUZZ_CI_SECONDS ?= 60
FUZZ_TARGETS := $(patsubst fuzz/%.c,build-fuzz/%,$(wildcard fuzz/*_fuzz.c))
.PHONY: fuzz fuzz-replay fuzz-ci
build-fuzz/%_fuzz: fuzz/%_fuzz.c $(wildcard fuzz/*.h)
	$(MAKE) BUILD=build-fuzz CC=clang SAN=1 FUZZ=1 build-fuzz/libkehu.a
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
