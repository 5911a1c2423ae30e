/* w2l.h - the wasm2c-lite runtime: the only header that emitted code and hosts include.
 *
 * Code emitted by wasm2c-lite includes this header and links against
 * libwasm2c-lite-rt.a.  A host uses it to instantiate modules, link them to each
 * other and to host functions, load plugins (.so files) and call exports.
 *
 * Quick tour for a host:
 *
 *   #include "w2l.h"
 *   #include "calc.h"              // emitted by: wasm2c-lite calc.wat -o calc.c
 *
 *   w2l_linker *l = w2l_linker_new();
 *   w2l_error err;
 *   w2l_instance *inst = w2l_linker_instantiate(l, &calc_module, "calc", &err);
 *   if (!inst) { fprintf(stderr, "%s\n", err.message); return 1; }
 *   w2l_val args[2] = {W2L_I32_VAL(1), W2L_I32_VAL(2)}, res[1];
 *   w2l_trap t = w2l_call(inst, "add", args, 2, res, 1, &err);
 *   if (t) fprintf(stderr, "trap: %s\n", w2l_trap_message(t));
 *   else printf("%u\n", res[0].of.i32);
 *   w2l_instance_free(inst);
 *   w2l_linker_free(l);
 *
 * Ownership: whoever calls a *_new / *_open / *_instantiate function owns the
 * result and releases it with the matching *_free / *_close.  An instance owns the
 * tables, memories and globals it defines; imported ones belong to whoever
 * created them and must outlive every instance that imports them.
 *
 * Linking: `pkg-config --cflags --libs wasm2c-lite` once installed (headers in
 * include/wasm2c-lite/, the shared libwasm2c-lite-rt.so.ABI), or the static
 * libwasm2c-lite-rt.a.  Plugins use the runtime of the program that loads
 * them (its trap state and type registry exist once per process): a host
 * linked with the shared runtime offers it as is; one linked statically must
 * use -rdynamic and all of the archive (-Wl,--whole-archive ... ).
 *
 * The runtime library and the emitted code must agree on W2L_BOUNDS (the
 * pkg-config flags carry the installed runtime's).
 *
 * Name emitted modules so their headers do not shadow system headers (a module
 * "math" writes math.h), or put the output directory on -iquote, not -I.
 */
#ifndef W2L_H
#define W2L_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ===================================================================== */
/* Configuration                                                          */
/* ===================================================================== */

/* How linear-memory accesses are checked.  Both conform to the spec.
 *   W2L_BOUNDS_EXPLICIT: every access compares against the memory size (any host).
 *   W2L_BOUNDS_GUARD:    memories reserve 8 GiB of address space with no access
 *                        rights past the current size; a fault handler turns an
 *                        out-of-bounds access into a trap (64-bit POSIX only).
 * The runtime library and all emitted code in a process must agree; instantiation
 * fails with an error if they do not.
 * Guard mode changes process state when the first memory is made: it installs
 * SIGSEGV and SIGBUS handlers (SA_ONSTACK; faults that are not wasm's go on to
 * the handlers installed before them, or kill the process as usual) and gives
 * each thread that runs wasm an alternate signal stack if it has none.  A host
 * that installs its own SIGSEGV handler afterwards must chain to ours. */
#define W2L_BOUNDS_EXPLICIT 0
#define W2L_BOUNDS_GUARD 1
#ifndef W2L_BOUNDS
#if defined(__unix__) && UINTPTR_MAX == UINT64_MAX
#define W2L_BOUNDS W2L_BOUNDS_GUARD
#else
#define W2L_BOUNDS W2L_BOUNDS_EXPLICIT
#endif
#endif

/* Bytes of native stack that wasm code may use below the host's entry point
 * before calls trap with "call stack exhausted".  Changeable at run time with
 * w2l_set_stack_budget(). */
#ifndef W2L_DEFAULT_STACK_BUDGET
#define W2L_DEFAULT_STACK_BUDGET (4u << 20)
#endif

#define W2L_PAGE_SIZE 65536u
#define W2L_MAX_PAGES 65536u /* 4 GiB, the memory32 limit */

#if defined(__GNUC__)
#define W2L_LIKELY(x) __builtin_expect(!!(x), 1)
#define W2L_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define W2L_NORETURN __attribute__((noreturn))
#else
#define W2L_LIKELY(x) (x)
#define W2L_UNLIKELY(x) (x)
#define W2L_NORETURN _Noreturn
#endif

/* ===================================================================== */
/* Values and types                                                       */
/* ===================================================================== */

/* Value types, by their binary encodings. */
typedef enum w2l_valtype {
  W2L_I32 = 0x7F,
  W2L_I64 = 0x7E,
  W2L_F32 = 0x7D,
  W2L_F64 = 0x7C,
  W2L_V128 = 0x7B,
  W2L_FUNCREF = 0x70,
  W2L_EXTERNREF = 0x6F,
} w2l_valtype;

/* An interned function type.  Two types are structurally equal iff their
 * pointers are equal, in whatever module or shared object they were made:
 * every module interns its types by signature string through the runtime's one
 * process-wide registry (w2l_functype_intern).  This is the signature tag
 * call_indirect compares. */
typedef struct w2l_functype w2l_functype;
typedef struct w2l_tag w2l_tag;

/* Signature strings: parameter letters, ':', result letters, with
 * i = i32, I = i64, f = f32, F = f64, V = v128, r = funcref, x = externref.
 * "ii:i" is (i32, i32) -> i32; ":" is () -> (). */
/* Returns the one process-wide w2l_functype for sig (thread-safe; the result
 * lives until the process exits), or NULL if sig is malformed. */
const w2l_functype *w2l_functype_intern(const char *sig);
/* The signature string of t (owned by the registry). */
const char *w2l_functype_sig(const w2l_functype *t);
/* Number of parameters / results of t, and the i-th parameter / result type. */
uint32_t w2l_functype_nparams(const w2l_functype *t);
uint32_t w2l_functype_nresults(const w2l_functype *t);
w2l_valtype w2l_functype_param(const w2l_functype *t, uint32_t i);
w2l_valtype w2l_functype_result(const w2l_functype *t, uint32_t i);
/* Writes t as text, e.g. "(i32, i32) -> i32", "() -> ()", "(f64) -> (i32, i64)",
 * into buf (always NUL-terminated, truncated to size).  Returns buf. */
char *w2l_functype_format(const w2l_functype *t, char *buf, size_t size);
/* The text-format name of a value type ("i32", "funcref", ...). */
const char *w2l_valtype_name(w2l_valtype t);

/* A reference value, and one table element.
 *   funcref:   fn is the C function (called as RET fn(void *obj, PARAMS...)),
 *              type its signature tag, obj the instance that owns it (or the
 *              host's env pointer for host functions).  Null: fn == NULL,
 *              and then type is NULL too (call_indirect relies on it: a
 *              matching tag means a function; the table functions below
 *              clear the tag of a null they store, a host writing elems
 *              directly must do the same).
 *   externref: obj is the host's pointer; fn and type are NULL.  Null: obj == NULL. */
struct w2l_tail;
typedef struct w2l_ref {
  const w2l_functype *type; /* signature tag (funcref) or NULL */
  void (*fn)(void);         /* code pointer (funcref) or NULL */
  void *obj;                /* owning instance / host env (funcref), host pointer (externref) */
  void (*tail)(struct w2l_tail *t); /* funcref: the function's tail-call entry, or NULL:
                                       tail calls reach it through fn (host functions,
                                       modules without return_call); see w2l_tail */
} w2l_ref;

#define W2L_NULL_REF ((w2l_ref){NULL, NULL, NULL, NULL})

/* A v128 value (SIMD): a plain C struct, assignable and passable by value.
 * b[0] is the least significant byte of lane 0, on any host (wasm's byte
 * order); w2l_simd.h has the lane helpers. */
typedef struct w2l_v128 {
  uint8_t b[16]; /* the vector's bytes, little-endian lane order */
} w2l_v128;

/* An untagged wasm value. */
typedef union w2l_value {
  uint32_t i32;
  uint64_t i64;
  float f32;
  double f64;
  w2l_v128 v128;
  w2l_ref ref;
} w2l_value;

/* ---- Tail calls (return_call, return_call_indirect) ----
 *
 * A chain of tail calls runs in constant native stack however long it is.
 * A module that has tail calls gives every function of its own a tail-call
 * entry, void F__tail(w2l_tail *t), which takes its arguments from t->slots
 * and leaves its results there.  A tail call stores the callee's arguments
 * in t->slots and its instance in t->obj, and leaves for the callee's entry
 * with W2L_TAIL_GO: a real jump where the C compiler guarantees one
 * (clang's musttail), otherwise by returning to the loop of w2l_tail_run,
 * which calls t->next until it is NULL.  A function called normally that
 * makes tail calls runs its own entry under w2l_tail_run (its C function is
 * that wrapper).  A callee without a tail entry (a host function, a module
 * without tail calls) is called through fn by a per-type thunk of the caller
 * module: one frame, which it leaves before the chain goes on. */
#define W2L_TAIL_SLOTS 32 /* t->slots holds at least this many values (more: see the emitter) */
typedef struct w2l_tail {
  void (*next)(struct w2l_tail *t); /* entry to run next (w2l_tail_run), or NULL */
  void *obj;                        /* the instance (or host env) of the callee */
  void (*fn)(void);                 /* a thunk's callee, called normally */
  w2l_value *slots;                 /* arguments in, results out */
} w2l_tail;

