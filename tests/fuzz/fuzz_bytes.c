/* fuzz_bytes.c - `fuzz_bytes SEED N` writes N pseudo-random bytes to stdout,
 * the same for the same seed on every machine: the input from which binaryen's
 * fuzzer (wasm-opt -ttf) builds a module, so a seed names a module. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: fuzz_bytes SEED N\n");
    return 2;
  }
  uint64_t x = strtoull(argv[1], NULL, 10) * 0x9E3779B97F4A7C15u + 0x2545F4914F6CDD1Du;
  long n = strtol(argv[2], NULL, 10);
  for (long i = 0; i < n; i++) { /* xorshift64* */
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    putchar((int)((x * 0x2545F4914F6CDD1Du) >> 56));
  }
  return ferror(stdout) || fflush(stdout) ? 1 : 0;
}
