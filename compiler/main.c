/* main.c - the whole pipeline: read (text or binary), validate, emit C. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "compiler.h"

#define VERSION "0.1.0"

static const char usage[] =
    "usage: wasm2c-lite IN.wat|IN.wasm|- [-o OUT.c] [-n NAME]\n"
    "\n"
    "Translate a WebAssembly module (text or binary) into C.\n"
    "\n"
    "  -o OUT.c               write C to OUT.c and its header to OUT.h\n"
    "                         (without -o: C to standard output, no header)\n"
    "  -n, --module-name NAME C prefix for the module (default: the file name with\n"
    "                         other bytes than letters and digits turned into '_')\n"
    "  --help                 show this help\n"
    "  --version              show the version\n";

struct job {
  struct source src;       /* the input */
  struct arena arena;      /* IR storage */
  struct module *module;   /* parsed module */
  const char *out_c;       /* -o path or NULL */
  const char *name;        /* -n value or NULL */
  char *tmp_c, *tmp_h;     /* temporary outputs, renamed on success */
  FILE *c, *h;             /* open outputs */
};

static bool read_all(FILE *f, struct source *src) {
  size_t cap = 1 << 16, n = 0;
  uint8_t *buf = malloc(cap);
  if (!buf) return false;
  for (;;) {
    if (n == cap) {
      uint8_t *nb = realloc(buf, cap *= 2);
      if (!nb) { free(buf); return false; }
      buf = nb;
    }
    size_t got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (got == 0) break;
  }
  if (ferror(f)) { free(buf); return false; }
  src->data = buf;
  src->size = n;
  return true;
}

/* The default module name: the file name without directory and extension,
 * with every byte other than a letter or digit turned into '_' and an 'm' put
 * before a leading digit or '_' ("multi-memory.wat" -> "multi_memory"), so that
 * the usual file names give plain C prefixes. */
static char *default_name(struct arena *a, const char *path) {
  if (strcmp(path, "-") == 0) return arena_strndup(a, "module", 6);
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  const char *dot = strrchr(base, '.');
  size_t n = dot && dot != base ? (size_t)(dot - base) : strlen(base);
  char *name = arena_alloc(a, n + 2), *p = name;
  if (n == 0 || !((base[0] >= 'a' && base[0] <= 'z') || (base[0] >= 'A' && base[0] <= 'Z')))
    *p++ = 'm';
  for (size_t i = 0; i < n; i++) {
    char c = base[i];
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    *p++ = alnum ? c : '_';
  }
  return name;
}

/* Header path for OUT.c: OUT.h (OUT.c.h if it does not end in .c). */
static char *header_path(const char *out_c) {
  size_t n = strlen(out_c);
  char *h = malloc(n + 3);
  if (!h) return NULL;
  memcpy(h, out_c, n + 1);
  if (n > 2 && strcmp(out_c + n - 2, ".c") == 0) h[n - 1] = 'h';
  else strcat(h, ".h");
  return h;
}

static void compile(void *arg) {
  struct job *j = arg;
  const struct source *src = &j->src;
  if (src->size >= 4 && memcmp(src->data, "\0asm", 4) == 0) {
    j->src.is_text = false;
    j->module = bin_read_module(&j->arena, src);
  } else {
    j->src.is_text = true;
    j->module = wat_parse_module(&j->arena, src);
  }
  val_module(j->module);
  const char *name = j->name ? j->name : default_name(&j->arena, src->filename);
  struct emit_options opt = {
      .prefix = emit_mangle(&j->arena, (const uint8_t *)name, strlen(name)),
      .header_name = NULL,
  };
  if (j->h) {
    const char *slash = strrchr(j->tmp_h ? j->out_c : "", '/');
    char *hp = header_path(slash ? slash + 1 : j->out_c);
    if (!hp) diag_error(NULL, 0, "out of memory");
    opt.header_name = arena_strndup(&j->arena, hp, strlen(hp));
    free(hp);
  }
  emit_module(j->module, &opt, j->c, j->h);
}

