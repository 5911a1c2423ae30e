/* argsenv.c - arguments, the environment (sorted), and an exit code. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
  for (int i = 0; i < argc; i++) printf("argv[%d] = '%s'\n", i, argv[i]);
  int n = 0;
  while (environ[n]) n++;
  qsort(environ, (size_t)n, sizeof *environ, by_name);
  for (int i = 0; i < n; i++) printf("env: %s\n", environ[i]);
  printf("GREETING=%s\n", getenv("GREETING") ? getenv("GREETING") : "(unset)");
  return 40 + argc;
}
