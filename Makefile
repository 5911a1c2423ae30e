# wasm2c-lite: one `make` builds everything into $(BUILD)/.
#   make            translator + runtime library
#   make demo       translate, build and run every sample
#   make test       every test suite, one summary line each, then "N passed, N failed"
#                   (UPDATE=1: rewrite the expected files from the current output)
#   make sanitize   the same suites with -fsanitize=address,undefined
#   make tsan       the threaded runtime tests with -fsanitize=thread
#   make spec TESTSUITE=dir [SPEC_FILES='i32 f64'] [SPEC_J=2]
#   make wasi-test WASI_TESTSUITE=dir   the WASI preview 1 testsuite (--exe programs)
#   make bench      benchmarks (see bench/)
#   make fuzz [FUZZ_N=200] [FUZZ_SEED=0] [FUZZ_SECONDS=60]   differential fuzzing
#                   against binaryen, then libFuzzer on the readers and validator
#   make install PREFIX=/usr/local
# Variables: CC, BUILD (output dir), BOUNDS=guard|explicit (memory strategy),
# SAN=1 (sanitizers), OPT (optimisation flags).

CC ?= cc
BUILD ?= build
BOUNDS ?= guard
PREFIX ?= /usr/local
OPT ?= -O2 -g
SAN ?=

ifeq ($(BOUNDS),explicit)
BOUNDS_FLAG := -DW2L_BOUNDS=0
else ifeq ($(BOUNDS),guard)
BOUNDS_FLAG := -DW2L_BOUNDS=1
else
$(error BOUNDS must be guard or explicit)
endif

