/* runner.c - wast-runner: run one .wast script through the whole pipeline.
 *
 *   wast-runner [--line N] [--keep] [--verbose] [--enable-F | --disable-F ...] [--diff-wabt] SCRIPT.wast
 *
 * Prints a FAIL line per failed command (file:line, the command, what was
 * expected and what happened), then "NAME.wast: P passed, F failed" and a
 * machine-readable "#counts" line (passed/failed per kind, in the order of
 * count_names) that tests/spec/run-spec.sh adds up.  Exit status 0 iff nothing
 * failed.  --line N reruns one command: everything before it is carried out
 * silently, then only the command(s) starting on line N are reported, with the
 * work directory (emitted C, cc log, .so) kept for inspection.
 * --enable-FEATURE / --disable-FEATURE (compiler/features.def; defaults as for
 * wasm2c-lite): --disable-multi-memory validates by the 2.0 rule (one memory
 * at most), which the official 2.0 testsuite checks; --disable-multi-table by
 * the 1.0 rule (one table at most), which the scripts of proposals forked
 * from 1.0 (proposals/threads) check.  --no-multi-memory and --no-multi-table
 * are the older spellings of those two.
 * --diff-wabt adds one check per accepted text module (see diff.c), counted
 * as "text=binary"; "#diffskip N" says how many could not be compared.
 *
 * Environment: W2L_CC and W2L_CFLAGS say how to compile emitted C (as in make
 * test); W2L_SPEC_TMP (else TMPDIR, else /tmp) holds the work directories;
 * W2L_SPEC_TIMEOUT is the seconds a command may run before it counts as hung
 * (default 10; assert_exhaustion gets at most 5).
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "runner.h"

const char *const count_names[CK_COUNT] = {
    "module",           "assert_return",     "assert_trap",      "assert_exhaustion",
    "assert_invalid",   "assert_malformed",  "assert_unlinkable", "assert_uninstantiable",
    "register",         "action",            "text=binary",
};

enum count_kind count_kind_of(const struct wast_command *c) {
  switch (c->kind) {
  case WAST_MODULE:
  case WAST_MODULE_INSTANCE: return CK_MODULE;
  case WAST_REGISTER: return CK_REGISTER;
  case WAST_ACTION: return CK_ACTION;
  case WAST_ASSERT_RETURN: return CK_ASSERT_RETURN;
  case WAST_ASSERT_TRAP:
  case WAST_ASSERT_EXCEPTION: return CK_ASSERT_TRAP; /* no row of its own yet */
  case WAST_ASSERT_EXHAUSTION: return CK_ASSERT_EXHAUSTION;
  case WAST_ASSERT_INVALID: return CK_ASSERT_INVALID;
  case WAST_ASSERT_MALFORMED: return CK_ASSERT_MALFORMED;
  case WAST_ASSERT_UNLINKABLE: return CK_ASSERT_UNLINKABLE;
  case WAST_ASSERT_UNINSTANTIABLE: return CK_ASSERT_UNINSTANTIABLE;
  }
  return CK_ACTION;
}

const char *command_name(const struct wast_command *c) {
  if (c->kind == WAST_ACTION) return c->action.is_get ? "get" : "invoke";
  return count_names[count_kind_of(c)];
}

char *xprintf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  int n = vsnprintf(NULL, 0, fmt, ap);
  va_end(ap);
  char *s = malloc(n > 0 ? (size_t)n + 1 : 1);
  if (!s) abort();
  va_start(ap, fmt);
  vsnprintf(s, n > 0 ? (size_t)n + 1 : 1, fmt, ap);
  va_end(ap);
  return s;
}

static const char usage[] =
    "usage: wast-runner [--line N] [--keep] [--verbose] [--enable-FEATURE] [--disable-FEATURE]\n"
    "                   [--diff-wabt] [--epoch] [--fuel] SCRIPT.wast\n"
    "Run a WebAssembly script: every module through wasm2c-lite and the C compiler.\n"
    "  --line N    rerun the command on line N (earlier commands run silently)\n"
    "  --keep      keep the work directory (emitted C, cc log, shared objects)\n"
    "  --verbose   more detail on failures and notes\n"
    "  --enable-FEATURE, --disable-FEATURE, --enable-all, --disable-all\n"
    "              what the validator accepts, as for wasm2c-lite (see its --help;\n"
    "              --disable-multi-memory validates as 2.0 does, --disable-multi-table\n"
    "              as 1.0 does; --no-multi-memory and --no-multi-table are the same)\n"
    "  --diff-wabt        also check that each text module and wat2wasm's binary\n"
    "                     of it read to the same IR (counted as text=binary)\n"
    "  --epoch, --fuel    translate with the interruption checks (unlimited budget)\n";

