/* host.c - the dylink tests' native host: a process of its own
 * (w2l_dl_set_main(NULL)) that loads translated side modules from DIR and runs
 * a script of loader operations, printing one line for each (the suite
 * compares the output with NAME.out).  Usage: host DIR SCRIPT.
 *
 * Script lines (# starts a comment; NAME is a module name as dlopen gets it,
 * "*" in sym means every module; an argument $X is the value last saved
 * under X):
 *   open NAME               dlopen; prints the handle
 *   close NAME              dlclose of the handle open NAME returned last
 *   sym NAME|* SYMBOL       dlsym; prints "found" (values depend on the
 *                           layout) and saves the value as $SYMBOL
 *   call NAME FUNC ARG...   call export FUNC of NAME's instance with i32
 *                           arguments; prints the i32 result (saved as $FUNC)
 *                           or the trap
 *   peek ARG                the i32 in memory at address ARG (saved as $peek)
 *   same ARG ARG            prints "same" or "differ"
 *   error                   dlerror: the last error's message, or "none"
 *   for N CMD               CMD with every '%' replaced by 0..N-1, quietly:
 *                           prints the number that succeeded and the sum of
 *                           the results of call, and each failure
 * The side modules call env.host_log(what, value), which prints a line.
 * Exit status: 0 once the script ran (errors of the operations are output),
 * 2 on a usage or script error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "w2l.h"

#define MAX_NAMES 256

/* A name the script saved a value under (a handle or a symbol's value). */
struct saved {
  char name[64];  /* module or symbol name */
  uint32_t value; /* its handle or value */
};

static struct saved handles[MAX_NAMES], vars[MAX_NAMES];
static size_t nhandles, nvars;
static w2l_dl *dl;
static bool quiet; /* inside for: print failures only */

static void save(struct saved *tab, size_t *n, const char *name, uint32_t value) {
  for (size_t i = 0; i < *n; i++)
    if (strcmp(tab[i].name, name) == 0) {
      tab[i].value = value;
      return;
    }
  if (*n == MAX_NAMES) return;
  snprintf(tab[*n].name, sizeof tab[*n].name, "%s", name);
  tab[(*n)++].value = value;
}

static bool lookup(const struct saved *tab, size_t n, const char *name, uint32_t *value) {
  for (size_t i = 0; i < n; i++)
    if (strcmp(tab[i].name, name) == 0) {
      *value = tab[i].value;
      return true;
    }
  return false;
}

/* env.host_log: (param i32 i32) */
static void host_log(void *env, uint32_t what, uint32_t value) {
  (void)env;
  if (!quiet) printf("  host_log(%d, %d)\n", (int32_t)what, (int32_t)value);
}

/* An argument: a number or $saved (nothing saved is a failure of the
 * operation: an earlier one failed; it is printed). */
static bool arg(const char *s, uint32_t *v) {
  if (s[0] == '$') {
    if (lookup(vars, nvars, s + 1, v)) return true;
    printf("  nothing saved as %s\n", s + 1);
    return false;
  }
  char *end;
  long x = strtol(s, &end, 0);
  if (*end || end == s) {
    printf("  not a number: %s\n", s);
    return false;
  }
  *v = (uint32_t)x;
  return true;
}

static uint32_t handle_of(const char *name) {
  uint32_t h = 0;
  if (strcmp(name, "*") != 0) lookup(handles, nhandles, name, &h);
  return h;
}

/* Run one command (words w[0..n-1]); *result gets call's result.  Returns 0
 * when the operation succeeded, 1 when it failed (printed), 2 on a script
 * error. */