/* On a thunk (below) the emitter writes for every type a tail call may need
 * it for: the tail call itself may turn out to be dead code. */
#if defined(__GNUC__)
#define W2L_MAYBE_UNUSED __attribute__((unused))
#else
#define W2L_MAYBE_UNUSED
#endif

/* Run the entries a chain of tail calls left in t->next until one returns
 * without leaving another. */
static inline void w2l_tail_run(w2l_tail *t) {
  while (t->next) {
    void (*entry)(w2l_tail *) = t->next;
    t->next = NULL;
    entry(t);
  }
}

/* Leave the current tail entry for entry(t).  W2L_NO_MUSTTAIL: always by the
 * loop of w2l_tail_run (to compare the two ways). */
#if defined(__has_attribute) && !defined(W2L_NO_MUSTTAIL)
#if __has_attribute(musttail) && defined(__clang__)
#define W2L_MUSTTAIL 1
#endif
#endif
#ifdef W2L_MUSTTAIL /* (returning a void call is fine for musttail, not for -Wpedantic) */
#define W2L_TAIL_GO(t, entry)                                                        \
  _Pragma("clang diagnostic push") _Pragma("clang diagnostic ignored \"-Wpedantic\"") \
      __attribute__((musttail)) return (entry)(t);                                   \
  _Pragma("clang diagnostic pop")
#else
#define W2L_TAIL_GO(t, entry) \
  do {                        \
    (t)->next = (entry);      \
    return;                   \
  } while (0)
#endif

/* A tagged value, for the generic call API. */
typedef struct w2l_val {
  w2l_valtype type; /* what of holds */
  w2l_value of;     /* the value */
} w2l_val;

#define W2L_I32_VAL(x) ((w2l_val){.type = W2L_I32, .of = {.i32 = (uint32_t)(x)}})
#define W2L_I64_VAL(x) ((w2l_val){.type = W2L_I64, .of = {.i64 = (uint64_t)(x)}})
#define W2L_F32_VAL(x) ((w2l_val){.type = W2L_F32, .of = {.f32 = (x)}})
#define W2L_F64_VAL(x) ((w2l_val){.type = W2L_F64, .of = {.f64 = (x)}})

/* ===================================================================== */
/* Traps                                                                  */
/* ===================================================================== */

/* Every trap: its name and the spec's message, as returned by
 * w2l_trap_message().  W2L_TRAP_HOST: a host function called w2l_trap_raise.
 * W2L_TRAP_EXIT: the program ended itself (WASI proc_exit; the code is the
 * WASI context's, see w2l_wasi.h), not an error of the wasm code.
 * W2L_TRAP_CALL_ERROR is not a trap of wasm code: w2l_call found no such
 * function export or the arguments did not match (err->message says which),
 * and nothing was run. */
#define W2L_TRAPS(X)                                       \
  X(UNREACHABLE, "unreachable")                            \
  X(INT_DIV_ZERO, "integer divide by zero")                \
  X(INT_OVERFLOW, "integer overflow")                      \
  X(INVALID_CONVERSION, "invalid conversion to integer")   \
  X(OOB_MEMORY, "out of bounds memory access")             \
  X(OOB_TABLE, "out of bounds table access")               \
  X(UNDEFINED_ELEMENT, "undefined element")                \
  X(UNINITIALIZED_ELEMENT, "uninitialized element")        \
  X(INDIRECT_TYPE_MISMATCH, "indirect call type mismatch") \
  X(STACK_EXHAUSTED, "call stack exhausted")               \
  X(INTERRUPTED, "interrupted")                            \
  X(OUT_OF_FUEL, "out of fuel")                            \
  X(HOST, "host trap")                                     \
  X(EXIT, "program exited")                                \
  X(CALL_ERROR, "invalid call")                            \
  X(UNALIGNED_ATOMIC, "unaligned atomic")                  \
  X(EXPECTED_SHARED, "expected shared memory")             \
  X(NULL_FUNC_REF, "null function reference")              \
  X(NULL_REF, "null reference")                            \
  X(EXCEPTION, "uncaught exception")                       \
  X(NULL_EXN_REF, "null exception reference")

/* Why wasm code stopped.  W2L_OK (0) means it did not trap. */
typedef enum w2l_trap {
  W2L_OK = 0,
/* (clang-format cannot see the comma the expansion ends with) */
/* clang-format off */
#define W2L_TRAP_ENUM(name, message) W2L_TRAP_##name,
  W2L_TRAPS(W2L_TRAP_ENUM)
#undef W2L_TRAP_ENUM
  W2L_TRAP_COUNT
  /* clang-format on */
} w2l_trap;

/* The spec's message for t ("integer divide by zero"...); "unknown trap" for
 * values outside the enum.  Static storage. */
const char *w2l_trap_message(w2l_trap t);

/* Stop the running wasm code with trap t: unwinds (longjmp) to the innermost
 * w2l_protect() on this thread.  Emitted code and host functions call it.
 * Calling it with no protected call active aborts the process with a message. */
W2L_NORETURN void w2l_trap_raise(w2l_trap t);

/* Run fn(arg) as a protected call: returns W2L_OK, or the trap that stopped it.
 * Protected calls nest (a host function called from wasm may call back into
 * wasm); a trap unwinds only to the innermost one; trap state is per thread.
 * The outermost protected call on a thread also sets the native stack limit for
 * "call stack exhausted": its own frame address minus the stack budget, but never
 * closer than 256 KiB to the end of the thread's stack (so the budget can be
 * larger than the stack without crashing).  A trap unwinds with siglongjmp: C
 * frames between the trap and the protected call are abandoned, so host
 * functions must not hold locks or allocations across calls into wasm.
 * In guard mode it also gives the thread an alternate signal stack (if it has
 * none) so a fault can be turned into a trap. */
w2l_trap w2l_protect(void (*fn)(void *arg), void *arg);

/* Change the stack budget (bytes below the outermost protected call), for
 * protected calls started afterwards on any thread.  0 restores the default. */
void w2l_set_stack_budget(size_t bytes);

/* The stack limit of the current thread; W2L_FUNC_ENTRY compares against it.
 * w2l_epoch_increment may raise it to W2L_STACK_POKED from another thread or
 * a signal handler, so that the next check takes the slow path
 * (w2l_stack_slow), which finds out why: the stack is exhausted, or an epoch
 * tick asks code translated with --epoch to look at its deadline.  One
 * comparison thus serves both checks at the entry of recursive functions. */
#ifdef __cplusplus
extern thread_local uintptr_t w2l_stack_limit; /* C++ hosts include this header too */
#else
extern _Thread_local uintptr_t w2l_stack_limit;
#endif
#define W2L_STACK_POKED UINTPTR_MAX
/* Read as a volatile word (written with atomic stores): one aligned load on
 * every supported compiler and target, the READ_ONCE contract of the Linux
 * kernel.  An __atomic load would be the same instruction, but gcc then stops
 * inlining small recursive functions into themselves (fib runs 2x slower). */
#define W2L_STACK_LIMIT() (*(volatile uintptr_t *)&w2l_stack_limit)

/* The slow path of the entry checks, taken when the frame is below the
 * current limit: traps "call stack exhausted" if this frame is below the
 * thread's real limit; else, for epoch_inst (the instance, when the code was
 * translated with --epoch; NULL otherwise), traps "interrupted" if the epoch
 * has reached its deadline; else returns (the limit was only raised by an
 * epoch tick).  Not for hosts. */
struct w2l_instance;
void w2l_stack_slow(struct w2l_instance *epoch_inst);

/* Emitted at the top of every wasm function that may recurse (one on a cycle
 * of the call graph; see emit.c), after its declarations: it declares a local,
 * so use it once per function, as a statement of the function's outermost
 * block.  Traps with "call stack exhausted" instead of overflowing the native
 * stack.  Every call in such a function is followed by W2L_AFTER_CALL(), so
 * that the compiler cannot turn recursion into a loop (tail-call and
 * tail-recursion elimination): an unbounded wasm recursion such as
 * (func $f (call $f)) must exhaust the stack and trap, not spin forever.  The
 * comparison uses the frame address, which is on the real stack even under
 * ASan's fake stacks.  Both need GNU C (gcc, clang); other compilers compare
 * the local's own address and get no protection against tail calls. */
#define W2L_FUNC_ENTRY() W2L_FUNC_ENTRY_EPOCH(NULL)
/* The same for code translated with --epoch (inst: the function's instance,
 * a w2l_instance pointer): also traps "interrupted" at the first entry after
 * an epoch tick that reached the instance's deadline, at no cost otherwise. */
#define W2L_FUNC_ENTRY_EPOCH(inst)                                      \
  char w2l_frame_;                                                      \
  if (W2L_UNLIKELY(W2L_FRAME_ADDRESS(&w2l_frame_) < W2L_STACK_LIMIT())) \
  w2l_stack_slow(inst)
/* Emitted after every call in a function that may recurse (one with
 * W2L_FUNC_ENTRY): a side effect after the call keeps the C compiler from
 * turning it into a jump (sibling call, tail recursion into a loop, with or
 * without an accumulator), so that runaway recursion uses stack and traps
 * "call stack exhausted" instead of looping forever.  It costs no
 * instruction and, unlike escaping a local, leaves the compiler free to
 * inline the recursion and keep values in registers. */