static bool read_file(const char *path, struct source *src) {
  FILE *f = fopen(path, "rb");
  if (!f) return false;
  size_t cap = 1 << 16, n = 0;
  uint8_t *buf = malloc(cap);
  while (buf) {
    if (n == cap) {
      uint8_t *nb = realloc(buf, cap *= 2);
      if (!nb) break;
      buf = nb;
    }
    size_t got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (got == 0) {
      fclose(f);
      src->data = buf;
      src->size = n;
      return true;
    }
  }
  free(buf);
  fclose(f);
  return false;
}

static void parse_script(void *arg) {
  struct run *r = arg;
  r->script = wast_parse(&r->arena, &r->src);
}

/* One line of source starting at pos, for FAIL messages. */
static void print_source_line(const struct run *r, size_t pos) {
  size_t e = pos;
  while (e < r->src.size && r->src.data[e] != '\n' && e - pos < 110) e++;
  printf("%.*s%s", (int)(e - pos), (const char *)r->src.data + pos,
         e < r->src.size && r->src.data[e] != '\n' ? "..." : "");
}

static bool reported(const struct run *r, const struct wast_command *c) {
  return !r->only_line || c->line == r->only_line;
}

/* Print failures and totals; returns the number of failures. */
/* Index of the module command that command i acts on: its own module, the
 * named one, or the latest; ncommands if none. */
static uint32_t target_module(const struct run *r, uint32_t i) {
  const struct wast_command *c = &r->script->commands[i];
  const char *name = c->kind == WAST_REGISTER ? c->register_module : c->action.module;
  if (r->built[i].has_module) return i;
  for (uint32_t k = i; k-- > 0;) {
    const struct wast_command *m = &r->script->commands[k];
    if (m->kind != WAST_MODULE) continue;
    if (!name || (m->module.name && strcmp(m->module.name, name) == 0)) return k;
  }
  return r->script->ncommands;
}

/* --line: where to look at the C of the module a command uses. */
static void print_module_files(const struct run *r, uint32_t i) {
  uint32_t k = target_module(r, i);
  if (k >= r->script->ncommands || !r->built[k].emitted) return;
  printf("    module of line %u: %s/%s.c\n", r->script->commands[k].line, r->workdir,
         r->built[k].prefix);
}

/* The closing lines every script has: "NAME: P passed, F failed, N not run",
 * then the per-kind counts for run-spec.sh ("#counts" pass/fail pairs,
 * "#notrun"). */
static void print_totals(const char *name, const int *pass, const int *fail, const int *notrun) {
  int np = 0, nf = 0, nn = 0;
  for (int k = 0; k < CK_COUNT; k++) np += pass[k], nf += fail[k], nn += notrun[k];
  printf("%s: %d passed, %d failed, %d not run\n#counts", name, np, nf, nn);
  for (int k = 0; k < CK_COUNT; k++) printf(" %d %d", pass[k], fail[k]);
  printf("\n#notrun");
  for (int k = 0; k < CK_COUNT; k++) printf(" %d", notrun[k]);
  printf("\n");
}

