/* main.c - the whole pipeline: read (text or binary), validate, emit C. */
#include <errno.h>
#include <stdarg.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "compiler.h"

#define VERSION "0.1.0"

static const char usage[] =
    "usage: wasm2c-lite IN.wat|IN.wasm|- [-o OUT.c] [-n NAME] [options]\n"
    "\n"
    "Translate a WebAssembly module (text or binary) into C.\n"
    "\n"
    "  -o, --output OUT.c     write C to OUT.c and its header to OUT.h (also\n"
    "                         -oOUT.c and --output=OUT.c; -n takes the same forms)\n"
    "                         (without -o, or when OUT.c is a device or a pipe:\n"
    "                         C only, no header)\n"
    "  -n, --module-name NAME C prefix for the module (default: the module's own\n"
    "                         name, from (module $NAME) or the name section, else\n"
    "                         the file name; other bytes than letters and digits\n"
    "                         become '_', and a leading digit or '_' gets an 'm')\n"
    "  --no-line-directives   no #line directives (by default, function bodies\n"
    "                         translated from a .wat file into OUT.c point back\n"
    "                         to its lines, for compiler messages and debuggers)\n"
    "  --epoch                the host can interrupt running code: loops and\n"
    "                         recursive functions check the runtime's epoch\n"
    "                         against the instance's deadline (trap \"interrupted\")\n"
    "  --fuel                 count fuel: function entries and loop iterations\n"
    "                         charge their instruction counts (trap \"out of fuel\")\n"
    "  --num-outputs N        write the C as N files for a parallel build: OUT.c,\n"
    "                         OUT_1.c ... OUT_{N-1}.c (functions spread by size)\n"
    "                         and OUT_impl.h, which they share; compile and link\n"
    "                         them all (N from 1 to 64)\n"
    "  --exe                  build a native program from a WASI module (a .wasm\n"
    "                         that imports wasi_snapshot_preview1): -o names the\n"
    "                         executable; $CC (cc) and $CFLAGS (-O2) build it with\n"
    "                         this translator's runtime.  Run it as\n"
    "                         PROGRAM [--dir HOST[::GUEST]] [--ro-dir ...] [--env N=V]\n"
    "                         [--inherit-env] [--] ARGS (PROGRAM --wasi-help)\n"
    "  -v, --verbose          say what was read and written, and how long each\n"
    "                         phase took (on standard error)\n"
    "  --enable-FEATURE, --disable-FEATURE, --enable-all, --disable-all\n"
    "                         accept or reject what a feature of WebAssembly\n"
    "                         after 1.0 brings (a module using a disabled one is\n"
    "                         an error naming the option); the defaults are\n"
    "                         WebAssembly 3.0 and threads.  FEATURE, what it\n"
    "                         brings (default):\n";

static const char usage_end[] =
    "  --help                 show this help\n"
    "  --version              show the version\n";

/* The whole help, to out. */
static void print_usage(FILE *out) {
  fputs(usage, out);
  feature_help(out, 4);
  fputs(usage_end, out);
}

/* One output file.  A regular file (existing or new) is written to a
 * temporary beside it that replaces it only when everything was written, so a
 * failure leaves the old file or none.  Anything else that exists already (a
 * pipe, a terminal, a device) is written in place: renaming over it would
 * replace the node itself. */
struct output {
  const char *path; /* what the user named */
  char *target;     /* the file that gets replaced (symlinks resolved) */
  char *tmp;        /* the temporary, or NULL when writing in place */
  FILE *f;
};

#define W2L_MAX_OUTPUTS 64

struct job {
  struct source src;     /* the input */
  struct arena arena;    /* IR storage */
  struct module *module; /* parsed module */
  const char *out_c;     /* -o path or NULL */
  const char *name;      /* -n value or NULL */
  bool no_lines;         /* --no-line-directives */
  bool verbose;          /* -v: report phases and timings on stderr */
  unsigned interrupt;    /* --epoch, --fuel: EMIT_EPOCH | EMIT_FUEL */
  bool exe;              /* --exe: build a native WASI program at out_c */
  struct val_features features; /* --enable-* / --disable-*: what is accepted */
  uint32_t num_outputs;  /* --num-outputs: C files (1: just out_c) */
  struct output *parts;  /* parts[1..num_outputs-1]: OUT_1.c ... */
  struct output impl;    /* OUT_impl.h: what the parts share */
  const char *prefix;    /* the C prefix used */
  struct output c, h;    /* the C file and its header (h.f NULL: no header) */
};