#if defined(__GNUC__)
#define W2L_AFTER_CALL() __asm__ volatile("")
#else
#define W2L_AFTER_CALL() ((void)0)
#endif
/* Emitted instead, as the first statement, in a function whose C frame may
 * be big (estimated at `bytes` by the translator): traps unless the whole
 * frame fits above the limit, before any of it is written, so that a big
 * frame cannot jump over the guard page of a thread's stack.  Sanitizers make
 * frames bigger: the estimate is scaled for them.  (The slow path measures
 * the frame as it really is: its own frame lies below it.) */
#define W2L_FUNC_ENTRY_FRAME(bytes) W2L_FUNC_ENTRY_FRAME_EPOCH(bytes, NULL)
#define W2L_FUNC_ENTRY_FRAME_EPOCH(bytes, inst)                                \
  char w2l_frame_;                                                             \
  W2L_ESCAPE(&w2l_frame_);                                                     \
  if (W2L_UNLIKELY(W2L_FRAME_ADDRESS(&w2l_frame_) - (uintptr_t)(bytes)*W2L_FRAME_SCALE < \
                   W2L_STACK_LIMIT()))                                         \
  w2l_stack_slow(inst)
#if defined(__SANITIZE_ADDRESS__)
#define W2L_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define W2L_ASAN 1
#endif
#endif
#ifdef W2L_ASAN
#define W2L_FRAME_SCALE 4
#else
#define W2L_FRAME_SCALE 1
#endif
#if defined(__GNUC__)
#define W2L_ESCAPE(p) __asm__ volatile("" : : "r"(p) : "memory")
#else
#define W2L_ESCAPE(p) ((void)(p))
#endif
/* Where the frame is: the address of a local, which costs one lea and no
 * frame pointer (__builtin_frame_address(0) made every checked function push
 * and pop one: trees ran 5% slower).  Under ASan locals may live on a fake
 * stack elsewhere, so there the frame address it is. */
#if defined(W2L_ASAN) && defined(__GNUC__)
#define W2L_FRAME_ADDRESS(local) ((void)(local), (uintptr_t)__builtin_frame_address(0))
#else
#define W2L_FRAME_ADDRESS(local) ((uintptr_t)(void *)(local))
#endif

/* ===================================================================== */
/* Quotas                                                                 */
/* ===================================================================== */

/* A budget of bytes that memories and tables charge: a memory its size
 * (pages * 64 KiB), a table its elements (size * sizeof(w2l_ref)), from the
 * moment they are created until they are freed; growth that would pass the
 * budget fails (memory.grow and table.grow return -1, instantiation fails
 * with "quota exceeded").  Address space reserved by guard mode is not
 * counted: it costs no memory.  Thread-safe.
 *
 * Which quota an instance's own memories and tables charge: the linker's
 * (w2l_linker_set_quota) when instantiated through one that has a quota, else
 * the one set by w2l_set_new_instance_quota on this thread, else a quota of
 * its own of W2L_DEFAULT_QUOTA bytes.  Imported objects charge their owner's.
 * Memories and tables a host creates itself charge none.
 *
 *   w2l_quota *q = w2l_quota_new(256 << 20);     // 256 MiB for all plugins
 *   w2l_linker_set_quota(linker, q);
 *   w2l_quota_free(q);                            // the linker keeps it
 *   ... w2l_linker_instantiate(linker, &plugin_module, NULL, &err) ... */
typedef struct w2l_quota w2l_quota;

/* What an instance may hold when no quota is given: one full 32-bit memory
 * (4 GiB) and 256 MiB of tables (about 11M elements), or any mix. */
#define W2L_DEFAULT_QUOTA (((uint64_t)4 << 30) + ((uint64_t)256 << 20))

/* A new quota of max_bytes (NULL when out of memory).  The caller holds one
 * reference, dropped by w2l_quota_free; every memory, table, instance and
 * linker using it holds one too, so it lives as long as they do. */
w2l_quota *w2l_quota_new(uint64_t max_bytes);
void w2l_quota_free(w2l_quota *q);
/* Bytes charged now / the budget (NULL: 0 / UINT64_MAX). */
uint64_t w2l_quota_used(const w2l_quota *q);
uint64_t w2l_quota_max(const w2l_quota *q);
/* Change the budget; below what is used, only further charges fail. */
void w2l_quota_set_max(w2l_quota *q, uint64_t max_bytes);
/* The quota of instances created afterwards on this thread with
 * w2l_instantiate (a linker's own quota comes first); NULL: each gets its own
 * W2L_DEFAULT_QUOTA.  The caller keeps q alive until it sets another. */
void w2l_set_new_instance_quota(w2l_quota *q);

/* ===================================================================== */
/* Linear memory                                                          */
/* ===================================================================== */

typedef struct w2l_memory {
  uint8_t *data;        /* base address; valid bytes [0, size); never NULL.  In
                           explicit mode it moves when the memory grows; in guard
                           mode it never moves. */
  uint64_t size;        /* current size in bytes (pages * 64 KiB) */
  uint64_t pages;       /* current size in pages */
  uint64_t max_pages;   /* declared maximum (W2L_MAX_PAGES if none) */
  uint64_t limit_pages; /* host-set growth limit (<= max_pages); grow fails past it */
  uint64_t reserved;    /* bytes of address space reserved (guard mode) or mapped
                           (explicit mode on Linux, committed when touched), else 0 */
  bool has_max;         /* whether a maximum was declared (import matching) */
  bool index64;         /* memory64: addressed by i64 (import matching; emitted code
                           checks its accesses explicitly in either mode) */
  w2l_quota *quota;     /* charged the size, or NULL (see Quotas) */
  bool shared;          /* a shared memory (threads): data never moves, in either
                           mode; size and pages only grow, and are written with
                           __atomic stores under the memory's lock, so read them
                           with w2l_memory_pages_now / W2L_MEM_RELOAD_SHARED
                           while other threads may grow it */
} w2l_memory;

/* The address space a guard-mode memory reserves: any u32 address plus any
 * u32 offset plus an 8-byte access stays inside it. */
#define W2L_GUARD_RESERVE ((uint64_t)8 << 30 | W2L_PAGE_SIZE)

/* Create a zeroed memory of min pages that may grow to max pages.  max is the
 * declared maximum; pass UINT64_MAX (anything > W2L_MAX_PAGES) when the module
 * declares none (then max_pages = W2L_MAX_PAGES and has_max = false).  Emitter:
 * pass the declared max, or UINT64_MAX for none.  The limit starts at max_pages,
 * or lower if instantiation runs under w2l_linker_set_memory_limit().  Returns
 * NULL if min > max or the memory cannot be allocated / reserved.  Owned by the
 * caller (for memories a module defines: its instance). */
w2l_memory *w2l_memory_new(uint64_t min_pages, uint64_t max_pages);
/* Release m (NULL is allowed).  No instance may still use it. */
void w2l_memory_free(w2l_memory *m);
/* memory.grow: returns the old size in pages, or UINT32_MAX when the new size
 * would pass the maximum, the host limit, or memory cannot be had (m unchanged).
 * New pages read as zero.  In explicit mode data may move. */
uint32_t w2l_memory_grow(w2l_memory *m, uint64_t delta_pages);
/* Set the host limit on growth (pages); clamped to max_pages.  A limit below
 * the current size only makes further grows fail; nothing shrinks. */
void w2l_memory_set_limit(w2l_memory *m, uint64_t limit_pages);

/* Shared memories (the threads proposal).  A shared memory is one object that
 * instances on several threads import at once.  Its data never moves (explicit
 * mode reserves max_pages up front, as guard mode always does), memory.grow
 * may run on any thread while others access it (a lock per memory orders the
 * grows; size and pages are stored atomically), and the memory is freed only
 * when no instance on any thread uses it any more (the host's job, as for any
 * imported memory).  max is required: NULL if max_pages > W2L_MAX_PAGES,
 * min > max, or the reservation cannot be had. */
w2l_memory *w2l_memory_new_shared(uint64_t min_pages, uint64_t max_pages);
/* The current size in pages of m, shared or not, read atomically. */
static inline uint64_t w2l_memory_pages_now(const w2l_memory *m) {
  return __atomic_load_n(&m->pages, __ATOMIC_SEQ_CST);
}
/* memory.atomic.wait32 / wait64 at effective address addr: traps, in this
 * order, W2L_TRAP_UNALIGNED_ATOMIC if addr is not a multiple of 4 or 8,
 * W2L_TRAP_OOB_MEMORY if [addr, addr + 4 or 8) is outside m,
 * W2L_TRAP_EXPECTED_SHARED if m is not shared; else returns 1 ("not-equal")
 * if the value there is not expected, or parks the thread until a notify at
 * addr wakes it (returns 0, "ok") or timeout_ns nanoseconds pass (returns 2,
 * "timed-out"; a negative timeout waits forever).  Emitted code calls them. */
uint32_t w2l_memory_atomic_wait32(w2l_memory *m, uint64_t addr, uint32_t expected,
                                  int64_t timeout_ns);
uint32_t w2l_memory_atomic_wait64(w2l_memory *m, uint64_t addr, uint64_t expected,
                                  int64_t timeout_ns);
/* memory.atomic.notify: the same 4-byte alignment and bounds traps; wakes up
 * to count threads waiting at addr (in the order they began to wait) and
 * returns how many it woke (0 for an unshared memory, which nobody can wait
 * on).  Emitted code calls it; hosts may too. */
uint32_t w2l_memory_atomic_notify(w2l_memory *m, uint64_t addr, uint32_t count);
/* Waiting is keyed by (memory, addr): the same address in two memories are two
 * keys.  The value check and the enqueue happen under the lock notify takes,
 * so no notify is lost between them; timeouts run on CLOCK_MONOTONIC.  A
 * parked thread is not interrupted by epoch ticks (it runs no wasm code while
 * it waits): it resumes at a notify or its timeout and the code's next epoch
 * check traps then.  A host that must stop a program whose threads may wait
 * forever gives them a notify (or a timeout), then ticks. */