static int report(struct run *r) {
  int pass[CK_COUNT] = {0}, fail[CK_COUNT] = {0}, notrun[CK_COUNT] = {0};
  int npass = 0, nfail = 0, nnotrun = 0;
  for (uint32_t i = 0; i < r->script->ncommands; i++) {
    const struct wast_command *c = &r->script->commands[i];
    const struct result *res = &r->results[i];
    if (!reported(r, c)) continue;
    enum count_kind k = count_kind_of(c);
    if (res->outcome == OUT_PASS) {
      pass[k]++, npass++;
      if (r->only_line) {
        printf("PASS %s:%u: %s\n", r->name, c->line, command_name(c));
        print_module_files(r, i);
      }
      continue;
    }
    if (res->outcome == OUT_NOT_RUN) {
      notrun[k]++, nnotrun++;
      if (r->only_line) printf("NOT RUN %s:%u: %s\n", r->name, c->line, res->detail);
      continue;
    }
    fail[k]++, nfail++;
    printf("FAIL %s:%u: ", r->name, c->line);
    print_source_line(r, c->pos);
    printf("\n    %s\n", res->detail ? res->detail : "not run");
    if (r->only_line) print_module_files(r, i);
  }
  for (uint32_t i = 0; i < r->script->ncommands; i++) {
    const struct built *b = &r->built[i];
    if (!reported(r, &r->script->commands[i]) || b->diff == DIFF_NOT_COMPARED) continue;
    if (b->diff == DIFF_SAME) {
      pass[CK_TEXT_BINARY]++, npass++;
      continue;
    }
    fail[CK_TEXT_BINARY]++, nfail++;
    printf("FAIL %s:%u: ", r->name, r->script->commands[i].line);
    print_source_line(r, r->script->commands[i].pos);
    printf("\n    %s\n", b->diff_detail ? b->diff_detail : "text and binary differ");
  }
  if (r->diff_wabt) printf("#diffskip %u\n", r->diff_skipped);
  print_totals(r->name, pass, fail, notrun);
  return nfail + nnotrun;
}

/* The kind of the top-level form whose keyword starts at s (len bytes left). */
static enum count_kind form_kind(const uint8_t *s, size_t len) {
  static const struct {
    const char *word;
    enum count_kind kind;
  } words[] = {{"module", CK_MODULE},
               {"assert_return", CK_ASSERT_RETURN},
               {"assert_trap", CK_ASSERT_TRAP},
               {"assert_exception", CK_ASSERT_TRAP},
               {"assert_exhaustion", CK_ASSERT_EXHAUSTION},
               {"assert_invalid", CK_ASSERT_INVALID},
               {"assert_malformed", CK_ASSERT_MALFORMED},
               {"assert_unlinkable", CK_ASSERT_UNLINKABLE},
               {"assert_uninstantiable", CK_ASSERT_UNINSTANTIABLE},
               {"register", CK_REGISTER}};
  size_t n = 0;
  while (n < len && (s[n] == '_' || s[n] == '.' || (s[n] >= 'a' && s[n] <= 'z'))) n++;
  for (size_t i = 0; i < sizeof words / sizeof *words; i++)
    if (n == strlen(words[i].word) && memcmp(s, words[i].word, n) == 0) return words[i].kind;
  return CK_ACTION; /* invoke, get, and commands of later proposals */
}

/* A script that does not parse runs nothing: count its top-level forms by
 * kind as not run (a scan of parentheses that knows strings and comments). */
static void count_unparsed(const struct source *src, int *notrun) {
  const uint8_t *p = src->data;
  size_t n = src->size, depth = 0;
  for (size_t i = 0; i < n; i++) {
    if (p[i] == ';' && i + 1 < n && p[i + 1] == ';') {
      while (i < n && p[i] != '\n') i++;
    } else if (p[i] == '(' && i + 1 < n && p[i + 1] == ';') {
      size_t nest = 1;
      for (i += 2; i < n && nest; i++) {
        if (p[i] == '(' && i + 1 < n && p[i + 1] == ';') nest++, i++;
        else if (p[i] == ';' && i + 1 < n && p[i + 1] == ')') nest--, i++;
      }
      i--;
    } else if (p[i] == '"') {
      for (i++; i < n && p[i] != '"'; i++)
        if (p[i] == '\\') i++;
    } else if (p[i] == '(') {
      if (depth++ == 0) notrun[form_kind(p + i + 1, n - i - 1)]++;
    } else if (p[i] == ')' && depth) {
      depth--;
    }
  }
}

/* ------------------------------------------------------------------------ */
/* Supervision: children do the work; a crash or hang is charged to one      */
/* command and a new child resumes after it.                                 */
/* ------------------------------------------------------------------------ */

void send_record(int fd, uint32_t index, uint32_t code, const char *detail) {
  struct record rec = {index, code, detail ? (uint32_t)strlen(detail) : 0};
  const uint8_t *parts[2] = {(const uint8_t *)&rec, (const uint8_t *)detail};
  size_t lens[2] = {sizeof rec, rec.len};
  for (int i = 0; i < 2; i++)
    for (size_t off = 0; off < lens[i];) {
      ssize_t n = write(fd, parts[i] + off, lens[i] - off);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) _exit(3); /* the parent is gone */
      off += (size_t)n;
    }
}

