/* lisp.c - bench program: a small Lisp interpreter.
 *
 * A reader (text to cons cells), cells allocated from malloc'd chunks and
 * reclaimed by a mark-and-sweep collector (an explicit root stack keeps the
 * evaluator's temporaries alive), symbols interned in a hash table, an
 * evaluator with closures, lexical environments as association lists and
 * proper tail calls, and a printer writing into a growing buffer with
 * snprintf.  run(reps) reads and evaluates the fixed program below `reps`
 * times (full size: LISP_FULL), each time seeded differently, and returns the
 * FNV hash of everything the program printed.  Integers are 64-bit and wrap
 * (computed unsigned), so native and wasm32 print the same. */
#include "bench.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LISP_FULL 50
#define CHUNK_CELLS 4096
#define ROOTS_MAX 65536
#define SYMTAB_SIZE 256

enum type { T_NIL, T_INT, T_SYM, T_CONS, T_PRIM, T_CLOS, T_FREE };

typedef struct obj obj;
struct obj {
  uint8_t type; /* enum type */
  uint8_t mark; /* set by the collector's mark phase, cleared by its sweep */
  union {
    int64_t num; /* T_INT: the value */
    struct {
      obj *car; /* T_CONS: first; T_FREE: unused */
      obj *cdr; /* T_CONS: rest; T_FREE: next free cell */
    };
    struct {
      const char *name; /* T_SYM: its name (malloc'd); T_PRIM: the builtin's name */
      obj *global;      /* T_SYM: the global value, or NULL if unbound */
      obj *next;        /* T_SYM: the next symbol in its hash bucket */
      int prim;         /* T_PRIM: which builtin (enum prim) */
    };
    struct {
      obj *params; /* T_CLOS: the parameter list */
      obj *body;   /* T_CLOS: the body, a list of expressions */
      obj *env;    /* T_CLOS: the environment it closes over */
    };
  };
};

/* A chunk of cells from malloc; the collector sweeps every chunk. */
struct chunk {
  struct chunk *next;      /* the previously allocated chunk */
  obj cells[CHUNK_CELLS];  /* the cells */
};

enum prim { P_ADD, P_SUB, P_MUL, P_QUO, P_REM, P_LT, P_GT, P_EQN, P_LE, P_CONS, P_CAR, P_CDR,
            P_NULLP, P_PAIRP, P_LIST, P_EQ, P_NOT, P_COUNT };
static const char *const prim_names[P_COUNT] = {"+",    "-",    "*",     "quotient", "remainder", "<",
                                                ">",    "=",    "<=",    "cons",     "car",       "cdr",
                                                "null?", "pair?", "list", "eq?",      "not"};

/* The interpreter's state (one interpreter per run). */
static obj nil_obj = {.type = T_NIL};
#define NIL (&nil_obj)
static obj small_ints[1024 + 128]; /* -128..1023, never collected */
static struct chunk *chunks;       /* every chunk of cells */
static obj *free_cells;            /* the free list, through cdr */
static size_t ncells;              /* cells in all chunks */
static obj **roots[ROOTS_MAX];     /* addresses of live temporaries */
static int nroots;
static obj *symtab[SYMTAB_SIZE];   /* interned symbols */
static obj *prims[P_COUNT];        /* the builtins (malloc'd) */
static int failed;                 /* an error happened (the program is wrong) */
static obj *s_quote, *s_if, *s_define, *s_lambda, *s_let, *s_begin, *s_set, *s_and, *s_or, *s_t;

/* The output of the program being run. */
static char *out;
static size_t out_len, out_cap;

#define PUSH(v) (roots[nroots++] = &(v))
#define POP_TO(base) (nroots = (base))

static obj *error(const char *what) {
  (void)what;
  failed = 1;
  return NIL;
}

static void mark(obj *o) {
  while (o->type == T_CONS || o->type == T_CLOS) {
    if (o->mark) return;
    o->mark = 1;
    if (o->type == T_CONS) {
      mark(o->car);
      o = o->cdr;
    } else {
      mark(o->params);
      mark(o->body);
      o = o->env;
    }
  }
  o->mark = 1;
}

