/* build.c - every module of a script through the front end, then one cc call.
 *
 * Each module is read (text range, quoted text or binary), validated and, if
 * it is meant to be instantiated, emitted to WORKDIR/w<index>.c with the C
 * prefix w<index>.  All of a script's modules are then compiled as one
 * translation unit (all.c includes them) by a single "$W2L_CC $W2L_CFLAGS
 * -shared -fPIC" call into one shared object; only if that fails is each
 * module compiled on its own, to tell which one is at fault.  W2L_SPEC_CFLAGS,
 * if set, replaces W2L_CFLAGS.
 * The front end runs in child processes (see supervise), so a crash in it
 * costs one module, not the script.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "runner.h"

enum {
  BUILT_PARSED = 1,  /* the module was read */
  BUILT_VALID = 2,   /* and validated */
  BUILT_EMITTED = 4, /* and its C written */
  BUILT_DIFF_SAME = 8,       /* --diff-wabt: same IR from wat2wasm's binary */
  BUILT_DIFF_DIFFERENT = 16, /* --diff-wabt: different (detail says how) */
};

/* Commands whose module must be instantiated (so compiled). */
static bool wants_code(const struct wast_command *c) {
  return c->kind == WAST_MODULE || c->kind == WAST_ASSERT_UNLINKABLE ||
         c->kind == WAST_ASSERT_UNINSTANTIABLE;
}

static bool has_module(const struct wast_command *c) {
  return wants_code(c) || c->kind == WAST_ASSERT_INVALID || c->kind == WAST_ASSERT_MALFORMED;
}

struct fe_job {
  struct run *r;            /* the run */
  uint32_t index;           /* command index */
  struct arena arena;       /* this module's IR */
  struct source src;        /* binary or quoted text; the script for text modules */
  unsigned flags;           /* BUILT_* reached so far */
  FILE *out;                /* the .c being written */
  char *diff_detail;        /* BUILT_DIFF_DIFFERENT: how (malloc'ed) */
};

static void front_end(void *arg) {
  struct fe_job *j = arg;
  const struct wast_command *c = &j->r->script->commands[j->index];
  const struct wast_module *wm = &c->module;
  struct module *m;
  if (wm->form == WAST_TEXT && wm->fields_only)
    m = wat_parse_module(&j->arena, &j->r->src);
  else if (wm->form == WAST_TEXT)
    m = wat_parse_module_range(&j->arena, &j->r->src, wm->start, wm->end);
  else if (wm->form == WAST_QUOTE)
    m = wat_parse_module(&j->arena, &j->src);
  else
    m = bin_read_module(&j->arena, &j->src);
  j->flags |= BUILT_PARSED;
  val_module(m, &j->r->features);
  j->flags |= BUILT_VALID;
  if (j->r->diff_wabt && wm->form == WAST_TEXT) {
    enum diff_result d = diff_text_binary(j->r, j->index, m, &j->diff_detail);
    j->flags |= d == DIFF_SAME ? BUILT_DIFF_SAME : d == DIFF_DIFFERENT ? BUILT_DIFF_DIFFERENT : 0;
  }
  if (!wants_code(c)) return;
  char *path = xprintf("%s/%s.c", j->r->workdir, j->r->built[j->index].prefix);
  j->out = fopen(path, "w");
  free(path);
  if (!j->out) diag_error(NULL, 0, "cannot write the module's C in %s", j->r->workdir);
  struct emit_options opt = {
      .prefix = j->r->built[j->index].prefix, .header_name = NULL, .interrupt = j->r->interrupt};
  emit_module(m, &opt, j->out, NULL);
  if (fclose(j->out) != 0) {
    j->out = NULL;
    diag_error(NULL, 0, "cannot write the module's C in %s", j->r->workdir);
  }
  j->out = NULL;
  j->flags |= BUILT_EMITTED;
}

static void build_work(struct run *r, uint32_t start, int fd) {
  char name[600];
  for (uint32_t i = start; i < r->script->ncommands; i++) {
    const struct wast_command *c = &r->script->commands[i];
    if (!r->built[i].has_module || r->built[i].done) continue;
    struct fe_job j = {.r = r, .index = i};
    snprintf(name, sizeof name, "%s:%u", r->name, c->line);
    j.src.filename = name;
    j.src.data = c->module.bytes.data;
    j.src.size = c->module.bytes.len;
    j.src.is_text = c->module.form != WAST_BINARY;
    int failed = diag_protect(front_end, &j);
    if (j.out) fclose(j.out);
    if (failed) j.flags &= ~(unsigned)(BUILT_DIFF_SAME | BUILT_DIFF_DIFFERENT);
    send_record(fd, i, j.flags, failed ? diag.message : j.diff_detail);
    free(j.diff_detail);
    arena_free(&j.arena);
  }
}

