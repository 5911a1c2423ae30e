/* wordcount.c - an ordinary C program, compiled to WebAssembly with clang and
 * wasi-libc, then to a native executable with wasm2c-lite --exe.  It reads
 * the file named by its first argument, counts lines and words, writes a
 * report to the file named by its second argument, reads its environment
 * (GREETING), the clock and random bytes, and exits with the number of
 * lines as its code. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s INPUT REPORT\n", argv[0]);
    return 100;
  }
  FILE *in = fopen(argv[1], "r");
  if (!in) {
    perror(argv[1]);
    return 101;
  }
  int lines = 0, words = 0, c, in_word = 0;
  while ((c = getc(in)) != EOF) {
    if (c == '\n') lines++;
    if (c == ' ' || c == '\n' || c == '\t') in_word = 0;
    else if (!in_word) in_word = 1, words++;
  }
  fclose(in);

  /* Directories the program was not given do not exist for it. */
  FILE *outside = fopen("/etc/passwd", "r");
  printf("%s: %d lines, %d words; /etc/passwd is %s\n", argv[1], lines, words,
         outside ? "readable (!)" : "out of reach");

  struct timespec now;
  clock_gettime(CLOCK_REALTIME, &now);
  unsigned char r[8];
  getentropy(r, sizeof r);
  const char *greeting = getenv("GREETING");
  printf("%s; the clock says %s; random bytes differ each run\n",
         greeting ? greeting : "no GREETING", now.tv_sec > 1600000000 ? "after 2020" : "the past");

  FILE *out = fopen(argv[2], "w");
  if (!out) {
    perror(argv[2]);
    return 102;
  }
  fprintf(out, "lines %d\nwords %d\n", lines, words);
  fclose(out);
  printf("wrote %s\n", argv[2]);
  return lines;
}