static int run(char **w, int n, int32_t *result) {
  w2l_error err;
  const char *op = w[0];
  if (strcmp(op, "open") == 0 && n == 2) {
    uint32_t h = w2l_dl_open(dl, w[1], &err);
    if (!h) {
      printf("open %s: error: %s\n", w[1], err.message);
      return 1;
    }
    save(handles, &nhandles, w[1], h);
    if (!quiet) printf("open %s = %u\n", w[1], h);
    return 0;
  }
  if (strcmp(op, "close") == 0 && n == 2) {
    if (!w2l_dl_close(dl, handle_of(w[1]), &err)) {
      printf("close %s: error: %s\n", w[1], err.message);
      return 1;
    }
    if (!quiet) printf("close %s\n", w[1]);
    return 0;
  }
  if (strcmp(op, "sym") == 0 && n == 3) {
    uint32_t v;
    if (!w2l_dl_sym(dl, handle_of(w[1]), w[2], &v, &err)) {
      printf("sym %s %s: error: %s\n", w[1], w[2], err.message);
      return 1;
    }
    save(vars, &nvars, w[2], v);
    if (!quiet) printf("sym %s %s found\n", w[1], w[2]);
    return 0;
  }
  if (strcmp(op, "call") == 0 && n >= 3 && n <= 3 + 8) {
    w2l_val args[8], res;
    for (int i = 3; i < n; i++) {
      uint32_t v;
      if (!arg(w[i], &v)) return 1;
      args[i - 3] = W2L_I32_VAL(v);
    }
    w2l_instance *inst = w2l_dl_instance(dl, handle_of(w[1]));
    if (!inst) {
      printf("call %s %s: %s is not open\n", w[1], w[2], w[1]);
      return 1;
    }
    w2l_trap t = w2l_call(inst, w[2], args, (size_t)(n - 3), &res, 1, &err);
    if (t != W2L_OK) {
      printf("call %s %s: trapped: %s\n", w[1], w[2], err.message);
      return 1;
    }
    save(vars, &nvars, w[2], res.of.i32);
    *result = (int32_t)res.of.i32;
    if (!quiet) printf("call %s %s = %d\n", w[1], w[2], *result);
    return 0;
  }
  if (strcmp(op, "peek") == 0 && n == 2) {
    uint32_t addr, v;
    if (!arg(w[1], &addr)) return 1;
    if (!w2l_memory_read(w2l_dl_memory(dl), addr, &v, sizeof v)) {
      printf("peek %s: out of bounds\n", w[1]);
      return 1;
    }
    save(vars, &nvars, "peek", v);
    if (!quiet) printf("peek %s = %d\n", w[1], (int32_t)v);
    return 0;
  }
  if (strcmp(op, "same") == 0 && n == 3) {
    uint32_t a, b;
    if (!arg(w[1], &a) || !arg(w[2], &b)) return 1;
    if (!quiet) printf("same %s %s: %s\n", w[1], w[2], a == b ? "same" : "differ");
    return 0;
  }
  if (strcmp(op, "error") == 0 && n == 1) {
    const char *e = w2l_dl_error(dl);
    printf("error: %s\n", e ? e : "none");
    return 0;
  }
  fprintf(stderr, "script: unknown command or wrong arguments: %s\n", op);
  return 2;
}

/* Split line into at most max words. */
static int split(char *line, char **w, int max) {
  int n = 0;
  for (char *s = strtok(line, " \t\n"); s && n < max; s = strtok(NULL, " \t\n")) w[n++] = s;
  return n;
}

/* for N CMD: run CMD N times with '%' replaced by the counter. */
static int run_for(const char *count, const char *cmd) {
  long times = strtol(count, NULL, 10);
  int ok = 0, status = 0;
  long long sum = 0;
  quiet = true;
  for (long i = 0; i < times; i++) {
    char line[512], *w[16];
    size_t o = 0;
    for (const char *c = cmd; *c && o + 24 < sizeof line; c++) {
      if (*c == '%') o += (size_t)snprintf(line + o, sizeof line - o, "%ld", i);
      else line[o++] = *c;
    }
    line[o] = 0;
    int32_t r = 0;
    int rc = run(w, split(line, w, 16), &r);
    if (rc == 2) status = 2;
    if (rc == 0) ok++, sum += r;
  }
  quiet = false;
  printf("for %s %s: %d ok, sum %lld\n", count, cmd, ok, sum);
  return status;
}

int main(int argc, char **argv) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s DIR SCRIPT\n", argv[0]);
    return 2;
  }
  FILE *f = fopen(argv[2], "r");
  if (!f) {
    perror(argv[2]);
    return 2;
  }
  w2l_error err;
  w2l_linker *host = w2l_linker_new();
  if (!host || !w2l_linker_define_func(host, "env", "host_log", "ii:", (void (*)(void))host_log, NULL))
    return 2;
  dl = w2l_dl_new(host);
  if (!dl || !w2l_dl_set_main(dl, NULL, &err) || !w2l_dl_add_path(dl, argv[1])) {
    fprintf(stderr, "cannot make a process: %s\n", dl ? err.message : "out of memory");
    return 2;
  }
  char line[512];
  int status = 0;
  while (status != 2 && fgets(line, sizeof line, f)) {
    char *hash = strchr(line, '#');
    if (hash) *hash = 0;
    char *w[16];
    int32_t r;
    if (strncmp(line, "for ", 4) == 0) {
      char *count = line + 4, *cmd = strchr(count, ' ');
      if (!cmd) return 2;
      *cmd++ = 0;
      cmd[strcspn(cmd, "\n")] = 0;
      status = run_for(count, cmd);
      continue;
    }
    int n = split(line, w, 16);
    if (n > 0 && run(w, n, &r) == 2) status = 2;
  }
  fclose(f);
  w2l_dl_free(dl);
  w2l_linker_free(host);
  return status;
}
