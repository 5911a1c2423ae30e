;; Memory, data, globals, a table and call_indirect, imports and exports.
(module
  (import "env" "log" (func $log (param i32)))
  (import "env" "base" (global $base i32))
  (type $binop (func (param i32 i32) (result i32)))
  (memory (export "mem") 1 2)
  (data (i32.const 8) "hi\00\ff")
  (data $passive "abc")
  (global $count (mut i32) (i32.const 0))
  (table $ops 2 funcref)
  (elem (table $ops) (i32.const 0) func $add $sub)
  (func $add (type $binop) (i32.add (local.get 0) (local.get 1)))
  (func $sub (type $binop) (i32.sub (local.get 0) (local.get 1)))
  (func (export "apply") (param $op i32) (param $a i32) (param $b i32) (result i32)
    (global.set $count (i32.add (global.get $count) (i32.const 1)))
    (call $log (global.get $count))
    (call_indirect $ops (type $binop) (local.get $a) (local.get $b) (local.get $op)))
  (func (export "load16") (param $p i32) (result i32)
    (i32.load16_u offset=8 (local.get $p)))
  (func (export "store") (param $p i32) (param $v i64)
    (i64.store (i32.add (local.get $p) (global.get $base)) (local.get $v)))
  (func (export "grow") (param $n i32) (result i32)
    (memory.init $passive (i32.const 0) (i32.const 0) (i32.const 3))
    (drop (i32.load8_u (i32.const 70000)))
    (memory.grow (local.get $n)))
)
(; host
static uint32_t logged;

/* env.log */
static void host_log(void *env, uint32_t n) {
  (void)env;
  logged = n;
}

static void run(void) {
  w2l_error err;
  w2l_global *base = w2l_global_new(W2L_I32, false, (w2l_value){.i32 = 16});
  w2l_linker *l = w2l_linker_new();
  w2l_linker_define_func(l, "env", "log", "i:", (void (*)(void))host_log, NULL);
  w2l_linker_define(l, "env", "base", (w2l_extern){.kind = W2L_EXTERN_GLOBAL, .of.global = base});
  w2l_instance *inst = w2l_linker_instantiate(l, &m_module, NULL, &err);
  if (!inst) { printf("memory: %s\n", err.message); return; }
  uint32_t r = 0;
  check("apply(0, 30, 12)", m_apply(inst, 0, 30, 12, &r), r, 42);
  check("apply(1, 30, 12)", m_apply(inst, 1, 30, 12, &r), r, 18);
  printf("logged: %u\n", logged);
  expect_trap("apply(2, 1, 1)", m_apply(inst, 2, 1, 1, &r), W2L_TRAP_UNDEFINED_ELEMENT);
  check("load16(0)", m_load16(inst, 0, &r), r, 0x6968);
  expect_trap("load16(65534)", m_load16(inst, 65534, &r), W2L_TRAP_OOB_MEMORY);
  check("store(0, ...)", m_store(inst, 0, 0x0102030405060708ull), 0, 0);
  w2l_memory *mem = m_mem(inst);
  printf("mem[16] = %u, pages = %llu\n", mem->data[16], (unsigned long long)mem->pages);
  expect_trap("grow(1)", m_grow(inst, 1, &r), W2L_TRAP_OOB_MEMORY);
  printf("init copied: %c%c%c\n", mem->data[0], mem->data[1], mem->data[2]);
  expect_trap("store(65530, ...)", m_store(inst, 65530 - 16, 1), W2L_TRAP_OOB_MEMORY);
  w2l_instance_free(inst);
  w2l_linker_free(l);
  w2l_global_free(base);
}
;)
(; expect
apply(0, 30, 12): 42
apply(1, 30, 12): 18
logged: 2
apply(2, 1, 1): undefined element
load16(0): 26984
load16(65534): out of bounds memory access
store(0, ...): 0
mem[16] = 8, pages = 1
grow(1): out of bounds memory access
init copied: abc
store(65530, ...): out of bounds memory access
;)
