/* io.c - many small system calls: write() of a few bytes and clock_gettime(),
 * the pattern of logging and timing code.  Built natively and for WASI
 * (bench/wasi-io.sh); the ratio is the cost of WASI calls through the
 * runtime.  Prints a checksum of the clock readings' low bits on stderr. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 2000000;
  unsigned long sum = 0;
  char line[16] = "tick 0000000\n";
  for (long i = 0; i < n; i++) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    sum += (unsigned long)t.tv_nsec & 1;
    line[5 + i % 7] = (char)('0' + i % 10);
    if (write(1, line, 13) != 13) return 1;
  }
  fprintf(stderr, "%ld calls of each, checksum %d\n", n, sum > 0);
  return 0;
}
