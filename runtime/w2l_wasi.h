/* w2l_wasi.h - WASI preview 1 (wasi_snapshot_preview1) for translated modules.
 *
 * A w2l_wasi is one sandboxed "process" as the guest sees it: arguments,
 * environment, standard streams, the directories it was granted (preopens)
 * and its open files.  Every function of preview 1 is provided: args, environ,
 * clocks (incl. process/thread CPU time), random, every fd_* and path_*,
 * poll_oneoff (clock and fd subscriptions), proc_exit, proc_raise,
 * sched_yield, and sock_* on sockets the host handed in as descriptors.
 *
 *   w2l_wasi *w = w2l_wasi_new();
 *   w2l_wasi_set_args(w, argc, argv);
 *   w2l_wasi_inherit_env(w);                        // or w2l_wasi_add_env
 *   w2l_wasi_preopen(w, "data", "/data", false, &err); // grant a directory
 *   w2l_linker *l = w2l_linker_new();
 *   w2l_wasi_define(w, l);                          // wasi_snapshot_preview1.*
 *   w2l_instance *inst = w2l_linker_instantiate(l, &X_module, NULL, &err);
 *   int code = w2l_wasi_run(w, inst, &err);         // _start or _initialize
 *
 * The sandbox: the guest reaches files only through the preopened
 * directories, and nothing outside them: paths are resolved beneath the
 * preopen by the kernel (openat2 with RESOLVE_BENEATH) or, where the kernel
 * lacks it, by a component-wise walk that opens each step with O_NOFOLLOW and
 * follows symlinks itself; absolute paths, ".." above the preopen and
 * symlinks that lead out fail with ERRNO_NOTCAPABLE / ERRNO_PERM.  Rights
 * (preview 1's per-fd capability bits) are checked on every call and can
 * only shrink; a read-only grant carries no right to write, create, rename
 * or remove.  Guest pointers and lengths are checked against linear memory:
 * a bad one gives ERRNO_FAULT, never a host access outside it.
 *
 * Threads: a program's threads (wasi-threads, w2l_wasi_define_threads) share
 * its w2l_wasi; the descriptor table is guarded by a lock, stdio writes go to
 * the host descriptors in one write each, clocks and random keep no state.
 * The setup calls (set_args, preopen, ...) are for one thread, before running. */
#ifndef W2L_WASI_H
#define W2L_WASI_H

#include "w2l.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct w2l_wasi w2l_wasi;

/* A new context: no arguments, empty environment, stdin/stdout/stderr
 * inherited from the host (descriptors 0-2), no directories.  NULL when out
 * of memory.  Free with w2l_wasi_free (closes what the guest left open and
 * the preopens, never the host's inherited stdio). */
w2l_wasi *w2l_wasi_new(void);
void w2l_wasi_free(w2l_wasi *w);

/* argv as the guest sees it (argv[0] is the program name).  false: out of memory. */
bool w2l_wasi_set_args(w2l_wasi *w, int argc, const char *const *argv);
/* Add NAME=VALUE to the guest's environment. */
bool w2l_wasi_add_env(w2l_wasi *w, const char *name, const char *value);
/* Give the guest the host's whole environment (environ). */
bool w2l_wasi_inherit_env(w2l_wasi *w);

/* Grant the host directory host_dir to the guest as guest_path (e.g. "/",
 * "/data", "."), read-only or not.  Preopens get descriptors 3, 4, ... in the
 * order granted.  false with err filled if host_dir cannot be opened as a
 * directory. */
bool w2l_wasi_preopen(w2l_wasi *w, const char *host_dir, const char *guest_path, bool read_only,
                      w2l_error *err);

/* Standard stream fd (0, 1 or 2) of the guest: the host descriptor host_fd
 * (not closed by the context), or, with host_fd == -1, a buffer in memory
 * (output is kept; input reads as empty unless w2l_wasi_set_stdin_data set
 * it).  false if fd is not 0-2 or out of memory. */
bool w2l_wasi_set_stdio(w2l_wasi *w, int fd, int host_fd);
/* Input for a buffered stdin (copied). */
bool w2l_wasi_set_stdin_data(w2l_wasi *w, const void *data, size_t len);
/* What the guest wrote to a buffered stream fd (1 or 2) so far: a pointer
 * valid until the next call into the guest or the context, and its length. */
const char *w2l_wasi_output(const w2l_wasi *w, int fd, size_t *len);

/* Define every wasi_snapshot_preview1 function in l, bound to w.  false when
 * out of memory. */
bool w2l_wasi_define(w2l_wasi *w, w2l_linker *l);

/* wasi-threads: define "wasi" "thread-spawn" (param i32) (result i32) in l,
 * bound to w.  It instantiates the caller's module again through l (which must
 * define the shared memory the module imports: the new instance shares it),
 * on the calling thread, and runs its export "wasi_thread_start" (tid,
 * start_arg) on a new detached OS thread (W2L_THREAD_STACK_SIZE); it returns
 * the new thread's id (1, 2, ... unique, below 2^29) or -1 when the instance
 * or the thread cannot be made.  As wasi-threads specifies, a trap or a
 * proc_exit in a spawned thread ends the whole program: the process exits
 * (_exit) at once with 134 after printing the trap ("wasm trap in thread N:
 * ..."), or with proc_exit's code.  l and w must outlive the threads.
 * w2l_wasi_main does this by itself for a module that imports thread-spawn,
 * and creates the shared memories a module imports (wasm32-wasi-threads
 * programs import "env" "memory"), so such programs run with --exe as they
 * are.  false when out of memory. */
bool w2l_wasi_define_threads(w2l_wasi *w, w2l_linker *l);
/* How many threads thread-spawn started on w are still running: wait for 0
 * before freeing what they use (w, l, the instance's imports). */
uint32_t w2l_wasi_threads_running(const w2l_wasi *w);

/* Run a WASI program instance: its "_start" export (a command) or, if it has
 * none, "_initialize" (a reactor), in a protected call.  Returns the exit
 * code: proc_exit's (from any call depth: the call unwinds back here), 0 if
 * _start returns; or -1 with err filled when the program trapped
 * (err->trap, err->message) or has neither export.  err may be NULL. */
int w2l_wasi_run(w2l_wasi *w, w2l_instance *inst, w2l_error *err);

/* The main function of a native WASI program (what `wasm2c-lite X.wasm --exe`
 * builds): options first, then the program's arguments:
 *   --dir HOST[::GUEST]     grant HOST as GUEST (default: the same path)
 *   --ro-dir HOST[::GUEST]  the same, read-only
 *   --env NAME=VALUE        add to the (otherwise empty) environment
 *   --inherit-env           give the program the whole environment
 *   --                      ends the options
 * The options are read only if the first argument is one of them.  Returns
 * the program's exit code (134 after a trap, reported on stderr). */
int w2l_wasi_main(const w2l_module *m, int argc, char **argv);

/* The code of the last proc_exit (valid after a call trapped with W2L_TRAP_EXIT). */
int w2l_wasi_exit_code(const w2l_wasi *w);

#ifdef __cplusplus
}
#endif
#endif