static bool read_all(FILE *f, struct source *src) {
  size_t cap = 1 << 16, n = 0;
  uint8_t *buf = malloc(cap);
  if (!buf) return false;
  for (;;) {
    if (n == cap) {
      uint8_t *nb = realloc(buf, cap *= 2);
      if (!nb) {
        free(buf);
        return false;
      }
      buf = nb;
    }
    size_t got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (got == 0) break;
  }
  if (ferror(f)) {
    free(buf);
    return false;
  }
  src->data = buf;
  src->size = n;
  return true;
}

/* The C prefix of a module name: every byte other than a letter or digit
 * turned into '_' and an 'm' put before a leading digit or '_'
 * ("multi-memory" -> "multi_memory", "2d" -> "m2d"), so that usual names
 * give plain C prefixes, and -n NAME, (module $NAME) and NAME.wat agree. */
static char *c_prefix(struct arena *a, const char *name, size_t n) {
  char *prefix = arena_alloc(a, n + 2), *p = prefix;
  if (n == 0 || !((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z')))
    *p++ = 'm';
  for (size_t i = 0; i < n; i++) {
    char c = name[i];
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    *p++ = alnum ? c : '_';
  }
  return prefix;
}

/* The module's name when -n gives none: its own ((module $name), or the name
 * section's module name), else the file name without directory and
 * extension, else "module" (standard input). */
static char *module_name(struct arena *a, const struct module *m, const char *path) {
  if (m->name && m->name[0]) return c_prefix(a, m->name, strlen(m->name));
  if (strcmp(path, "-") == 0) return arena_strndup(a, "module", 6);
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  const char *dot = strrchr(base, '.');
  return c_prefix(a, base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
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

/* Binary input: the magic number, or a .wasm name or a NUL byte first (no
 * text starts so), so that a damaged binary gets the binary reader's message
 * ("magic header not detected") rather than a text syntax error. */
static bool is_binary(const struct source *src) {
  size_t n = strlen(src->filename);
  return (src->size >= 4 && memcmp(src->data, "\0asm", 4) == 0) ||
         (src->size > 0 && src->data[0] == 0) ||
         (n > 5 && strcmp(src->filename + n - 5, ".wasm") == 0);
}

/* Seconds on a monotonic clock. */
static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

/* -v: one line about a phase that started at *t; *t becomes now. */
static void report(const struct job *j, double *t, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static void report(const struct job *j, double *t, const char *fmt, ...) {
  double t1 = now();
  if (j->verbose) {
    va_list ap;
    va_start(ap, fmt);
    fputs("wasm2c-lite: ", stderr);
    vfprintf(stderr, fmt, ap);
    fprintf(stderr, " (%.1f ms)\n", (t1 - *t) * 1e3);
    va_end(ap);
  }
  *t = t1;
}

static void compile(void *arg) {
  struct job *j = arg;
  const struct source *src = &j->src;
  double t = now();
  if (is_binary(src)) {
    j->src.is_text = false;
    j->module = bin_read_module(&j->arena, src);
  } else {
    j->src.is_text = true;
    j->module = wat_parse_module(&j->arena, src);
  }
  const struct module *m = j->module;
  report(j, &t, "read %s (%s, %zu bytes): functions %u (imported %u), exports %u",
         src->filename, src->is_text ? "text" : "binary", src->size, m->nfuncs, m->nfuncimports,
         m->nexports);
  val_module(j->module, &j->features);
  report(j, &t, "validated");
  const char *name = j->name ? c_prefix(&j->arena, j->name, strlen(j->name))
                             : module_name(&j->arena, j->module, src->filename);
  struct emit_options opt = {
      .prefix = name,
      .header_name = NULL,
      .interrupt = j->interrupt,
  };
  if (src->is_text && j->out_c && strcmp(src->filename, "-") != 0 && !j->no_lines) {
    opt.line_source = src;
    opt.c_name = j->out_c;
  }
  FILE *part_files[W2L_MAX_OUTPUTS];
  const char *part_names[W2L_MAX_OUTPUTS];
  if (j->num_outputs > 1) {
    opt.num_outputs = j->num_outputs;
    for (uint32_t p = 1; p < j->num_outputs; p++) {
      part_files[p] = j->parts[p].f;
      part_names[p] = j->parts[p].path;
    }
    opt.parts = part_files;
    opt.part_names = part_names;
    opt.impl_out = j->impl.f;
    const char *slash = strrchr(j->impl.path, '/');
    opt.impl_name = slash ? slash + 1 : j->impl.path;
  }
  if (j->h.f) { /* the C file includes its header by its base name */
    const char *slash = strrchr(j->h.path, '/');
    opt.header_name = slash ? slash + 1 : j->h.path;
  }
  j->prefix = opt.prefix;
  emit_module(j->module, &opt, j->c.f, j->h.f);
  report(j, &t, "wrote %s%s%s (C prefix %s)", j->c.path, j->h.f ? " and " : "",
         j->h.f ? j->h.path : "", opt.prefix);
}

/* True if path exists and is not a regular file (after symlinks). */
static bool is_special(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && !S_ISREG(st.st_mode);
}

/* The mode a replaced file keeps, or a new file's default (0666 - umask). */
static mode_t file_mode(const char *path) {
  struct stat st;
  if (stat(path, &st) == 0) return st.st_mode & 07777;
  mode_t mask = umask(0);
  umask(mask);
  return 0666 & ~mask;
}

/* Open o for writing o->path; false with errno set on failure. */
static bool open_output(struct output *o, const char *path) {
  o->path = path;
  if (is_special(path)) {
    o->f = fopen(path, "w");
    return o->f != NULL;
  }
  char *real = realpath(path, NULL); /* NULL for a new file: keep the name */
  o->target = real ? real : strdup(path);
  size_t n = strlen(o->target);
  o->tmp = o->target ? malloc(n + 8) : NULL;
  if (!o->tmp) {
    errno = ENOMEM;
    return false;
  }
  memcpy(o->tmp, o->target, n);
  memcpy(o->tmp + n, ".XXXXXX", 8);
  int fd = mkstemp(o->tmp);
  if (fd < 0) {
    free(o->tmp);
    o->tmp = NULL;
    return false;
  }
  fchmod(fd, file_mode(o->target)); /* mkstemp makes it 0600 */
  o->f = fdopen(fd, "w");
  if (!o->f) {
    close(fd);
    unlink(o->tmp);
    free(o->tmp);
    o->tmp = NULL;
  }
  return o->f != NULL;
}

/* Flush and close o; false with errno set if any write failed. */
static bool close_output(struct output *o) {
  if (!o->f) return true;
  bool ok = fflush(o->f) == 0 && !ferror(o->f);
  int saved = errno;
  ok = (o->f == stdout ? true : fclose(o->f) == 0) && ok;
  if (ok) errno = saved;
  o->f = NULL;
  return ok;
}

/* Put a fully written temporary in place. */
static bool commit_output(struct output *o) {
  if (!o->tmp) return true;
  if (rename(o->tmp, o->target) != 0) return false;
  free(o->tmp);
  o->tmp = NULL;
  return true;
}

/* Close o and remove its temporary; the user's file is left as it was. */
static void discard_output(struct output *o) {
  if (o->f && o->f != stdout) fclose(o->f);
  o->f = NULL;
  if (o->tmp) unlink(o->tmp);
  free(o->tmp);
  free(o->target);
  o->tmp = o->target = NULL;
}

/* Open the outputs the command line asks for. */
static bool open_outputs(struct job *j) {
  if (!j->out_c) {
    j->c.path = "standard output";
    j->c.f = stdout;
    return true;
  }
  if (!open_output(&j->c, j->out_c)) return false;
  if (!j->c.tmp) return true; /* a device or a pipe: no header beside it */
  char *hp = header_path(j->out_c);
  if (!hp) {
    errno = ENOMEM;
    return false;
  }
  const char *h = arena_strndup(&j->arena, hp, strlen(hp));
  free(hp);
  if (!open_output(&j->h, h)) return false;
  if (j->num_outputs < 2) return true;
  /* OUT.c, OUT_1.c ... OUT_{N-1}.c and OUT_impl.h */
  size_t n = strlen(j->out_c);
  size_t stem = n > 2 && strcmp(j->out_c + n - 2, ".c") == 0 ? n - 2 : n;
  j->parts = arena_array(&j->arena, j->num_outputs, sizeof *j->parts);
  for (uint32_t p = 0; p <= j->num_outputs; p++) {
    char *path = arena_alloc(&j->arena, stem + 24);
    memcpy(path, j->out_c, stem);
    if (p == j->num_outputs) snprintf(path + stem, 24, "_impl.h");
    else if (p == 0) continue;
    else snprintf(path + stem, 24, "_%u.c", p);
    if (!open_output(p == j->num_outputs ? &j->impl : &j->parts[p], path)) return false;
  }
  return true;
}

/* Finish writing: both files complete, then both in place. */
static bool finish_outputs(struct job *j) {
  struct output *bad = NULL;
  for (uint32_t p = 1; p < j->num_outputs && j->parts && !bad; p++)
    if (!close_output(&j->parts[p])) bad = &j->parts[p];
  if (bad) {
  } else if (!close_output(&j->impl)) bad = &j->impl;
  else if (!close_output(&j->c)) bad = &j->c;
  else if (!close_output(&j->h)) bad = &j->h;
  for (uint32_t p = 1; p < j->num_outputs && j->parts && !bad; p++)
    if (!commit_output(&j->parts[p])) bad = &j->parts[p];
  if (bad) {
  } else if (!commit_output(&j->impl)) bad = &j->impl;
  else if (!commit_output(&j->h)) bad = &j->h;
  else if (!commit_output(&j->c)) bad = &j->c;
  if (bad && !j->out_c)
    fprintf(stderr, "wasm2c-lite: error: cannot write to standard output: %s\n", strerror(errno));
  else if (bad)
    fprintf(stderr, "wasm2c-lite: error: cannot write '%s': %s\n", bad->path, strerror(errno));
  return !bad;
}

/* The value of option a (argv[*i]) when it is one of the spellings of
 * short/long: "-o X", "-oX", "--output X", "--output=X"; NULL if a is another
 * option.  A missing value is an error (*missing set). */
static const char *option_value(int argc, char **argv, int *i, const char *short_, const char *long_,
                                bool *missing) {
  const char *a = argv[*i];
  size_t ns = short_ ? strlen(short_) : 0, nl = strlen(long_);
  const char *v = NULL;
  if (short_ && strncmp(a, short_, ns) == 0) v = a + ns;
  else if (strncmp(a, long_, nl) == 0 && (a[nl] == '=' || a[nl] == '\0'))
    v = a[nl] == '=' ? a + nl + 1 : a + nl;
  else return NULL;
  if (*v == '\0' && a[nl] != '=') {
    if (*i + 1 >= argc) {
      *missing = true;
      return NULL;
    }
    v = argv[++*i];
  }
  if (*v == '\0') *missing = true;
  return v;
}

int main(int argc, char **argv) {
  struct job j = {.features = val_features_default};
  const char *in = NULL;
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i], *v;
    bool missing = false;
    enum feature_option fo;
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      print_usage(stdout);
      return 0;
    } else if (strcmp(a, "--version") == 0) {
      puts("wasm2c-lite " VERSION);
      return 0;
    } else if ((v = option_value(argc, argv, &i, "-o", "--output", &missing)) || missing) {
      if (missing) goto needs_value;
      j.out_c = v;
    } else if ((v = option_value(argc, argv, &i, "-n", "--module-name", &missing)) || missing) {
      if (missing) goto needs_value;
      j.name = v;
    } else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
      j.verbose = true;
    } else if (strcmp(a, "--no-line-directives") == 0) {
      j.no_lines = true;
    } else if (strcmp(a, "--line-directives") == 0) {
      j.no_lines = false;
    } else if ((v = option_value(argc, argv, &i, NULL, "--num-outputs", &missing)) || missing) {
      if (missing) goto needs_value;
      char *end;
      unsigned long n = strtoul(v, &end, 10);
      if (*end || n < 1 || n > W2L_MAX_OUTPUTS) {
        fprintf(stderr, "wasm2c-lite: error: --num-outputs wants a number from 1 to %d, not '%s'\n",
                W2L_MAX_OUTPUTS, v);
        return 2;
      }
      j.num_outputs = (uint32_t)n;
    } else if (strcmp(a, "--exe") == 0) {
      j.exe = true;
    } else if (strcmp(a, "--epoch") == 0) {
      j.interrupt |= EMIT_EPOCH;
    } else if (strcmp(a, "--fuel") == 0) {
      j.interrupt |= EMIT_FUEL;
    } else if ((fo = feature_option(&j.features, a)) != FEATURE_NOT_OPTION) {
      if (fo == FEATURE_UNKNOWN) {
        fprintf(stderr, "wasm2c-lite: error: unknown feature in '%s' (see wasm2c-lite --help)\n", a);
        return 2;
      }
    } else if (a[0] == '-' && a[1] != '\0') {
      fprintf(stderr, "wasm2c-lite: error: unknown option '%s'\n", a);
      print_usage(stderr);
      return 2;
    } else if (in) {
      fprintf(stderr, "wasm2c-lite: error: more than one input file\n");
      print_usage(stderr);
      return 2;
    } else {
      in = a;
    }
    continue;
  needs_value:
    fprintf(stderr, "wasm2c-lite: error: option '%.*s' needs a value (see wasm2c-lite --help)\n",
            (int)strcspn(a, "="), a);
    return 2;
  }
  if (!in) {
    fprintf(stderr, "wasm2c-lite: error: no input file\n");
    print_usage(stderr);
    return 2;
  }
  if (j.num_outputs > 1 && (!j.out_c || j.exe)) {
    fprintf(stderr, "wasm2c-lite: error: --num-outputs needs -o OUT.c (and no --exe)\n");
    return 2;
  }
  if (j.exe && !j.out_c) {
    fprintf(stderr, "wasm2c-lite: error: --exe needs -o PROGRAM (the executable to write)\n");
    return 2;
  }
  j.src.filename = in;
  FILE *f = strcmp(in, "-") == 0 ? stdin : fopen(in, "rb");
  if (!f || !read_all(f, &j.src)) {
    fprintf(stderr, "wasm2c-lite: error: cannot read '%s': %s\n", in, strerror(errno));
    return 1;
  }
  if (f != stdin) fclose(f);

  /* --exe: the C goes into a scratch directory, the program to out_c. */
  const char *program = j.out_c;
  char scratch[64] = "", module_c[96];
  if (j.exe) {
    const char *t = getenv("TMPDIR");
    snprintf(scratch, sizeof scratch, "%s/w2l-exe-XXXXXX", t && strlen(t) < 40 ? t : "/tmp");
    if (!mkdtemp(scratch)) {
      fprintf(stderr, "wasm2c-lite: error: cannot make a directory in %s: %s\n",
              t ? t : "/tmp", strerror(errno));
      return 1;
    }
    snprintf(module_c, sizeof module_c, "%s/module.c", scratch);
    j.out_c = module_c;
    j.no_lines = true;
  }
  if (!open_outputs(&j)) {
    fprintf(stderr, "wasm2c-lite: error: cannot write '%s': %s\n", j.out_c, strerror(errno));
    discard_output(&j.c);
    discard_output(&j.h);
    discard_output(&j.impl);
    for (uint32_t p = 1; p < j.num_outputs && j.parts; p++) discard_output(&j.parts[p]);
    free((void *)j.src.data);
    return 1;
  }

  diag.notes = stderr;
  int failed = diag_protect(compile, &j);
  if (failed) fprintf(stderr, "%s\n", diag.message);
  else failed = !finish_outputs(&j);
  discard_output(&j.c);
  discard_output(&j.h);
  discard_output(&j.impl);
  for (uint32_t p = 1; p < j.num_outputs && j.parts; p++) discard_output(&j.parts[p]);
  if (j.exe) {
    int built = failed ? 1 : exe_build(scratch, j.prefix, program, j.verbose);
    failed = built != 0;
    if (built != 2) { /* a failed C build keeps the C for inspection */
      char cmd[160];
      snprintf(cmd, sizeof cmd, "rm -rf '%s'", scratch);
      if (system(cmd) != 0) fprintf(stderr, "wasm2c-lite: cannot remove %s\n", scratch);
    }
  }
  arena_free(&j.arena);
  free((void *)j.src.data);
  return failed ? 1 : 0;
}