/* Host access to linear memory, bounds-checked: nothing outside
 * [0, m->size) is ever read or written.  read/write copy n bytes at addr
 * and return false (copying nothing) if any of them is out of bounds. */
bool w2l_memory_read(const w2l_memory *m, uint64_t addr, void *dst, size_t n);
bool w2l_memory_write(w2l_memory *m, uint64_t addr, const void *src, size_t n);
/* A pointer to the n bytes at addr, or NULL if they are not all inside m.
 * Valid until the memory grows (explicit mode moves data) or is freed. */
void *w2l_memory_span(w2l_memory *m, uint64_t addr, uint64_t n);
/* The NUL-terminated string at addr, if its NUL lies inside m and within
 * max bytes of addr: returns it (its length in *len if len is not NULL),
 * else NULL.  Same validity as w2l_memory_span. */
const char *w2l_memory_string(const w2l_memory *m, uint64_t addr, size_t max, size_t *len);

/* Bulk operations with the 2.0 semantics: the whole range is checked first
 * (in 64 bits, so d + n cannot wrap); out of range traps with
 * W2L_TRAP_OOB_MEMORY and writes nothing, n == 0 at offset == size is fine.
 * fill stores the low byte of value; copy handles overlap (memmove). */
void w2l_memory_fill(w2l_memory *m, uint32_t dst, uint32_t value, uint32_t n);
void w2l_memory_copy(w2l_memory *dst, w2l_memory *src, uint32_t d, uint32_t s, uint32_t n);
/* memory.init from a data segment of len bytes (len is 0 once dropped). */
void w2l_memory_init(w2l_memory *m, const uint8_t *seg, uint32_t seg_len, uint32_t d, uint32_t s,
                     uint32_t n);

/* Access helpers: addr is the effective address (u32 operand + static offset,
 * computed in 64 bits so it cannot wrap).  base/size are the memory's data and
 * size, which emitted code keeps in locals and refreshes after calls and
 * memory.grow. */
#if W2L_BOUNDS == W2L_BOUNDS_GUARD
#define W2L_CHECK(size, addr, n) ((void)(size))
#else
#define W2L_CHECK(size, addr, n)                                                  \
  do {                                                                            \
    if (W2L_UNLIKELY((addr) + (n) > (size))) w2l_trap_raise(W2L_TRAP_OOB_MEMORY); \
  } while (0)
#endif

/* memory64: the effective address addr + offset of an access of n bytes to an
 * i64 memory of size bytes, or a trap "out of bounds memory access" (also when
 * the sum wraps).  Guard pages cannot cover a 64-bit address space, so the
 * accesses of i64 memories are checked this way in both memory strategies. */
static inline uint64_t w2l_addr64(uint64_t size, uint64_t addr, uint64_t offset, uint64_t n) {
  uint64_t ea = addr + offset;
  if (W2L_UNLIKELY(ea < addr || size < n || ea > size - n)) w2l_trap_raise(W2L_TRAP_OOB_MEMORY);
  return ea;
}

/* memory64's memory.grow, memory.fill, memory.copy and memory.init: i64
 * addresses and sizes (a memory holds at most 4 GiB here, so anything past
 * 32 bits is out of bounds, or a grow that fails). */
static inline uint64_t w2l_memory_grow64(w2l_memory *m, uint64_t delta) {
  uint32_t r = delta > UINT32_MAX ? UINT32_MAX : w2l_memory_grow(m, delta);
  return r == UINT32_MAX ? UINT64_MAX : r;
}
/* Whether [at, at + n) lies within size bytes. */
static inline bool w2l_span_ok(uint64_t at, uint64_t n, uint64_t size) {
  return at <= size && n <= size - at;
}
static inline void w2l_memory_fill64(w2l_memory *m, uint64_t d, uint32_t value, uint64_t n) {
  if (!w2l_span_ok(d, n, m->size)) w2l_trap_raise(W2L_TRAP_OOB_MEMORY);
  w2l_memory_fill(m, (uint32_t)d, value, (uint32_t)n);
}
static inline void w2l_memory_copy64(w2l_memory *dst, w2l_memory *src, uint64_t d, uint64_t s,
                                     uint64_t n) {
  if (!w2l_span_ok(d, n, dst->size) || !w2l_span_ok(s, n, src->size))
    w2l_trap_raise(W2L_TRAP_OOB_MEMORY);
  w2l_memory_copy(dst, src, (uint32_t)d, (uint32_t)s, (uint32_t)n);
}
static inline void w2l_memory_init64(w2l_memory *m, const uint8_t *seg, uint32_t seg_len,
                                     uint64_t d, uint32_t s, uint32_t n) {
  if (!w2l_span_ok(d, n, m->size) || !w2l_span_ok(s, n, seg_len))
    w2l_trap_raise(W2L_TRAP_OOB_MEMORY);
  w2l_memory_init(m, seg, seg_len, (uint32_t)d, s, n);
}

/* Guard mode checks an access only if the access really happens, but a C
 * compiler deletes a load whose value it finds unused (dropped, compared in an
 * empty if, passed to a function that ignores it...), and with it the trap.
 * So every loaded value goes through an empty asm that "uses" it:
 *   W2L_KEEP(v)     an integer, in a general register;
 *   W2L_KEEP_FP(v)  a float or double, in a floating-point register;
 *   W2L_PROBE(p)    reads the byte at p (the last byte of a wider access, as
 *                   v128 loads do: memories are whole pages, so if the last
 *                   byte is mapped the whole access is).
 * In explicit mode the compare-and-trap is itself a side effect: nothing to do. */
#if W2L_BOUNDS == W2L_BOUNDS_GUARD
static inline void w2l_keep_sink(const volatile void *p) { (void)*(const volatile uint8_t *)p; }
#define W2L_PROBE(p) ((void)*(const volatile uint8_t *)(p))
#if defined(__GNUC__)
#define W2L_KEEP(v) __asm__("" : : "r"(v))
#else
#define W2L_KEEP(v) w2l_keep_sink(&(v))
#endif
#if defined(__GNUC__) && (defined(__x86_64__) || defined(__i386__))
#define W2L_KEEP_FP(v) __asm__("" : : "x"(v))
#elif defined(__GNUC__) && (defined(__aarch64__) || defined(__arm__))
#define W2L_KEEP_FP(v) __asm__("" : : "w"(v))
#else
#define W2L_KEEP_FP(v) w2l_keep_sink(&(v))
#endif
#else
#define W2L_KEEP(v) ((void)0)
#define W2L_KEEP_FP(v) ((void)0)
#define W2L_PROBE(p) ((void)0)
#endif

#define W2L_DEFINE_LOAD(name, ctype, mtype, n, keep)                                       \
  static inline ctype w2l_load_##name(const uint8_t *base, uint64_t size, uint64_t addr) { \
    mtype v;                                                                               \
    W2L_CHECK(size, addr, n);                                                              \
    memcpy(&v, base + addr, n);                                                            \
    keep(v);                                                                               \
    return (ctype)v;                                                                       \
  }
W2L_DEFINE_LOAD(i32, uint32_t, uint32_t, 4, W2L_KEEP)
W2L_DEFINE_LOAD(i64, uint64_t, uint64_t, 8, W2L_KEEP)
W2L_DEFINE_LOAD(f32, float, float, 4, W2L_KEEP_FP)
W2L_DEFINE_LOAD(f64, double, double, 8, W2L_KEEP_FP)
W2L_DEFINE_LOAD(i32_8s, uint32_t, int8_t, 1, W2L_KEEP)
W2L_DEFINE_LOAD(i32_8u, uint32_t, uint8_t, 1, W2L_KEEP)
W2L_DEFINE_LOAD(i32_16s, uint32_t, int16_t, 2, W2L_KEEP)
W2L_DEFINE_LOAD(i32_16u, uint32_t, uint16_t, 2, W2L_KEEP)
W2L_DEFINE_LOAD(i64_8s, uint64_t, int8_t, 1, W2L_KEEP)
W2L_DEFINE_LOAD(i64_8u, uint64_t, uint8_t, 1, W2L_KEEP)
W2L_DEFINE_LOAD(i64_16s, uint64_t, int16_t, 2, W2L_KEEP)
W2L_DEFINE_LOAD(i64_16u, uint64_t, uint16_t, 2, W2L_KEEP)
W2L_DEFINE_LOAD(i64_32s, uint64_t, int32_t, 4, W2L_KEEP)
W2L_DEFINE_LOAD(i64_32u, uint64_t, uint32_t, 4, W2L_KEEP)

#define W2L_DEFINE_STORE(name, ctype, mtype, n)                                                   \
  static inline void w2l_store_##name(uint8_t *base, uint64_t size, uint64_t addr, ctype value) { \
    mtype v = (mtype)value;                                                                       \
    W2L_CHECK(size, addr, n);                                                                     \
    memcpy(base + addr, &v, n);                                                                   \
  }
