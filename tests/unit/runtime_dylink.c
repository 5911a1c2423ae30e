/* runtime_dylink.c - the loader of dylink.0 side modules (runtime/dylink.c)
 * with hand-written side modules (tests/runtime/dl*.wat) that import what
 * wasm-ld -shared modules import; their dylink.0 descriptors are written here.
 * A main module (dlmain.wat) with a bump malloc calls the loader through the
 * guest API; other processes have no main (the loader's own memory).  Covers
 * data relocations across modules, function pointers with one index per
 * function, weak symbols, NEEDED chains, dlclose and reloading, 100 modules
 * at once, and every error with its message, each followed by a load that
 * works. */
#include <stdlib.h>

#include "runtime_test.h"
#include "runtime_modules.h"

#include "dla.h"
#include "dlb.h"
#include "dlbad.h"
#include "dlbadtype.h"
#include "dlc.h"
#include "dlmain.h"
#include "dlweak.h"
#include "dlself.h"
#include "dlctor.h"
#include "dlhold.h"

/* ---- The descriptors the translator would emit ---- */

static const char *const needs_c[] = {"libc.so"};
static const char *const needs_b[] = {"libb.so"};
static const char *const needs_y[] = {"y.so"};
static const char *const needs_x[] = {"x.so"};
static const char *const needs_missing[] = {"libmissing.so"};

/* The stub of a weak function nobody defines: traps. */
static uint32_t weak_stub(void *obj, uint32_t x) {
  (void)obj, (void)x;
  w2l_trap_raise(W2L_TRAP_HOST);
}

static const w2l_dylink_symbol weak_info[] = {
    {"env", "weak_fn", W2L_DYLINK_WEAK},
    {"GOT.mem", "weak_data", W2L_DYLINK_WEAK},
    {"GOT.func", "weak_fn", W2L_DYLINK_WEAK},
    {"GOT.mem", "c_data", W2L_DYLINK_WEAK},
};
/* By import (memory, weak_fn, ...): the stub of weak_fn. */
static void (*const weak_stubs[])(void) = {NULL, (void (*)(void))weak_stub, NULL, NULL, NULL, NULL};

/* dlself's env.s_weak until the loader binds it to dlself's own s_weak. */
static uint32_t self_stub(void *obj) {
  (void)obj;
  w2l_trap_raise(W2L_TRAP_HOST);
}
/* By import (memory, table, __memory_base, s_weak, ...). */
static void (*const self_stubs[])(void) = {NULL, NULL, NULL, (void (*)(void))self_stub, NULL, NULL};
/* By export; all 0 (s_value is at +0) but present, as the translator emits them. */
static const uint32_t self_values[16];

/* C's pointer to main's data: weak, so that C loads without a main too. */
static const w2l_dylink_symbol c_info[] = {{"GOT.mem", "main_counter", W2L_DYLINK_WEAK}};

/* B's export values (b_ptr at +0, b_own at +4: its GOT.mem.b_own is its own), by
 * export; filled in by make_modules. */
static uint32_t b_values[16];

/* mem_size, mem_align, table_size, table_align, needed, export info, import info,
 * export values, import stubs */
static const w2l_dylink dyl_c = {16, 2, 1, 0, 0, NULL, 0, NULL, 1, c_info, NULL, NULL};
static const w2l_dylink dyl_c64 = {16, 6, 1, 3, 0, NULL, 0, NULL, 1, c_info, NULL, NULL};
static const w2l_dylink dyl_b = {8, 2, 0, 0, 1, needs_c, 0, NULL, 0, NULL, b_values, NULL};
static const w2l_dylink dyl_a = {0, 0, 0, 0, 1, needs_b, 0, NULL, 0, NULL, NULL, NULL};
static const w2l_dylink dyl_weak = {0, 0, 0, 0, 0, NULL, 0, NULL, 4, weak_info, NULL, weak_stubs};
static const w2l_dylink dyl_bad = {32, 3, 2, 0, 0, NULL, 0, NULL, 0, NULL, NULL, NULL};
static const w2l_dylink dyl_none = {0, 0, 0, 0, 0, NULL, 0, NULL, 0, NULL, NULL, NULL};
static const w2l_dylink dyl_self = {12, 2, 0, 0, 0, NULL, 0, NULL, 0, NULL, self_values, self_stubs};
static const w2l_dylink dyl_ctor = {12, 0, 0, 0, 0, NULL, 0, NULL, 0, NULL, self_values, NULL};
static const w2l_dylink dyl_x = {0, 0, 0, 0, 1, needs_y, 0, NULL, 0, NULL, NULL, NULL};
static const w2l_dylink dyl_y = {0, 0, 0, 0, 1, needs_x, 0, NULL, 0, NULL, NULL, NULL};
static const w2l_dylink dyl_m = {0, 0, 0, 0, 1, needs_missing, 0, NULL, 0, NULL, NULL, NULL};