static bool build_pending(const struct run *r, uint32_t i) {
  return r->built[i].has_module && !r->built[i].done;
}

static void build_apply(struct run *r, const struct record *rec, char *detail) {
  struct built *b = &r->built[rec->index];
  b->done = true;
  b->rejected = !(rec->code & BUILT_VALID);
  b->rejected_by_parser = !(rec->code & BUILT_PARSED);
  b->emitted = rec->code & BUILT_EMITTED;
  b->diff = rec->code & BUILT_DIFF_SAME        ? DIFF_SAME
            : rec->code & BUILT_DIFF_DIFFERENT ? DIFF_DIFFERENT
                                               : DIFF_NOT_COMPARED;
  free(b->error);
  free(b->diff_detail);
  b->error = b->diff_detail = NULL;
  if (b->diff == DIFF_DIFFERENT && !b->rejected) b->diff_detail = detail;
  else b->error = detail;
  if (r->diff_wabt && b->diff == DIFF_NOT_COMPARED && !b->rejected &&
      r->script->commands[rec->index].module.form == WAST_TEXT)
    r->diff_skipped++;
}

static void build_give_up(struct run *r, uint32_t i, char *why) {
  struct built *b = &r->built[i];
  b->done = true;
  free(b->error);
  b->error = xprintf("front end %s", why);
  free(why);
}

/* The lines of a cc log that mention "error" (else its first lines), malloc'ed. */
static char *cc_errors(const char *log_path, bool keep) {
  char line[512], out[1200] = "";
  size_t len = 0;
  FILE *f = fopen(log_path, "r");
  if (!f) return xprintf("C compiler failed (no log %s)", log_path);
  for (int pass = 0; pass < 2 && len == 0; pass++) {
    rewind(f);
    for (int picked = 0; picked < 4 && fgets(line, sizeof line, f);) {
      if (pass == 0 && !strstr(line, "error")) continue;
      size_t n = strlen(line);
      if (len + n + 5 >= sizeof out) break;
      len += (size_t)snprintf(out + len, sizeof out - len, "    %s", line);
      picked++;
    }
  }
  fclose(f);
  if (len && out[len - 1] == '\n') out[--len] = '\0';
  if (keep) return xprintf("C compiler failed (log %s):\n%s", log_path, out);
  return xprintf("C compiler failed (rerun with --keep to see all):\n%s", out);
}

/* Flags for emitted C: W2L_SPEC_CFLAGS, else W2L_CFLAGS, else defaults that
 * find the runtime header beside the runner (BUILD/include). */
static const char *cflags(void) {
  static char defaults[1200];
  const char *f = getenv("W2L_SPEC_CFLAGS");
  if (!f) f = getenv("W2L_CFLAGS");
  if (f) return f;
  if (!defaults[0]) {
    char exe[1024];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = '\0';
    char *slash = strrchr(exe, '/');
    if (slash) *slash = '\0';
    snprintf(defaults, sizeof defaults, "-std=c11 -O2 -DW2L_BOUNDS=%d -I'%s/include'",
             W2L_BOUNDS, exe);
  }
  return defaults;
}

/* cc FILES -o SO (with libm, which emitted float code may call); true on success. */
static bool cc(const char *so, const char *files, const char *log) {
  const char *compiler = getenv("W2L_CC");
  char *cmd = xprintf("%s %s -shared -fPIC -o '%s' %s -lm >'%s' 2>&1",
                      compiler && *compiler ? compiler : "cc", cflags(), so, files, log);
  int rc = system(cmd);
  free(cmd);
  return rc == 0;
}

static int add_so(struct run *r, char *path) {
  r->sos = realloc(r->sos, (size_t)(r->nsos + 1) * sizeof *r->sos);
  if (!r->sos) abort();
  r->sos[r->nsos] = path;
  return r->nsos++;
}

/* Write WORKDIR/all.c, one translation unit that includes every emitted module
 * (their file-scope names all carry their own prefix); returns how many. */
