/* emit.h - what the emit_*.c files share (private to the C back end).
 *
 *   emit.c       module level: instance struct, init/free, descriptor, header,
 *                trampolines, export wrappers
 *   emit_code.c  function bodies, one small function per instruction class
 *   emit_names.c identifier mangling, C types and literals
 *   emit_buf.c   the output buffer
 *   emit_callgraph.c which functions may recurse (they get the stack check)
 *   emit_interrupt.c where --epoch and --fuel check, and what fuel charges
 *   emit_tail.c  tail calls: tail-call entries, their wrappers and thunks
 */
#ifndef W2L_EMIT_H
#define W2L_EMIT_H

#include <stdarg.h>

#include "compiler.h"

/* A growable output buffer in the module's arena. */
struct ebuf {
  struct arena *arena; /* where the bytes live */
  char *data;          /* len bytes, NUL-terminated */
  size_t len;          /* bytes written */
  size_t cap;          /* bytes allocated */
};

/* State shared by the whole translation of one module. */
struct emitter {
  const struct module *m; /* the validated module */
  struct arena *arena;    /* scratch memory (the module's arena) */
  const char *prefix;     /* mangled module prefix X */
  char **func_names;      /* per funcidx: C name of own functions (NULL for imports) */
  char **global_names;    /* per globalidx: instance field of own globals (NULL for imports) */
  char **type_structs;    /* per typeidx: multi-value result struct name, or NULL */
  struct ebuf *out;       /* where the .c text goes */
  bool *data_used;        /* per dataidx: named by a memory.init in emitted code */
  bool *data_named;       /* per dataidx: named by any memory.init, even in dead code */
  bool *recursive;        /* per funcidx: on a cycle of the call graph (emit.c) */
  bool tail_calls;        /* the module has return_call*: own functions get tail entries */
  bool *tail_body;        /* per funcidx: makes tail calls (its code is its tail entry) */
  bool *tail_thunk;       /* per typeidx: tail calls of this type may need a thunk */
  unsigned interrupt;     /* emit_options.interrupt */
  const char *fn_storage; /* "static " before own functions, or "X__LOCAL " (split output) */
  /* #line directives (emit_options.line_source): */
  const char *line_file; /* the source's name as a C string literal, or NULL: none */
  const char *c_file;    /* the C file's name as a C string literal */
  uint32_t *line_starts; /* offset of the first byte of each source line */
  uint32_t nlines;       /* lines in the source */
  bool line_used;        /* the function being written has a #line */
  uint64_t c_lines;      /* lines written to the C file so far */
};