static void add_chunk(void) {
  struct chunk *c = malloc(sizeof *c);
  if (!c) return;
  c->next = chunks;
  chunks = c;
  for (int i = 0; i < CHUNK_CELLS; i++) {
    c->cells[i].type = T_FREE;
    c->cells[i].mark = 0;
    c->cells[i].cdr = free_cells;
    free_cells = &c->cells[i];
  }
  ncells += CHUNK_CELLS;
}

/* Mark from the roots and the globals, sweep every chunk; grow the heap when
 * less than half of it came back. */
static void collect(void) {
  for (int i = 0; i < nroots; i++) mark(*roots[i]);
  for (int b = 0; b < SYMTAB_SIZE; b++)
    for (obj *s = symtab[b]; s; s = s->next)
      if (s->global) mark(s->global);
  size_t nfree = 0;
  for (struct chunk *c = chunks; c; c = c->next)
    for (int i = 0; i < CHUNK_CELLS; i++) {
      obj *o = &c->cells[i];
      if (o->mark) {
        o->mark = 0;
      } else if (o->type != T_FREE) {
        o->type = T_FREE;
        o->cdr = free_cells;
        free_cells = o;
        nfree++;
      } else {
        nfree++;
      }
    }
  if (nfree < ncells / 2) add_chunk();
}

static obj *alloc(uint8_t type) {
  if (!free_cells) collect();
  if (!free_cells) {
    failed = 1;
    return NIL;
  }
  obj *o = free_cells;
  free_cells = o->cdr;
  o->type = type;
  o->mark = 0;
  return o;
}

static obj *cons(obj *a, obj *d) {
  int base = nroots;
  PUSH(a);
  PUSH(d);
  obj *c = alloc(T_CONS);
  POP_TO(base);
  if (c == NIL) return NIL;
  c->car = a;
  c->cdr = d;
  return c;
}

static obj *make_int(int64_t v) {
  if (v >= -128 && v < 1024) return &small_ints[v + 128];
  obj *o = alloc(T_INT);
  if (o != NIL) o->num = v;
  return o;
}

static obj *intern(const char *name, size_t len) {
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < len; i++) h = (h ^ (unsigned char)name[i]) * 16777619u;
  obj **b = &symtab[h % SYMTAB_SIZE];
  for (obj *s = *b; s; s = s->next)
    if (strlen(s->name) == len && memcmp(s->name, name, len) == 0) return s;
  obj *s = calloc(1, sizeof *s);
  char *copy = malloc(len + 1);
  if (!s || !copy) {
    free(s);
    free(copy);
    failed = 1;
    return NIL;
  }
  memcpy(copy, name, len);
  copy[len] = '\0';
  s->type = T_SYM;
  s->name = copy;
  s->next = *b;
  *b = s;
  return s;
}

/* ---------------------------------------------------------------- reader */

static const char *src;

static void skip_space(void) {
  for (;;) {
    while (*src == ' ' || *src == '\n' || *src == '\t') src++;
    if (*src != ';') return;
    while (*src && *src != '\n') src++;
  }
}

static obj *read_expr(void);

/* Append v to the list from *head to *tail (*head rooted by the caller). */
static void append(obj **head, obj **tail, obj *v) {
  obj *c = cons(v, NIL);
  if (*head == NIL) *head = c;
  else (*tail)->cdr = c;
  *tail = c;
}

static obj *read_list(void) {
  obj *head = NIL, *tail = NIL;
  int base = nroots;
  PUSH(head);
  for (;;) {
    skip_space();
    if (*src == ')' || !*src) {
      if (*src) src++;
      else failed = 1;
      break;
    }
    append(&head, &tail, read_expr());
  }
  POP_TO(base);
  return head;
}

