/* wat.h - state shared by the text-format parser files (wat.c: module fields,
 * wat_instr.c: instructions).  Not part of the compiler's public header. */
#ifndef W2L_WAT_H
#define W2L_WAT_H

#include "compiler.h"

/* One $name -> index binding; name points into the source, '$' included. */
struct name_entry {
  const char *s; /* the $name text (NULL = empty slot) */
  uint32_t len;  /* its length */
  uint32_t idx;  /* the index it stands for */
  uint32_t pos;  /* source offset of the definition */
};

/* Open-addressing hash map from $name to index. */
struct namemap {
  struct name_entry *slots; /* cap entries */
  uint32_t cap;             /* power of two (0 = empty map) */
  uint32_t count;           /* live entries */
};

/* An open block/loop/if: its label and what else may follow. */
struct label {
  struct token name; /* the $label (len 0 if none) */
  uint16_t op;       /* OP_BLOCK, OP_LOOP, OP_IF, OP_TRY_TABLE or OP_TRY */
  bool seen_else;    /* an if whose else, or a try whose catch_all, was already given */
  bool seen_catch;   /* a try with a catch or catch_all (no delegate may follow) */
  uint32_t pos;      /* source offset of the block instruction */
};

/* Index spaces with names. */
enum space { SP_FUNC, SP_TABLE, SP_MEM, SP_GLOBAL, SP_TAG, SP_TYPE, SP_ELEM, SP_DATA, SP_COUNT };

struct parser {
  struct lexer lx;                /* token source */
  const struct source *src;       /* the input */
  struct arena *a;                /* IR storage */
  struct module *m;               /* module being built */
  struct token tok;               /* current token (not yet consumed) */
  struct namemap names[SP_COUNT]; /* $names of each index space */
  uint32_t counts[SP_COUNT];      /* pass 1: number of entries of each space */
  /* the function body being parsed */
  struct namemap locals;        /* $names of params and locals */
  struct label *labels;         /* open blocks, innermost last */
  uint32_t nlabels, labels_cap; /* depth and capacity of labels */
  struct instr *code;           /* instructions of the current expression */
  uint32_t ncode, code_cap;     /* count and capacity of code */
  uint32_t depth;               /* nesting of folded instructions, for the limit */
  uint64_t legacy_noted;        /* bit set of legacy spellings already noted */
};

/* wat.c helpers used by wat_instr.c */
_Noreturn void wat_unexpected(struct parser *p, struct token t, const char *expected);
void wat_next(struct parser *p);
struct token wat_peek(struct parser *p);
bool wat_is(struct parser *p, struct token t, const char *kw);
/* Is the current token "(" followed by keyword kw? */
bool wat_at_field(struct parser *p, const char *kw);
void wat_expect(struct parser *p, enum tok_kind kind, const char *what);
void wat_expect_rpar(struct parser *p);
/* Resolve an index token (number or $name) of a space; consumes it. */
uint32_t wat_index(struct parser *p, enum space sp);
/* Is the current token usable as an index (number or $id)? */
bool wat_at_index(struct parser *p);
/* Is token t a value type keyword (i32, funcref...)?  Its type in *out. */
bool wat_valtype(struct parser *p, struct token t, enum valtype *out);
/* Does a value type start here (a keyword or "(ref")? */
bool wat_at_valtype(struct parser *p);
/* Does a reference type start here? */
bool wat_at_reftype(struct parser *p);
/* Parse a value type (keyword or (ref null? heaptype)); else "expected EXPECTED". */
enum valtype wat_valtype_parse(struct parser *p, const char *expected);
/* Parse a reference type. */
enum valtype wat_reftype(struct parser *p);
/* Parse a heap type: func, extern, nofunc, noextern or a type index; returns
 * its enum heaptype (HT_TYPE + typeidx for an index). */
uint32_t wat_heaptype(struct parser *p);
/* A type use as written: (type x)? (param ...)* (result ...)* */
struct typeuse {
  bool has_type;       /* (type x) was given */
  uint32_t typeidx;    /* x, if has_type */
  uint32_t type_pos;   /* source offset of x */
  uint32_t nclauses;   /* number of (param ...) and (result ...) clauses */
  struct functype ft;  /* the inline params and results; ft.pos is where the use starts */
  struct token *names; /* ft.nparams param $names (len 0 = unnamed) */
};
/* Parse a type use; names_ok: params may carry $names (functions, imports). */
void wat_typeuse_parse(struct parser *p, bool names_ok, struct typeuse *tu);
/* The typeidx a parsed type use stands for: x (checked against the inline
 * types), or the first equal type, appended if there is none. */
uint32_t wat_typeuse_index(struct parser *p, const struct typeuse *tu);
/* Levenshtein distance of two short strings (SIZE_MAX if longer than 64). */
size_t wat_distance(const char *a, size_t n, const char *b, size_t m);
/* The slot of $name s (n bytes) in m: its entry, or the empty slot where it
 * would go (entry->s NULL); NULL if m has no slots yet. */
struct name_entry *wat_map_find(struct namemap *m, const char *s, size_t n);
/* Report an unknown $name of map m, suggesting a close one if there is one. */
_Noreturn void wat_unknown_name(struct parser *p, const struct namemap *m, struct token t,
                                const char *what);
/* Copy a $name token's text without the '$' into the arena. */
const char *wat_name(struct parser *p, struct token t);

/* wat_instr.c */
/* Parse instructions up to the closing ")" of the enclosing form (not
 * consumed) and return them as an expression ending with OP_END. */
struct expr wat_expr(struct parser *p);
/* Parse one folded instruction "(...)" and return it as an expression with
 * OP_END (used by offsets and elem items). */
struct expr wat_folded_expr(struct parser *p);

#endif