static w2l_module mod_c, mod_c64, mod_b, mod_a, mod_weak, mod_ctor, mod_hold, mod_self, mod_bad, mod_badtype, mod_x, mod_y,
    mod_m;

static w2l_module with_dylink(const w2l_module *m, const w2l_dylink *y) {
  w2l_module copy = *m;
  copy.dylink = y;
  return copy;
}

static void make_modules(void) {
  for (uint32_t i = 0; i < dlb_module.nexports; i++)
    if (strcmp(dlb_module.exports[i].name, "b_own") == 0) b_values[i] = 4;
  mod_c = with_dylink(&dlc_module, &dyl_c);
  mod_c64 = with_dylink(&dlc_module, &dyl_c64);
  mod_b = with_dylink(&dlb_module, &dyl_b);
  mod_a = with_dylink(&dla_module, &dyl_a);
  mod_weak = with_dylink(&dlweak_module, &dyl_weak);
  mod_self = with_dylink(&dlself_module, &dyl_self);
  mod_ctor = with_dylink(&dlctor_module, &dyl_ctor);
  mod_hold = with_dylink(&dlhold_module, &dyl_none);
  mod_bad = with_dylink(&dlbad_module, &dyl_bad);
  mod_badtype = with_dylink(&dlbadtype_module, &dyl_none);
  mod_x = with_dylink(&dla_module, &dyl_x);
  mod_y = with_dylink(&dla_module, &dyl_y);
  mod_m = with_dylink(&dla_module, &dyl_m);
}

/* ---- A process ---- */

struct proc {
  w2l_dl *dl;           /* the loader */
  w2l_linker *host;     /* its host linker (empty unless a test defines something) */
  w2l_linker *l;        /* main's linker (the guest API), or NULL */
  w2l_instance *main;   /* dlmain, or NULL */
};

static void proc_new(struct proc *p, bool with_main) {
  w2l_error err;
  p->host = w2l_linker_new();
  p->dl = w2l_dl_new(p->host);
  p->l = NULL;
  p->main = NULL;
  if (with_main) {
    p->l = w2l_linker_new();
    CHECK(w2l_dl_define_imports(p->dl, p->l, "env"), "defining the guest API");
    p->main = w2l_linker_instantiate(p->l, &dlmain_module, NULL, &err);
    CHECK(p->main != NULL, "main: %s", err.message);
  }
  CHECK(w2l_dl_set_main(p->dl, p->main, &err), "set_main: %s", err.message);
  CHECK(w2l_dl_register(p->dl, "libc.so", &mod_c) && w2l_dl_register(p->dl, "libc2.so", &mod_c) &&
            w2l_dl_register(p->dl, "libc64.so", &mod_c64) &&
            w2l_dl_register(p->dl, "libb.so", &mod_b) && w2l_dl_register(p->dl, "liba.so", &mod_a) &&
            w2l_dl_register(p->dl, "libweak.so", &mod_weak) &&
            w2l_dl_register(p->dl, "libself.so", &mod_self) &&
            w2l_dl_register(p->dl, "libctor.so", &mod_ctor) &&
            w2l_dl_register(p->dl, "libhold.so", &mod_hold) &&
            w2l_dl_register(p->dl, "libbad.so", &mod_bad) &&
            w2l_dl_register(p->dl, "libbadtype.so", &mod_badtype) &&
            w2l_dl_register(p->dl, "x.so", &mod_x) && w2l_dl_register(p->dl, "y.so", &mod_y) &&
            w2l_dl_register(p->dl, "m.so", &mod_m) &&
            w2l_dl_register(p->dl, "plain.so", &dlc_module),
        "registering");
}