static obj *read_expr(void) {
  skip_space();
  char c = *src;
  if (c == '(') {
    src++;
    return read_list();
  }
  if (c == '\'') {
    src++;
    obj *x = read_expr();
    int base = nroots;
    PUSH(x);
    obj *r = cons(x, NIL);
    r = cons(s_quote, r);
    POP_TO(base);
    return r;
  }
  const char *start = src;
  while (*src && !strchr(" \n\t()';", *src)) src++;
  size_t len = (size_t)(src - start);
  if (len == 0) return error("unexpected end");
  int neg = start[0] == '-' && len > 1;
  size_t i = (size_t)neg;
  uint64_t v = 0;
  while (i < len && start[i] >= '0' && start[i] <= '9') v = v * 10 + (uint64_t)(start[i++] - '0');
  if (i == len && len > (size_t)neg) return make_int((int64_t)(neg ? 0 - v : v));
  return intern(start, len);
}

/* ---------------------------------------------------------------- printer */

static void emit(const char *s, size_t n) {
  if (out_len + n + 1 > out_cap) {
    size_t cap = out_cap ? out_cap * 2 : 4096;
    while (cap < out_len + n + 1) cap *= 2;
    char *p = realloc(out, cap);
    if (!p) {
      failed = 1;
      return;
    }
    out = p;
    out_cap = cap;
  }
  memcpy(out + out_len, s, n);
  out_len += n;
  out[out_len] = '\0';
}

static void print(obj *o) {
  char buf[32];
  switch (o->type) {
  case T_NIL: emit("()", 2); break;
  case T_INT: emit(buf, (size_t)snprintf(buf, sizeof buf, "%lld", (long long)o->num)); break;
  case T_SYM: emit(o->name, strlen(o->name)); break;
  case T_PRIM: emit(buf, (size_t)snprintf(buf, sizeof buf, "#<prim %s>", o->name)); break;
  case T_CLOS: emit("#<closure>", 10); break;
  case T_CONS:
    emit("(", 1);
    for (;;) {
      print(o->car);
      o = o->cdr;
      if (o->type != T_CONS) break;
      emit(" ", 1);
    }
    if (o != NIL) {
      emit(" . ", 3);
      print(o);
    }
    emit(")", 1);
    break;
  default: emit("?", 1);
  }
}

/* ---------------------------------------------------------------- evaluator */

static int64_t int_of(obj *o) {
  if (o->type != T_INT) {
    failed = 1;
    return 0;
  }
  return o->num;
}

static obj *truth(int b) { return b ? s_t : NIL; }

static obj *apply_prim(int p, obj *args) {
  obj *a = args != NIL ? args->car : NIL;
  obj *b = args != NIL && args->cdr != NIL ? args->cdr->car : NIL;
  uint64_t acc;
  switch (p) {
  case P_ADD:
    acc = 0;
    for (; args != NIL; args = args->cdr) acc += (uint64_t)int_of(args->car);
    return make_int((int64_t)acc);
  case P_MUL:
    acc = 1;
    for (; args != NIL; args = args->cdr) acc *= (uint64_t)int_of(args->car);
    return make_int((int64_t)acc);
  case P_SUB:
    if (args->cdr == NIL) return make_int((int64_t)(0 - (uint64_t)int_of(a)));
    return make_int((int64_t)((uint64_t)int_of(a) - (uint64_t)int_of(b)));
  case P_QUO:
  case P_REM: {
    int64_t x = int_of(a), y = int_of(b);
    if (y == 0 || (x == INT64_MIN && y == -1)) return error("division");
    return make_int(p == P_QUO ? x / y : x % y);
  }
  case P_LT: return truth(int_of(a) < int_of(b));
  case P_GT: return truth(int_of(a) > int_of(b));
  case P_EQN: return truth(int_of(a) == int_of(b));
  case P_LE: return truth(int_of(a) <= int_of(b));
  case P_CONS: return cons(a, b);
  case P_CAR: return a->type == T_CONS ? a->car : error("car");
  case P_CDR: return a->type == T_CONS ? a->cdr : error("cdr");
  case P_NULLP: return truth(a == NIL);
  case P_PAIRP: return truth(a->type == T_CONS);
  case P_LIST: return args;
  case P_EQ: return truth(a == b || (a->type == T_INT && b->type == T_INT && a->num == b->num));
  case P_NOT: return truth(a == NIL);
  }
  return error("prim");
}