static bool read_full(int fd, void *buf, size_t n, int timeout_ms) {
  uint8_t *p = buf;
  while (n) {
    struct pollfd pfd = {.fd = fd, .events = POLLIN};
    int rc = poll(&pfd, 1, timeout_ms);
    if (rc < 0 && errno == EINTR) continue;
    if (rc <= 0) return false;
    ssize_t got = read(fd, p, n);
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return false;
    p += got, n -= (size_t)got;
  }
  return true;
}

/* Milliseconds command i may take: W2L_SPEC_TIMEOUT seconds (default 10); an
 * assert_exhaustion at most 5 s (running out of a few MiB of stack is quick; a
 * recursion compiled into a loop would otherwise cost the full limit). */
static int timeout_ms(const struct run *r, uint32_t i) {
  const char *t = getenv("W2L_SPEC_TIMEOUT");
  int ms = (t && atoi(t) > 0 ? atoi(t) : 10) * 1000;
  if (i < r->script->ncommands && r->script->commands[i].kind == WAST_ASSERT_EXHAUSTION &&
      ms > 5000)
    ms = 5000;
  return ms;
}

static uint32_t first_pending(struct run *r, const struct supervisor *s, uint32_t i) {
  while (i < s->end && !s->pending(r, i)) i++;
  return i;
}

/* Read records until the child closes the pipe; false if it went quiet for
 * longer than the pending command may take (its limit is put in *tmo). */
static bool collect(struct run *r, const struct supervisor *s, uint32_t start, int fd, int *tmo) {
  struct record rec;
  for (;;) {
    struct pollfd pfd = {.fd = fd, .events = POLLIN};
    start = first_pending(r, s, start); /* records come in order */
    *tmo = timeout_ms(r, start);
    int rc = poll(&pfd, 1, *tmo);
    if (rc < 0 && errno == EINTR) continue;
    if (rc == 0) return false;
    if (!read_full(fd, &rec, sizeof rec, *tmo)) return true;
    char *detail = NULL;
    if (rec.len) {
      detail = malloc((size_t)rec.len + 1);
      if (!detail || !read_full(fd, detail, rec.len, *tmo)) {
        free(detail);
        return true;
      }
      detail[rec.len] = '\0';
    }
    if (rec.index < s->end) s->apply(r, &rec, detail);
    else free(detail);
  }
}

void supervise(struct run *r, const struct supervisor *s) {
  int tmo = 0;
  for (uint32_t start = 0; (start = first_pending(r, s, start)) < s->end;) {
    int fds[2];
    fflush(stdout);
    if (pipe(fds) != 0) break;
    pid_t pid = fork();
    if (pid < 0) break;
    if (pid == 0) {
      close(fds[0]);
      s->work(r, start, fds[1]);
      _exit(0);
    }
    close(fds[1]);
    bool hung = !collect(r, s, start, fds[0], &tmo);
    int status = 0;
    if (hung) kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    close(fds[0]);
    uint32_t at = first_pending(r, s, start);
    if (at >= s->end) break;
    if (hung) s->give_up(r, at, xprintf("timed out after %d s (killed)", tmo / 1000));
    else if (WIFSIGNALED(status)) s->give_up(r, at, xprintf("crashed: %s", strsignal(WTERMSIG(status))));
    else s->give_up(r, at, xprintf("runner stopped (exit status %d)", WEXITSTATUS(status)));
    start = at + 1;
  }
}

static bool exec_pending(const struct run *r, uint32_t i) {
  return r->results[i].outcome == OUT_PENDING;
}

static void exec_apply(struct run *r, const struct record *rec, char *detail) {
  struct result *res = &r->results[rec->index];
  res->outcome = (enum outcome)rec->code;
  free(res->detail);
  res->detail = detail;
}

static void exec_give_up(struct run *r, uint32_t i, char *why) {
  struct result *res = &r->results[i];
  res->outcome = OUT_FAIL;
  free(res->detail);
  res->detail = why;
  res->aborted = true;
}

/* Last command index to carry out (+1): everything, or up to line N. */
static uint32_t exec_end(const struct run *r) {
  uint32_t n = r->script->ncommands;
  if (!r->only_line) return n;
  uint32_t end = 0;
  for (uint32_t i = 0; i < n; i++)
    if (r->script->commands[i].line <= r->only_line) end = i + 1;
  return end;
}