comma := ,
SAN_FLAGS := $(if $(SAN),-fsanitize=address$(comma)undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
WARN := -Wall -Wextra -Werror
CFLAGS_ALL := -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(WARN) $(OPT) $(SAN_FLAGS) $(CFLAGS)
DEPFLAGS = -MMD -MP

COMPILER_SRC := $(wildcard compiler/*.c)
RUNTIME_SRC := $(wildcard runtime/*.c)
COMPILER_OBJ := $(COMPILER_SRC:%.c=$(BUILD)/%.o)
RUNTIME_OBJ := $(RUNTIME_SRC:%.c=$(BUILD)/%.o)
SPEC_SRC := $(wildcard tests/spec/*.c)
SPEC_OBJ := $(SPEC_SRC:%.c=$(BUILD)/%.o)
# Test drivers: each tests/unit/NAME.c links the front end into $(BUILD)/unit/NAME.
# (runtime_*.c and plugin_*.c are the runtime's tests: see RUNTIME_TESTS below.)
UNIT_SRC := $(filter-out tests/unit/runtime_% tests/unit/plugin_%,$(wildcard tests/unit/*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/unit/%)
.SECONDARY: $(UNIT_SRC:%.c=$(BUILD)/%.o)

TRANSLATOR := $(BUILD)/wasm2c-lite
RTLIB := $(BUILD)/libwasm2c-lite-rt.a
# The shared runtime: its soname carries the runtime ABI (W2L_ABI_VERSION), so
# a host built against one ABI never loads another.
RT_ABI := $(shell sed -n 's/^\#define W2L_ABI_VERSION \([0-9]*\)$$/\1/p' runtime/w2l.h)
RTSO_NAME := libwasm2c-lite-rt.so.$(RT_ABI)
RTSO := $(BUILD)/$(RTSO_NAME)
VERSION := $(shell sed -n 's/^\#define VERSION "\(.*\)"$$/\1/p' compiler/main.c)
RTHDR := $(BUILD)/include/w2l.h $(BUILD)/include/w2l_numeric.h $(BUILD)/include/w2l_simd.h \
  $(BUILD)/include/w2l_atomic.h \
  $(BUILD)/include/w2l_wasi.h $(BUILD)/include/w2l_dylink.h
# Headers for guest code (C compiled to wasm32), installed in guest/.
GUEST_HDR := $(BUILD)/include/guest/w2l_dlfcn.h
SPEC_RUNNER := $(BUILD)/wast-runner

.PHONY: all headers demo test sanitize tsan hostile spec wasi-test bench fuzz soak install clean testsuite-3.0
all: $(TRANSLATOR) $(RTLIB) $(RTSO) $(RTHDR) $(GUEST_HDR) $(if $(SPEC_SRC),$(SPEC_RUNNER)) $(UNIT_BIN)
# The public runtime headers in $(BUILD)/include (bench scripts build them for a second BUILD).
headers: $(RTHDR)

# --exe builds programs with the runtime built beside the translator: same strategy.
$(BUILD)/compiler/exe.o: CFLAGS_ALL += -DW2L_RUNTIME_BOUNDS=$(if $(filter explicit,$(BOUNDS)),0,1)
$(BUILD)/compiler/%.o: compiler/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(DEPFLAGS) -c $< -o $@

$(BUILD)/runtime/%.o: runtime/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(BOUNDS_FLAG) -fPIC $(DEPFLAGS) -c $< -o $@

$(BUILD)/tests/spec/%.o: tests/spec/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(BOUNDS_FLAG) -Icompiler -Iruntime $(DEPFLAGS) -c $< -o $@

$(TRANSLATOR): $(COMPILER_OBJ)
	$(CC) $(CFLAGS_ALL) $^ -o $@

$(RTLIB): $(RUNTIME_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(RTSO): $(RUNTIME_OBJ)
	$(CC) $(CFLAGS_ALL) -shared -Wl,-soname,$(RTSO_NAME) $^ -ldl -lpthread -lm -o $@
	ln -sf $(RTSO_NAME) $(BUILD)/libwasm2c-lite-rt.so

$(BUILD)/include/%.h: runtime/%.h
	@mkdir -p $(dir $@)
	cp $< $@

# The spec runner links the compiler's front end (minus main.c) and the runtime.
# The whole runtime library goes in (not just what the runner calls): the
# modules it dlopens resolve their runtime symbols against it (-rdynamic).
$(SPEC_RUNNER): $(SPEC_OBJ) $(filter-out $(BUILD)/compiler/main.o,$(COMPILER_OBJ)) $(RTLIB)
	$(CC) $(CFLAGS_ALL) -rdynamic $(filter-out $(RTLIB),$^) \
	  -Wl,--whole-archive $(RTLIB) -Wl,--no-whole-archive -ldl -lm -o $@

$(BUILD)/tests/unit/%.o: tests/unit/%.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Icompiler $(DEPFLAGS) -c $< -o $@

$(BUILD)/unit/%: $(BUILD)/tests/unit/%.o $(filter-out $(BUILD)/compiler/main.o,$(COMPILER_OBJ))
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $^ -lm -o $@

# The runtime's tests, built for both memory strategies into
# $(BUILD)/test-runtime/MODE/ (MODE guard or explicit; tests/suites/runtime.sh
# runs them): each tests/unit/runtime_NAME.c as runtime_NAME, runtime_cxx.cc by
# the C++ compiler that goes with $(CC) when there is one, each
# tests/unit/plugin_NAME.c as plugin_NAME.so, and the modules of
# tests/runtime/*.wat, translated once into $(RT_EMITTED), as objects linked
# into runtime_emitted (kit.wat also as the plugin kitplug.so).  The build's
# own mode links $(RTLIB); the other one a second build of the runtime.
RT_EMITTED := $(BUILD)/test-runtime/emitted
RT_MODULES := $(patsubst tests/runtime/%.wat,%,$(wildcard tests/runtime/*.wat))
RT_CXX := $(if $(findstring clang,$(CC)),clang++,g++)
RT_PROGRAMS := $(patsubst tests/unit/%.c,%,$(wildcard tests/unit/runtime_*.c)) \
  $(if $(shell command -v $(RT_CXX) 2>/dev/null),runtime_cxx) \
  $(patsubst tests/unit/%.c,%.so,$(wildcard tests/unit/plugin_*.c)) kitplug.so
RUNTIME_TESTS := $(foreach m,guard explicit,$(RT_PROGRAMS:%=$(BUILD)/test-runtime/$(m)/%))
# $(call rt_cflags,MODE): how the tests of a mode are compiled.
rt_cflags = $(CFLAGS_ALL) -DW2L_BOUNDS=$(if $(filter guard,$1),1,0) -Iruntime -Itests/unit \
  -iquote $(RT_EMITTED)

# Translator options of a module, when it needs any.
RT_FLAGS_interrupt := --epoch --fuel
RT_FLAGS_spinstart := --epoch
$(RT_EMITTED)/%.c: tests/runtime/%.wat $(TRANSLATOR)
	@mkdir -p $(dir $@)
	$(TRANSLATOR) $< $(RT_FLAGS_$*) -n $* -o $@

$(RT_EMITTED)/kitplug.c: tests/runtime/kit.wat $(TRANSLATOR)
	@mkdir -p $(dir $@)
	$(TRANSLATOR) $< -n kitplug -o $@
# bigframe: a generated module (a 32 KiB C frame) for runtime_stack.
RT_MODULES += bigframe
$(RT_EMITTED)/bigframe.wat: tests/runtime/gen-bigframe.sh
	@mkdir -p $(dir $@)
	sh $< 4096 >$@
$(RT_EMITTED)/bigframe.c: $(RT_EMITTED)/bigframe.wat $(TRANSLATOR)
	$(TRANSLATOR) $< -n bigframe -o $@
.SECONDARY: $(RT_MODULES:%=$(RT_EMITTED)/%.c)

# $(call rt_mode,MODE): the rules of one mode.
define rt_mode
rt_lib_$1 := $$(if $$(filter $1,$$(BOUNDS)),$$(RTLIB),$$(BUILD)/test-runtime/$1/libwasm2c-lite-rt.a)
$$(BUILD)/test-runtime/$1/libwasm2c-lite-rt.a: $$(RUNTIME_SRC:%.c=$$(BUILD)/test-runtime/$1/%.o)
	@rm -f $$@
	ar rcs $$@ $$^
$$(BUILD)/test-runtime/$1/runtime/%.o: runtime/%.c
	@mkdir -p $$(dir $$@)
	$$(CC) $$(call rt_cflags,$1) -fPIC $$(DEPFLAGS) -c $$< -o $$@
$$(BUILD)/test-runtime/$1/emitted/%.o: $$(RT_EMITTED)/%.c $$(RTHDR)
	@mkdir -p $$(dir $$@)
	$$(CC) $$(call rt_cflags,$1) -c $$< -o $$@
$$(BUILD)/test-runtime/$1/%.so: tests/unit/%.c $$(RTHDR)
	@mkdir -p $$(dir $$@)
	$$(CC) $$(call rt_cflags,$1) $$(DEPFLAGS) -shared -fPIC -DW2L_PLUGIN $$< -o $$@
$$(BUILD)/test-runtime/$1/kitplug.so: $$(RT_EMITTED)/kitplug.c $$(RTHDR)
	@mkdir -p $$(dir $$@)
	$$(CC) $$(call rt_cflags,$1) -shared -fPIC -DW2L_PLUGIN $$< -o $$@
$$(BUILD)/test-runtime/$1/runtime_emitted: $$(RT_MODULES:%=$$(BUILD)/test-runtime/$1/emitted/%.o)
$$(BUILD)/test-runtime/$1/runtime_stack: $$(BUILD)/test-runtime/$1/emitted/bigframe.o
$$(BUILD)/test-runtime/$1/runtime_hostile: $$(BUILD)/test-runtime/$1/emitted/growtrap.o \
  $$(BUILD)/test-runtime/$1/emitted/interrupt.o $$(BUILD)/test-runtime/$1/emitted/sneakstart.o
$$(BUILD)/test-runtime/$1/runtime_quota: $$(BUILD)/test-runtime/$1/emitted/hog.o \
  $$(BUILD)/test-runtime/$1/emitted/hogimport.o
$$(BUILD)/test-runtime/$1/runtime_caller: $$(BUILD)/test-runtime/$1/emitted/caller.o
$$(BUILD)/test-runtime/$1/runtime_stress: $$(BUILD)/test-runtime/$1/emitted/stress.o
$$(BUILD)/test-runtime/$1/runtime_wasi: $$(BUILD)/test-runtime/$1/emitted/wasiprobe.o
$$(BUILD)/test-runtime/$1/runtime_dylink: $$(patsubst %,$$(BUILD)/test-runtime/$1/emitted/%.o,dlmain \
  dla dlb dlc dlbad dlbadtype dlweak dlself dlctor dlhold)
$$(BUILD)/test-runtime/$1/runtime_interrupt: $$(BUILD)/test-runtime/$1/emitted/interrupt.o \
  $$(BUILD)/test-runtime/$1/emitted/spinstart.o $$(BUILD)/test-runtime/$1/emitted/plainrec.o
$$(BUILD)/test-runtime/$1/runtime_%: tests/unit/runtime_%.c $$(rt_lib_$1) $$(RTHDR)
	@mkdir -p $$(dir $$@)
	$$(CC) $$(call rt_cflags,$1) $$(DEPFLAGS) -rdynamic $$(filter %.c %.o,$$^) $$(rt_lib_$1) \
	  -ldl -lpthread -lm -o $$@
$$(BUILD)/test-runtime/$1/runtime_cxx: tests/unit/runtime_cxx.cc $$(rt_lib_$1) $$(RTHDR)
	@mkdir -p $$(dir $$@)
	$$(RT_CXX) $$(subst -std=c11,-std=c++11 -pedantic,$$(call rt_cflags,$1)) $$(DEPFLAGS) $$< $$(rt_lib_$1) \
	  -ldl -lpthread -o $$@
endef
$(foreach m,guard explicit,$(eval $(call rt_mode,$(m))))

# Environment for the test scripts: how to build emitted C like a user would.
TEST_ENV = W2L_BUILD=$(abspath $(BUILD)) W2L_CC="$(CC)" \
  W2L_CFLAGS="-std=c11 $(WARN) $(OPT) $(SAN_FLAGS) $(BOUNDS_FLAG) -I$(abspath $(BUILD))/include"

demo: all
	@$(TEST_ENV) sh samples/run-demo.sh

test: all $(RUNTIME_TESTS)
	@$(TEST_ENV) sh tests/run-tests.sh

sanitize:
	$(MAKE) BUILD=$(BUILD)/san SAN=1 OPT="-O1 -g" test

# ThreadSanitizer (gcc or clang): the runtime and its threaded tests built with
# -fsanitize=thread into $(BUILD)/tsan, run in both memory strategies.
TSAN_TESTS := runtime_threads runtime_stress
tsan:
	$(MAKE) BUILD=$(BUILD)/tsan SAN_FLAGS="-fsanitize=thread -fno-omit-frame-pointer" OPT="-O1 -g" \
	  $(foreach m,guard explicit,$(TSAN_TESTS:%=$(BUILD)/tsan/test-runtime/$(m)/%))
	@W2L_BUILD=$(abspath $(BUILD))/tsan W2L_CC="$(CC)" W2L_CFLAGS=-fsanitize=thread TSAN_OPTIONS="halt_on_error=1 exitcode=66" \
	  RUNTIME_ONLY="$(TSAN_TESTS)" sh tests/suites/runtime.sh

# The sandbox's tests (also in make test): what hostile plugins try, in both
# memory strategies; `make hostile SAN=1 BUILD=build/san OPT="-O1 -g"` under ASan.
HOSTILE_TESTS := runtime_hostile runtime_interrupt runtime_stack runtime_quota runtime_memory \
  runtime_trap runtime_table
hostile: all $(RUNTIME_TESTS)
	@$(TEST_ENV) RUNTIME_ONLY="$(HOSTILE_TESTS)" sh tests/suites/runtime.sh

SPEC_J ?= 2
spec: all
	@if [ -z "$(TESTSUITE)" ]; then echo "usage: make spec TESTSUITE=dir [SPEC_FILES='i32 f64'] [SPEC_J=2] [SPEC_FLAGS='--epoch --fuel']"; exit 2; fi
	@$(TEST_ENV) $(if $(SPEC_FLAGS),W2L_SPEC_RUNNER_FLAGS="$(SPEC_FLAGS)") \
	  sh tests/spec/run-spec.sh "$(TESTSUITE)" "$(SPEC_J)" $(SPEC_FILES)

# make wasi-test WASI_TESTSUITE=dir [WASI_J=2] [WASI_TESTS='stdio fd_readdir']:
# WebAssembly/wasi-testsuite's preview 1 tests built with --exe and run as
# their JSON says (tests/wasi/run-wasi-tests.sh).
WASI_J ?= 2
wasi-test: all
	@if [ -z "$(WASI_TESTSUITE)" ]; then echo "usage: make wasi-test WASI_TESTSUITE=dir [WASI_J=2] [WASI_TESTS='stdio lseek']"; exit 2; fi
	@$(TEST_ENV) sh tests/wasi/run-wasi-tests.sh "$(WASI_TESTSUITE)" "$(WASI_J)" $(WASI_TESTS)

FUZZ_N ?= 200
FUZZ_SEED ?= 0
FUZZ_SECONDS ?= 60
# make soak: 10,000 instantiate/trap/free cycles of hostile plugins on 4
# threads, checking RSS, mappings and descriptors (tests/soak/soak.c; not in
# make test).  SOAK_CYCLES, SOAK_THREADS; the memory strategy of the build.
SOAK_CYCLES ?= 10000
SOAK_THREADS ?= 4
SOAK := $(BUILD)/soak
$(SOAK)/hostile.c: tests/soak/hostile.wat $(TRANSLATOR)
	@mkdir -p $(dir $@)
	$(TRANSLATOR) $< --fuel -n hostile -o $@
$(SOAK)/starttrap.c: tests/soak/starttrap.wat $(TRANSLATOR)
	@mkdir -p $(dir $@)
	$(TRANSLATOR) $< -n starttrap -o $@
$(SOAK)/soak: tests/soak/soak.c $(SOAK)/hostile.c $(SOAK)/starttrap.c $(RTLIB) $(RTHDR)
	$(CC) $(CFLAGS_ALL) $(BOUNDS_FLAG) -Iruntime -iquote $(SOAK) tests/soak/soak.c $(SOAK)/hostile.c \
	  $(SOAK)/starttrap.c $(RTLIB) -ldl -lpthread -lm -o $@
soak: $(SOAK)/soak
	$(SOAK)/soak $(SOAK_CYCLES) $(SOAK_THREADS)

# The WebAssembly 3.0 testsuite (WebAssembly/testsuite at the commit issue 19
# pins) into the git-ignored third_party/testsuite-3.0; its proposals/threads
# scripts are the threads tests (make spec TESTSUITE=.../proposals/threads).
TESTSUITE_3_0 := 193e551ff22663995b1ac95dc62344133669e14b
testsuite-3.0:
	@if [ -d third_party/testsuite-3.0 ]; then echo "third_party/testsuite-3.0 is there"; else \
	  rm -rf third_party/testsuite-3.0.part && git init -q third_party/testsuite-3.0.part && \
	  git -C third_party/testsuite-3.0.part fetch -q --depth 1 \
	    https://github.com/WebAssembly/testsuite $(TESTSUITE_3_0) && \
	  git -C third_party/testsuite-3.0.part archive FETCH_HEAD | \
	    (mkdir -p third_party/testsuite-3.0.tmp && tar -x -C third_party/testsuite-3.0.tmp) && \
	  rm -rf third_party/testsuite-3.0.part && mv third_party/testsuite-3.0.tmp third_party/testsuite-3.0; fi

fuzz: all
	@$(TEST_ENV) sh tests/fuzz/run-fuzz.sh $(FUZZ_N) $(FUZZ_SEED)
	@$(TEST_ENV) sh tests/fuzz/run-libfuzzer.sh $(FUZZ_SECONDS)

bench: all $(BUILD)/test-runtime/explicit/libwasm2c-lite-rt.a
	@$(TEST_ENV) sh bench/run-bench.sh
	@$(TEST_ENV) sh bench/simd.sh
	@$(TEST_ENV) sh bench/threads.sh
	@$(TEST_ENV) sh bench/tailcall.sh
	@$(TEST_ENV) sh bench/exceptions.sh
	@$(TEST_ENV) sh bench/wasi-io.sh
	@mkdir -p $(BUILD)/bench-interrupt
	@$(TEST_ENV) sh bench/interrupt-cost.sh 3 >$(BUILD)/bench-interrupt/results.txt; \
	  s=$$?; cat $(BUILD)/bench-interrupt/results.txt; exit $$s

# make install [PREFIX=/usr/local] [DESTDIR=]: the translator, its man page,
# the headers in include/wasm2c-lite/ (guest/: for C compiled to wasm32), the
# runtime as libwasm2c-lite-rt.a and libwasm2c-lite-rt.so.ABI (+ the .so
# link), and wasm2c-lite.pc for `pkg-config --cflags --libs wasm2c-lite`
# (which carries the build's W2L_BOUNDS: emitted code must be compiled for the
# runtime's strategy).
INC_DIR := $(DESTDIR)$(PREFIX)/include/wasm2c-lite
LIB_DIR := $(DESTDIR)$(PREFIX)/lib
install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(INC_DIR) $(INC_DIR)/guest $(LIB_DIR)/pkgconfig \
	  $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(TRANSLATOR) $(DESTDIR)$(PREFIX)/bin/
	install -m 644 docs/wasm2c-lite.1 $(DESTDIR)$(PREFIX)/share/man/man1/
	install -m 644 $(RTHDR) $(INC_DIR)/
	install -m 644 $(GUEST_HDR) $(INC_DIR)/guest/
	install -m 644 $(RTLIB) $(LIB_DIR)/
	install -m 755 $(RTSO) $(LIB_DIR)/
	ln -sf $(RTSO_NAME) $(LIB_DIR)/libwasm2c-lite-rt.so
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' \
	  -e 's|@BOUNDS_FLAG@|$(BOUNDS_FLAG)|' runtime/wasm2c-lite.pc.in >$(LIB_DIR)/pkgconfig/wasm2c-lite.pc

clean:
	rm -rf $(BUILD)

-include $(COMPILER_OBJ:.o=.d) $(RUNTIME_OBJ:.o=.d) $(SPEC_OBJ:.o=.d) $(UNIT_SRC:%.c=$(BUILD)/%.d) \
  $(wildcard $(BUILD)/test-runtime/*/*.d $(BUILD)/test-runtime/*/runtime/*.d)