static void proc_free(struct proc *p) {
  w2l_dl_free(p->dl);
  w2l_instance_free(p->main);
  w2l_linker_free(p->l);
  w2l_linker_free(p->host);
}

/* ---- Helpers ---- */

static uint32_t call(w2l_instance *inst, const char *name, int nargs, uint32_t x, uint32_t y) {
  w2l_val args[2] = {W2L_I32_VAL(x), W2L_I32_VAL(y)}, r = W2L_I32_VAL(0);
  w2l_error err;
  w2l_trap t = w2l_call(inst, name, args, (size_t)nargs, &r, 1, &err);
  CHECK(t == W2L_OK, "%s: %s", name, err.message);
  return r.of.i32;
}
#define CALL0(inst, name) call((inst), (name), 0, 0, 0)
#define CALL1(inst, name, x) call((inst), (name), 1, (x), 0)
#define CALL2(inst, name, x, y) call((inst), (name), 2, (x), (y))

static uint32_t open_ok(w2l_dl *dl, const char *name) {
  w2l_error err;
  uint32_t h = w2l_dl_open(dl, name, &err);
  CHECK(h != 0, "dlopen %s: %s", name, err.message);
  return h;
}

static uint32_t sym(w2l_dl *dl, uint32_t handle, const char *name) {
  w2l_error err;
  uint32_t v = UINT32_MAX;
  CHECK(w2l_dl_sym(dl, handle, name, &v, &err), "dlsym %s: %s", name, err.message);
  return v;
}

static uint32_t peek(w2l_dl *dl, uint32_t addr) {
  uint32_t v = 0;
  CHECK(w2l_memory_read(w2l_dl_memory(dl), addr, &v, 4), "peek %u", addr);
  return v;
}

static void poke(w2l_dl *dl, uint32_t addr, uint32_t v) {
  CHECK(w2l_memory_write(w2l_dl_memory(dl), addr, &v, 4), "poke %u", addr);
}

static w2l_global *main_global(w2l_instance *main, const char *name) {
  w2l_extern e;
  if (!w2l_instance_export(main, name, &e) || e.kind != W2L_EXTERN_GLOBAL) abort();
  return e.of.global;
}

/* After an error: the process still loads and runs C, and unloads it. */
static void still_usable(w2l_dl *dl, int line) {
  w2l_error err;
  uint32_t h = w2l_dl_open(dl, "libc.so", &err);
  CHECK(h != 0, "line %d: the process no longer loads: %s", line, err.message);
  if (!h) return;
  CHECK(CALL1(w2l_dl_instance(dl, h), "c_add", 1) == 101, "line %d: c_add after an error", line);
  CHECK(w2l_dl_close(dl, h, &err), "line %d: %s", line, err.message);
}

/* dlopen name must fail with message want (and dlerror says it once). */
static void open_fails(w2l_dl *dl, const char *name, const char *want, int line) {
  w2l_error err;
  const char *e;
  CHECK(w2l_dl_open(dl, name, &err) == 0, "line %d: %s loaded", line, name);
  CHECK(strcmp(err.message, want) == 0, "line %d: got \"%s\"\n     expected \"%s\"", line,
        err.message, want);
  e = w2l_dl_error(dl);
  CHECK(e && strcmp(e, want) == 0, "line %d: dlerror \"%s\"", line, e ? e : "(null)");
  CHECK(w2l_dl_error(dl) == NULL, "line %d: dlerror twice", line);
  still_usable(dl, line);
}

/* The host's env.nowhere (libbad.so's constructor traps before calling it). */
static void host_nowhere(void *env) { (void)env; }

/* The NUL-terminated text at addr in dl's memory (at most size - 1 bytes). */
static const char *text_at(w2l_dl *dl, uint32_t addr, char *buf, size_t size) {
  const char *s = w2l_memory_string(w2l_dl_memory(dl), addr, size - 1, NULL);
  snprintf(buf, size, "%s", s ? s : "(not a string)");
  return buf;
}

/* ---- Tests ---- */

/* A needs B needs C: loaded in order with data relocations across modules,
 * one table index per function, main's stack, malloc and free. */
