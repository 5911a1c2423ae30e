/* wast_test.c - table-driven tests of wast_parse(): each case is a script and
 * either the exact description of its commands (one line each, see describe)
 * or the exact error message (diag.reason) it must be rejected with. */
#include <stdlib.h>
#include <string.h>

#include "compiler.h"

static struct arena arena;

/* Append to a fixed buffer. */
static void add(char *buf, size_t cap, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void add(char *buf, size_t cap, const char *fmt, ...) {
  size_t len = strlen(buf);
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(buf + len, cap - len, fmt, ap);
  va_end(ap);
}

static void describe_value(char *buf, size_t cap, const struct wast_value *v) {
  const char *t = valtype_name(v->type);
  switch (v->kind) {
  case WV_EXACT:
    if (v->type == VT_V128) {
      add(buf, cap, " v128:");
      for (int i = 15; i >= 0; i--) add(buf, cap, "%02x", v->v128[i]);
      for (int i = 0; i < v->lanes; i++)
        if (v->lane_kind[i]) add(buf, cap, "/%d:%s", i, v->lane_kind[i] == WV_NAN_CANONICAL ? "c" : "a");
    } else {
      add(buf, cap, " %s:0x%llx", t, (unsigned long long)v->bits);
    }
    break;
  case WV_NAN_CANONICAL: add(buf, cap, " %s:nan:canonical", t); break;
  case WV_NAN_ARITHMETIC: add(buf, cap, " %s:nan:arithmetic", t); break;
  case WV_REF_NULL: add(buf, cap, " null:%s", t); break;
  case WV_REF_EXTERN: add(buf, cap, " extern:%llu", (unsigned long long)v->bits); break;
  case WV_REF_NONNULL: add(buf, cap, " nonnull:%s", t); break;
  case WV_GC_REF: add(buf, cap, " gc"); break;
  case WV_EITHER:
    add(buf, cap, " either(");
    for (uint32_t i = 0; i < v->nalts; i++) describe_value(buf, cap, &v->alts[i]);
    add(buf, cap, " )");
    break;
  }
  if (v->any_type) add(buf, cap, "/any");
}

static const char *const kind_names[] = {
    "module", "module_instance", "register", "action", "assert_return", "assert_trap",
    "assert_exhaustion", "assert_exception", "assert_invalid", "assert_malformed",
    "assert_unlinkable", "assert_uninstantiable",
};

/* "LINE KIND ..." per command, each ending in '\n'. */
static void describe(char *buf, size_t cap, const struct source *src,
                     const struct wast_script *s) {
  buf[0] = '\0';
  for (uint32_t i = 0; i < s->ncommands; i++) {
    const struct wast_command *c = &s->commands[i];
    add(buf, cap, "%u %s", c->line, kind_names[c->kind]);
    if (c->kind == WAST_REGISTER)
      add(buf, cap, " \"%s\" %s", c->register_as, c->register_module ? c->register_module : "-");
    if (c->kind == WAST_MODULE_INSTANCE)
      add(buf, cap, " %s %s", c->module.name ? c->module.name : "-",
          c->instance_of ? c->instance_of : "-");
    if (c->kind == WAST_MODULE && c->module.definition) add(buf, cap, " definition");
    if (c->kind == WAST_MODULE || c->kind >= WAST_ASSERT_INVALID) {
      const struct wast_module *m = &c->module;
      add(buf, cap, " %s", m->name ? m->name : "-");
      if (m->form == WAST_TEXT)
        add(buf, cap, " text%s [%.*s]", m->fields_only ? " fields" : "",
            (int)(m->end - m->start), (const char *)src->data + m->start);
      else {
        add(buf, cap, " %s [", m->form == WAST_BINARY ? "binary" : "quote");
        for (uint32_t k = 0; k < m->bytes.len; k++) {
          uint8_t b = m->bytes.data[k];
          add(buf, cap, b >= 0x20 && b < 0x7f ? "%c" : "\\%02x", b);
        }
        add(buf, cap, "]");
      }
    }
    if (c->kind == WAST_ACTION || (c->kind >= WAST_ASSERT_RETURN && c->kind <= WAST_ASSERT_EXCEPTION
                                   && !c->module.end)) {
      const struct wast_action *a = &c->action;
      add(buf, cap, " %s %s \"%.*s\"", a->is_get ? "get" : "invoke", a->module ? a->module : "-",
          (int)a->field.len, (const char *)a->field.data);
      for (uint32_t k = 0; k < a->nargs; k++) describe_value(buf, cap, &a->args[k]);
    }
    if (c->kind == WAST_ASSERT_RETURN) {
      add(buf, cap, " ->");
      for (uint32_t k = 0; k < c->nresults; k++) describe_value(buf, cap, &c->results[k]);
    }
    if (c->text) add(buf, cap, " \"%s\"", c->text);
    add(buf, cap, "\n");
  }
}

struct ctx {
  struct source src;          /* the script */
  struct wast_script *script; /* result */
};

static void parse(void *arg) {
  struct ctx *x = arg;
  x->script = wast_parse(&arena, &x->src);
}

static const struct {
  const char *script; /* input */
  const char *expect; /* describe() output, or "error: REASON" */
} cases[] = {
    {"", ""},
    {";; nothing\n(; at all ;)", ""},
    {"(module)", "1 module - text [(module)]\n"},
    {"(module $m (func))\n\n(module)",
     "1 module m text [(module $m (func))]\n3 module - text [(module)]\n"},
    {"(module $b binary \"\\00asm\" \"\\01\\00\\00\\00\")",
     "1 module b binary [\\00asm\\01\\00\\00\\00]\n"},
    {"(module quote \"(func)\" \" (memory 1)\")", "1 module - quote [(func) (memory 1)]\n"},
    {"(func) (memory 1)", "1 module - text fields [(func) (memory 1)]\n"},
    {"(register \"lib\")\n(register \"x\" $m)",
     "1 register \"lib\" -\n2 register \"x\" m\n"},
    {"(invoke \"f\" (i32.const -1) (i64.const 0x10) (f32.const 1) (f64.const -0))",
     "1 action invoke - \"f\" i32:0xffffffff i64:0x10 f32:0x3f800000 f64:0x8000000000000000\n"},
    {"(get $m \"g\")", "1 action get m \"g\"\n"},
    {"(invoke \"r\" (ref.null func) (ref.null extern) (ref.extern 5))",
     "1 action invoke - \"r\" null:funcref null:externref extern:5\n"},
    {"(assert_return (invoke \"f\"))", "1 assert_return invoke - \"f\" ->\n"},
    {"(assert_return (invoke \"f\") (f32.const nan:canonical) (f64.const nan:arithmetic)"
     " (f32.const -nan:0x1) (ref.func) (ref.null func) (ref.extern 0))",
     "1 assert_return invoke - \"f\" -> f32:nan:canonical f64:nan:arithmetic f32:0xff800001"
     " nonnull:funcref null:funcref extern:0\n"},
    {"(assert_return (get \"g\") (i32.const 1))", "1 assert_return get - \"g\" -> i32:0x1\n"},
    {"(assert_return (invoke \"v\") (v128.const i32x4 1 2 3 -1))",
     "1 assert_return invoke - \"v\" -> v128:ffffffff000000030000000200000001\n"},
    {"(assert_return (invoke \"v\") (v128.const f32x4 nan:canonical 1 nan:arithmetic 0))",
     "1 assert_return invoke - \"v\" -> v128:00000000000000003f80000000000000/0:c/2:a\n"},
    {"(assert_trap (invoke \"f\" (i32.const 0)) \"unreachable\")",
     "1 assert_trap invoke - \"f\" i32:0x0 \"unreachable\"\n"},
    {"(assert_trap (module (start 0) (func unreachable)) \"unreachable\")",
     "1 assert_uninstantiable - text [(module (start 0) (func unreachable))] \"unreachable\"\n"},
    {"(assert_uninstantiable (module $u) \"x\")", "1 assert_uninstantiable u text [(module $u)] \"x\"\n"},
    {"(assert_exhaustion (invoke \"r\") \"call stack exhausted\")",
     "1 assert_exhaustion invoke - \"r\" \"call stack exhausted\"\n"},
    {"(assert_invalid (module (func (result i32))) \"type mismatch\")",
     "1 assert_invalid - text [(module (func (result i32)))] \"type mismatch\"\n"},
    {"(assert_malformed (module quote \"(i32.const\") \"unexpected end\")",
     "1 assert_malformed - quote [(i32.const] \"unexpected end\"\n"},
    {"(assert_malformed (module binary \"\") \"unexpected end\")",
     "1 assert_malformed - binary [] \"unexpected end\"\n"},
    {"(assert_unlinkable (module (import \"a\" \"b\" (func))) \"unknown import\")",
     "1 assert_unlinkable - text [(module (import \"a\" \"b\" (func)))] \"unknown import\"\n"},
    /* WebAssembly 3.0 scripts: definitions, instances, result patterns */
    {"(module definition $M (memory 1))\n(module instance $I $M)\n(module instance)",
     "1 module definition M text [ (memory 1)]\n2 module_instance I M\n3 module_instance - -\n"},
    {"(module definition binary \"\")", "1 module definition - binary []\n"},
    {"(assert_return (invoke \"f\") (either (i32.const 1) (i32.const 2)))",
     "1 assert_return invoke - \"f\" -> either( i32:0x1 i32:0x2 )/any\n"},
    {"(assert_return (invoke \"f\") (ref.null) (ref.extern) (ref.null nofunc) (ref.null any))",
     "1 assert_return invoke - \"f\" -> null:funcref/any nonnull:externref null:funcref null:externref/any\n"},
    {"(assert_return (invoke \"f\") (ref.i31 7) (ref.struct))",
     "1 assert_return invoke - \"f\" -> gc/any gc/any\n"},
    {"(invoke \"f\" (ref.null))", "error: unexpected ')', expected 'func' or 'extern'"},
    {"(assert_exception (invoke \"t\" (i32.const 1)))", "1 assert_exception invoke - \"t\" i32:0x1\n"},
    {"(module instance $I $M $X)", "error: unexpected '$X', expected ')'"},
    {"(assert_return (invoke \"r\") (either))",
     "error: either takes one or more results, none of them an either"},
    {"(assert_return (invoke \"r\") (either (either (i32.const 1))))",
     "error: either takes one or more results, none of them an either"},
    /* errors */
    {"(modul)", "error: unexpected 'modul', expected a command (module, register, invoke, get or assert_*)"},
    {"(module", "error: unexpected end of script, expected ')'"},
    {"module", "error: unexpected 'module', expected '('"},
    {"(invoke \"f\" (i32.const 0x100000000))", "error: unexpected '0x100000000', expected an i32 literal"},
    {"(invoke \"f\" (f32.const nan:canonical))", "error: unexpected 'nan:canonical', expected an f32 literal"},
    {"(invoke \"f\" (ref.func))", "error: unexpected 'ref.func', expected a constant"},
    {"(assert_return (invoke \"f\") (i32.const 1)", "error: unexpected end of script, expected a result or ')'"},
    {"(assert_trap (invoke \"f\"))", "error: unexpected ')', expected a failure message"},
    {"(assert_invalid (invoke \"f\") \"x\")", "error: unexpected 'invoke', expected 'module'"},
    {"(assert_return (module) \"x\")", "error: unexpected 'module', expected 'invoke' or 'get'"},
    {"(module binary \"\\00\" $x)", "error: unexpected '$x', expected a string or ')'"},
};

int main(void) {
  int pass = 0, fail = 0;
  static char got[8192];
  for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
    struct ctx x = {.src = {"t.wast", (const uint8_t *)cases[i].script, strlen(cases[i].script), true}};
    if (diag_protect(parse, &x)) snprintf(got, sizeof got, "error: %s", diag.reason);
    else describe(got, sizeof got, &x.src, x.script);
    if (strcmp(got, cases[i].expect) == 0) {
      pass++;
    } else {
      fail++;
      printf("FAIL wast case %zu: %s\n  expected: %s\n  got:      %s\n", i, cases[i].script,
             cases[i].expect, got);
    }
  }
  arena_free(&arena);
  printf("%d passed, %d failed\n", pass, fail);
  return fail != 0;
}
