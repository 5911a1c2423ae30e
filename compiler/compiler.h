/* compiler.h - the translator's one header: the module IR, then each file's
 * exports under a banner, in pipeline order.
 *
 *   source text  --lex.c/wat.c-->  struct module  <--binary.c--  .wasm bytes
 *   struct module --validate.c--> checked module --emit_*.c--> X.c + X.h
 *
 * Memory: every IR object lives in one struct arena; nothing is freed one by one.
 * Errors: any phase calls diag_error(); it longjmps to the diag_protect() frame
 * that main.c (or the spec runner) set up.  Nothing below main.c calls exit().
 */
#ifndef W2L_COMPILER_H
#define W2L_COMPILER_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ===================================================================== */
/* arena.c: bump allocation for IR objects                               */
/* ===================================================================== */

struct arena_block;

struct arena {
  struct arena_block *head; /* newest block; older ones chained behind */
  size_t used;              /* total bytes handed out, for the memory cap */
  size_t cap;               /* diag_error() past this many bytes (0 = 1 GiB) */
};

/* Zeroed, 16-byte aligned memory that lives until arena_free(). */
void *arena_alloc(struct arena *a, size_t size);
/* The same, not zeroed (for memory the caller fills at once). */
void *arena_bytes(struct arena *a, size_t size);
/* arena_alloc(n * size) with an overflow check. */
void *arena_array(struct arena *a, size_t n, size_t size);
/* Grow an arena array: returns a new array of new_n elements holding old_n. */
void *arena_grow(struct arena *a, void *old, size_t old_n, size_t new_n, size_t size);
/* The room an array needs for need elements when it has room for cap: cap
 * doubled (8 when cap is 0), or need if that is more.  Arrays index with
 * uint32_t: need past UINT32_MAX is a diag_error(), and the result never
 * passes it. */
size_t arena_room(size_t cap, size_t need);
/* Make room for more further elements in the growable arena array v, which
 * holds n elements in room for cap: when they do not fit, v moves to a larger
 * array (arena_room) and cap is updated.  v, n and cap are lvalues (n and cap
 * of any unsigned type); each may be evaluated more than once.
 *
 *   ARENA_RESERVE(p->a, p->code, p->ncode, p->code_cap, 1);
 *   p->code[p->ncode++] = in;
 */
#define ARENA_RESERVE(a, v, n, cap, more)                             \
  do {                                                                \
    if ((size_t)(cap) - (size_t)(n) < (size_t)(more)) {               \
      size_t room_ = arena_room((cap), (size_t)(n) + (size_t)(more)); \
      (v) = arena_grow((a), (v), (n), room_, sizeof *(v));            \
      (cap) = room_;                                                  \
    }                                                                 \
  } while (0)
char *arena_strndup(struct arena *a, const char *s, size_t n);
void arena_free(struct arena *a);
/* A point in an arena's life: arena_release() frees everything allocated
 * after it (scratch memory for one function, reused for the next). */
struct arena_mark {
  struct arena_block *head; /* the newest block then */
  size_t head_used;         /* its bytes handed out then */
  size_t used;              /* the arena's total then */
};
struct arena_mark arena_mark(const struct arena *a);
void arena_release(struct arena *a, struct arena_mark mark);

/* ===================================================================== */
/* diag.c: diagnostics and the protected call                            */
/* ===================================================================== */

/* One input file, text or binary.  pos values in the IR are byte offsets in data. */
struct source {
  const char *filename; /* as given on the command line, "-" for stdin */
  const uint8_t *data;  /* whole file contents (owned by the caller) */
  size_t size;          /* bytes in data */
  bool is_text;         /* true: report line:col and a caret; false: 0xOFFSET */
};

struct diag {
  jmp_buf *jmp;       /* innermost diag_protect() frame; NULL outside one */
  char message[2048]; /* the last error, fully formatted (location, line, caret) */
  char reason[512];   /* the last error's bare message, no location */
  FILE *notes;        /* where notes go (stderr in main; NULL = discard) */
};

extern struct diag diag;

/* Run fn(arg); returns 0 if it completed, 1 if diag_error() fired inside (then
 * diag.message holds the error).  Frames nest. */
int diag_protect(void (*fn)(void *arg), void *arg);
/* Pass the error a diag_protect() call returned on to the enclosing frame. */
_Noreturn void diag_rethrow(void);

/* Format "file:line:col: error: MSG\n  source line\n  ^" (text) or
 * "file:0xOFFSET: error: MSG" (binary) into diag.message and longjmp. */