static void test_chain(void) {
  struct proc p;
  proc_new(&p, true);
  w2l_dl *dl = p.dl;
  w2l_global *mallocs = main_global(p.main, "mallocs"), *frees = main_global(p.main, "frees");
  uint32_t ha = open_ok(dl, "liba.so"), hb = open_ok(dl, "libb.so"), hc = open_ok(dl, "libc.so");
  w2l_instance *a = w2l_dl_instance(dl, ha), *b = w2l_dl_instance(dl, hb), *c = w2l_dl_instance(dl, hc);
  if (!a || !b || !c) {
    proc_free(&p);
    return;
  }
  CHECK(hc == 2 && hb == 3 && ha == 4, "handles in load order: %u %u %u", hc, hb, ha);
  CHECK(mallocs->value.i32 == 2, "data placed with main's malloc: %u calls", mallocs->value.i32);
  CHECK(CALL0(a, "a_get") == 101, "A -> B -> C's data");
  uint32_t c_data = sym(dl, hc, "c_data");
  CHECK(c_data >= 65536 && c_data % 4 == 0, "c_data at %u", c_data);
  CHECK(peek(dl, c_data) == 100, "C's data initialized at its __memory_base");
  CHECK(peek(dl, sym(dl, hc, "c_ptr")) == 1024, "relocation to main's data (absolute)");
  CHECK(peek(dl, sym(dl, hc, "c_self")) == c_data, "relocation to its own data");
  CHECK(peek(dl, sym(dl, hc, "c_inits")) == 1, "constructor ran once");
  CHECK(peek(dl, sym(dl, hb, "b_ptr")) == c_data, "B's data points at C's data");
  CHECK(sym(dl, W2L_DL_DEFAULT, "c_data") == c_data, "default search");
  CHECK(CALL0(b, "b_own_addr") == sym(dl, hb, "b_own") && peek(dl, sym(dl, hb, "b_own")) == 5,
        "GOT.mem of its own export");
  CHECK(CALL1(b, "b_call", 1) == 101, "B calls C's function");
  CHECK(CALL0(c, "c_sp") == 65536, "main's stack pointer shared");
  /* One index per function, whoever asks. */
  uint32_t fp = CALL0(b, "b_fp_c_add");
  CHECK(fp == sym(dl, hc, "c_add") && fp == sym(dl, W2L_DL_DEFAULT, "c_add"), "index of c_add: %u", fp);
  CHECK(CALL2(p.main, "call_ii", fp, 5) == 105, "main calls C through the index");
  uint32_t self = CALL0(b, "b_fp_self");
  CHECK(self == sym(dl, hb, "b_twice") && self != fp, "index of b_twice: %u", self);
  CHECK(CALL2(p.main, "call_ii", self, 21) == 42, "call b_twice");
  CHECK(CALL0(b, "b_fp_main") == 1 && sym(dl, W2L_DL_MAIN, "main_twice") == 1,
        "main's function keeps the index of main's elem segment");
  uint32_t triple = CALL0(c, "c_triple_ptr");
  CHECK(triple >= 2 && CALL2(p.main, "call_ii", triple, 4) == 12, "C's own table slot %u", triple);
  CHECK(open_ok(dl, "liba.so") == ha, "already loaded: the same handle");

  /* Over-aligned data from malloc. */
  uint32_t h64 = open_ok(dl, "libc64.so");
  uint32_t d64 = sym(dl, h64, "c_data"), t64 = CALL0(w2l_dl_instance(dl, h64), "c_triple_ptr");
  CHECK(d64 % 64 == 0 && t64 % 8 == 0, "aligned to 64 and 8: %u %u", d64, t64);
  CHECK(sym(dl, W2L_DL_DEFAULT, "c_data") == c_data, "the first definition wins");
  CHECK(w2l_dl_close(dl, h64, NULL), "close libc64.so");

  /* Close: C goes last, when nothing needs it. */
  w2l_table *t = w2l_dl_table(dl);
  uint32_t frees0 = frees->value.i32;
  CHECK(w2l_dl_close(dl, ha, NULL) && w2l_dl_close(dl, ha, NULL), "close A twice (two opens)");
  CHECK(w2l_dl_close(dl, hb, NULL) && frees->value.i32 == frees0 + 1, "B freed");
  CHECK(w2l_dl_instance(dl, hc) == c && t->elems[fp].fn, "C still loaded");
  CHECK(!t->elems[self].fn, "B's function's slot cleared");
  CHECK(w2l_dl_close(dl, hc, NULL), "close C");
  CHECK(frees->value.i32 == frees0 + 2 && main_global(p.main, "last_freed")->value.i32 == c_data,
        "C's data freed with main's free");
  CHECK(!t->elems[fp].fn && !t->elems[triple].fn && t->elems[1].fn, "slots cleared, main's kept");
  uint32_t v;
  CHECK(!w2l_dl_sym(dl, W2L_DL_DEFAULT, "c_add", &v, NULL), "C's symbols gone");
  CHECK(w2l_dl_instance(dl, hc) == NULL, "handle closed");
  /* Loaded again: works, and C's slot comes back. */
  ha = open_ok(dl, "liba.so");
  CHECK(CALL0(w2l_dl_instance(dl, ha), "a_get") == 101, "reloaded chain");
  proc_free(&p);
}

