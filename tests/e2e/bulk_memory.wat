;; Bulk memory: memory.fill, memory.copy with overlapping ranges in both
;; directions, memory.init from a passive segment, data.drop, and the bounds
;; checks of each (a trapping operation writes nothing; length 0 at the very
;; end is allowed).  A shadow copy in C, changed by memset and memmove, must
;; match the memory after every step.
(module
  (memory (export "mem") 1)
  (data $greeting "Hello, bulk memory!")
  (data (i32.const 0) "0123456789")
  (func (export "fill") (param $d i32) (param $v i32) (param $n i32)
    (memory.fill (local.get $d) (local.get $v) (local.get $n)))
  (func (export "copy") (param $d i32) (param $s i32) (param $n i32)
    (memory.copy (local.get $d) (local.get $s) (local.get $n)))
  (func (export "init") (param $d i32) (param $s i32) (param $n i32)
    (memory.init $greeting (local.get $d) (local.get $s) (local.get $n)))
  (func (export "drop") (data.drop $greeting))
)
(; host
static uint8_t shadow[65536];

/* WHAT, the trap if any, the first 48 bytes ('.' for 0), and whether all of
 * memory matches the shadow. */
static void show(const char *what, w2l_trap t, w2l_instance *inst) {
  w2l_memory *mem = m_mem(inst);
  printf("%-22s %-28s ", what, t ? w2l_trap_message(t) : "ok");
  for (int i = 0; i < 48; i++) putchar(mem->data[i] ? mem->data[i] : '.');
  printf("%s\n", memcmp(mem->data, shadow, sizeof shadow) ? "  (WRONG)" : "");
}

static void run(void) {
  w2l_instance *inst = instance();
  memcpy(shadow, "0123456789", 10);
  show("instantiated", W2L_OK, inst);
  memmove(shadow + 2, shadow, 5);
  show("copy(2, 0, 5)", m_copy(inst, 2, 0, 5), inst);
  memmove(shadow, shadow + 3, 6);
  show("copy(0, 3, 6)", m_copy(inst, 0, 3, 6), inst);
  memset(shadow + 12, 'x', 5);
  show("fill(12, 'x', 5)", m_fill(inst, 12, 'x', 5), inst);
  memcpy(shadow + 20, "bulk memory!", 12);
  show("init(20, 7, 12)", m_init(inst, 20, 7, 12), inst);
  memcpy(shadow + 34, "Hello", 5);
  show("init(34, 0, 5)", m_init(inst, 34, 0, 5), inst);
  show("init(40, 15, 5)", m_init(inst, 40, 15, 5), inst);
  show("fill(65530, 1, 7)", m_fill(inst, 65530, 1, 7), inst);
  show("copy(65535, 0, 2)", m_copy(inst, 65535, 0, 2), inst);
  show("copy(0, 65535, 2)", m_copy(inst, 0, 65535, 2), inst);
  show("copy(65536, 0, 0)", m_copy(inst, 65536, 0, 0), inst);
  show("copy(65537, 0, 0)", m_copy(inst, 65537, 0, 0), inst);
  show("fill(65536, 1, 0)", m_fill(inst, 65536, 1, 0), inst);
  show("drop()", m_drop(inst), inst);
  show("init(40, 0, 0)", m_init(inst, 40, 0, 0), inst);
  show("init(40, 0, 1)", m_init(inst, 40, 0, 1), inst);
  w2l_instance_free(inst);
}
;)
(; expect
instantiated           ok                           0123456789......................................
copy(2, 0, 5)          ok                           0101234789......................................
copy(0, 3, 6)          ok                           1234784789......................................
fill(12, 'x', 5)       ok                           1234784789..xxxxx...............................
init(20, 7, 12)        ok                           1234784789..xxxxx...bulk memory!................
init(34, 0, 5)         ok                           1234784789..xxxxx...bulk memory!..Hello.........
init(40, 15, 5)        out of bounds memory access  1234784789..xxxxx...bulk memory!..Hello.........
fill(65530, 1, 7)      out of bounds memory access  1234784789..xxxxx...bulk memory!..Hello.........
copy(65535, 0, 2)      out of bounds memory access  1234784789..xxxxx...bulk memory!..Hello.........
copy(0, 65535, 2)      out of bounds memory access  1234784789..xxxxx...bulk memory!..Hello.........
copy(65536, 0, 0)      ok                           1234784789..xxxxx...bulk memory!..Hello.........
copy(65537, 0, 0)      out of bounds memory access  1234784789..xxxxx...bulk memory!..Hello.........
fill(65536, 1, 0)      ok                           1234784789..xxxxx...bulk memory!..Hello.........
drop()                 ok                           1234784789..xxxxx...bulk memory!..Hello.........
init(40, 0, 0)         ok                           1234784789..xxxxx...bulk memory!..Hello.........
init(40, 0, 1)         out of bounds memory access  1234784789..xxxxx...bulk memory!..Hello.........
;)
