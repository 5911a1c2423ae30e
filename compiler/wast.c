/* wast.c - .wast scripts: the command list the spec runner carries out.
 *
 * The script grammar (spec, "Scripts"):
 *   script  ::= cmd*
 *   cmd     ::= module | (register "name" $id?) | action | assertion
 *   module  ::= (module definition? $id? field*) | (module definition? $id? binary "..."*)
 *             | (module definition? $id? quote "..."*) | (module instance $id? $id?)
 *   action  ::= (invoke $id? "name" const*) | (get $id? "name")
 *   result  ::= const | (either result*) | (ref.null heaptype?) | (ref.func) | (ref.extern N?) | ...
 *   assertion ::= (assert_return action result*) | (assert_trap action "msg")
 *     | (assert_exhaustion action "msg") | (assert_exception action) | (assert_trap module "msg")
 *     | (assert_malformed module "msg") | (assert_invalid module "msg")
 *     | (assert_unlinkable module "msg") | (assert_uninstantiable module "msg")
 *
 * Text modules are only located here (their source range); the runner hands the
 * range to wat_parse_module_range, so a module's errors never stop the script.
 */
#include <string.h>

#include "compiler.h"

struct wast_parser {
  struct lexer lx;          /* tokens of the script */
  struct arena *arena;      /* where commands go */
  const struct source *src; /* the script */
  size_t line_pos;          /* offset up to which lines have been counted */
  uint32_t line;            /* line number at line_pos */
};

static struct token next(struct wast_parser *p) { return lex_next(&p->lx); }

/* The next token, left unconsumed. */
static struct token peek(struct wast_parser *p) {
  struct lexer save = p->lx;
  struct token t = lex_next(&p->lx);
  p->lx = save;
  return t;
}

static _Noreturn void fail(struct wast_parser *p, struct token t, const char *what) {
  if (t.kind == TOK_EOF) diag_error(p->src, t.pos, "unexpected end of script, expected %s", what);
  diag_error(p->src, t.pos, "unexpected '%.*s', expected %s", (int)(t.len > 40 ? 40 : t.len),
             (const char *)p->src->data + t.pos, what);
}

static void expect(struct wast_parser *p, enum tok_kind kind, const char *what) {
  struct token t = next(p);
  if (t.kind != kind) fail(p, t, what);
}

static bool is_kw(struct wast_parser *p, struct token t, const char *kw) {
  return t.kind == TOK_KEYWORD && lex_is(&p->lx, t, kw);
}

/* 1-based line of pos; commands come in order, so lines are counted once. */
static uint32_t line_of(struct wast_parser *p, size_t pos) {
  if (pos < p->line_pos) {
    p->line_pos = 0;
    p->line = 1;
  }
  for (; p->line_pos < pos; p->line_pos++)
    if (p->src->data[p->line_pos] == '\n') p->line++;
  return p->line;
}

/* An optional $id; returns it without the '$', or NULL. */
static const char *opt_id(struct wast_parser *p) {
  struct token t = peek(p);
  if (t.kind != TOK_ID) return NULL;
  next(p);
  struct bytes id = lex_id(p->arena, &p->lx, t);
  return arena_strndup(p->arena, (const char *)id.data + 1, id.len - 1);
}

static struct bytes string(struct wast_parser *p, const char *what) {
  struct token t = next(p);
  if (t.kind != TOK_STRING) fail(p, t, what);
  return lex_string(p->arena, &p->lx, t);
}

/* Skip the rest of a parenthesised form whose '(' has been consumed; returns
 * the offset just past its ')'. */
static size_t skip_form(struct wast_parser *p) {
  for (int depth = 1;;) {
    struct token t = next(p);
    if (t.kind == TOK_EOF) fail(p, t, "')'");
    if (t.kind == TOK_LPAR) depth++;
    if (t.kind == TOK_RPAR && --depth == 0) return t.pos + 1;
  }
}

/* Concatenate string tokens up to ')' (binary and quote modules). */
static struct bytes strings(struct wast_parser *p) {
  struct bytes all = {arena_alloc(p->arena, 1), 0};
  uint32_t cap = 1; /* room in all.data, a NUL after the bytes included */
  for (;;) {
    struct token t = next(p);
    if (t.kind == TOK_RPAR) return all;
    if (t.kind != TOK_STRING) fail(p, t, "a string or ')'");
    struct bytes b = lex_string(p->arena, &p->lx, t);
    ARENA_RESERVE(p->arena, all.data, all.len, cap, (size_t)b.len + 1);
    memcpy(all.data + all.len, b.data, b.len);
    all.len += b.len;
  }
}