/* The guest API, called by main's wasm code (malloc is called back from
 * inside dlopen). */
static void test_guest(void) {
  struct proc p;
  proc_new(&p, true);
  w2l_dl *dl = p.dl;
  w2l_memory *mem = w2l_dl_memory(dl);
  char text[200];
  CHECK(w2l_memory_write(mem, 2048, "liba.so", 8) && w2l_memory_write(mem, 2100, "c_add", 6) &&
            w2l_memory_write(mem, 2200, "nosuch.so", 10) && w2l_memory_write(mem, 2300, "c_data", 7),
        "strings");
  CHECK(CALL0(p.main, "error") == 0, "no error yet");
  uint32_t h = CALL1(p.main, "open", 2048);
  CHECK(h == 4, "dlopen from wasm: %u", h);
  uint32_t fp = CALL2(p.main, "sym", 0, 2100);
  CHECK(fp >= 2 && CALL2(p.main, "call_ii", fp, 5) == 105, "dlsym index %u called", fp);
  CHECK(CALL2(p.main, "sym", 2, 2300) == sym(dl, 2, "c_data"), "data address");
  CHECK(CALL1(p.main, "open", 2200) == 0, "dlopen fails with 0");
  uint32_t e = CALL0(p.main, "error");
  CHECK(e != 0, "dlerror gives an address");
  CHECK_STR(text_at(dl, e, text, sizeof text),
            "cannot find nosuch.so: not registered and not in the search path");
  CHECK(CALL0(p.main, "error") == 0, "dlerror once");
  CHECK(CALL1(p.main, "open", 0xFFFFFFF0u) == 0 && CALL0(p.main, "error") == e, "a name outside memory");
  CHECK_STR(text_at(dl, e, text, sizeof text), "name at 4294967280 is not a string inside the memory");
  CHECK(CALL1(p.main, "open", 0) == W2L_DL_MAIN, "dlopen(NULL)");
  CHECK(CALL1(p.main, "close", h) == 0, "dlclose");
  CHECK(CALL1(p.main, "close", h) == UINT32_MAX && CALL0(p.main, "error") == e, "dlclose again");
  CHECK_STR(text_at(dl, e, text, sizeof text), "handle 4 is not open");
  CHECK(CALL2(p.main, "sym", 0, 2100) == 0, "dlsym after dlclose");
  proc_free(&p);
}

