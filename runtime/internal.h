/* internal.h - what the runtime's files share with each other (not installed).
 * Everything here is prefixed rt_. */
#ifndef W2L_INTERNAL_H
#define W2L_INTERNAL_H
#include "w2l.h"
#include "w2l_wasi.h"

/* trap.c: whether a protected call is active on this thread (signal-safe). */
bool rt_protect_active(void);
/* trap.c: whether addr (of a fault) is at the end of this thread's stack: a
 * native stack overflow (signal-safe; known once a protected call ran). */
bool rt_fault_on_stack_end(uintptr_t addr);
/* trap.c: raise t from a signal handler running on the faulting thread. */
W2L_NORETURN void rt_trap_from_signal(w2l_trap t);

/* memory.c: per-thread setup for the outermost protected call (guard mode:
 * make sure the thread has an alternate signal stack once memories exist). */
void rt_thread_setup(void);

/* memory.c: a growth limit for memories created on this thread while it is
 * not UINT64_MAX (set around instantiation by the linker). */
extern _Thread_local uint64_t rt_new_memory_limit;

/* quota.c: the quota that memories and tables created on this thread charge
 * (NULL: none), set around instantiation; and why the last memory or table
 * could not be had on this thread (a quota, guard mode's reservation). */
extern _Thread_local w2l_quota *rt_new_quota;
/* quota.c: the quota of instances created on this thread (NULL: a default
 * one each), set by w2l_set_new_instance_quota and around a linker's
 * instantiations. */
extern _Thread_local w2l_quota *rt_instance_quota;
extern _Thread_local char rt_alloc_error[240];
/* quota.c: charge bytes to q for what ("memory 0"), false (and
 * rt_alloc_error set) if that would pass its max; NULL q: no quota. */
bool rt_quota_charge(w2l_quota *q, uint64_t bytes, const char *what);
void rt_quota_uncharge(w2l_quota *q, uint64_t bytes);
/* quota.c: one more / one less holder of q (NULL allowed); the last release frees it. */
w2l_quota *rt_quota_retain(w2l_quota *q);
void rt_quota_release(w2l_quota *q);

/* interrupt.c: give a new instance this thread's epoch deadline and fuel
 * (w2l_set_new_instance_budget). */
void rt_init_budget(w2l_instance *inst);

/* interrupt.c: give limit (a thread's w2l_stack_limit) a slot, so that
 * w2l_epoch_increment pokes it; returns the slot, or -1 when all are taken
 * (the thread must then run poked).  Unregistering waits until no tick is
 * writing through the slot. */
int rt_poke_register(uintptr_t *limit);
void rt_poke_unregister(int slot);
/* interrupt.c: whether instances translated with --epoch exist (ticks poke
 * only then). */
bool rt_epoch_armed(void);
/* interrupt.c: the instance is gone (counts instances with epoch checks). */
void rt_release_budget(w2l_instance *inst);
/* The epoch, read in order with the stores that poke and restore limits. */
#define W2L_EPOCH_NOW_SEQ() __atomic_load_n(&w2l_epoch, __ATOMIC_SEQ_CST)

/* linker.c: the definition of (module, name) in l, into *out; false if none. */
bool rt_linker_find(const w2l_linker *l, const char *module, size_t module_len, const char *name,
                    size_t name_len, w2l_extern *out);

/* functype.c: the value type a signature letter stands for (i I f F V r x),
 * or 0 (no w2l_valtype) for any other character. */
w2l_valtype rt_valtype_of_letter(char c);
/* Reference types of storage type t spelled out as in W2L_REF_TYPES (NULL:
 * the plain funcref or externref): the same type, and a <: b. */
bool rt_ref_same(w2l_valtype t, const char *a, const char *b);
bool rt_ref_sub(w2l_valtype t, const char *a, const char *b);

/* instance.c: fill *err, unless err is NULL: its trap, and the printf-formatted
 * message, truncated to err->message and always NUL-terminated. */
/* exception.c: free the exceptions inst's code took as exnrefs. */
void rt_free_exns(struct w2l_instance *inst);

void rt_error(w2l_error *err, w2l_trap trap, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* wasi.c: whether openat2 resolves paths beneath a preopen (-1: not known
 * yet, 1: yes, 0: no, use the component walk).  Tests set 0 to run the walk. */
extern int rt_wasi_openat2;

/* wasi.c: where a w2l_wasi keeps its wasi-threads state (NULL until
 * w2l_wasi_define_threads; w2l_wasi_free frees it). */
struct rt_wasi_threads;
struct rt_wasi_threads **rt_wasi_threads_slot(w2l_wasi *w);
/* wasi_threads.c: free t (NULL allowed). */
void rt_wasi_threads_free(struct rt_wasi_threads *t);
/* wasi_threads.c: define in l a new shared memory for each shared memory m
 * imports (wasm32-wasi-threads programs import "env" "memory"), at most cap,
 * stored in made[] (the caller frees them, also after a failure). */
bool rt_wasi_define_shared_memories(const w2l_module *m, w2l_linker *l, w2l_memory **made,
                                    size_t cap, w2l_error *err);
/* wasi_threads.c: whether m imports "wasi" "thread-spawn". */
bool rt_wasi_imports_threads(const w2l_module *m);

#endif