/* module, after its '(' was read as token lpar.  A definition's text range
 * is its fields alone (the parser has no "definition" keyword). */
static void module(struct wast_parser *p, struct token lpar, struct wast_module *m) {
  struct token kw = next(p);
  if (!is_kw(p, kw, "module")) fail(p, kw, "'module'");
  m->definition = is_kw(p, peek(p), "definition");
  if (m->definition) next(p);
  m->name = opt_id(p);
  m->start = m->definition ? p->lx.pos : lpar.pos;
  struct token t = peek(p);
  if (is_kw(p, t, "binary") || is_kw(p, t, "quote")) {
    next(p);
    m->form = is_kw(p, t, "binary") ? WAST_BINARY : WAST_QUOTE;
    m->bytes = strings(p);
    m->end = p->lx.pos;
    return;
  }
  m->form = WAST_TEXT;
  m->end = skip_form(p);
  if (m->definition) m->end--; /* before its ')' */
}

/* The lanes of a v128.const; in results, float lanes may be NaN patterns. */
static void v128_lanes(struct wast_parser *p, struct wast_value *v, bool result) {
  bool fl;
  struct token shape = next(p);
  unsigned lanes = lex_v128_shape(&p->lx, shape, &fl);
  if (!lanes) fail(p, shape, "a v128 shape (i8x16, i16x8, i32x4, i64x2, f32x4, f64x2)");
  unsigned width = 16 / lanes;
  v->lanes = (uint8_t)lanes;
  v->float_lanes = fl;
  for (unsigned i = 0; i < lanes; i++) {
    struct token t = next(p);
    if (result && fl && (is_kw(p, t, "nan:canonical") || is_kw(p, t, "nan:arithmetic"))) {
      v->lane_kind[i] = is_kw(p, t, "nan:canonical") ? WV_NAN_CANONICAL : WV_NAN_ARITHMETIC;
      memset(v->v128 + i * width, 0, width);
    } else if (!lex_v128_lane(&p->lx, t, lanes, fl, v->v128 + i * width)) {
      fail(p, t, "a lane value");
    }
  }
}

static uint32_t values(struct wast_parser *p, struct wast_value **out, bool result);

/* (ref.null HEAPTYPE?) after ref.null: func and nofunc are funcref nulls,
 * extern and noextern externref nulls; a bare one (results) and the GC heap
 * types are a null of any type. */
static void ref_null(struct wast_parser *p, struct wast_value *v, bool result) {
  static const char *const any[] = {"any", "none", "eq", "i31", "struct", "array", "exn", "noexn"};
  struct token t = peek(p);
  v->kind = WV_REF_NULL;
  v->type = VT_FUNCREF;
  if (result && t.kind == TOK_RPAR) {
    v->any_type = true;
    return;
  }
  next(p);
  if (is_kw(p, t, "func") || is_kw(p, t, "funcref") || is_kw(p, t, "nofunc")) return;
  v->type = VT_EXTERNREF;
  if (is_kw(p, t, "extern") || is_kw(p, t, "externref") || is_kw(p, t, "noextern")) return;
  for (size_t i = 0; i < sizeof any / sizeof *any; i++)
    if (result && is_kw(p, t, any[i])) {
      v->any_type = true;
      return;
    }
  fail(p, t, "'func' or 'extern'");
}

/* The GC proposal's results (ref.struct), (ref.array), (ref.i31 N?), ... */
static bool gc_result(struct wast_parser *p, struct token op) {
  static const char *const gc[] = {"ref.struct", "ref.array", "ref.i31", "ref.eq",
                                   "ref.any",    "ref.host",  "ref.exn"};
  for (size_t i = 0; i < sizeof gc / sizeof *gc; i++)
    if (is_kw(p, op, gc[i])) return true;
  return false;
}

/* A constant or an expected result, "(" already consumed.  Results allow NaN
 * patterns and ref.func / bare ref.extern. */