static uint32_t write_all_c(struct run *r, const char *path) {
  uint32_t count = 0;
  FILE *f = fopen(path, "w");
  if (!f) return 0;
  fprintf(f, "/* Every module of %s, compiled as one unit. */\n", r->name);
  for (uint32_t i = 0; i < r->script->ncommands; i++)
    if (r->built[i].emitted) {
      fprintf(f, "#include \"%s.c\"\n", r->built[i].prefix);
      count++;
    }
  return fclose(f) == 0 ? count : 0;
}

static void compile_all(struct run *r) {
  uint32_t n = r->script->ncommands;
  char *all = xprintf("%s/all.c", r->workdir), *quoted = xprintf("'%s'", all);
  char *so = xprintf("%s/modules.so", r->workdir), *log = xprintf("%s/cc.log", r->workdir);
  uint32_t count = write_all_c(r, all);
  if (count && cc(so, quoted, log)) {
    int k = add_so(r, so);
    for (uint32_t i = 0; i < n; i++)
      if (r->built[i].emitted) r->built[i].compiled = true, r->built[i].so = k;
    so = NULL;
  } else {
    /* One at a time, to find the culprits. */
    for (uint32_t i = 0; i < n; i++) {
      struct built *b = &r->built[i];
      if (!b->emitted) continue;
      char *one_so = xprintf("%s/%s.so", r->workdir, b->prefix);
      char *one_log = xprintf("%s/%s.log", r->workdir, b->prefix);
      char *one_c = xprintf("'%s/%s.c'", r->workdir, b->prefix);
      if (cc(one_so, one_c, one_log)) {
        b->compiled = true;
        b->so = add_so(r, one_so);
        one_so = NULL;
      } else {
        free(b->error);
        b->error = cc_errors(one_log, r->keep);
      }
      free(one_so);
      free(one_log);
      free(one_c);
    }
  }
  free(so);
  free(log);
  free(all);
  free(quoted);
}

/* Decide the assertions about the front end; fail modules that did not build. */
static void decide(struct run *r) {
  for (uint32_t i = 0; i < r->script->ncommands; i++) {
    const struct wast_command *c = &r->script->commands[i];
    struct built *b = &r->built[i];
    struct result *res = &r->results[i];
    if (!b->has_module) continue;
    if (c->kind == WAST_ASSERT_INVALID || c->kind == WAST_ASSERT_MALFORMED) {
      if (b->rejected) {
        res->outcome = OUT_PASS;
        if (r->verbose && c->kind == WAST_ASSERT_INVALID && b->rejected_by_parser)
          printf("NOTE %s:%u: assert_invalid module rejected by the reader, not the "
                 "validator:\n%s\n", r->name, c->line, b->error ? b->error : "");
      } else {
        res->outcome = OUT_FAIL;
        res->detail = xprintf("expected the module to be rejected (%s: \"%s\"), but it %s",
                              c->kind == WAST_ASSERT_INVALID ? "invalid" : "malformed",
                              c->text, b->done ? "was accepted" : "was not checked");
      }
    } else if (!b->compiled) {
      res->outcome = OUT_FAIL;
      if (b->rejected)
        res->detail = xprintf("the module was rejected:\n%s", b->error ? b->error : "?");
      else if (!b->emitted)
        res->detail = xprintf("the module could not be emitted:\n%s", b->error ? b->error : "?");
      else
        res->detail = xprintf("%s", b->error ? b->error : "C compile failed");
    }
  }
}

bool build_modules(struct run *r) {
  const char *tmp = getenv("W2L_SPEC_TMP");
  if (!tmp || !*tmp) tmp = getenv("TMPDIR");
  if (!tmp || !*tmp) tmp = "/tmp";
  snprintf(r->workdir, sizeof r->workdir, "%s/w2l-spec-XXXXXX", tmp);
  if (!mkdtemp(r->workdir)) {
    fprintf(stderr, "wast-runner: cannot create a work directory in %s\n", tmp);
    r->workdir[0] = '\0';
    return false;
  }
  for (uint32_t i = 0; i < r->script->ncommands; i++) {
    struct built *b = &r->built[i];
    b->has_module = has_module(&r->script->commands[i]);
    snprintf(b->prefix, sizeof b->prefix, "w%u", i);
  }
  struct supervisor s = {r->script->ncommands, build_pending, build_work, build_apply,
                         build_give_up};
  supervise(r, &s);
  compile_all(r);
  decide(r);
  return true;
}
