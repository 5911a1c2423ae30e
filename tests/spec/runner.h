/* runner.h - the spec runner (wast-runner): shared state of its three files.
 *
 *   runner.c  command line, per-file driver, crash isolation, report
 *   build.c   front end of every module of a script, C emission, one cc call
 *   exec.c    the commands themselves: spectest host, linking, actions, checks
 *   diff.c    --diff-wabt: text modules vs wat2wasm's binaries of them
 *
 * One script is run in two phases.  The parent process parses the script and
 * every module in it (assert_invalid / assert_malformed are decided there),
 * emits the C of every valid module with a unique prefix and compiles them all
 * into one shared object.  A child process then loads it and carries out the
 * commands in order, sending one result per command back through a pipe; if
 * the child crashes or hangs, the parent records that command as failed and
 * starts a new child after it.
 */
#ifndef W2L_RUNNER_H
#define W2L_RUNNER_H

#include "compiler.h"
#include "w2l.h"

/* Result kinds counted in the closing table, in its order. */
enum count_kind {
  CK_MODULE,
  CK_ASSERT_RETURN,
  CK_ASSERT_TRAP, /* assert_trap on an action, and assert_exception (no row of its own yet) */
  CK_ASSERT_EXHAUSTION,
  CK_ASSERT_INVALID,
  CK_ASSERT_MALFORMED,
  CK_ASSERT_UNLINKABLE,
  CK_ASSERT_UNINSTANTIABLE,
  CK_REGISTER,
  CK_ACTION,
  CK_TEXT_BINARY, /* --diff-wabt: a text module's IR equals that of wat2wasm's binary */
  CK_COUNT
};

extern const char *const count_names[CK_COUNT];

/* Outcome of one command. */
enum outcome {
  OUT_PENDING, /* not decided yet */
  OUT_PASS,    /* passed */
  OUT_FAIL,    /* failed; detail says why */
  OUT_NOT_RUN, /* could not run: the module it acts on failed (detail says which) */
};

/* Outcome of comparing a text module with wat2wasm's binary of it. */
enum diff_result {
  DIFF_NOT_COMPARED, /* not a text module, not accepted, or wat2wasm rejects it */
  DIFF_SAME,         /* identical IR dumps */
  DIFF_DIFFERENT,    /* they differ (or our binary reader rejects wabt's binary) */
};

/* What the front end made of a command's module. */
struct built {
  bool has_module;     /* the command carries a module */
  bool done;           /* the front end has finished with it (or crashed on it) */
  bool rejected;       /* parse or validation failed (message in error) */
  bool rejected_by_parser; /* rejected before validation */
  bool emitted;        /* C written to the work directory */
  bool compiled;       /* its C compiled (symbol is in some .so) */
  char prefix[16];     /* C prefix: "w<index>" */
  char *error;         /* front-end or cc error (malloc'ed), or NULL */
  int so;              /* which shared object holds it (index into run.sos) */
  enum diff_result diff; /* --diff-wabt outcome */
  char *diff_detail;   /* DIFF_DIFFERENT: how (malloc'ed) */
};

/* One command's result. */
struct result {
  enum outcome outcome; /* pass / fail / not run */
  char *detail;         /* failure detail (malloc'ed) or NULL */
  bool aborted;         /* the runner crashed or hung on it: skip it in replays */
};

/* Everything about one script run. */
struct run {
  const char *path;          /* script path as given */
  const char *name;          /* its base name, for messages */
  struct source src;         /* the script text */
  struct arena arena;        /* script commands and module IR */
  struct wast_script *script;/* parsed commands */
  struct built *built;       /* per command */
  struct result *results;    /* per command */
  char workdir[512];         /* temporary directory for C and .so files */
  char **sos;                /* shared object paths */
  int nsos;                  /* number of shared objects */
  uint32_t only_line;        /* --line N: report only the command at this line (0 = all) */
  bool verbose;              /* print extra detail */
  bool keep;                 /* keep the work directory */
  bool diff_wabt;            /* compare text modules with wat2wasm's binaries */
  unsigned interrupt;        /* emit_options.interrupt: --epoch, --fuel */
  struct val_features features; /* what the validator accepts (--disable-multi-memory...) */
  uint32_t diff_skipped;     /* --diff-wabt: accepted text modules not compared */
};

/* The kind a command is counted under. */
enum count_kind count_kind_of(const struct wast_command *c);
/* Short name of a command kind, for messages ("assert_return"). */
const char *command_name(const struct wast_command *c);
/* printf into a fresh malloc'ed string. */
char *xprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A result sent from a worker child to the parent, followed by len bytes. */
struct record {
  uint32_t index; /* command index */
  uint32_t code;  /* enum outcome (exec) or BUILT_* flags (build) */
  uint32_t len;   /* bytes of detail text that follow */
};

/* Send one record (detail may be NULL). */
void send_record(int fd, uint32_t index, uint32_t code, const char *detail);

/* Work split over child processes: work(r, start, fd) handles the pending
 * commands from start on, sending a record for each; apply() takes a record in
 * the parent (detail is malloc'ed, owned by apply); if a child crashes or hangs,
 * give_up() is told which command it was on, and a new child starts after it. */
struct supervisor {
  uint32_t end;                                            /* commands [0, end) */
  bool (*pending)(const struct run *r, uint32_t i);        /* still needs work? */
  void (*work)(struct run *r, uint32_t start, int fd);     /* in the child */
  void (*apply)(struct run *r, const struct record *rec, char *detail);
  void (*give_up)(struct run *r, uint32_t i, char *why);   /* why: malloc'ed */
};
void supervise(struct run *r, const struct supervisor *s);

/* build.c: front end and C compilation of every module of r->script.  Decides
 * assert_invalid / assert_malformed, fills r->built, writes r->sos.  Returns
 * false only if the work directory cannot be used. */
bool build_modules(struct run *r);

/* diff.c: compare the validated text module m of command i with what our
 * binary reader makes of wat2wasm's binary of the same text; *detail gets a
 * malloc'ed explanation when they differ. */
enum diff_result diff_text_binary(struct run *r, uint32_t i, const struct module *m,
                                  char **detail);

/* exec.c: carry out commands [start, ncommands) in a child process, commands
 * before start being replayed silently (skipping those already failed by a
 * crash); each decided result is sent as a record to fd. */
void exec_commands(struct run *r, uint32_t start, int fd);

#endif
