;; Memory growth: memory.size and memory.grow up to the declared maximum (and -1
;; past it), the old contents kept, the new pages zeroed and usable, accesses
;; past the current end trapping, and the host seeing the new size.
(module
  (memory (export "mem") 1 4)
  (func (export "size") (result i32) (memory.size))
  (func (export "grow") (param $pages i32) (result i32) (memory.grow (local.get $pages)))
  (func (export "load") (param $p i32) (result i32) (i32.load (local.get $p)))
  (func (export "store") (param $p i32) (param $v i32) (i32.store (local.get $p) (local.get $v)))
  ;; The sum of the bytes in [p, p + n).
  (func (export "sum") (param $p i32) (param $n i32) (result i32)
    (local $s i32)
    (block $done
      (loop $next
        (br_if $done (i32.eqz (local.get $n)))
        (local.set $s (i32.add (local.get $s) (i32.load8_u (local.get $p))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $next)))
    (local.get $s))
)
(; host
static void run(void) {
  w2l_instance *inst = instance();
  uint32_t r = 0;
  check("size()", m_size(inst, &r), r, 1);
  check("store(65532, 0xdeadbeef)", m_store(inst, 65532, 0xdeadbeef), 0, 0);
  expect_trap("load(65536)", m_load(inst, 65536, &r), W2L_TRAP_OOB_MEMORY);
  check("grow(1)", m_grow(inst, 1, &r), r, 1);
  check("size()", m_size(inst, &r), r, 2);
  check("load(65532)", m_load(inst, 65532, &r), r, 0xdeadbeef);
  check("sum(65536, 65536)", m_sum(inst, 65536, 65536, &r), r, 0);
  check("store(131068, 7)", m_store(inst, 131068, 7), 0, 0);
  check("load(131068)", m_load(inst, 131068, &r), r, 7);
  check("grow(2)", m_grow(inst, 2, &r), r, 2);
  check("grow(1) past the maximum", m_grow(inst, 1, &r), r, (uint32_t)-1);
  check("grow(0)", m_grow(inst, 0, &r), r, 4);
  check("load(262140)", m_load(inst, 262140, &r), r, 0);
  expect_trap("load(262141)", m_load(inst, 262141, &r), W2L_TRAP_OOB_MEMORY);
  w2l_memory *mem = m_mem(inst);
  printf("host: %llu pages, byte 65532 = 0x%02x, byte 131068 = %u\n",
         (unsigned long long)mem->pages, mem->data[65532], mem->data[131068]);
  w2l_instance_free(inst);
}
;)
(; expect
size(): 1
store(65532, 0xdeadbeef): 0
load(65536): out of bounds memory access
grow(1): 1
size(): 2
load(65532): 3735928559
sum(65536, 65536): 0
store(131068, 7): 0
load(131068): 7
grow(2): 2
grow(1) past the maximum: 4294967295
grow(0): 4
load(262140): 0
load(262141): out of bounds memory access
host: 4 pages, byte 65532 = 0xef, byte 131068 = 7
;)