static obj *lookup(obj *sym, obj *env) {
  for (; env != NIL; env = env->cdr)
    if (env->car->car == sym) return env->car->cdr;
  return sym->global ? sym->global : error("unbound");
}

static obj *eval(obj *x, obj *env);

/* Evaluate each element of list into a new list. */
static obj *eval_list(obj *list, obj *env) {
  obj *head = NIL, *tail = NIL, *v = NIL;
  int base = nroots;
  PUSH(list);
  PUSH(env);
  PUSH(head);
  for (; list->type == T_CONS; list = list->cdr) {
    v = eval(list->car, env);
    append(&head, &tail, v);
  }
  POP_TO(base);
  return head;
}

/* The environment env extended with params bound to args. */
static obj *bind(obj *params, obj *args, obj *env) {
  int base = nroots;
  obj *pair = NIL;
  PUSH(params);
  PUSH(args);
  PUSH(env);
  PUSH(pair);
  for (; params->type == T_CONS; params = params->cdr, args = args->cdr) {
    if (args == NIL) {
      failed = 1;
      break;
    }
    pair = cons(params->car, args->car);
    env = cons(pair, env);
  }
  POP_TO(base);
  return env;
}

static obj *eval(obj *x, obj *env) {
  int base = nroots;
  obj *r = NIL, *f = NIL;
  PUSH(x);
  PUSH(env);
  PUSH(r);
  PUSH(f);
  for (;;) {
    if (failed) break;
    if (x->type == T_SYM) {
      r = lookup(x, env);
      break;
    }
    if (x->type != T_CONS) {
      r = x;
      break;
    }
    obj *op = x->car, *rest = x->cdr;
    if (op == s_quote) {
      r = rest->car;
      break;
    }
    if (op == s_if) {
      r = eval(rest->car, env);
      if (r != NIL) x = rest->cdr->car;
      else if (rest->cdr->cdr != NIL) x = rest->cdr->cdr->car;
      else break;
      continue;
    }
    if (op == s_define) {
      obj *target = rest->car;
      if (target->type == T_CONS) { /* (define (f args...) body...) */
        r = alloc(T_CLOS);
        r->params = target->cdr;
        r->body = rest->cdr;
        r->env = env;
        target->car->global = r;
      } else {
        r = eval(rest->cdr->car, env);
        target->global = r;
      }
      r = target->type == T_CONS ? target->car : target;
      break;
    }
    if (op == s_lambda) {
      r = alloc(T_CLOS);
      r->params = rest->car;
      r->body = rest->cdr;
      r->env = env;
      break;
    }
    if (op == s_set) {
      r = eval(rest->cdr->car, env);
      obj *e = env;
      while (e != NIL && e->car->car != rest->car) e = e->cdr;
      if (e != NIL) e->car->cdr = r;
      else rest->car->global = r;
      break;
    }
    if (op == s_and || op == s_or) {
      r = op == s_and ? s_t : NIL;
      if (rest == NIL) break;
      while (rest->cdr != NIL) {
        r = eval(rest->car, env);
        if ((op == s_and) == (r == NIL)) break;
        rest = rest->cdr;
      }
      if (rest->cdr != NIL) break;
      x = rest->car;
      continue;
    }
    if (op == s_let) { /* (let ((name init)...) body...) */
      obj *names = NIL, *vals = NIL;
      int b2 = nroots;
      PUSH(rest);
      PUSH(names);
      PUSH(vals);
      for (obj *bnd = rest->car; bnd->type == T_CONS; bnd = bnd->cdr) {
        names = cons(bnd->car->car, names);
        r = eval(bnd->car->cdr->car, env);
        vals = cons(r, vals);
      }
      env = bind(names, vals, env);
      POP_TO(b2);
      rest = rest->cdr; /* the body */
      op = s_begin;
    }
    if (op == s_begin) {
      if (rest == NIL) break;
      for (; rest->cdr != NIL; rest = rest->cdr) eval(rest->car, env);
      x = rest->car;
      continue;
    }
    /* An application: evaluate the operator and the arguments. */
    f = eval(op, env);
    obj *args = eval_list(rest, env);
    if (f->type == T_PRIM) {
      r = apply_prim(f->prim, args);
      break;
    }
    if (f->type != T_CLOS) {
      r = error("not a function");
      break;
    }
    env = bind(f->params, args, f->env);
    obj *body = f->body;
    for (; body->cdr != NIL; body = body->cdr) eval(body->car, env);
    x = body->car; /* the tail call */
  }
  POP_TO(base);
  return r;
}

