;; The folded call_indirect pitfall of the second seed: the same table and
;; functions as table.wat, with times3 written in three ways.
(module
    (type $int2int (func (param i32) (result i32)))
    (import "env" "jstimes3" (func $jstimes3 (type $int2int)))
    (func $wasmtimes2 (type $int2int)
        (i32.add (local.get 0) (local.get 0))
    )
    (table 32 funcref)
    (elem (i32.const 16) $wasmtimes2 $jstimes3)

    ;; Wrong: folded operands are pushed in order, so 17 goes first and the
    ;; argument ends up on top of the stack, where call_indirect takes its index.
    (func (export "times3_wrong_order") (type $int2int)
        (call_indirect (type $int2int) (i32.const 17) (local.get 0))
    )

    ;; Right: the argument first, the table index last.
    (func (export "times3_folded") (type $int2int)
        (call_indirect (type $int2int) (local.get 0) (i32.const 17))
    )

    ;; Also right, and clearer: the argument left on the stack, only the index folded.
    (func (export "times3_flat") (type $int2int)
        local.get 0
        (call_indirect (type $int2int) (i32.const 17))
    )
)