/* emit_buf.c: the output buffer */
void emit_init_buf(struct ebuf *b, struct arena *a);
void emit_put(struct ebuf *b, const char *s);
/* Room for n more bytes (and the NUL) in b, to write into b->data directly. */
void emit_reserve(struct ebuf *b, size_t n);
/* n spaces. */
void emit_pad(struct ebuf *b, size_t n);
void emit_printf(struct ebuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void emit_vprintf(struct ebuf *b, const char *fmt, va_list ap);

/* emit_names.c: an export's name as the fragment of its public C name
 * X_fragment: emit_mangle's, escaped also when a leading '_' would make it
 * one of the emitter's own X__NAME identifiers ("_init"). */
char *emit_export_fragment(struct arena *a, const uint8_t *s, size_t len);

/* emit_names.c: types and literals */
/* C type of a value type: uint32_t, uint64_t, float, double, w2l_v128, w2l_ref. */
const char *emit_ctype(enum valtype t);
/* C expression of a value type's zero: 0, W2L_V128_ZERO or W2L_NULL_REF. */
const char *emit_zero(enum valtype t);
/* A v128 constant as a compound literal "(w2l_v128){{0x01, ...}}". */
void emit_v128_literal(struct ebuf *b, const uint8_t *v);
/* Member of w2l_value holding t: i32 i64 f32 f64 v128 ref. */
const char *emit_value_member(enum valtype t);
/* "PARAMS:RESULTS" signature string of a function type (arena). */
char *emit_sig(struct arena *a, const struct functype *ft);
/* The signature the runtime knows type typeidx by: emit_sig's letters, then,
 * if it has typed references, "|" and its structure (module.type_keys), so
 * that types stored alike but different to the spec are different types. */
const char *emit_runtime_sig(struct emitter *e, uint32_t typeidx);
/* Whether types a and b have the same C signature (trampolines, thunks). */
bool emit_same_ctypes(const struct emitter *e, uint32_t a, uint32_t b);
/* The name of a module-level helper for one signature: "X__TAG_PARAMS_RESULTS". */
char *emit_sig_name(struct emitter *e, const char *tag, uint32_t typeidx);
/* A C string literal for arbitrary bytes (octal escapes; trigraph-safe). */
void emit_string_literal(struct ebuf *b, const uint8_t *s, size_t len);
/* Bytes as they may appear inside a C comment: no comment ends, no trigraphs,
 * printable ASCII only (others become \xNN). */
void emit_comment_text(struct ebuf *b, const uint8_t *s, size_t len);
/* "(i32, i32) -> (i32)" */
void emit_functype_text(struct ebuf *b, const struct functype *ft);
/* Exact C literals for constants. */
void emit_f32_literal(struct ebuf *b, uint32_t bits);
void emit_f64_literal(struct ebuf *b, uint64_t bits);
/* C return type of a function type: void, a value type, or struct w2l_res_XYZ. */
const char *emit_return_type(struct emitter *e, uint32_t typeidx);
/* C function pointer type "RET (*)(void *, P1, ...)" for a function type. */
void emit_fnptr_type(struct emitter *e, struct ebuf *b, uint32_t typeidx);

/* emit_interrupt.c: the fuel charged by the check at the start of the code
 * from body->code[i] to the end of its block: its instructions, except those
 * of the loops nested in it (they charge their own), at least 1. */
uint64_t emit_fuel_cost(const struct expr *body, uint32_t i);
/* emit_interrupt.c: whether the header of the loop whose body starts at
 * f->body.code[first] needs the epoch check (the work until the next check
 * is not bounded otherwise). */
bool emit_loop_checks_epoch(const struct emitter *e, const struct func *f, uint32_t first);

/* emit_callgraph.c: one pass over the bodies sets e->recursive (functions on
 * a cycle of the call graph) and e->data_named. */
void emit_scan_bodies(struct emitter *e);

/* The slots every w2l_tail has at least (W2L_TAIL_SLOTS of w2l.h): a tail
 * call with more arguments is a call and a return. */
#define TAIL_SLOTS 32

/* emit_tail.c: tail calls (see w2l_tail in w2l.h).  The C name of own
 * function funcidx's tail entry, and of the thunk that tail-calls a function
 * of type typeidx through its fn (the callee has no tail entry). */
char *emit_tail_entry_name(struct emitter *e, uint32_t funcidx);
char *emit_tail_thunk_name(struct emitter *e, uint32_t typeidx);
/* Declarations of the tail entries and the thunks the module uses. */
void emit_tail_prototypes(struct emitter *e);
/* The definitions of the thunks the module uses. */
void emit_tail_thunks(struct emitter *e);
/* After own function funcidx's C text: when its code is its tail entry, the
 * normal C function that runs it; otherwise (in a module with tail calls) the
 * tail entry that calls it. */
void emit_tail_companion(struct emitter *e, uint32_t funcidx);

/* emit.c: one statement "callee(obj, args[0].i32, ...)" for type typeidx
 * (callee: its text up to the parenthesis), its results stored to
 * results[0..]: the trampolines' and the tail thunks' call. */
void emit_call_with_values(struct emitter *e, uint32_t typeidx, const char *callee,
                           const char *obj, const char *args, const char *results);

/* emit.c: the 1-based source line of byte offset pos (needs line_starts). */
uint32_t emit_source_line(const struct emitter *e, uint32_t pos);

/* emit_code.c */
/* The C definition of own function funcidx. */
void emit_function(struct emitter *e, uint32_t funcidx);
/* A C expression for a constant expression (global init, elem item, offset). */
void emit_const_expr(struct emitter *e, struct ebuf *b, const struct expr *x);

#endif