/* Weak imports, and the first definition winning. */
static void test_weak(void) {
  struct proc p;
  proc_new(&p, false);
  w2l_dl *dl = p.dl;
  w2l_val arg = W2L_I32_VAL(1), r;
  open_fails(dl, "libweak.so", "undefined symbol: c_add (needed by libweak.so)", __LINE__);
  uint32_t h1 = open_ok(dl, "libc.so"), h2 = open_ok(dl, "libc2.so");
  uint32_t d1 = sym(dl, h1, "c_data"), d2 = sym(dl, h2, "c_data");
  CHECK(d1 != d2 && h1 != h2, "two copies of C");
  poke(dl, d2, 200);
  uint32_t hw = open_ok(dl, "libweak.so");
  w2l_instance *w = w2l_dl_instance(dl, hw);
  if (!w) {
    proc_free(&p);
    return;
  }
  CHECK(CALL1(w, "call_c_add", 1) == 101, "c_add of the first copy");
  CHECK(CALL0(w, "c_data_addr") == d1, "weak but defined: the first copy's c_data");
  CHECK(CALL0(w, "weak_data_addr") == 0 && CALL0(w, "weak_fn_ptr") == 0, "undefined weak: 0");
  CHECK_TRAP(w2l_call(w, "call_weak", &arg, 1, &r, 1, NULL), W2L_TRAP_HOST);
  CHECK(sym(dl, W2L_DL_DEFAULT, "c_add") == sym(dl, h1, "c_add") &&
            sym(dl, h2, "c_add") != sym(dl, h1, "c_add"),
        "default search: the first; by handle: its own");
  /* libweak binds to C's symbols without needing C: it holds C anyway. */
  CHECK(w2l_dl_close(dl, h1, NULL) && w2l_dl_instance(dl, h1) != NULL, "C kept by its user");
  CHECK(CALL1(w, "call_c_add", 1) == 101, "C's c_add after C's dlclose");
  CHECK(w2l_dl_close(dl, hw, NULL) && w2l_dl_instance(dl, h1) == NULL, "C goes with its user");
  proc_free(&p);
}

/* A module that refers to itself as toolchains make it: GOT entries of its own
 * symbols final when its start function (the relocations) runs, and an import
 * of its own function bound to it once it exists. */
static void test_self(void) {
  struct proc p;
  proc_new(&p, false);
  w2l_dl *dl = p.dl;
  uint32_t h = open_ok(dl, "libself.so");
  w2l_instance *s = w2l_dl_instance(dl, h);
  if (!s) {
    proc_free(&p);
    return;
  }
  uint32_t value = sym(dl, h, "s_value");
  CHECK(value != 0 && CALL0(s, "s_ptr") == value, "own data address in the start function: %u, not %u",
        CALL0(s, "s_ptr"), value);
  CHECK(peek(dl, value) == 42, "s_value");
  CHECK(CALL0(s, "s_fp") == sym(dl, h, "s_fn") && CALL0(s, "s_fp") != 0, "own function index");
  CHECK(CALL0(s, "s_call_fp") == 9, "call through the own index");
  CHECK(CALL0(s, "s_call_weak") == 7, "env.s_weak bound to its own s_weak");
  w2l_error err;
  CHECK(w2l_dl_close(dl, h, &err), "%s", err.message);
  h = open_ok(dl, "libself.so");
  s = w2l_dl_instance(dl, h);
  CHECK(s && CALL0(s, "s_call_fp") == 9 && CALL0(s, "s_call_weak") == 7, "loaded again");
  proc_free(&p);
}

/* A constructor that dlopens a module bound to its own module, then traps: the
 * failed dlopen takes both away (the second held a reference on the first). */
static void test_ctor_trap(void) {
  struct proc p;
  proc_new(&p, false);
  w2l_dl *dl = p.dl;
  w2l_error err;
  uint32_t v;
  CHECK(w2l_dl_define_imports(dl, p.host, "env"), "guest API for side modules");
  open_fails(dl, "libctor.so", "libctor.so: __wasm_call_ctors trapped: unreachable", __LINE__);
  CHECK(!w2l_dl_sym(dl, W2L_DL_DEFAULT, "hold_addr", &v, &err),
        "libhold.so, opened by the constructor, went with libctor.so");
  open_fails(dl, "libctor.so", "libctor.so: __wasm_call_ctors trapped: unreachable", __LINE__);
  proc_free(&p);
}

/* Without malloc: data re-zeroed and re-initialized, slots and bytes reused. */
static void test_reload(void) {
  struct proc p;
  proc_new(&p, false);
  w2l_dl *dl = p.dl;
  uint32_t h = open_ok(dl, "libc.so");
  w2l_instance *c = w2l_dl_instance(dl, h);
  if (!c) {
    proc_free(&p);
    return;
  }
  uint32_t base = sym(dl, h, "c_data"), slot = CALL0(c, "c_triple_ptr"), sp = CALL0(c, "c_sp");
  uint64_t size = w2l_dl_memory(dl)->size;
  CHECK(base != 0 && sp % 16 == 0 && sp > base, "data at %u, stack top at %u", base, sp);
  poke(dl, base, 999);
  poke(dl, base + 12, 7);
  CHECK(w2l_dl_close(dl, h, NULL), "close");
  h = open_ok(dl, "libc.so");
  c = w2l_dl_instance(dl, h);
  if (!c) {
    proc_free(&p);
    return;
  }
  CHECK(sym(dl, h, "c_data") == base && CALL0(c, "c_triple_ptr") == slot, "same place again");
  CHECK(peek(dl, base) == 100 && peek(dl, base + 12) == 1, "re-zeroed and re-initialized: %u %u",
        peek(dl, base), peek(dl, base + 12));
  CHECK(w2l_dl_memory(dl)->size == size, "no growth");
  proc_free(&p);
}