W2L_DEFINE_STORE(i32, uint32_t, uint32_t, 4)
W2L_DEFINE_STORE(i64, uint64_t, uint64_t, 8)
W2L_DEFINE_STORE(f32, float, float, 4)
W2L_DEFINE_STORE(f64, double, double, 8)
W2L_DEFINE_STORE(i32_8, uint32_t, uint8_t, 1)
W2L_DEFINE_STORE(i32_16, uint32_t, uint16_t, 2)
W2L_DEFINE_STORE(i64_8, uint64_t, uint8_t, 1)
W2L_DEFINE_STORE(i64_16, uint64_t, uint16_t, 2)
W2L_DEFINE_STORE(i64_32, uint64_t, uint32_t, 4)

/* ===================================================================== */
/* Tables                                                                 */
/* ===================================================================== */

typedef struct w2l_table {
  w2l_ref *elems;      /* size elements (never NULL; moves when the table grows) */
  uint32_t size;       /* current number of elements */
  uint32_t max;        /* declared maximum (UINT32_MAX if none) */
  uint32_t limit;      /* host-set growth limit (<= max; at most W2L_TABLE_LIMIT by default) */
  w2l_valtype reftype; /* W2L_FUNCREF or W2L_EXTERNREF */
  bool has_max;        /* whether a maximum was declared (import matching) */
  bool index64;        /* table64: indexed by i64 (import matching) */
  w2l_quota *quota;    /* charged size * sizeof(w2l_ref), or NULL (see Quotas) */
  const char *ref;     /* a typed reference element type spelled out (see W2L_REF_TYPES),
                          or NULL for plain funcref / externref (import matching) */
} w2l_table;

/* Default growth limit of a table (elements), as in the JS API: table.grow past
 * it returns -1 (the spec lets growth fail), instead of exhausting memory. */
#define W2L_TABLE_LIMIT 10000000u

/* Create a table of min null elements that may grow to max (UINT32_MAX: no
 * declared maximum).  NULL if min > max or out of memory.  Owned by the caller. */
w2l_table *w2l_table_new(w2l_valtype reftype, uint32_t min, uint32_t max);
/* Release t (NULL is allowed).  No instance may still use it. */
void w2l_table_free(w2l_table *t);
/* table.grow: returns the old size, or UINT32_MAX on failure (past the max or
 * the limit, or out of memory; t unchanged).  New elements are init. */
uint32_t w2l_table_grow(w2l_table *t, uint32_t delta, w2l_ref init);
/* Set the host limit on growth (elements); clamped to max. */
void w2l_table_set_limit(w2l_table *t, uint32_t limit);
/* table.get / table.set / fill / copy / init, 2.0 semantics as for memory: the
 * whole range is checked first; out of range traps with W2L_TRAP_OOB_TABLE. */
w2l_ref w2l_table_get(const w2l_table *t, uint32_t i);
void w2l_table_set(w2l_table *t, uint32_t i, w2l_ref r);
void w2l_table_fill(w2l_table *t, uint32_t i, w2l_ref r, uint32_t n);
void w2l_table_copy(w2l_table *dst, w2l_table *src, uint32_t d, uint32_t s, uint32_t n);
void w2l_table_init(w2l_table *t, const w2l_ref *seg, uint32_t seg_len, uint32_t d, uint32_t s,
                    uint32_t n);

/* The checks of call_indirect: index in range ("undefined element"), not null
 * ("uninitialized element"), signature tag equal ("indirect call type
 * mismatch").  Returns the element to call as fn(obj, args...).  Two compares
 * on the way through: a null's tag is NULL, so an equal tag is never a null;
 * which of the three failed is found out on the way to the trap. */
W2L_NORETURN void w2l_call_indirect_trap(const w2l_table *t, uint32_t i);
static inline const w2l_ref *w2l_call_indirect_check(const w2l_table *t, uint32_t i,
                                                     const w2l_functype *type) {
  if (W2L_UNLIKELY(i >= t->size || t->elems[i].type != type)) w2l_call_indirect_trap(t, i);
  return &t->elems[i];
}

/* call_ref and return_call_ref: r itself, unless it is null ("null function
 * reference").  Validation says r is of type; the tag is compared all the
 * same (in the one compare a null needs: a null's tag is NULL), so that a
 * host handing a function of another type for a (ref $t) argument or global
 * gets "indirect call type mismatch" rather than a call with the wrong C
 * signature. */
W2L_NORETURN void w2l_call_ref_trap(const w2l_ref *r);
static inline const w2l_ref *w2l_call_ref_check(const w2l_ref *r, const w2l_functype *type) {
  if (W2L_UNLIKELY(r->type != type)) w2l_call_ref_trap(r);
  return r;
}

/* ref.as_non_null: r, unless it is null ("null reference"); func: a funcref
 * (null when fn is), else an externref (null when obj is). */
static inline w2l_ref w2l_ref_as_non_null(w2l_ref r, bool func) {
  if (W2L_UNLIKELY(func ? r.fn == NULL : r.obj == NULL)) w2l_trap_raise(W2L_TRAP_NULL_REF);
  return r;
}

/* table64: the table operations with i64 indices and counts (a table holds
 * at most 2^32 - 1 elements here, so anything past 32 bits is out of range,
 * or a grow that fails). */
static inline uint32_t w2l_table_index64(const w2l_table *t, uint64_t i) {
  if (W2L_UNLIKELY(i >= t->size)) w2l_trap_raise(W2L_TRAP_OOB_TABLE);
  return (uint32_t)i;
}
static inline const w2l_ref *w2l_call_indirect_check64(const w2l_table *t, uint64_t i,
                                                       const w2l_functype *type) {
  return w2l_call_indirect_check(t, i > UINT32_MAX ? UINT32_MAX : (uint32_t)i, type);
}
static inline uint64_t w2l_table_grow64(w2l_table *t, uint64_t delta, w2l_ref init) {
  uint32_t r = delta > UINT32_MAX ? UINT32_MAX : w2l_table_grow(t, (uint32_t)delta, init);
  return r == UINT32_MAX ? UINT64_MAX : r;
}
static inline void w2l_table_fill64(w2l_table *t, uint64_t i, w2l_ref r, uint64_t n) {
  if (!w2l_span_ok(i, n, t->size)) w2l_trap_raise(W2L_TRAP_OOB_TABLE);
  w2l_table_fill(t, (uint32_t)i, r, (uint32_t)n);
}
static inline void w2l_table_copy64(w2l_table *dst, w2l_table *src, uint64_t d, uint64_t s,
                                    uint64_t n) {
  if (!w2l_span_ok(d, n, dst->size) || !w2l_span_ok(s, n, src->size))
    w2l_trap_raise(W2L_TRAP_OOB_TABLE);
  w2l_table_copy(dst, src, (uint32_t)d, (uint32_t)s, (uint32_t)n);
}
static inline void w2l_table_init64(w2l_table *t, const w2l_ref *seg, uint32_t seg_len,
                                    uint64_t d, uint32_t s, uint32_t n) {
  if (!w2l_span_ok(d, n, t->size)) w2l_trap_raise(W2L_TRAP_OOB_TABLE);
  w2l_table_init(t, seg, seg_len, (uint32_t)d, s, n);
}

/* ===================================================================== */
/* Globals                                                                */
/* ===================================================================== */

/* A global variable.  Emitted code may embed its own globals in the instance
 * struct (then they live as long as the instance); imported and host globals
 * are shared by pointer, so every importer sees global.set at once. */
typedef struct w2l_global {
  w2l_valtype type; /* value type */
  bool mutable_;    /* whether global.set is allowed */
  w2l_value value;  /* current value */
  const char *ref;  /* a typed reference type spelled out (see W2L_REF_TYPES), or NULL */
} w2l_global;

/* Create a global (NULL when out of memory); owned by the caller. */
w2l_global *w2l_global_new(w2l_valtype type, bool mutable_, w2l_value init);
/* Release g (NULL is allowed). */
void w2l_global_free(w2l_global *g);

/* ===================================================================== */
/* Module descriptors (emitted) and instances                             */
/* ===================================================================== */

/* The four kinds of imports and exports (their binary encodings), and one
 * kind of object only a host supplies: a host function that takes a
 * w2l_caller (w2l_linker_define_func_caller; of.func as for FUNC, obj = its
 * env).  It matches function imports; in the importing instance it becomes a
 * FUNC whose obj is the instance's w2l_caller for it, and that is what the
 * instance's exports and tables show. */
typedef enum w2l_externkind {
  W2L_EXTERN_FUNC = 0,
  W2L_EXTERN_TABLE = 1,
  W2L_EXTERN_MEMORY = 2,
  W2L_EXTERN_GLOBAL = 3,
  W2L_EXTERN_TAG = 4,
  W2L_EXTERN_FUNC_CALLER = 0x100, /* not a binary encoding */
} w2l_externkind;

/* An imported or exported object. */
typedef struct w2l_extern {
  w2l_externkind kind; /* which member of of is valid */
  union {
    w2l_ref func;       /* function: a non-null funcref (obj = its instance or host env) */
    w2l_table *table;   /* table (not owned) */
    w2l_memory *memory; /* memory (not owned) */
    w2l_global *global; /* global (not owned) */
    w2l_tag *tag;       /* exception tag (not owned) */
  } of;
} w2l_extern;

/* The type of an import or export, for reflection and link-time checks. */
typedef struct w2l_externtype {
  w2l_externkind kind; /* what it is */
  const char *sig;     /* FUNC: signature string; TAG: its payload as a signature ("if:") */
  w2l_valtype type;    /* TABLE: reftype; GLOBAL: value type */
  bool mutable_;       /* GLOBAL: mutability */
  uint64_t min, max;   /* TABLE/MEMORY limits (max = UINT64_MAX when none) */
  bool shared;         /* MEMORY: a shared memory (must match the import's exactly) */
  bool index64;        /* TABLE/MEMORY: indexed by i64, memory64 (must match exactly) */
  const char *ref;     /* TABLE/GLOBAL: a typed reference type spelled out, or NULL */
} w2l_externtype;

