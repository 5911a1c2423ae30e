/* binary_fuzz.c - libFuzzer target for the binary reader (and, with
 * FUZZ_VALIDATE=1 in the environment, the validator behind it).  Not built by
 * make; build and run it by hand:
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Icompiler \
 *     tests/fuzz/binary_fuzz.c $(ls compiler/[a-z]*.c | grep -v /main.c) -o /tmp/binary_fuzz
 *   /tmp/binary_fuzz -max_len=4096 -max_total_time=300 CORPUS_DIR
 *
 * A good seed corpus: the .wasm files that wast2json writes for the spec tests.
 * Every crash it finds gets a hex copy in tests/binary/regress/ (binary.sh
 * replays them).
 */
#include <stdlib.h>

#include "compiler.h"

struct job {
  struct source src;  /* the fuzz input */
  struct arena arena; /* IR storage, capped to keep the fuzzer's memory small */
  struct module *m;   /* the decoded module */
};

static void decode(void *arg) {
  struct job *j = arg;
  j->m = bin_read_module(&j->arena, &j->src);
}

static void validate(void *arg) {
  struct job *j = arg;
  val_module(j->m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  struct job j = {.src = {.filename = "fuzz", .data = data, .size = size}};
  j.arena.cap = 64 << 20;
  if (!diag_protect(decode, &j)) {
    FILE *null = fopen("/dev/null", "w");
    if (null) dump_module(null, j.m), fclose(null);
    if (getenv("FUZZ_VALIDATE")) diag_protect(validate, &j);
  }
  arena_free(&j.arena);
  return 0;
}
