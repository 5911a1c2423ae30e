;; Export names that are not C identifiers, or that would break a comment or a
;; string literal, all become collision-free C names.
(module
  (func (export "*/") (result i32) (i32.const 1))
  (func (export "??/") (result i32) (i32.const 2))
  (func (export "caf\c3\a9") (result i32) (i32.const 3))
  (func (export "") (result i32) (i32.const 4))
  (func (export "module") (result i32) (i32.const 5))
  (func (export "a_b") (export "a-b") (result i32) (i32.const 6))
  (global (export "g") (mut i32) (i32.const 7))
)
(; host
static void run(void) {
  w2l_instance *inst = instance();
  uint32_t r = 0;
  check("\"*/\"", m_Z__2A_2F(inst, &r), r, 1);
  check("\"?\?/\"", m_Z__3F_3F_2F(inst, &r), r, 2);
  check("\"caf\\xc3\\xa9\"", m_Z_caf_C3_A9(inst, &r), r, 3);
  check("\"\"", m_Z_(inst, &r), r, 4);
  check("\"module\"", m_Z_module(inst, &r), r, 5);
  check("\"a_b\"", m_a_b(inst, &r), r, 6);
  check("\"a-b\"", m_Z_a_2Db(inst, &r), r, 6);
  printf("g = %u\n", m_g(inst)->value.i32);
  w2l_instance_free(inst);
}
;)
(; expect
"*/": 1
"??/": 2
"caf\xc3\xa9": 3
"": 4
"module": 5
"a_b": 6
"a-b": 6
g = 7
;)