/* W2L_REF_TYPES: typed function references ((ref $t), (ref null func),
 * nofunc...) are stored as funcrefs and externrefs (type W2L_FUNCREF or
 * W2L_EXTERNREF), and spelled out where types must match: in a function
 * type's signature after a '|' ("r:i|N(i:i):i"), and in the ref member of
 * tables, globals and their import types: n (nullable) or N, then the heap
 * type: f func, e extern, F nofunc, E noextern, or a function type's
 * signature in parentheses ('@' inside it: that type itself).  Globals match
 * by subtyping when immutable, tables and mutable globals exactly. */

/* One import of a module, in import order. */
typedef struct w2l_import_desc {
  const char *module;  /* module name (NUL-terminated; module_len bytes) */
  uint32_t module_len; /* bytes of module (names may contain NUL) */
  const char *name;    /* item name (NUL-terminated; name_len bytes) */
  uint32_t name_len;   /* bytes of name */
  w2l_externtype type; /* what the import must be */
} w2l_import_desc;

/* One export of a module. */
typedef struct w2l_export_desc {
  const char *name;    /* export name (NUL-terminated; name_len bytes) */
  uint32_t name_len;   /* bytes of name */
  w2l_externkind kind; /* index space */
  uint32_t index;      /* index in that space */
  w2l_externtype type; /* its type */
} w2l_export_desc;

struct w2l_instance;
struct w2l_dylink;

/* Calls function f (of the given type) with untagged args and stores its
 * results; emitted once per function type of each module. */
typedef void (*w2l_trampoline)(const w2l_ref *f, const w2l_value *args, w2l_value *results);

/* What wasm2c-lite emits for each module, as X_module in X.c (and declared in
 * X.h); a plugin .so also returns it from W2L_PLUGIN_SYMBOL (see below). */
typedef struct w2l_module {
  uint32_t abi;                                  /* W2L_ABI_VERSION of the emitter */
  int bounds;                                    /* W2L_BOUNDS the code was compiled with */
  const char *name;                              /* module name (C prefix) */
  uint32_t ntypes;                               /* function types */
  const char *const *type_sigs;                  /* ntypes signature strings */
  const w2l_trampoline *trampolines;             /* ntypes trampolines */
  uint32_t nimports;                             /* number of imports */
  const w2l_import_desc *imports;                /* nimports imports, in order */
  uint32_t nexports;                             /* number of exports */
  const w2l_export_desc *exports;                /* nexports exports */
  uint32_t nfuncs, ntables, nmemories, nglobals; /* index space sizes, imports included */
  const uint32_t *func_types;                    /* nfuncs type indices */
  size_t instance_size;                          /* bytes of the emitted instance struct
                                                    (>= sizeof(w2l_instance)) */
  /* Fill a zeroed instance of instance_size bytes.  Before calling it the runtime
   * has checked the imports, set inst->module, inst->types (all ntypes
   * interned), allocated funcs/tables/memories/globals with the imported
   * entries filled in (imports of each kind come first, in import order) and the
   * rest zero.  init must: store a funcref {types[func_types[i]], fn, inst} in
   * funcs[i] for every function it defines, create its own tables, memories and
   * globals into the base arrays, evaluate globals, run element and data
   * segments (2.0 order and bounds, trapping with w2l_trap_raise), then the
   * start function.  Runs inside a protected call; returns NULL on success or an
   * error message (allocation failure), which the runtime reports. */
  const char *(*init)(struct w2l_instance *inst, const w2l_extern *imports);
  /* Release what init created (own tables, memories, globals, anything else;
   * safe after a partial init: entries may be NULL).  Must not touch imported
   * objects nor the base arrays themselves, which the runtime frees.  May be NULL. */
  void (*free)(struct w2l_instance *inst);
  unsigned interrupt; /* W2L_INTERRUPT_* checks compiled in (0: none) */
  const struct w2l_dylink *dylink; /* its dylink.0 section (w2l_dylink.h), NULL if none */
  uint32_t ntags;                  /* exception tags, imports included */
  const uint32_t *tag_types;       /* ntags type indices (function types without results) */
} w2l_module;

#define W2L_ABI_VERSION 9

/* ---- Exceptions (exception handling, WebAssembly 3.0) ----
 *
 * A tag is an object whose address is its identity: every instantiation of a
 * module makes its own tags, importing one shares it.  throw allocates a
 * w2l_exn holding the tag and the payload and unwinds (longjmp) to the
 * innermost handler on this thread: a try_table of wasm code, or else the
 * innermost protected call, which then returns W2L_TRAP_EXCEPTION (an export
 * wrapper or w2l_call reports "uncaught exception"; w2l_uncaught_exception()
 * shows what it was).  Traps are never caught by wasm code.
 *
 * Emitted code keeps the handler stack in w2l_eh_top: a try_table stores its
 * handler there on entry and puts the enclosing one back on every way out
 * (end, branches, return, tail calls, a catch).  A protected call starts with
 * none and restores the caller's when it returns, trap or not, so a host
 * frame is a barrier: a host function that wants an exception of a nested
 * call to go on passes it on with w2l_exn_rethrow_uncaught(). */
typedef struct w2l_handler {
  jmp_buf env; /* where a throw resumes the try_table (setjmp in emitted code) */
} w2l_handler;

struct w2l_tag {
  const w2l_functype *type; /* its payload: the params of a function type without results */
};

typedef struct w2l_exn {
  const w2l_tag *tag;   /* what was thrown */
  struct w2l_exn *next; /* in the list of the instance that took it as an exnref */
  bool escaped;         /* an exnref to it may exist, or held: freed with that instance only */
  bool held;            /* escaped only because a legacy catch holds it for rethrow */
  uint32_t nvals;       /* payload values */
  w2l_value *vals;      /* the payload, in the tag's param order (same allocation) */
} w2l_exn;

#ifdef __cplusplus
extern thread_local w2l_handler *w2l_eh_top;
#else
extern _Thread_local w2l_handler *w2l_eh_top;
#endif

/* setjmp for try_table: C's, which saves no signal mask on glibc and musl;
 * the BSD _setjmp where setjmp would make a system call. */
#if defined(__APPLE__) || defined(__FreeBSD__)
#define W2L_SETJMP(env) _setjmp(env)
#define W2L_LONGJMP(env, v) _longjmp(env, v)
#else
#define W2L_SETJMP(env) setjmp(env)
#define W2L_LONGJMP(env, v) longjmp(env, v)
#endif

/* A new tag with payload sig (a signature without results, "iI:"), for
 * hosts; NULL if sig is malformed or has results.  Free it with w2l_tag_free
 * once nothing uses it. */
w2l_tag *w2l_tag_new(const char *sig);
void w2l_tag_free(w2l_tag *t);
/* A new exception of tag t with a zeroed payload of t's nparams values, to
 * fill and throw (w2l_throw owns it from then on). */
w2l_exn *w2l_exn_new(const w2l_tag *t);
/* Throw x: unwind to the innermost handler (see above).  From wasm code or a
 * host function called by it. */
W2L_NORETURN void w2l_throw(w2l_exn *x);
/* throw_ref: throw the exception r refers to; a null traps "null exception
 * reference". */
W2L_NORETURN void w2l_throw_ref(w2l_ref r);
/* In a try_table's handler (its setjmp returned non-zero): the exception. */
w2l_exn *w2l_exn_caught(void);
/* catch_ref, catch_all_ref: x as an exnref that inst's code may keep; x then
 * lives as long as inst. */
w2l_ref w2l_exn_ref(struct w2l_instance *inst, w2l_exn *x);
/* A legacy catch part with a rethrow: inst holds x while the part runs
 * (another throw would free it); w2l_exn_rethrow(inst, x) lets go of it and
 * throws it again, w2l_exn_release(inst, x) lets go of it where the part is
 * left otherwise (an exception thrown out of the part leaves x to inst). */
void w2l_exn_hold(struct w2l_instance *inst, w2l_exn *x);
W2L_NORETURN void w2l_exn_rethrow(struct w2l_instance *inst, w2l_exn *x);
void w2l_exn_release(struct w2l_instance *inst, w2l_exn *x);
/* The exception that ended the last protected call on this thread with
 * W2L_TRAP_EXCEPTION, or NULL; valid until the next throw on this thread. */
const w2l_exn *w2l_uncaught_exception(void);
/* Throw the exception of w2l_uncaught_exception() again (a host function
 * passing on what a nested call threw); traps "uncaught exception" if none. */
W2L_NORETURN void w2l_exn_rethrow_uncaught(void);