/* Create OUT.tmpXXXXXX beside path, so the final rename is atomic. */
static FILE *open_tmp(const char *path, char **tmp) {
  size_t n = strlen(path);
  *tmp = malloc(n + 8);
  if (!*tmp) return NULL;
  memcpy(*tmp, path, n);
  memcpy(*tmp + n, ".XXXXXX", 8);
  int fd = mkstemp(*tmp);
  if (fd < 0) { free(*tmp); *tmp = NULL; return NULL; }
  FILE *f = fdopen(fd, "w");
  if (!f) { close(fd); unlink(*tmp); free(*tmp); *tmp = NULL; }
  return f;
}

static void cleanup(struct job *j) {
  if (j->c && j->c != stdout) fclose(j->c);
  if (j->h) fclose(j->h);
  j->c = j->h = NULL;
  if (j->tmp_c) unlink(j->tmp_c);
  if (j->tmp_h) unlink(j->tmp_h);
}

int main(int argc, char **argv) {
  struct job j = {0};
  const char *in = NULL;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      fputs(usage, stdout);
      return 0;
    } else if (strcmp(a, "--version") == 0) {
      puts("wasm2c-lite " VERSION);
      return 0;
    } else if (strcmp(a, "-o") == 0 && i + 1 < argc) {
      j.out_c = argv[++i];
    } else if ((strcmp(a, "-n") == 0 || strcmp(a, "--module-name") == 0) && i + 1 < argc) {
      j.name = argv[++i];
    } else if (a[0] == '-' && a[1] != '\0') {
      fprintf(stderr, "wasm2c-lite: error: unknown option '%s'\n%s", a, usage);
      return 2;
    } else if (in) {
      fprintf(stderr, "wasm2c-lite: error: more than one input file\n%s", usage);
      return 2;
    } else {
      in = a;
    }
  }
  if (!in) {
    fprintf(stderr, "wasm2c-lite: error: no input file\n%s", usage);
    return 2;
  }
  j.src.filename = in;
  FILE *f = strcmp(in, "-") == 0 ? stdin : fopen(in, "rb");
  if (!f || !read_all(f, &j.src)) {
    fprintf(stderr, "wasm2c-lite: error: cannot read '%s': %s\n", in, strerror(errno));
    return 1;
  }
  if (f != stdin) fclose(f);

  if (j.out_c) {
    char *hp = header_path(j.out_c);
    j.c = open_tmp(j.out_c, &j.tmp_c);
    j.h = hp ? open_tmp(hp, &j.tmp_h) : NULL;
    if (!j.c || !j.h) {
      fprintf(stderr, "wasm2c-lite: error: cannot write '%s': %s\n", j.out_c, strerror(errno));
      cleanup(&j);
      free(hp);
      return 1;
    }
    free(hp);
  } else {
    j.c = stdout;
  }

  diag.notes = stderr;
  int failed = diag_protect(compile, &j);
  if (!failed && j.out_c) {
    char *hp = header_path(j.out_c);
    bool ok = fflush(j.c) == 0 && fflush(j.h) == 0 && !ferror(j.c) && !ferror(j.h);
    fclose(j.c);
    fclose(j.h);
    j.c = j.h = NULL;
    ok = ok && hp && rename(j.tmp_h, hp) == 0 && rename(j.tmp_c, j.out_c) == 0;
    if (ok) { free(j.tmp_c); free(j.tmp_h); j.tmp_c = j.tmp_h = NULL; }
    else fprintf(stderr, "wasm2c-lite: error: cannot write '%s': %s\n", j.out_c, strerror(errno));
    free(hp);
    failed = !ok;
  } else if (failed) {
    fprintf(stderr, "%s\n", diag.message);
  }
  cleanup(&j);
  free(j.tmp_c);
  free(j.tmp_h);
  arena_free(&j.arena);
  free((void *)j.src.data);
  return failed ? 1 : 0;
}