static void value(struct wast_parser *p, struct wast_value *v, bool result) {
  struct token op = next(p);
  v->kind = WV_EXACT;
  if (is_kw(p, op, "i32.const") || is_kw(p, op, "i64.const") || is_kw(p, op, "f32.const") ||
      is_kw(p, op, "f64.const")) {
    const char *name = (const char *)p->src->data + op.pos;
    struct token t = next(p);
    if (result && (is_kw(p, t, "nan:canonical") || is_kw(p, t, "nan:arithmetic")) &&
        name[0] == 'f') {
      v->kind = is_kw(p, t, "nan:canonical") ? WV_NAN_CANONICAL : WV_NAN_ARITHMETIC;
      v->type = name[1] == '3' ? VT_F32 : VT_F64;
    } else if (name[0] == 'i' && name[1] == '3') {
      uint32_t b;
      v->type = VT_I32;
      if (!lex_i32(&p->lx, t, &b)) fail(p, t, "an i32 literal");
      v->bits = b;
    } else if (name[0] == 'i') {
      v->type = VT_I64;
      if (!lex_i64(&p->lx, t, &v->bits)) fail(p, t, "an i64 literal");
    } else if (name[1] == '3') {
      uint32_t b;
      v->type = VT_F32;
      if (!lex_f32(&p->lx, t, &b)) fail(p, t, "an f32 literal");
      v->bits = b;
    } else {
      v->type = VT_F64;
      if (!lex_f64(&p->lx, t, &v->bits)) fail(p, t, "an f64 literal");
    }
  } else if (is_kw(p, op, "v128.const")) {
    v->type = VT_V128;
    v128_lanes(p, v, result);
  } else if (is_kw(p, op, "ref.null")) {
    ref_null(p, v, result);
  } else if (is_kw(p, op, "ref.extern")) {
    struct token t = peek(p);
    uint64_t n;
    v->kind = WV_REF_EXTERN;
    v->type = VT_EXTERNREF;
    if (result && t.kind == TOK_RPAR) v->kind = WV_REF_NONNULL;
    else if (!lex_u64(&p->lx, next(p), &n)) fail(p, t, "an externref number");
    else v->bits = n;
  } else if (result && is_kw(p, op, "ref.func")) {
    v->kind = WV_REF_NONNULL;
    v->type = VT_FUNCREF;
    if (peek(p).kind != TOK_RPAR) next(p); /* an optional index is not checked */
  } else if (result && is_kw(p, op, "either")) {
    v->kind = WV_EITHER;
    v->any_type = true;
    v->nalts = values(p, &v->alts, true);
    bool nested = false;
    for (uint32_t i = 0; i < v->nalts; i++) nested |= v->alts[i].kind == WV_EITHER;
    if (!v->nalts || nested)
      diag_error(p->src, op.pos, "either takes one or more results, none of them an either");
    return; /* values() took the ')' */
  } else if (result && gc_result(p, op)) {
    v->kind = WV_GC_REF;
    v->any_type = true;
    while (peek(p).kind != TOK_RPAR) next(p);
  } else {
    fail(p, op, result ? "a result" : "a constant");
  }
  expect(p, TOK_RPAR, "')'");
}

/* Values up to the closing ')' of the enclosing form (consumed). */
static uint32_t values(struct wast_parser *p, struct wast_value **out, bool result) {
  uint32_t n = 0, cap = 0;
  struct wast_value *vs = NULL;
  for (;;) {
    struct token t = next(p);
    if (t.kind == TOK_RPAR) break;
    if (t.kind != TOK_LPAR) fail(p, t, result ? "a result or ')'" : "a constant or ')'");
    ARENA_RESERVE(p->arena, vs, n, cap, 1);
    value(p, &vs[n++], result);
  }
  *out = vs;
  return n;
}

/* (invoke ...) or (get ...), "(" already consumed; true if the form was an action. */
static bool action(struct wast_parser *p, struct wast_action *a) {
  struct token kw = peek(p);
  if (!is_kw(p, kw, "invoke") && !is_kw(p, kw, "get")) return false;
  next(p);
  a->is_get = is_kw(p, kw, "get");
  a->module = opt_id(p);
  a->field = string(p, "an export name");
  if (a->is_get) expect(p, TOK_RPAR, "')'");
  else a->nargs = values(p, &a->args, false);
  return true;
}

static const char *message(struct wast_parser *p) {
  struct bytes b = string(p, "a failure message");
  return (const char *)b.data;
}

/* An assertion keyword and what follows it: an action, a module, or either. */
static const struct {
  const char *name;
  enum wast_kind kind;
  bool module; /* takes a module */
  bool action; /* takes an action */
} assertions[] = {
    {"assert_return", WAST_ASSERT_RETURN, false, true},
    {"assert_trap", WAST_ASSERT_TRAP, true, true},
    {"assert_exhaustion", WAST_ASSERT_EXHAUSTION, false, true},
    {"assert_exception", WAST_ASSERT_EXCEPTION, false, true},
    {"assert_invalid", WAST_ASSERT_INVALID, true, false},
    {"assert_malformed", WAST_ASSERT_MALFORMED, true, false},
    {"assert_unlinkable", WAST_ASSERT_UNLINKABLE, true, false},
    {"assert_uninstantiable", WAST_ASSERT_UNINSTANTIABLE, true, false},
};