/* ---- Interruption: epochs and fuel ----
 *
 * A plugin that loops forever can be stopped only by code that checks.  The
 * translator puts checks in when asked (chosen at translation time, nothing
 * is emitted otherwise and nothing costs anything):
 *
 *   --epoch   W2L_EPOCH_CHECK at every loop header and at the entry of every
 *             function that may recurse: traps "interrupted" once the
 *             process-wide epoch (w2l_epoch_increment) has reached the
 *             instance's deadline (w2l_instance_set_epoch_deadline).  Code
 *             without loops or recursion runs in bounded time; calls into
 *             host functions are the host's business.  Loop headers read the
 *             epoch; recursive entries cost nothing more than their stack
 *             check: a tick raises the stack limit of every thread in a
 *             protected call, and the slow path looks at the deadline.  One
 *             limit: when instances call each other directly (imports, shared
 *             tables), a recursion without loops in one of them may see its
 *             deadline one tick late, if the other's code took that tick's
 *             slow path first; a host that ticks periodically waits at most
 *             one period more. 
 *   --fuel    W2L_FUEL at every function entry and loop header: each charges
 *             the number of wasm instructions of the function or loop body
 *             outside the loops nested in it (a static bound on the work until
 *             the next check, branches not subtracted) and traps "out of fuel"
 *             when the instance's fuel (w2l_instance_set_fuel) does not cover
 *             it.  Deterministic: the same module, inputs and fuel trap at the
 *             same instruction on every machine.
 *
 * Both only end wasm code at a check; a trap unwinds to the host's call as
 * any trap does, and the instance stays usable (give it a new deadline or
 * fuel and call again).  From a signal handler or another thread, the one
 * thing a host may call is w2l_epoch_increment (a lock-free atomic add:
 * async-signal-safe); w2l_trap_raise is for host functions called by wasm,
 * never for signal handlers. */
#define W2L_INTERRUPT_EPOCH 1u /* w2l_module.interrupt: --epoch checks */
#define W2L_INTERRUPT_FUEL 2u  /* w2l_module.interrupt: --fuel checks */

/* The process-wide epoch, read by W2L_EPOCH_CHECK (not for hosts: use
 * w2l_epoch_now and w2l_epoch_increment). */
extern uint64_t w2l_epoch;
#if defined(__GNUC__)
#define W2L_EPOCH_NOW() __atomic_load_n(&w2l_epoch, __ATOMIC_RELAXED)
#else
#define W2L_EPOCH_NOW() (*(volatile uint64_t *)&w2l_epoch)
#endif

/* Advance the epoch by one; running code whose instance's deadline is reached
 * traps "interrupted" at its next check.  Async-signal-safe and thread-safe. */
void w2l_epoch_increment(void);
/* The current epoch (starts at 0). */
uint64_t w2l_epoch_now(void);

/* Emitted (with --epoch) at loop headers and entries of functions that may
 * recurse; base is the instance's w2l_instance. */
#define W2L_EPOCH_CHECK(base)                                    \
  do {                                                           \
    if (W2L_UNLIKELY(W2L_EPOCH_NOW() >= (base)->epoch_deadline)) \
      w2l_trap_raise(W2L_TRAP_INTERRUPTED);                      \
  } while (0)
/* Emitted (with --fuel) at function entries and loop headers: charge n. */
#define W2L_FUEL(base, n)                                                       \
  do {                                                                          \
    if (W2L_UNLIKELY((base)->fuel < (n))) w2l_trap_raise(W2L_TRAP_OUT_OF_FUEL); \
    (base)->fuel -= (n);                                                        \
  } while (0)

/* The generic view of an instance; the emitted instance struct begins with it. */
typedef struct w2l_instance {
  const w2l_module *module;   /* its module */
  const w2l_functype **types; /* module->ntypes interned types */
  w2l_ref *funcs;             /* module->nfuncs funcrefs (imports included) */
  w2l_table **tables;         /* module->ntables tables (imports included) */
  w2l_memory **memories;      /* module->nmemories memories */
  w2l_global **globals;       /* module->nglobals globals */
  void *host_data;            /* free for the host */
  uint64_t epoch_deadline;    /* W2L_EPOCH_CHECK traps once the epoch reaches it */
  uint64_t fuel;              /* fuel left for W2L_FUEL (translated with --fuel) */
  w2l_quota *quota;           /* what its own memories and tables charge */
  struct w2l_caller *callers; /* contexts of its caller-style host imports (runtime-owned) */
  w2l_tag **tags;             /* module->ntags tags (imports included; own ones runtime-owned) */
  struct w2l_exn *exns;       /* exceptions its code took as exnrefs (runtime-owned) */
} w2l_instance;

/* What a host function defined with w2l_linker_define_func_caller receives as
 * its first argument: the instance that imported it and the definition's env.
 * Valid during the call (the instance is already complete while its start
 * function runs: memories, tables and globals are in place).  A function
 * re-exported and called through another instance still reports the instance
 * that imported it from the host. */
typedef struct w2l_caller {
  w2l_instance *instance; /* the importing instance */
  void *env;              /* the env given at definition */
  w2l_memory *main_memory; /* the runtime's cache for w2l_caller_main_memory */
} w2l_caller;

/* Memory i of the caller's instance (imported ones first, as in the module),
 * or NULL if it has none such.  Memory 0 is the one C and Rust code uses. */
w2l_memory *w2l_caller_memory(const w2l_caller *c, uint32_t i);
/* The memory a WASI-style host function means: the caller's export "memory",
 * else its memory 0 (NULL if it has none); looked up once, then cached. */
w2l_memory *w2l_caller_main_memory(w2l_caller *c);
/* An export of the caller's instance by name (works during its start
 * function too, unlike w2l_instance_export); false if there is none. */
bool w2l_caller_export(const w2l_caller *c, const char *name, w2l_extern *out);

/* Error details from linking and instantiation. */
typedef struct w2l_error {
  w2l_trap trap;     /* W2L_OK for a link error, else the trap during start/init */
  char message[512]; /* human-readable, e.g.
                        unknown import "env" "g"
                        incompatible import type for "env" "f": expected func (i32) -> i32, got func () -> ()
                        or the trap's message ("out of bounds memory access") */
} w2l_error;

/* Instantiate m with imports given in m->imports order (an array of
 * m->nimports; may be NULL when there are none), checked against the spec's
 * matching rules: kinds equal, function types equal, tables/memories by limits
 * subtyping using the CURRENT size and maximum of the object supplied, globals
 * by value type and mutability.  Returns the new instance (owned by the
 * caller; free with w2l_instance_free), or NULL with err filled:
 *   - link errors (err->trap == W2L_OK): "unknown import ..." is the linker's,
 *     "incompatible import type for ...", an ABI or bounds-mode mismatch, or
 *     out of memory;
 *   - a trap in element/data segments or the start function (err->trap set,
 *     message = the trap's).  As the spec requires, what init wrote into
 *     imported tables, memories and globals before the trap stays there.
 *     The half-made instance is freed at once, unless one of its functions
 *     may be held outside it: when it imports a funcref table, a mutable
 *     funcref global or a function with a funcref parameter (its code may
 *     have put a ref there, and someone may have copied it), the runtime
 *     keeps it alive until exit.
 * err may be NULL. */
w2l_instance *w2l_instantiate(const w2l_module *m, const w2l_extern *imports, w2l_error *err);
/* Free inst and everything it defines (NULL is allowed).  Objects it exported
 * and others imported, and its functions placed in shared tables, become
 * dangling: free the instances that import from it first.
 *
 * Stale handles: the runtime keeps a set of the live instances.  The generic
 * entry points (w2l_instance_free, w2l_instance_export(_n), w2l_call(_n),
 * w2l_instance_set_*) look a handle up there before touching it: a freed
 * one gives W2L_TRAP_CALL_ERROR "stale instance handle" (calls), false
 * (exports), or nothing at all (free: a double free is ignored), never a
 * read of freed memory.  The typed export wrappers X_f(inst, ...) are the
 * fast path and do not check; a host unsure of a handle asks w2l_instance_live
 * first.  A freed address that a new instance reuses is that new instance:
 * the check keeps the host memory-safe, not from calling the wrong plugin. */
void w2l_instance_free(w2l_instance *inst);
/* Whether inst is an instance that w2l_instantiate returned and that has not
 * been freed since (thread-safe; inst is never dereferenced). */
bool w2l_instance_live(const w2l_instance *inst);

/* Look up an export by name (NUL-terminated); returns false if there is none. */
bool w2l_instance_export(const w2l_instance *inst, const char *name, w2l_extern *out);
/* The same for a name of len bytes (export names may contain NUL bytes). */
bool w2l_instance_export_n(const w2l_instance *inst, const char *name, size_t len, w2l_extern *out);

/* Generic call of an exported function with tagged values, in a protected call.
 * args must match the function's parameter types exactly and nresults its
 * result count; otherwise nothing runs and W2L_TRAP_CALL_ERROR is returned with
 * err->message saying why (err may be NULL).  On success results[] are filled
 * (tagged) and W2L_OK returned; on a trap the trap is returned (and put in
 * err).  Works for any instance on any thread. */
w2l_trap w2l_call(w2l_instance *inst, const char *name, const w2l_val *args, size_t nargs,
                  w2l_val *results, size_t nresults, w2l_error *err);
/* The same, naming the export by (name, len). */
w2l_trap w2l_call_n(w2l_instance *inst, const char *name, size_t len, const w2l_val *args,
                    size_t nargs, w2l_val *results, size_t nresults, w2l_error *err);

/* The quota inst's own memories and tables charge (NULL if inst is stale). */
w2l_quota *w2l_instance_quota(const w2l_instance *inst);

/* Set the growth limit (pages) of every memory inst defines (not imported
 * ones): the sandbox's per-instance memory quota.  See w2l_memory_set_limit. */
void w2l_instance_set_memory_limit(w2l_instance *inst, uint64_t limit_pages);

/* Interruption (see "Interruption: epochs and fuel" above).  A module
 * translated with --epoch traps "interrupted" once w2l_epoch_now() reaches
 * now + ticks; ticks == 0 means never (the default: a new instance has no
 * deadline unless w2l_set_new_instance_budget said otherwise).  Without
 * --epoch the deadline is kept but nothing checks it. */