static void run_commands(struct run *r) {
  struct supervisor s = {exec_end(r), exec_pending, exec_commands, exec_apply, exec_give_up};
  supervise(r, &s);
}

/* ------------------------------------------------------------------------ */

static void remove_workdir(struct run *r) {
  if (!r->workdir[0]) return;
  char *cmd = xprintf("rm -rf '%s'", r->workdir);
  if (system(cmd) != 0) fprintf(stderr, "wast-runner: cannot remove %s\n", r->workdir);
  free(cmd);
}

/* Release everything the parent holds (so leak checkers stay quiet). */
static void free_run(struct run *r) {
  for (uint32_t i = 0; i < r->script->ncommands; i++) {
    free(r->results[i].detail);
    free(r->built[i].error);
    free(r->built[i].diff_detail);
  }
  for (int k = 0; k < r->nsos; k++) free(r->sos[k]);
  free(r->sos);
  free(r->results);
  free(r->built);
  arena_free(&r->arena);
  free((void *)r->src.data);
}

int main(int argc, char **argv) {
  struct run r = {.features = val_features_default};
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    enum feature_option fo;
    if (strcmp(a, "--line") == 0 && i + 1 < argc) {
      r.only_line = (uint32_t)strtoul(argv[++i], NULL, 10);
      r.keep = r.verbose = true;
    } else if (strcmp(a, "--no-multi-memory") == 0) { /* old spellings */
      r.features.multi_memory = false;
    } else if (strcmp(a, "--no-multi-table") == 0) {
      r.features.multi_table = false;
    } else if ((fo = feature_option(&r.features, a)) != FEATURE_NOT_OPTION) {
      if (fo == FEATURE_UNKNOWN) {
        fprintf(stderr, "wast-runner: unknown feature in '%s'\n", a);
        return 2;
      }
    } else if (strcmp(a, "--diff-wabt") == 0) {
      r.diff_wabt = true;
    } else if (strcmp(a, "--epoch") == 0) {
      r.interrupt |= EMIT_EPOCH;
    } else if (strcmp(a, "--fuel") == 0) {
      r.interrupt |= EMIT_FUEL;
    } else if (strcmp(a, "--keep") == 0) {
      r.keep = true;
    } else if (strcmp(a, "--verbose") == 0 || strcmp(a, "-v") == 0) {
      r.verbose = true;
    } else if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      fputs(usage, stdout);
      return 0;
    } else if (a[0] == '-' || r.path) {
      fputs(usage, stderr);
      return 2;
    } else {
      r.path = a;
    }
  }
  if (!r.path) {
    fputs(usage, stderr);
    return 2;
  }
  const char *slash = strrchr(r.path, '/');
  r.name = slash ? slash + 1 : r.path;
  r.src.filename = r.name;
  r.src.is_text = true;
  if (!read_file(r.path, &r.src)) {
    fprintf(stderr, "wast-runner: cannot read '%s': %s\n", r.path, strerror(errno));
    return 2;
  }
  if (diag_protect(parse_script, &r)) {
    /* Nothing in a script that does not parse runs: all of it is "not run". */
    int none[CK_COUNT] = {0}, notrun[CK_COUNT] = {0};
    printf("NOT RUN %s: the script does not parse:\n%s\n", r.name, diag.message);
    count_unparsed(&r.src, notrun);
    print_totals(r.name, none, none, notrun);
    arena_free(&r.arena);
    free((void *)r.src.data);
    return 1;
  }
  uint32_t n = r.script->ncommands;
  if (r.only_line) {
    uint32_t at = 0;
    while (at < n && r.script->commands[at].line != r.only_line) at++;
    if (at == n) {
      fprintf(stderr, "wast-runner: no command starts on line %u of %s\n", r.only_line, r.name);
      arena_free(&r.arena);
      free((void *)r.src.data);
      return 2;
    }
  }
  r.built = calloc(n ? n : 1, sizeof *r.built);
  r.results = calloc(n ? n : 1, sizeof *r.results);
  if (!r.built || !r.results) return 2;
  if (!build_modules(&r)) return 2;
  run_commands(&r);
  if (r.keep) printf("work directory kept: %s\n", r.workdir);
  else remove_workdir(&r);
  int failed = report(&r);
  free_run(&r);
  return failed ? 1 : 0;
}