/* ---------------------------------------------------------------- the program */

static const char program[] =
    "; list utilities\n"
    "(define (rev l acc) (if (null? l) acc (rev (cdr l) (cons (car l) acc))))\n"
    "(define (reverse l) (rev l '()))\n"
    "(define (iota-acc n acc) (if (= n 0) acc (iota-acc (- n 1) (cons n acc))))\n"
    "(define (iota n) (iota-acc n '()))\n"
    "(define (map-acc f l acc) (if (null? l) (reverse acc) (map-acc f (cdr l) (cons (f (car l)) acc))))\n"
    "(define (map f l) (map-acc f l '()))\n"
    "(define (filter-acc p l acc)\n"
    "  (if (null? l) (reverse acc)\n"
    "      (if (p (car l)) (filter-acc p (cdr l) (cons (car l) acc)) (filter-acc p (cdr l) acc))))\n"
    "(define (filter p l) (filter-acc p l '()))\n"
    "(define (foldl f acc l) (if (null? l) acc (foldl f (f acc (car l)) (cdr l))))\n"
    "(define (length l) (foldl (lambda (n x) (+ n 1)) 0 l))\n"
    "(define (sum l) (foldl + 0 l))\n"
    "; pseudo-random numbers\n"
    "(define (next s) (remainder (+ (* s 1103515245) 12345) 2147483648))\n"
    "(define (randlist n s acc) (if (= n 0) acc (randlist (- n 1) (next s) (cons (remainder s 10000) acc))))\n"
    "; merge sort\n"
    "(define (merge a b)\n"
    "  (if (null? a) b\n"
    "    (if (null? b) a\n"
    "      (if (<= (car a) (car b)) (cons (car a) (merge (cdr a) b)) (cons (car b) (merge a (cdr b)))))))\n"
    "(define (split l a b) (if (null? l) (cons a b) (split (cdr l) b (cons (car l) a))))\n"
    "(define (msort l)\n"
    "  (if (null? l) l (if (null? (cdr l)) l\n"
    "    (let ((halves (split l '() '())))\n"
    "      (merge (msort (car halves)) (msort (cdr halves)))))))\n"
    "(define (sorted? l) (or (null? l) (null? (cdr l)) (and (<= (car l) (car (cdr l))) (sorted? (cdr l)))))\n"
    "; recursion\n"
    "(define (fib n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2)))))\n"
    "(define (tak x y z) (if (not (< y x)) z (tak (tak (- x 1) y z) (tak (- y 1) z x) (tak (- z 1) x y))))\n"
    "; n queens: count the placements\n"
    "(define (safe? q qs d) (or (null? qs) (and (not (= q (car qs))) (not (= (- q (car qs)) d))\n"
    "  (not (= (- (car qs) q) d)) (safe? q (cdr qs) (+ d 1)))))\n"
    "(define (try-col n col qs row)\n"
    "  (if (> col n) 0 (+ (if (safe? col qs 1) (place n (cons col qs) (+ row 1)) 0) (try-col n (+ col 1) qs row))))\n"
    "(define (place n qs row) (if (> row n) 1 (try-col n 1 qs row)))\n"
    "(define (queens n) (place n '() 1))\n"
    "; closures and an association list used as a counter table\n"
    "(define (make-counter) (let ((n 0)) (lambda () (set! n (+ n 1)) n)))\n"
    "(define (count-into tbl k)\n"
    "  (if (null? tbl) (list (cons k 1))\n"
    "    (if (= (car (car tbl)) k) (cons (cons k (+ (cdr (car tbl)) 1)) (cdr tbl))\n"
    "      (cons (car tbl) (count-into (cdr tbl) k)))))\n"
    "(define (histogram l) (foldl (lambda (t x) (count-into t (remainder x 17))) '() l))\n"
    "; the work, seeded by `seed`\n"
    "(define data (randlist 600 (+ seed 1) '()))\n"
    "(define sorted (msort data))\n"
    "(list (sorted? sorted) (length sorted) (car sorted) (sum sorted))\n"
    "(histogram data)\n"
    "(msort (map (lambda (p) (+ (* (cdr p) 100) (car p))) (histogram data)))\n"
    "(histogram (map (lambda (x) (* x x)) (filter (lambda (x) (= (remainder x 3) 0)) data)))\n"
    "(fib (+ 18 (remainder seed 3)))\n"
    "(tak 14 (+ 7 (remainder seed 2)) 2)\n"
    "(queens 6)\n"
    "(define c (make-counter))\n"
    "(foldl (lambda (a x) (c)) 0 (iota (+ 1000 seed)))\n"
    "(sum (map (lambda (l) (length l)) (map (lambda (n) (iota n)) (iota 120))))\n";

