# Makefile — builds libcordon (the engine), the cordon tool, tests, fuzzers and benchmarks.
# Each layer may add rules in its own src/<layer>/*.mk; sources are picked up by wildcard.

BUILD ?= build
.DEFAULT_GOAL := all
CC ?= cc
SAN ?=
PKGS := icu-uc icu-i18n libxml-2.0 libmicrohttpd jansson sqlite3 libcurl zlib libdeflate

ifeq ($(SAN),1)
  BUILD := build-san
  OPT := -O1 -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
else ifeq ($(FUZZ),1)
  BUILD := build-fuzz
  CC := clang
  OPT := -O1 -fno-omit-frame-pointer -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined
else
  # Link-time optimization: the engine's hot path spans every layer, and one program of it takes
  # 3 % fewer instructions and 5 % fewer instruction-cache misses (cordon batch 4 % faster). Fat
  # objects: a program linked with libcordon.a without -flto gets the plain code.
  OPT := -O2 -flto=auto -ffat-lto-objects
endif
CFLAGS_BASE := -std=c17 -D_GNU_SOURCE -Wall -Wextra -Werror -g -fvisibility=hidden \
               -Iinclude -Isrc -I$(BUILD)/gen $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
CFLAGS ?=
CFLAGS += $(CFLAGS_BASE) $(OPT)
LDLIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lpthread -lm
LDFLAGS += $(filter -fsanitize% -flto%,$(OPT))

LIB_SRC := $(wildcard src/util/*.c src/ingest/*.c src/text/*.c src/index/*.c src/match/*.c)
GEN_SRC :=          # generated library sources, added by src/*/*.mk
TOOL_SRC := $(wildcard src/cli/*.c src/server/*.c)
TOOL_GEN :=         # generated tool sources (the embedded web page), added by src/*/*.mk
TEST_SRC := $(wildcard tests/unit/test_*.c)
BENCH_SRC := $(wildcard bench/bench_*.c)
FUZZ_SRC := $(wildcard fuzz/fuzz_*.c)
TEST_SCRIPTS :=     # extra test scripts run by `make test`, added by src/*/*.mk

-include $(wildcard src/*/*.mk)

LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/obj/%.o) $(GEN_SRC:%.c=%.o)
TOOL_OBJ := $(TOOL_SRC:%.c=$(BUILD)/obj/%.o) $(TOOL_GEN:%.c=%.o)
TESTS := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
BENCHES := $(BENCH_SRC:bench/%.c=$(BUILD)/bench/%)
FUZZERS := $(FUZZ_SRC:fuzz/%.c=build-fuzz/fuzz/%)

.PHONY: all test bench run fuzz fuzzers fuzz-smoke clean deps
all: $(BUILD)/cordon

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -MMD -MP -c $< -o $@

$(BUILD)/gen/%.o: $(BUILD)/gen/%.c
	$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/libcordon.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/cordon: $(TOOL_OBJ) $(BUILD)/libcordon.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/check.h $(BUILD)/libcordon.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libcordon.a $(LDLIBS)

$(BUILD)/bench/%: bench/%.c $(BUILD)/libcordon.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/libcordon.a $(LDLIBS)

# Unit tests, then the scripts (HTTP API on loopback, browser); tests/run.sh sums the counts.
test: $(TESTS) $(BUILD)/cordon
	@BUILD=$(BUILD) sh tests/run.sh $(TESTS) $(TEST_SCRIPTS)

bench: $(BENCHES) $(BUILD)/cordon
	@for b in $(BENCHES); do echo "== $$b"; $$b || exit 1; done
	@echo "== bench/bench_server.sh"; sh bench/bench_server.sh $(BUILD)

# libFuzzer targets (clang): `make fuzz` builds them; `make fuzz-smoke` runs each for FUZZ_SECONDS
# over its corpus in fuzz/corpus/<name>/ (the seeds are replayed first, so they act as tests too).
FUZZ_SECONDS ?= 20
fuzz:
	@$(MAKE) --no-print-directory FUZZ=1 fuzzers
fuzzers: $(FUZZERS)
build-fuzz/fuzz/%: fuzz/%.c $(BUILD)/libcordon.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined -o $@ $< \
	    $(BUILD)/libcordon.a $(LDLIBS)
fuzz-smoke: fuzz
	@for f in $(FUZZERS); do n=$$(basename $$f); mkdir -p build-fuzz/corpus/$$n; \
	  echo "== $$n ($(FUZZ_SECONDS) s)"; \
	  $$f -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -timeout=10 -rss_limit_mb=4096 \
	      build-fuzz/corpus/$$n fuzz/corpus/$$n 2>build-fuzz/$$n.log \
	    || { tail -n 40 build-fuzz/$$n.log; exit 1; }; tail -n 1 build-fuzz/$$n.log; done

# Installs what is missing (as root), builds, indexes the lists and runs the main job.
run:
	@sh tools/setup.sh
	@$(MAKE) --no-print-directory all
	@sh tools/run.sh $(BUILD)

deps:
	@sh tools/setup.sh

clean:
	rm -rf build build-san build-*

-include $(LIB_OBJ:.o=.d) $(TOOL_OBJ:.o=.d)