/* One module under 100 names, loaded at once, then again. */
static void test_many(void) {
  struct proc p;
  proc_new(&p, false);
  w2l_dl *dl = p.dl;
  uint32_t handles[100], bases[100];
  char name[16];
  bool distinct = true;
  for (int i = 0; i < 100; i++) {
    snprintf(name, sizeof name, "c%d.so", i);
    CHECK(w2l_dl_register(dl, name, &mod_c), "register %s", name);
  }
  uint32_t table_size = 0;
  uint64_t mem_size = 0;
  for (int round = 0; round < 2; round++) {
    for (int i = 0; i < 100; i++) {
      snprintf(name, sizeof name, "c%d.so", i);
      handles[i] = open_ok(dl, name);
      bases[i] = handles[i] ? sym(dl, handles[i], "c_data") : 0;
      for (int k = 0; k < i; k++) distinct = distinct && bases[k] != bases[i];
    }
    CHECK(distinct, "100 distinct bases");
    for (int i = 0; i < 100; i++) {
      w2l_instance *c = w2l_dl_instance(dl, handles[i]);
      if (!c) continue;
      CHECK(CALL1(c, "c_add", 1) == 101 && peek(dl, bases[i] + 8) == bases[i], "module %d", i);
    }
    if (round == 0) table_size = w2l_dl_table(dl)->size, mem_size = w2l_dl_memory(dl)->size;
    else CHECK(w2l_dl_table(dl)->size == table_size && w2l_dl_memory(dl)->size == mem_size,
               "slots and memory reused: %u %u", w2l_dl_table(dl)->size, table_size);
    for (int i = 0; i < 100; i++) CHECK(w2l_dl_close(dl, handles[i], NULL), "close %d", i);
  }
  CHECK(table_size >= 101, "100 slots: %u", table_size);
  proc_free(&p);
}

