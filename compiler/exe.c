/* exe.c - `--exe`: build a native WASI program from translated C.
 *
 * main.c has written the module into a scratch directory; here a launcher
 * (main() calling w2l_wasi_main) goes beside it and the C compiler ($CC,
 * default cc, with $CFLAGS, default -O2) links both with the runtime library
 * that came with this translator: next to it in a build tree
 * (build/include, build/libwasm2c-lite-rt.a) or installed
 * (PREFIX/include/wasm2c-lite, PREFIX/lib).  The program is written beside
 * the output path and renamed into place, so a failed build leaves nothing. */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "compiler.h"

extern char **environ;

#ifndef W2L_RUNTIME_BOUNDS
#define W2L_RUNTIME_BOUNDS 1 /* the Makefile passes the runtime's strategy */
#endif

static bool exists(const char *path) {
  struct stat st;
  return stat(path, &st) == 0;
}

/* The runtime's include directory and library, found from the translator's
 * own location; false if neither layout is there. */
static bool find_runtime(char *inc, char *lib, size_t size) {
  char self[PATH_MAX - 64]; /* room for the suffixes below */
  ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n <= 0 || (size_t)n >= sizeof self - 1) return false;
  self[n] = '\0';
  char *slash = strrchr(self, '/');
  if (!slash) return false;
  *slash = '\0';
  snprintf(inc, size, "%s/include", self);
  snprintf(lib, size, "%s/libwasm2c-lite-rt.a", self);
  char probe[PATH_MAX + 16];
  snprintf(probe, sizeof probe, "%s/w2l_wasi.h", inc);
  if (exists(probe) && exists(lib)) return true;
  snprintf(inc, size, "%s/../include/wasm2c-lite", self);
  snprintf(lib, size, "%s/../lib/libwasm2c-lite-rt.a", self);
  snprintf(probe, sizeof probe, "%s/w2l_wasi.h", inc);
  return exists(probe) && exists(lib);
}

/* Split s at spaces into argv (s is modified). */
static int split_words(char *s, char **argv, int max) {
  int n = 0;
  for (char *t = strtok(s, " \t"); t && n < max; t = strtok(NULL, " \t")) argv[n++] = t;
  return n;
}

int exe_build(const char *dir, const char *prefix, const char *out, bool verbose) {
  char inc[PATH_MAX], lib[PATH_MAX];
  if (!find_runtime(inc, lib, sizeof inc)) {
    fprintf(stderr, "wasm2c-lite: error: --exe: cannot find the runtime (include/w2l_wasi.h and "
                    "libwasm2c-lite-rt.a) next to the translator or under ../include/wasm2c-lite "
                    "and ../lib\n");
    return 1;
  }
  char main_c[PATH_MAX + 16], module_c[PATH_MAX + 16];
  snprintf(main_c, sizeof main_c, "%s/main.c", dir);
  snprintf(module_c, sizeof module_c, "%s/module.c", dir);
  FILE *f = fopen(main_c, "w");
  if (!f) {
    fprintf(stderr, "wasm2c-lite: error: cannot write '%s': %s\n", main_c, strerror(errno));
    return 1;
  }
  fprintf(f,
          "/* The WASI program's main (wasm2c-lite --exe). */\n#include \"w2l_wasi.h\"\n"
          "#include \"module.h\"\n\nint main(int argc, char **argv) {\n"
          "  return w2l_wasi_main(&%s_module, argc, argv);\n}\n",
          prefix);
  if (fclose(f) != 0) {
    fprintf(stderr, "wasm2c-lite: error: cannot write '%s': %s\n", main_c, strerror(errno));
    return 1;
  }

  char tmp[PATH_MAX + 32];
  snprintf(tmp, sizeof tmp, "%s.w2l-%ld", out, (long)getpid());
  char bounds[32], incflag[PATH_MAX + 2], dirflag[PATH_MAX + 2];
  snprintf(bounds, sizeof bounds, "-DW2L_BOUNDS=%d", W2L_RUNTIME_BOUNDS);
  snprintf(incflag, sizeof incflag, "-I%s", inc);
  snprintf(dirflag, sizeof dirflag, "-I%s", dir);
  char cc[1024], cflags[4096];
  snprintf(cc, sizeof cc, "%s", getenv("CC") && *getenv("CC") ? getenv("CC") : "cc");
  snprintf(cflags, sizeof cflags, "%s", getenv("CFLAGS") ? getenv("CFLAGS") : "-O2");
  char *argv[600];
  int n = split_words(cc, argv, 16);
  n += split_words(cflags, argv + n, 500);
  const char *rest[] = {bounds, incflag, dirflag, module_c, main_c, lib, "-lm", "-ldl", "-lpthread", "-o", tmp};
  for (size_t i = 0; i < sizeof rest / sizeof *rest; i++) argv[n++] = (char *)rest[i];
  argv[n] = NULL;
  if (verbose) {
    fprintf(stderr, "wasm2c-lite: building");
    for (int i = 0; i < n; i++) fprintf(stderr, " %s", argv[i]);
    fprintf(stderr, "\n");
  }
  pid_t pid;
  int status = 0;
  int e = posix_spawnp(&pid, argv[0], NULL, NULL, argv, environ);
  if (e != 0) {
    fprintf(stderr, "wasm2c-lite: error: --exe: cannot run the C compiler '%s': %s (set CC)\n",
            argv[0], strerror(e));
    return 1;
  }
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    unlink(tmp);
    fprintf(stderr, "wasm2c-lite: error: --exe: the C compiler failed (%s); the C is in %s\n",
            argv[0], dir);
    return 2; /* keep the directory for inspection */
  }
  if (rename(tmp, out) != 0) {
    fprintf(stderr, "wasm2c-lite: error: cannot write '%s': %s\n", out, strerror(errno));
    unlink(tmp);
    return 1;
  }
  return 0;
}