/* One assertion; its keyword is the next token. */
static bool assertion(struct wast_parser *p, struct wast_command *c) {
  struct token kw = peek(p);
  size_t i, n = sizeof assertions / sizeof assertions[0];
  for (i = 0; i < n && !is_kw(p, kw, assertions[i].name); i++) {}
  if (i == n) return false;
  next(p);
  c->kind = assertions[i].kind;
  struct token lpar = next(p);
  if (lpar.kind != TOK_LPAR) fail(p, lpar, assertions[i].action ? "an action" : "a module");
  if (assertions[i].action && action(p, &c->action)) {
    if (c->kind == WAST_ASSERT_RETURN) {
      c->nresults = values(p, &c->results, true);
      return true;
    }
    if (c->kind == WAST_ASSERT_EXCEPTION) {
      expect(p, TOK_RPAR, "')'");
      return true;
    }
  } else if (assertions[i].module && is_kw(p, peek(p), "module")) {
    module(p, lpar, &c->module);
    if (c->kind == WAST_ASSERT_TRAP) c->kind = WAST_ASSERT_UNINSTANTIABLE;
  } else {
    fail(p, peek(p), assertions[i].action ? "'invoke' or 'get'" : "'module'");
  }
  c->text = message(p);
  expect(p, TOK_RPAR, "')'");
  return true;
}

/* (module instance $I? $M?), its "module" next; false (nothing read) for
 * other module forms. */
static bool module_instance(struct wast_parser *p, struct wast_command *c) {
  struct lexer save = p->lx;
  next(p);
  if (!is_kw(p, next(p), "instance")) {
    p->lx = save;
    return false;
  }
  c->module.name = opt_id(p);
  c->instance_of = opt_id(p);
  expect(p, TOK_RPAR, "')'");
  return true;
}

static void command(struct wast_parser *p, struct token lpar, struct wast_command *c) {
  struct token kw = peek(p);
  c->pos = lpar.pos;
  c->line = line_of(p, lpar.pos);
  if (is_kw(p, kw, "module") && module_instance(p, c)) {
    c->kind = WAST_MODULE_INSTANCE;
  } else if (is_kw(p, kw, "module")) {
    c->kind = WAST_MODULE;
    module(p, lpar, &c->module);
  } else if (is_kw(p, kw, "register")) {
    next(p);
    c->kind = WAST_REGISTER;
    c->register_as = (const char *)string(p, "a module name").data;
    c->register_module = opt_id(p);
    expect(p, TOK_RPAR, "')'");
  } else if (action(p, &c->action)) {
    c->kind = WAST_ACTION;
  } else if (!assertion(p, c)) {
    fail(p, kw, "a command (module, register, invoke, get or assert_*)");
  }
}

/* Does the script start with a module field rather than a command? */
static bool script_is_fields(struct wast_parser *p) {
  static const char *const fields[] = {"type",   "import", "func",  "table", "memory",
                                       "global", "export", "start", "elem",  "data"};
  struct lexer save = p->lx;
  bool fields_only = false;
  if (next(p).kind == TOK_LPAR) {
    struct token kw = next(p);
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
      if (is_kw(p, kw, fields[i])) fields_only = true;
  }
  p->lx = save;
  return fields_only;
}

struct wast_script *wast_parse(struct arena *arena, const struct source *src) {
  struct wast_parser p = {.arena = arena, .src = src, .line = 1};
  struct wast_script *s = arena_alloc(arena, sizeof *s);
  uint32_t cap = 0;
  lex_init(&p.lx, src, 0, src->size);
  if (script_is_fields(&p)) {
    /* A script may be a bare module: its fields without (module ...). */
    struct wast_command *c = s->commands = arena_alloc(arena, sizeof *c);
    s->ncommands = 1;
    c->kind = WAST_MODULE;
    c->line = 1;
    c->module.form = WAST_TEXT;
    c->module.end = src->size;
    c->module.fields_only = true;
    return s;
  }
  for (;;) {
    struct token t = next(&p);
    if (t.kind == TOK_EOF) break;
    if (t.kind != TOK_LPAR) fail(&p, t, "'('");
    ARENA_RESERVE(arena, s->commands, s->ncommands, cap, 1);
    command(&p, t, &s->commands[s->ncommands++]);
  }
  return s;
}