void w2l_instance_set_epoch_deadline(w2l_instance *inst, uint64_t ticks);
/* Fuel of a module translated with --fuel: set what is left (UINT64_MAX, the
 * default, is as good as unlimited), or read it, e.g. after a call, to see
 * what the call consumed.  Fuel is per instance, not per thread: give each
 * call its budget before calling. */
void w2l_instance_set_fuel(w2l_instance *inst, uint64_t fuel);
uint64_t w2l_instance_fuel(const w2l_instance *inst);
/* The epoch deadline (ticks from the moment of instantiation, 0: none) and the
 * fuel that instances created afterwards on this thread start with, so that a
 * start function that loops forever is stopped too.  The defaults: 0 and
 * UINT64_MAX (no limit). */
void w2l_set_new_instance_budget(uint64_t epoch_ticks, uint64_t fuel);

/* ===================================================================== */
/* Linker and plugins                                                     */
/* ===================================================================== */

/* A linking context: definitions of (module, name) -> extern, the native
 * equivalent of the JavaScript import object.  It does not own what it names:
 * instances, tables, memories and globals defined in it must outlive its use. */
typedef struct w2l_linker w2l_linker;

/* A new empty linker (NULL when out of memory); free with w2l_linker_free. */
w2l_linker *w2l_linker_new(void);
/* Free l and its definitions (not the objects they name).  NULL is allowed. */
void w2l_linker_free(w2l_linker *l);
/* Define (module, name) as ext; a later definition replaces an earlier one.
 * Returns false when out of memory.  (Returned void before; callers that
 * ignore the result still compile.) */
bool w2l_linker_define(w2l_linker *l, const char *module, const char *name, w2l_extern ext);
/* Define a host function with signature sig ("ii:i", see w2l_functype_intern)
 * that gets its caller: fn is called as RET fn(w2l_caller *caller, PARAMS...),
 * cast to void (*)(void); caller->env is env.  The way to reach the calling
 * instance's memory (w2l_caller_memory + w2l_memory_read/write), even from
 * its start function.  A module's header has typed X_define_... macros for
 * each function it imports, which make a wrong C signature a compile error.
 * Returns false if sig is malformed, fn NULL, or out of memory. */
bool w2l_linker_define_func_caller(w2l_linker *l, const char *module, const char *name,
                                   const char *sig, void (*fn)(void), void *env);
/* fn converted to void (*)(void) if it has type T *, else a compile error
 * (used by the typed X_define_... macros of emitted headers). */
#ifdef __cplusplus
#define W2L_TYPED_FN(T, fn) reinterpret_cast<void (*)(void)>(static_cast<T *>(fn))
#else
#define W2L_TYPED_FN(T, fn) _Generic((fn), T *: (void (*)(void))(fn))
#endif
/* Define a host function with signature sig ("ii:i", see w2l_functype_intern):
 * fn is called as RET fn(void *env, PARAMS...), cast to void (*)(void).  A host
 * function may call w2l_trap_raise (usually W2L_TRAP_HOST) to stop the wasm code
 * that called it.  Returns false if sig is malformed, fn NULL, or out of memory. */
bool w2l_linker_define_func(w2l_linker *l, const char *module, const char *name, const char *sig,
                            void (*fn)(void), void *env);
/* Make every export of inst importable as (module, export name); inst must
 * outlive the definitions' use.  Returns false when out of memory. */
bool w2l_linker_define_instance(w2l_linker *l, const char *module, w2l_instance *inst);
/* Look up m's imports in l, in order, into imports[m->nimports].  Returns false
 * with err = `unknown import "env" "g"` for the first one not defined. */
bool w2l_linker_resolve(const w2l_linker *l, const w2l_module *m, w2l_extern *imports,
                        w2l_error *err);
/* Resolve m's imports in l and instantiate (see w2l_instantiate for errors);
 * if as_module is not NULL, also register the new instance's exports under
 * that name.  The caller owns the instance. */
w2l_instance *w2l_linker_instantiate(w2l_linker *l, const w2l_module *m, const char *as_module,
                                     w2l_error *err);
/* Sandbox quota: memories created by later w2l_linker_instantiate calls on l
 * (including while their start functions run) may grow to at most
 * limit_pages (memory.grow returns -1 past it).  UINT64_MAX: no limit. */
void w2l_linker_set_memory_limit(w2l_linker *l, uint64_t limit_pages);
/* Sandbox quota: the memories and tables of instances created by later
 * w2l_linker_instantiate calls on l all charge q (see Quotas); l holds a
 * reference.  NULL: each instance gets its own default quota again. */
void w2l_linker_set_quota(w2l_linker *l, w2l_quota *q);

/* ---- Threads (the threads proposal) ----
 * A wasm thread is an instance of its own on an OS thread of its own; what the
 * threads share is what they import, above all a shared memory
 * (w2l_memory_new_shared) defined in the linker.  Everything per thread stays
 * per thread: trap state, the native stack limit and (guard mode) the
 * alternate signal stack are set up by the protected call on the new thread.
 *
 *   w2l_memory *mem = w2l_memory_new_shared(1, 16);
 *   w2l_linker_define(l, "env", "memory", (w2l_extern){W2L_EXTERN_MEMORY, {.memory = mem}});
 *   w2l_val arg = W2L_I32_VAL(7), res;
 *   w2l_thread *t = w2l_thread_spawn(l, &worker_module, "run", &arg, 1, &err);
 *   ...
 *   if (t && w2l_thread_join(t, &res, 1, &err) != W2L_OK) puts(err.message); */
typedef struct w2l_thread w2l_thread;
/* The stack size of the OS threads w2l_thread_spawn starts; the stack budget
 * (w2l_set_stack_budget) must stay below it minus 256 KiB. */
#define W2L_THREAD_STACK_SIZE ((size_t)8 << 20)
/* Instantiate m through l on the calling thread (a link error, or a trap in
 * the start function, comes back at once: NULL with err filled, as from
 * w2l_linker_instantiate; also NULL with W2L_TRAP_CALL_ERROR when func is not
 * an exported function, and with W2L_OK "cannot create a thread" when the OS
 * refuses one), then run export func with args (copied) on a new OS thread
 * with a W2L_THREAD_STACK_SIZE stack, inside a protected call.  The handle
 * owns the new instance; join it exactly once (that frees both). */
w2l_thread *w2l_thread_spawn(w2l_linker *l, const w2l_module *m, const char *func,
                             const w2l_val *args, size_t nargs, w2l_error *err);
/* Wait until t's call returns, copy its results (nresults must be its result
 * count, else W2L_TRAP_CALL_ERROR), free t and its instance.  Returns W2L_OK,
 * or the trap that ended the thread's call (err filled; err may be NULL). */
w2l_trap w2l_thread_join(w2l_thread *t, w2l_val *results, size_t nresults, w2l_error *err);

/* A module loaded from a shared object. */
typedef struct w2l_plugin w2l_plugin;

/* The symbol a plugin .so exports: a function returning its descriptor.  (Not
 * named w2l_plugin_module: that name is the runtime's accessor below.)
 * Emitter: under -DW2L_PLUGIN, end X.c with  W2L_PLUGIN_EXPORT(X_module)  */
#define W2L_PLUGIN_SYMBOL "w2l_plugin_descriptor"
typedef const w2l_module *(*w2l_plugin_descriptor_fn)(void);
#define W2L_PLUGIN_EXPORT(module_var)                                                   \
  __attribute__((visibility("default"))) const w2l_module *w2l_plugin_descriptor(void); \
  const w2l_module *w2l_plugin_descriptor(void) { return &(module_var); }

/* Load a module translated by wasm2c-lite and built with
 *   cc -shared -fPIC -DW2L_PLUGIN X.c -o X.so
 * (not linked with the runtime library: it uses the host's, so the host links
 * with the shared runtime, or with -rdynamic and the whole static one; the
 * error says so when a runtime symbol is missing).  path is passed to dlopen (use "./x.so" for a relative
 * file).  Returns NULL with err filled if it cannot be loaded, has no
 * descriptor, or was built for another ABI or bounds mode.  Instantiate
 * w2l_plugin_module(p) with w2l_instantiate or a linker. */
w2l_plugin *w2l_plugin_open(const char *path, w2l_error *err);
/* The plugin's module descriptor (valid until w2l_plugin_close). */
const w2l_module *w2l_plugin_module(const w2l_plugin *p);
/* Unload (NULL is allowed).  Every instance of its module must have been
 * freed and none of its functions may remain in a table: their code is gone.
 * Interned function types stay valid (the registry copies signatures). */
void w2l_plugin_close(w2l_plugin *p);

/* The dlsym of dynamic linking: put inst's exported function name into table t
 * (funcref; reusing the first null slot, else growing by one) and return its
 * index, which other modules can call_indirect.  Index 0 is never returned (C
 * compiled to wasm uses it as the null function pointer): an empty table first
 * grows by a null slot 0.  To release a slot, set t->elems[i] = W2L_NULL_REF.
 * Returns UINT32_MAX with err filled if there is no such function export or
 * the table cannot grow. */
uint32_t w2l_table_add_export(w2l_table *t, w2l_instance *inst, const char *name, w2l_error *err);

/* ===================================================================== */
/* Numeric helpers used by emitted code (exact spec semantics, no UB)     */
/* ===================================================================== */

#include "w2l_numeric.h"
#include "w2l_simd.h"
#include "w2l_atomic.h"
#include "w2l_dylink.h"

#ifdef __cplusplus
}
#endif
#endif