/* Every error, each followed by a load that works. */
static void test_errors(void) {
  struct proc p;
  w2l_error err;
  uint32_t v;
  /* Before a main, and a main that cannot be one. */
  w2l_dl *lone = w2l_dl_new(NULL);
  CHECK(w2l_dl_open(lone, "libc.so", &err) == 0, "open without main");
  CHECK_STR(err.message, "w2l_dl_set_main was not called");
  w2l_instance *deep = w2l_instantiate(&deep_module, NULL, &err);
  CHECK(!w2l_dl_set_main(lone, deep, &err), "main without memory");
  CHECK_STR(err.message, "main module \"deep\" exports no memory \"memory\"");
  w2l_instance_free(deep);
  w2l_dl_free(lone);

  proc_new(&p, true);
  w2l_dl *dl = p.dl;
  w2l_table *t = w2l_dl_table(dl);
  w2l_global *frees = main_global(p.main, "frees"), *mallocs = main_global(p.main, "mallocs");
  CHECK(!w2l_dl_set_main(dl, p.main, &err), "set_main twice");
  CHECK_STR(err.message, "the process has a main module already");
  CHECK_STR(w2l_dl_error(dl), "the process has a main module already");
  open_fails(dl, "nosuch.so", "cannot find nosuch.so: not registered and not in the search path",
             __LINE__);
  open_fails(dl, "plain.so", "plain.so is not a side module (no dylink.0 section)", __LINE__);
  open_fails(dl, "m.so",
             "cannot find libmissing.so (needed by m.so): not registered and not in the search path",
             __LINE__);
  open_fails(dl, "x.so", "cycle of NEEDED libraries: x.so -> y.so -> x.so", __LINE__);
  uint32_t hc = open_ok(dl, "libc.so");
  open_fails(dl, "libbadtype.so",
             "libbadtype.so: incompatible import type for \"env\" \"c_add\": expected func () -> (), "
             "got func (i32) -> i32",
             __LINE__ - 3);
  CHECK(w2l_dl_close(dl, hc, NULL), "close");
  uint32_t size0 = t->size, frees0 = frees->value.i32, mallocs0 = mallocs->value.i32;
  open_fails(dl, "libbad.so", "undefined symbol: nowhere (needed by libbad.so)", __LINE__);
  /* Its 32 bytes and 2 slots were placed and are given back (still_usable
   * loaded and closed C once since). */
  CHECK(frees->value.i32 - frees0 == mallocs->value.i32 - mallocs0 &&
            mallocs->value.i32 - mallocs0 == 2,
        "every malloc freed: %u %u", frees->value.i32 - frees0, mallocs->value.i32 - mallocs0);
  bool clear = true;
  for (uint32_t i = 2; i < t->size; i++) clear = clear && !t->elems[i].fn;
  CHECK(clear, "no slot left behind (table of %u, was %u)", t->size, size0);
  /* Defined by the host now: its constructor traps. */
  CHECK(w2l_linker_define_func(p.host, "env", "nowhere", ":", (void (*)(void))host_nowhere, NULL), "define");
  CHECK(w2l_dl_open(dl, "libbad.so", &err) == 0 && err.trap == W2L_TRAP_UNREACHABLE, "ctor trap");
  CHECK_STR(err.message, "libbad.so: __wasm_call_ctors trapped: unreachable");
  clear = true;
  for (uint32_t i = 2; i < t->size; i++) clear = clear && !t->elems[i].fn;
  CHECK(clear && frees->value.i32 - frees0 == mallocs->value.i32 - mallocs0, "rolled back");
  still_usable(dl, __LINE__);
  /* malloc fails. */
  main_global(p.main, "fail_malloc")->value.i32 = 1;
  CHECK(w2l_dl_open(dl, "libb.so", &err) == 0, "no memory");
  CHECK_STR(err.message, "out of memory: malloc(16) returned 0 placing libc.so");
  main_global(p.main, "fail_malloc")->value.i32 = 0;
  still_usable(dl, __LINE__);
  /* Handles and symbols. */
  CHECK(!w2l_dl_sym(dl, 99, "c_add", &v, &err), "bad handle");
  CHECK_STR(err.message, "handle 99 is not open");
  CHECK(!w2l_dl_close(dl, 99, &err), "bad handle");
  CHECK_STR(err.message, "handle 99 is not open");
  CHECK(!w2l_dl_sym(dl, W2L_DL_DEFAULT, "nope", &v, &err), "no symbol");
  CHECK_STR(err.message, "undefined symbol: nope");
  hc = open_ok(dl, "libc.so");
  CHECK(!w2l_dl_sym(dl, hc, "main_twice", &v, &err), "not in that module");
  CHECK_STR(err.message, "undefined symbol: main_twice (in libc.so)");
  CHECK(w2l_dl_close(dl, hc, NULL), "close");
  /* Files: a WebAssembly binary, a plugin without dylink.0, a .so that is no plugin. */
  FILE *f = fopen("dlfake.wasm", "wb");
  CHECK(f && fwrite("\0asm\1\0\0\0", 1, 8, f) == 8 && fclose(f) == 0, "writing dlfake.wasm");
  CHECK(w2l_dl_add_path(dl, "."), "path");
  open_fails(dl, "dlfake.wasm",
             "dlfake.wasm is a WebAssembly binary: translate it with wasm2c-lite and build a plugin "
             "(cc -shared -fPIC -DW2L_PLUGIN x.c -o x.so)",
             __LINE__ - 3);
  remove("dlfake.wasm");
  open_fails(dl, "kitplug.wasm", "kitplug.wasm is not a side module (no dylink.0 section)", __LINE__);
  open_fails(dl, "./plugin_none.so",
             "./plugin_none.so: not a wasm2c-lite plugin (no w2l_plugin_descriptor; build it with "
             "-DW2L_PLUGIN)",
             __LINE__ - 3);
  proc_free(&p);
}

int main(void) {
  make_modules();
  test_chain();
  test_guest();
  test_weak();
  test_self();
  test_ctor_trap();
  test_reload();
  test_many();
  test_errors();
  return test_finish();
}