static void setup(void) {
  for (int i = 0; i < 1024 + 128; i++) {
    small_ints[i].type = T_INT;
    small_ints[i].num = i - 128;
  }
  s_quote = intern("quote", 5);
  s_if = intern("if", 2);
  s_define = intern("define", 6);
  s_lambda = intern("lambda", 6);
  s_let = intern("let", 3);
  s_begin = intern("begin", 5);
  s_set = intern("set!", 4);
  s_and = intern("and", 3);
  s_or = intern("or", 2);
  s_t = intern("t", 1);
  s_t->global = s_t;
  for (int p = 0; p < P_COUNT; p++) {
    prims[p] = calloc(1, sizeof *prims[p]);
    if (!prims[p]) {
      failed = 1;
      continue;
    }
    prims[p]->type = T_PRIM;
    prims[p]->name = prim_names[p];
    prims[p]->prim = p;
    intern(prim_names[p], strlen(prim_names[p]))->global = prims[p];
  }
  add_chunk();
}

static void teardown(void) {
  while (chunks) {
    struct chunk *c = chunks;
    chunks = c->next;
    free(c);
  }
  free_cells = NULL;
  ncells = 0;
  for (int b = 0; b < SYMTAB_SIZE; b++)
    while (symtab[b]) {
      obj *s = symtab[b];
      symtab[b] = s->next;
      free((char *)s->name);
      free(s);
    }
  for (int p = 0; p < P_COUNT; p++) free(prims[p]);
  free(out);
  out = NULL;
  out_len = out_cap = 0;
}

BENCH_ENTRY(lisp) {
  uint32_t n = BENCH_REPS(LISP_FULL);
  uint64_t h = BENCH_MIX_INIT;
  for (uint32_t rep = 0; rep < n; rep++) {
    setup();
    intern("seed", 4)->global = make_int(rep);
    src = program;
    for (;;) {
      skip_space();
      if (!*src || failed) break;
      obj *x = read_expr();
      int base = nroots;
      PUSH(x);
      obj *v = eval(x, NIL);
      POP_TO(base);
      print(v);
      emit("\n", 1);
    }
    for (size_t i = 0; i < out_len; i++) h = (h ^ (unsigned char)out[i]) * 0x100000001b3ull;
    h = bench_mix(h, out_len);
    teardown();
  }
  return bench_mix(h, (uint64_t)failed);
}