_Noreturn void diag_error(const struct source *src, size_t pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Same with a va_list. */
_Noreturn void diag_verror(const struct source *src, size_t pos, const char *fmt, va_list ap);
/* "file:line:col: note: MSG" to diag.notes, if set; does not unwind. */
void diag_note(const struct source *src, size_t pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ===================================================================== */
/* The module IR (ir.c holds the small helpers below)                    */
/* ===================================================================== */

/* Value types.  Number types and the nullable abstract reference types use
 * their binary encodings; every other reference type (typed function
 * references: (ref $t), (ref null $t), (ref func), nofunc...) is packed by
 * vt_ref(): VT_REF, VT_NULLABLE if nullable, and its heap type (enum heaptype
 * or HT_TYPE + typeidx) from bit VT_HEAP_SHIFT up.  So funcref and
 * (ref null func) are the same value, and equal types are equal numbers
 * (concrete heap types compare by index: see module.type_canon). */
enum valtype {
  VT_I32 = 0x7F,
  VT_I64 = 0x7E,
  VT_F32 = 0x7D,
  VT_F64 = 0x7C,
  VT_V128 = 0x7B,
  VT_FUNCREF = 0x70,
  VT_EXTERNREF = 0x6F,
  VT_REF = 0x100,        /* bit: a packed reference type */
  VT_NULLABLE = 0x200,   /* bit: the packed reference type is nullable */
  VT_LAST_ = 0x7FFFFFFF, /* keeps the enum 32 bits wide */
};
#define VT_HEAP_SHIFT 10
/* The packed (ref null? heap) as a constant expression; vt_ref() gives the
 * abbreviation where there is one and should be used everywhere else. */
#define VT_PACK(nullable, heap) \
  ((enum valtype)(VT_REF | ((nullable) ? VT_NULLABLE : 0) | ((uint32_t)(heap) << VT_HEAP_SHIFT)))

/* Heap types of reference types: abstract ones by their binary encodings,
 * concrete ones as HT_TYPE + typeidx. */
enum heaptype {
  HT_FUNC = 0x70,
  HT_EXTERN = 0x6F,
  HT_NOFUNC = 0x73,
  HT_NOEXTERN = 0x72,
  HT_EXN = 0x69,   /* exception references (exnref = (ref null exn)) */
  HT_NOEXN = 0x74, /* the bottom of exn: nullexnref = (ref null noexn) */
  HT_BOT = 0xFF,  /* the validator's bottom: ref.as_non_null of an unknown operand */
  HT_TYPE = 0x100 /* + typeidx */
};
/* exnref, (ref null exn): a packed type (there is no abbreviation code in enum valtype). */
#define VT_EXNREF VT_PACK(true, HT_EXN)
#define HT_TYPE_LIMIT ((1u << (31 - VT_HEAP_SHIFT)) - HT_TYPE) /* typeidx must be below */

/* Immediate kinds (column IMM of opcodes.def). */
enum immkind {
  IMM_NONE,
  IMM_BLOCK,         /* imm.block */
  IMM_LABEL,         /* imm.idx = relative label depth */
  IMM_BR_TABLE,      /* imm.br_table */
  IMM_FUNC,          /* imm.idx = funcidx */
  IMM_TYPE,          /* imm.idx = typeidx (call_ref, return_call_ref) */
  IMM_CALL_INDIRECT, /* imm.pair.a = typeidx, imm.pair.b = tableidx */
  IMM_SELECT_T,      /* imm.select */
  IMM_LOCAL,         /* imm.idx = localidx */
  IMM_GLOBAL,        /* imm.idx = globalidx */
  IMM_TABLE,         /* imm.idx = tableidx */
  IMM_MEMARG,        /* imm.memarg */
  IMM_MEMORY,        /* imm.idx = memidx (memory.size/grow/fill) */
  IMM_I32,           /* imm.i32 */
  IMM_I64,           /* imm.i64 */
  IMM_F32,           /* imm.f32_bits */
  IMM_F64,           /* imm.f64_bits */
  IMM_REFTYPE,       /* imm.idx = the nullable reference type of ref.null's heap type */
  IMM_MEMORY_INIT,   /* imm.pair.a = dataidx, imm.pair.b = memidx */
  IMM_DATA,          /* imm.idx = dataidx */
  IMM_MEMORY_COPY,   /* imm.pair.a = dst memidx, imm.pair.b = src memidx */
  IMM_TABLE_INIT,    /* imm.pair.a = elemidx, imm.pair.b = tableidx */
  IMM_ELEM,          /* imm.idx = elemidx */
  IMM_TABLE_COPY,    /* imm.pair.a = dst tableidx, imm.pair.b = src tableidx */
  IMM_V128,          /* imm.v128: v128.const, 16 bytes little-endian */
  IMM_SHUFFLE,       /* imm.v128: i8x16.shuffle's 16 lane indices (each < 32) */
  IMM_LANE,          /* imm.idx = lane index (extract_lane, replace_lane) */
  IMM_MEMARG_LANE,   /* imm.memarg, with imm.memarg.lane (v128.loadN_lane / storeN_lane) */
  IMM_FENCE,         /* atomic.fence: a reserved 0x00 byte in the binary, nothing kept */
  IMM_TAG,           /* imm.idx = tagidx (throw) */
  IMM_TRY_TABLE,     /* imm.block, with its catch clauses (try_table) */
};

enum opcode {
#define X(e, name, prefix, code, imm, sig, c, align, lanes, flags) OP_##e,
#include "opcodes.def"
#undef X
  OP_COUNT
};

/* Does op open a block that its end closes (block, loop, if, try_table,
 * the legacy try)? */
static inline bool op_opens_block(unsigned op) {
  return op == OP_BLOCK || op == OP_LOOP || op == OP_IF || op == OP_TRY_TABLE || op == OP_TRY;
}

/* Does op close the innermost block: end, or delegate (which ends a legacy try)? */
static inline bool op_closes_block(unsigned op) { return op == OP_END || op == OP_DELEGATE; }

/* Does op start another part of the innermost block: else, catch, catch_all? */
static inline bool op_splits_block(unsigned op) {
  return op == OP_ELSE || op == OP_CATCH || op == OP_CATCH_ALL;
}

/* One row of opcodes.def, indexed by enum opcode. */
/* Properties of an instruction (the FLAGS column of opcodes.def). */
enum {
  OPF_TRAPS = 1,   /* may trap */
  OPF_COMPARE = 2, /* scalar comparison: the i32 result is 0 or 1 */
  OPF_CALL = 4,    /* the C template is a helper call */
  OPF_CAST = 8,    /* the C template is a cast of its one operand */
  /* The instruction groups the validator and the emitter each hand to one
   * function (at most one of these per opcode): */
  OPF_TABLE_OP = 16,  /* table.*, elem.drop */
  OPF_MEMORY_OP = 32, /* memory.size, memory.grow, bulk memory, data.drop */
  OPF_REF_OP = 64,    /* ref.null, ref.is_null, ref.func */
  OPF_ATOMIC = 128,   /* threads: atomic accesses, wait/notify, atomic.fence */
};

struct opinfo {
  const char *name; /* text keyword */
  uint8_t prefix;   /* 0, 0xFC, 0xFD or 0xFE */
  uint32_t code;    /* opcode byte or prefixed LEB value */
  enum immkind imm; /* immediate kind */
  const char *sig;  /* "PARAMS:RESULTS" or "" */
  const char *c;    /* C template or helper suffix */
  uint8_t align;    /* natural alignment in bytes of a memory access, else 0 */
  uint8_t lanes;    /* lane count of a lane instruction, else 0 */
  uint8_t flags;    /* OPF_* */
};
extern const struct opinfo opinfo[OP_COUNT];

enum blocktype_kind {
  BT_EMPTY, /* [] -> [] */
  BT_VALUE, /* [] -> [valtype] */
  BT_INDEX, /* type index: params and results of types[typeidx] */
};

/* The kinds of catch clauses of try_table, by their binary encodings. */
enum catch_kind { CATCH = 0, CATCH_REF = 1, CATCH_ALL = 2, CATCH_ALL_REF = 3 };

/* One catch clause of a try_table. */
struct catch_clause {
  enum catch_kind kind; /* what it matches and whether it passes the exnref */
  uint32_t tag;         /* CATCH, CATCH_REF: the tag it matches */
  uint32_t label;       /* relative label depth, counted outside the try_table */
  uint32_t pos;         /* source offset, for diagnostics */
};

struct blocktype {
  enum blocktype_kind kind;      /* which of the three forms */
  enum valtype valtype;          /* for BT_VALUE */
  uint32_t typeidx;              /* for BT_INDEX */
  uint32_t ncatches;             /* try_table: catch clauses */
  struct catch_clause *catches;  /* try_table: ncatches clauses, in order */
  const char *label;        /* the block's $label (text) or name-section label name
                               (binary), without '$'; NULL if none.  Only for
                               readable output: dumps and validation ignore it. */
};

struct memarg {
  uint32_t align;  /* log2 of the alignment, as in the binary */
  uint32_t mem;    /* memidx */
  uint64_t offset; /* static offset (u32 for memory32, but kept wide) */
  uint8_t lane;    /* lane index of v128.loadN_lane / v128.storeN_lane (IMM_MEMARG_LANE) */
};

/* A byte string with length; wasm names may hold any UTF-8, including NUL. */
struct bytes {
  uint8_t *data; /* not NUL-terminated in general (arena copies add a NUL) */
  uint32_t len;  /* byte length */
};

struct instr {
  uint16_t op;  /* enum opcode */
  uint32_t pos; /* source offset of the instruction, for diagnostics */
  union {
    uint32_t idx; /* single index immediates, see enum immkind */
    struct {
      uint32_t a, b; /* two-index immediates, see enum immkind */
    } pair;
    struct blocktype block; /* block, loop, if */
    struct {
      uint32_t count;   /* number of labels, not counting the default */
      uint32_t *labels; /* count + 1 entries; labels[count] is the default */
    } br_table;
    struct {
      uint32_t count;      /* number of types (1 in 2.0, 0 never) */
      enum valtype *types; /* the result types of select t */
    } select;
    struct memarg memarg; /* loads, stores */
    uint32_t i32;         /* i32.const value bits */
    uint64_t i64;         /* i64.const value bits */
    uint32_t f32_bits;    /* f32.const, exact bit pattern */
    uint64_t f64_bits;    /* f64.const, exact bit pattern */
    uint8_t v128[16];     /* v128.const (little-endian) or i8x16.shuffle lane indices */
  } imm;
};

/* A flat instruction sequence, as in the binary: block/loop/if ... end with
 * else in between; a function body and a constant expression both end with
 * their own OP_END. */
struct expr {
  struct instr *code; /* instructions */
  uint32_t count;     /* number of instructions, including the final end */
  uint32_t pos;       /* source offset of the expression */
};

struct functype {
  uint32_t nparams;      /* number of parameters */
  uint32_t nresults;     /* number of results */
  enum valtype *params;  /* nparams types */
  enum valtype *results; /* nresults types */
  uint32_t pos;          /* source offset of the definition (text: of the type use
                            that added an implicit type) */
};

struct limits {
  uint64_t min; /* initial size in pages or elements */
  uint64_t max; /* maximum, valid if has_max */
  bool has_max; /* whether a maximum was given */
  bool shared;  /* memory declared shared (threads); needs a maximum */
  bool i64;     /* memory64: a memory addressed by i64 (sizes up to 2^48 pages) */
};

enum externkind { EXT_FUNC = 0, EXT_TABLE = 1, EXT_MEMORY = 2, EXT_GLOBAL = 3, EXT_TAG = 4 };

/* Implementation limits (the spec leaves them to each implementation), the
 * same for text and binary input: the validator applies them to every module,
 * and the binary reader checks the locals ones before allocating for them, so
 * that a few bytes cannot demand gigabytes.  They keep the emitted C within
 * what gcc and clang build.  (The text reader also bounds how deeply folded
 * instructions nest, LIMIT_FOLD_DEPTH: that syntax has no binary form.) */
#define LIMIT_LOCALS 50000u            /* declared locals in one function */
#define LIMIT_MODULE_LOCALS (1u << 23) /* declared locals in all functions */
#define LIMIT_DEPTH 10000u             /* nested block/loop/if in one function */
#define LIMIT_FOLD_DEPTH 1000u         /* nested folded instructions (text) */

struct func {
  uint32_t typeidx;         /* index into module.types */
  bool imported;            /* true for the first module.nfuncimports functions */
  uint32_t import;          /* index into module.imports if imported */
  uint32_t nlocals;         /* declared locals, not counting params */
  enum valtype *locals;     /* nlocals types */
  struct expr body;         /* code, ends with OP_END; empty if imported.  Binary
                               input keeps only body.count and body.pos: body.code
                               is NULL until func_load_body() decodes it */
  uint32_t code_end;        /* binary input: end offset of the encoded body (it
                               starts at body.pos); 0: body.code is always there */
  const char **label_names; /* binary input: name-section label names, one per
                               block/loop/if in order, set by func_load_body() */
  const char *name;         /* $name or name-section name without '$', or NULL */
  const char **local_names; /* NULL or params+locals entries, each NULL or a name */
  uint32_t pos;             /* source offset of the definition */
  /* Facts val_module() records for the emitter (zero before validation): */
  bool declared;      /* in the spec's C.refs (named by an elem segment, an export or a
                         global initializer), so ref.func may take its reference */
  uint32_t max_stack; /* most operand-stack values live at once in the body */
  uint32_t max_depth; /* deepest nesting of block/loop/if, the body's own label included */
};

struct table {
  enum valtype reftype; /* VT_FUNCREF or VT_EXTERNREF */
  struct limits limits; /* size in elements */
  struct expr init;     /* every element's initial value (3.0 table initializer);
                           count 0: none, the elements start null */
  bool imported;        /* imported tables come first */
  uint32_t import;      /* index into module.imports if imported */
  const char *name;     /* $name or NULL */
  uint32_t pos;         /* source offset */
};

struct memory {
  struct limits limits; /* size in 64 KiB pages */
  bool imported;        /* imported memories come first */
  uint32_t import;      /* index into module.imports if imported */
  const char *name;     /* $name or NULL */
  uint32_t pos;         /* source offset */
};

struct global {
  enum valtype type; /* value type */
  bool mutable_;     /* declared (mut ...) */
  bool imported;     /* imported globals come first */
  uint32_t import;   /* index into module.imports if imported */
  struct expr init;  /* constant expression; empty if imported */
  const char *name;  /* $name or NULL */
  uint32_t pos;      /* source offset */
};

/* An exception tag: the types of its payload (a function type without results). */
struct tag {
  uint32_t typeidx; /* index into module.types */
  bool imported;    /* imported tags come first */
  uint32_t import;  /* index into module.imports if imported */
  const char *name; /* $name or NULL */
  uint32_t pos;     /* source offset */
};

struct import {
  struct bytes module;  /* module name */
  struct bytes field;   /* item name */
  enum externkind kind; /* which index space it adds to */
  uint32_t index;       /* its index in that space (funcs, tables, mems, globals, tags) */
  uint32_t pos;         /* source offset */
};

struct export {
  struct bytes name;    /* export name, unique within the module */
  enum externkind kind; /* what it exports */
  uint32_t index;       /* index in that space */
  uint32_t pos;         /* source offset */
};

enum segmode { SEG_ACTIVE, SEG_PASSIVE, SEG_DECLARATIVE };

struct elem {
  enum segmode mode;    /* active, passive or declarative */
  uint32_t table;       /* active: tableidx */
  struct expr offset;   /* active: constant i32 offset expression */
  enum valtype reftype; /* element type */
  uint32_t count;       /* number of items */
  struct expr *items;   /* count constant expressions (ref.func f / ref.null t / global.get) */
  const char *name;     /* $name or NULL */
  uint32_t pos;         /* source offset */
};

struct data {
  enum segmode mode;  /* SEG_ACTIVE or SEG_PASSIVE */
  uint32_t mem;       /* active: memidx */
  struct expr offset; /* active: constant i32 offset expression */
  struct bytes init;  /* the bytes */
  const char *name;   /* $name or NULL */
  uint32_t pos;       /* source offset */
};

/* Symbol flags of a dylink.0 section (the tool conventions' values; the same
 * as the runtime's W2L_DYLINK_WEAK and W2L_DYLINK_TLS). */
#define DYLINK_WEAK 0x1u  /* weak binding: may stay undefined */
#define DYLINK_TLS 0x100u /* thread-local data symbol (rejected for now) */

/* One entry of a dylink.0 section's export info or import info. */
struct dylink_symbol {
  struct bytes module; /* import info: the import's module name; export info: {NULL, 0} */
  struct bytes name;   /* the export's or import's name (UTF-8, no NUL byte) */
  uint32_t flags;      /* DYLINK_* bits; others kept as read */
  uint32_t pos;        /* source offset of the entry */
};

/* The dylink.0 custom section of a side module (tool conventions,
 * DynamicLinking.md): what a loader must know before it instantiates it. */
struct dylink {
  uint32_t mem_size;                 /* bytes of data and bss the module needs */
  uint32_t mem_align;                /* their alignment, log2 (at most 31) */
  uint32_t table_size;               /* table slots the module needs */
  uint32_t table_align;              /* their alignment, log2 (at most 31) */
  uint32_t nneeded;                  /* libraries to load before it */
  struct bytes *needed;              /* nneeded names */
  uint32_t nexport_info;             /* entries of export_info */
  struct dylink_symbol *export_info; /* flags of some exports (module left empty) */
  uint32_t nimport_info;             /* entries of import_info */
  struct dylink_symbol *import_info; /* flags of some imports */
  uint32_t nruntime_path;            /* entries of runtime_path */
  struct bytes *runtime_path;        /* directories to search for needed libraries
                                        (kept for --dump; the runtime has its own
                                        search path) */
  uint32_t pos;                      /* source offset of the section */
};

struct module {
  struct arena *arena;      /* owns everything below */
  const struct source *src; /* the input, for diagnostics */
  const char *name;         /* (module $name) or name-section module name, or NULL */

  uint32_t ntypes;    /* type section */
  uint32_t types_cap; /* capacity of types (module_add_type) */
  struct functype *types;
  uint32_t nimports; /* imports in declaration order */
  struct import *imports;
  uint32_t nfuncs, nfuncimports; /* all functions; imported ones first */
  struct func *funcs;
  uint32_t ntables, ntableimports; /* all tables; imported ones first */
  struct table *tables;
  uint32_t nmems, nmemimports; /* all memories; imported ones first */
  struct memory *mems;
  uint32_t nglobals, nglobalimports; /* all globals; imported ones first */
  struct global *globals;
  uint32_t ntags, ntagimports; /* all tags (exception handling); imported ones first */
  struct tag *tags;
  uint32_t nexports;
  struct export *exports;
  bool has_start;     /* whether a start function was given */
  uint32_t start;     /* its funcidx */
  uint32_t start_pos; /* source offset of the start declaration */
  uint32_t nelems;
  struct elem *elems;
  uint32_t ndatas;
  struct data *datas;
  bool has_datacount; /* binary had a data count section */
  uint32_t datacount; /* its value */
  /* Binary input: its dylink.0 section (a side module), or NULL. */
  struct dylink *dylink;
  /* Set by val_module(): per type, the text of its structure (a signature
   * with typed references spelled out, see validate.c) and the first type
   * index with the same structure (equal types, as the spec defines them). */
  const char **type_keys;
  uint32_t *type_canon;
};

/* ir.c */
/* "i32", "funcref", "(ref null 3)" (typed references: in one of a few
 * static buffers used in turn, so a message may name several types). */
const char *valtype_name(enum valtype t);
bool valtype_is_ref(enum valtype t);
/* The reference type (ref null? heap), the abbreviation where there is one. */
enum valtype vt_ref(bool nullable, uint32_t heap);
/* Heap type and nullability of reference type t. */
uint32_t vt_heap(enum valtype t);
bool vt_nullable(enum valtype t);
/* The top of heap type h's hierarchy: HT_FUNC, HT_EXTERN or HT_EXN (HT_BOT for HT_BOT). */
uint32_t heap_top(uint32_t h);
/* How t is stored: typed references as funcref or externref (their C
 * representation; an exnref is stored as an externref whose obj is the
 * exception), everything else as itself. */
enum valtype vt_storage(enum valtype t);
/* A typed reference (packed), as opposed to a number type or an abbreviation. */
static inline bool vt_is_typed(enum valtype t) { return (t & VT_REF) != 0; }
/* The signature letter of a number type or abbreviation: i I f F V r x
 * (typed references: the letter of vt_storage()). */
char valtype_letter(enum valtype t);
/* The type a letter of the SIG column of opcodes.def stands for (i I f F V). */
enum valtype sig_valtype(char c);
/* FNV-1a hash of n bytes (for the compiler's hash tables). */
uint32_t hash_bytes(const void *data, size_t n);
/* Function bodies read from a binary stay encoded in the input between
 * uses: func_load_body() decodes own function funcidx's body into a (into
 * body.code, which then lives until the next func_drop_body() or the release
 * of a), func_drop_body() forgets it.  Both do nothing for bodies that are
 * always there (text input, imports). */
void func_load_body(const struct module *m, uint32_t funcidx, struct arena *a);
void func_drop_body(const struct module *m, uint32_t funcidx);
/* fn(arg, funcidx) for each own function of m in order, with its body loaded
 * in scratch memory that is freed after each call (so memory holds one body
 * at a time); an error in fn propagates once the scratch memory is freed. */
void module_each_body(const struct module *m, void (*fn)(void *arg, uint32_t funcidx), void *arg);
/* Find an opcode by text name; returns OP_COUNT if none.  SELECT_T is never
 * returned (text "select" is OP_SELECT; the parser picks SELECT_T on a result). */
enum opcode op_by_name(const char *name, size_t len);
/* Find an opcode by binary encoding; returns OP_COUNT if none. */
enum opcode op_by_code(uint8_t prefix, uint32_t code);
/* Append a function type and return its index, or the index of an equal one
 * if dedupe is true (used for the text format's implicit type uses). */
uint32_t module_add_type(struct module *m, const struct functype *ft, bool dedupe);
bool functype_equal(const struct functype *a, const struct functype *b);

/* ===================================================================== */
/* lex.c: tokens of the text format (shared by wat.c and wast.c)         */
/* ===================================================================== */

enum tok_kind {
  TOK_EOF,      /* end of the range */
  TOK_LPAR,     /* ( */
  TOK_RPAR,     /* ) */
  TOK_KEYWORD,  /* keyword: starts with a lowercase letter (module, i32.add, offset=4) */
  TOK_ID,       /* $identifier or $"string" (pos/len include the '$'); name: lex_id */
  TOK_NUMBER,   /* integer or float literal, sign included; converted by lex_* below */
  TOK_STRING,   /* "..." (pos/len include the quotes); decoded by lex_string */
  TOK_RESERVED, /* any other idchar run: always an error where it appears */
};

struct token {
  enum tok_kind kind; /* what it is */
  size_t pos;         /* source offset of its first byte */
  size_t len;         /* its length in bytes */
};

struct lexer {
  const struct source *src; /* input */
  size_t pos;               /* next unread byte */
  size_t end;               /* end of the range being lexed */
};

void lex_init(struct lexer *lx, const struct source *src, size_t start, size_t end);
/* Next token, skipping white space, ;; line comments (to LF or CR), nested
 * (; ;) block comments and annotations, (@id ...) with balanced parentheses
 * inside (annotations proposal, WebAssembly 3.0).  Malformed input
 * (unterminated string, comment or annotation, bad escape, control
 * characters, empty annotation id) is reported with diag_error(). */
struct token lex_next(struct lexer *lx);
/* The token lex_next() would return next, without consuming anything. */
struct token lex_peek(struct lexer *lx);
/* Does token t spell exactly the keyword kw? */
bool lex_is(const struct lexer *lx, struct token t, const char *kw);
/* The name of identifier token t, '$' included: its source text, or for
 * $"..." (3.0) '$' and the string's decoded bytes (arena copy), so that $a
 * and $"a" are the same name. */
struct bytes lex_id(struct arena *a, const struct lexer *lx, struct token t);
/* Decode a string token's escapes into bytes (arena copy, NUL added). */
struct bytes lex_string(struct arena *a, const struct lexer *lx, struct token t);
/* Numeric literals exactly as the spec defines them (underscores, hex, ranges);
 * each returns false if t is not a valid literal of that kind, so the caller
 * can report "unknown operator" / "constant out of range" in context. */
bool lex_u32(const struct lexer *lx, struct token t, uint32_t *out);  /* u32 only */
bool lex_u64(const struct lexer *lx, struct token t, uint64_t *out);  /* u64 only */
bool lex_i32(const struct lexer *lx, struct token t, uint32_t *out);  /* s32 or u32 */
bool lex_i64(const struct lexer *lx, struct token t, uint64_t *out);  /* s64 or u64 */
bool lex_f32(const struct lexer *lx, struct token t, uint32_t *bits); /* incl. inf, nan:0x.. */
bool lex_f64(const struct lexer *lx, struct token t, uint64_t *bits);
/* Is t a number token with integer syntax (no '.', exponent, inf or nan)? */
bool lex_is_int(const struct lexer *lx, struct token t);
/* Lane count of a v128.const shape keyword (i8x16 16 ... f64x2 2), or 0;
 * *is_float is set for f32x4 and f64x2. */
unsigned lex_v128_shape(const struct lexer *lx, struct token t, bool *is_float);
/* One lane literal of a v128.const of that shape into out[0..16/lanes),
 * little-endian: iN lanes take sN or uN (i8: -128..255), float lanes as f32/f64.
 * False if t is not a valid literal for the lane. */
bool lex_v128_lane(const struct lexer *lx, struct token t, unsigned lanes, bool is_float,
                   uint8_t *out);
/* Offset of the first malformed UTF-8 sequence in s[0..n), or n if it is all
 * well-formed (names must be).  The text and binary readers both use it. */
size_t lex_utf8_check(const uint8_t *s, size_t n);

/* ===================================================================== */
/* wat.c: the text format                                                */
/* ===================================================================== */

/* Parse a whole .wat file (one module, or one (module ...) form) into a new
 * module allocated in arena.  Errors via diag_error(). */
struct module *wat_parse_module(struct arena *arena, const struct source *src);

/* Parse the module s-expression "(module ...)" that spans [start, end) of src
 * (a .wast script holds many); positions stay relative to the whole source, so
 * errors point into the script. */
struct module *wat_parse_module_range(struct arena *arena, const struct source *src, size_t start,
                                      size_t end);

/* ===================================================================== */
/* wast.c: .wast scripts, for the spec runner                            */
/* ===================================================================== */

enum wast_kind {
  WAST_MODULE,   /* (module ...) and (module definition ...) */
  WAST_MODULE_INSTANCE, /* (module instance $I? $M?): instantiate a definition */
  WAST_REGISTER, /* (register "name" $m?) */
  WAST_ACTION,   /* bare (invoke ...) or (get ...) */
  WAST_ASSERT_RETURN,
  WAST_ASSERT_TRAP, /* (assert_trap (invoke ...) "msg") */
  WAST_ASSERT_EXHAUSTION,
  WAST_ASSERT_EXCEPTION, /* (assert_exception (invoke ...)): no message */
  WAST_ASSERT_INVALID,
  WAST_ASSERT_MALFORMED,
  WAST_ASSERT_UNLINKABLE,
  WAST_ASSERT_UNINSTANTIABLE, /* (assert_trap (module ...) "msg") and assert_uninstantiable */
};

enum wast_module_form {
  WAST_TEXT,   /* (module ...) in the script: parse src[start, end) */
  WAST_BINARY, /* (module binary "...") : bytes holds the binary */
  WAST_QUOTE,  /* (module quote "...") : bytes holds the text to parse */
};

struct wast_module {
  enum wast_module_form form; /* how the module is given */
  const char *name;           /* $name after module, without '$', or NULL */
  size_t start, end;          /* WAST_TEXT: source range of the (module ...) form */
  struct bytes bytes;         /* WAST_BINARY / WAST_QUOTE: concatenated strings */
  bool fields_only;           /* WAST_TEXT: the script is one module's fields with no
                                 (module ...) around them: parse it with wat_parse_module */
  bool definition;            /* (module definition ...): validated and compiled, not
                                 instantiated (WAST_TEXT: [start, end) is its fields) */
};

enum wast_value_kind {
  WV_EXACT,          /* bits must match exactly (ints, floats by bits, v128) */
  WV_NAN_CANONICAL,  /* nan:canonical */
  WV_NAN_ARITHMETIC, /* nan:arithmetic */
  WV_REF_NULL,       /* ref.null func|extern (any_type: a bare ref.null, or a GC heap type) */
  WV_REF_EXTERN,     /* ref.extern N (bits = N) */
  WV_REF_NONNULL,    /* ref.func, ref.extern without N: any non-null reference of type */
  WV_EITHER,         /* (either r...): passes if any of alts does */
  WV_GC_REF,         /* ref.struct, ref.array, ref.i31, ...: GC results, never matched */
};

struct wast_value {
  enum wast_value_kind kind; /* how to compare */
  enum valtype type;         /* value type */
  uint64_t bits;             /* value bits (f32 in the low 32 bits) */
  uint8_t v128[16];          /* v128 lanes, little-endian; lane shape for NaN checks later */
  uint8_t lanes;             /* V128: lane count of the shape written (16, 8, 4 or 2) */
  bool float_lanes;          /* V128: shape f32x4 or f64x2 */
  uint8_t lane_kind[16];     /* V128 results: per lane WV_EXACT, WV_NAN_CANONICAL or
                                WV_NAN_ARITHMETIC (NaN lanes hold no bits) */
  bool any_type;             /* results: the type is not checked (bare ref.null) */
  uint32_t nalts;            /* WV_EITHER: the alternatives */
  struct wast_value *alts;
};

struct wast_action {
  bool is_get;        /* (get ...) rather than (invoke ...) */
  const char *module; /* $name of the target module without '$', or NULL = latest */
  struct bytes field; /* export name */
  uint32_t nargs;     /* arguments of invoke */
  struct wast_value *args;
};

struct wast_command {
  enum wast_kind kind;       /* which command */
  uint32_t line;             /* 1-based line of the command in the script */
  size_t pos;                /* source offset of the command */
  struct wast_module module; /* MODULE and the module-taking assertions */
  struct wast_action action; /* ACTION, ASSERT_RETURN, ASSERT_TRAP, ASSERT_EXHAUSTION,
                                ASSERT_EXCEPTION */
  uint32_t nresults;         /* ASSERT_RETURN expected results */
  struct wast_value *results;
  const char *text;            /* expected failure message of assertions */
  const char *register_as;     /* REGISTER: the name to register under */
  const char *register_module; /* REGISTER: $name of the module, or NULL = latest */
  const char *instance_of;     /* MODULE_INSTANCE: $name of the definition, or NULL = latest
                                  (the instance's own $name is module.name) */
};

struct wast_script {
  uint32_t ncommands;
  struct wast_command *commands;
};

/* Parse a .wast script; modules are not parsed, only located. */
struct wast_script *wast_parse(struct arena *arena, const struct source *src);

/* ===================================================================== */
/* binary.c: the binary format                                           */
/* ===================================================================== */

/* Decode a .wasm binary into a module.  Errors via diag_error() with the
 * offending byte offset.  The name section, if well-formed, fills names. */
struct module *bin_read_module(struct arena *arena, const struct source *src);
/* Decode own function f's body again (bin_read_module() checked it and kept
 * only its offsets) into a; see func_load_body(). */
struct instr *bin_decode_body(const struct module *m, const struct func *f, struct arena *a);

/* ===================================================================== */
/* dump.c: canonical text dump of the IR, for tests                      */
/* ===================================================================== */

/* Print m to out in a canonical, line-oriented form (see dump.c) that leaves
 * out source offsets and encoding details, so that a module read from text and
 * the same module read from binary (with a name section) dump identically. */
void dump_module(FILE *out, const struct module *m);

/* ===================================================================== */
/* validate.c: the 2.0 validation rules                                  */
/* ===================================================================== */

/* Features beyond WebAssembly 2.0 that val_module() accepts, one bool per
 * line of features.def (struct val_features: FIELD is on).  The translator
 * starts from val_features_default and the command line's --enable-NAME /
 * --disable-NAME; the spec runner turns some off for the 2.0 core testsuite,
 * whose assert_invalid cases forbid them.  A disabled feature's constructs
 * are rejected with "... (enable with --enable-NAME)". */
struct val_features {
#define X(field, name, on, supported, what) bool field; /* what */
#include "features.def"
#undef X
};
/* Every feature this validator knows, on. */
extern const struct val_features val_features_all;
/* The defaults (features.def's DEFAULT column). */
extern const struct val_features val_features_default;

/* features.c: feature options and the check of a module's features. */

/* What one command-line argument is to the feature options. */
enum feature_option {
  FEATURE_NOT_OPTION, /* not --enable-... / --disable-... */
  FEATURE_SET,        /* applied to *f */
  FEATURE_UNKNOWN,    /* --enable-/--disable- with a name that is no feature */
};
/* Apply arg if it is --enable-NAME, --disable-NAME, --enable-all or
 * --disable-all. */
enum feature_option feature_option(struct val_features *f, const char *arg);
/* The help text's lines for the feature options (one per feature, with its
 * default), indented by indent columns. */
void feature_help(FILE *out, int indent);
/* Report the first construct of m that needs a feature f disables (several
 * memories or tables, shared memories, atomic and SIMD instructions, v128,
 * extended constant expressions).  Called by val_module(). */
void feature_check_module(const struct module *m, const struct val_features *f);

/* Check m against the spec with the given features; the first error is
 * reported with diag_error().  Also fills func.declared, func.max_stack and
 * func.max_depth. */
void val_module(struct module *m, const struct val_features *features);
/* The implementation limits on locals (LIMIT_LOCALS, LIMIT_MODULE_LOCALS): a
 * function declaring nlocals, and total declared by it and the functions before
 * it.  The binary reader checks them too, before it allocates the locals. */
void val_check_locals(const struct module *m, size_t pos, uint64_t nlocals, uint64_t total);
/* A value type a module may use: a number type or a reference type whose
 * heap type is abstract or a type index of m (the validator's bottom is not). */
bool val_known_valtype(const struct module *m, enum valtype t);
/* A valid value type (typed references: a known type index) at pos, else an error. */
void val_check_valtype(const struct module *m, size_t pos, enum valtype t, const char *where);
/* Subtyping of value types (3.0 without GC): a <: b.  Needs type_canon. */
bool val_sub(const struct module *m, enum valtype a, enum valtype b);
/* A typed reference type spelled out for the runtime (W2L_REF_TYPES in
 * runtime/w2l.h: "N(i:i)"), in m's arena; NULL for every other type. */
const char *val_type_key(const struct module *m, enum valtype t);
/* Report "SPACE variable out of range (max N)" at pos unless idx < n (n is
 * wide: a function's params and locals together may pass UINT32_MAX). */
void val_check_index(const struct module *m, size_t pos, uint32_t idx, uint64_t n,
                     const char *space);

/* validate_code.c: the instruction typing rules (used by validate.c). */

struct val_code; /* operand and control stacks, reused for every expression */

/* Scratch state for checking m's code, allocated in m's arena. */
struct val_code *val_code_new(struct module *m, const struct val_features *f);
/* Check the body of defined function funcidx (every typeidx already checked,
 * func.declared already set). */
void val_function(struct val_code *v, uint32_t funcidx);
/* Check that e is a constant expression of type t; what names it in messages
 * ("global initializer", "elem offset", ...); it may read the immutable
 * globals [0, globals). */
void val_const_expr(struct val_code *v, const struct expr *e, enum valtype t, const char *what,
                    uint32_t globals);
/* Write "[i32, f32]" (n types of ts) to buf, truncated with "..." to fit cap. */
void val_types_str(char *buf, size_t cap, const enum valtype *ts, uint32_t n);

/* ===================================================================== */
/* emit_*.c: the C back end                                              */
/* ===================================================================== */

struct emit_options {
  const char *prefix;      /* C identifier prefix for the module (already mangled) */
  const char *header_name; /* file name of X.h to #include from X.c, or NULL (no header) */
  /* With both set, statements of function bodies carry #line directives to
   * the lines of this text source (named by its filename), and the code after
   * each function goes back to c_name's own lines. */
  const struct source *line_source;
  const char *c_name;
  unsigned interrupt; /* EMIT_EPOCH | EMIT_FUEL: interruption checks (--epoch, --fuel) */
  /* Split output (--num-outputs): num_outputs > 1 spreads the functions over
   * c_out and parts[1..num_outputs-1] (by size), with what they share (the
   * instance struct, prototypes, data that memory.init names) in the internal
   * header impl_out, #included by every part as impl_name. */
  uint32_t num_outputs;
  FILE **parts;             /* parts[0] unused (c_out) */
  const char **part_names;  /* each part's file name, for #line (parts[0]: c_name) */
  FILE *impl_out;
  const char *impl_name;
};
#define EMIT_EPOCH 1u /* W2L_EPOCH_CHECK at loop headers and entries of recursive functions */
#define EMIT_FUEL 2u  /* W2L_FUEL at function entries and loop headers */

/* unsupported.c: the message for an instruction a later proposal adds and we
 * do not translate yet ("garbage-collected types are not supported yet (gc
 * proposal)"), or NULL: by text name or binary opcode (prefix 0 for one-byte
 * ones). */
const char *unsupported_instr_name(const char *s, size_t n);
const char *unsupported_opcode(uint8_t prefix, uint32_t code);

/* Write the C translation of a validated module to c_out and, if h_out is not
 * NULL, its header to h_out. */
void emit_module(const struct module *m, const struct emit_options *opt, FILE *c_out, FILE *h_out);
/* Mangle an arbitrary byte string into a valid C identifier fragment; distinct
 * inputs give distinct outputs.  Result is allocated in arena. */
char *emit_mangle(struct arena *a, const uint8_t *s, size_t len);

/* --exe (exe.c): build a native WASI program at out from dir/module.c (C
 * prefix prefix) and a launcher; 0 on success, 1 on failure, 2 when the C
 * compiler failed (dir is kept for inspection). */
int exe_build(const char *dir, const char *prefix, const char *out, bool verbose);

#endif
