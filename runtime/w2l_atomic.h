/* w2l_atomic.h - the atomic memory accesses of the threads proposal, for
 * emitted code (included by w2l.h; not a separate API).
 *
 * One static inline helper per instruction and width, named after it:
 *   w2l_atomic_i32_load8(base, size, addr)           i32.atomic.load8_u
 *   w2l_atomic_i64_store32(base, size, addr, v)      i64.atomic.store32
 *   w2l_atomic_i32_rmw16_add(base, size, addr, v)    i32.atomic.rmw16.add_u
 *   w2l_atomic_i64_rmw_cmpxchg(base, size, addr, expected, replacement)
 * base/size/addr are as for w2l_load_*: the memory's data and cached size, and
 * the effective address (operand + offset, in 64 bits).  Every access is
 * sequentially consistent (the C compiler's __atomic builtins with
 * __ATOMIC_SEQ_CST), on shared and unshared memories alike.  Narrow forms
 * zero-extend what they read and store or combine the low bits of the operand;
 * read-modify-writes and cmpxchg return the value that was in memory.
 *
 * Traps, in the order of the spec's reference interpreter: an address that is
 * not a multiple of the access width traps "unaligned atomic" (so no misaligned
 * __atomic access ever runs); then out of bounds traps as any access does (an
 * explicit check in explicit mode, the guard pages' fault in guard mode). */
#ifndef W2L_ATOMIC_H
#define W2L_ATOMIC_H

#define W2L_ATOMIC_CHECK(size, addr, n)                                         \
  do {                                                                          \
    if (W2L_UNLIKELY((addr) & ((n)-1))) w2l_trap_raise(W2L_TRAP_UNALIGNED_ATOMIC); \
    W2L_CHECK(size, addr, n);                                                   \
  } while (0)

/* The memory word an atomic access of type mtype works on (base + addr is
 * aligned for it: W2L_ATOMIC_CHECK ran first). */
#define W2L_ATOMIC_PTR(mtype, base, addr) ((mtype *)(void *)((base) + (addr)))

#define W2L_DEFINE_ATOMIC_LOAD(name, ctype, mtype)                                               \
  static inline ctype w2l_atomic_##name(uint8_t *base, uint64_t size, uint64_t addr) {          \
    W2L_ATOMIC_CHECK(size, addr, sizeof(mtype));                                                 \
    return (ctype)__atomic_load_n(W2L_ATOMIC_PTR(mtype, base, addr), __ATOMIC_SEQ_CST);          \
  }
W2L_DEFINE_ATOMIC_LOAD(i32_load, uint32_t, uint32_t)
W2L_DEFINE_ATOMIC_LOAD(i64_load, uint64_t, uint64_t)
W2L_DEFINE_ATOMIC_LOAD(i32_load8, uint32_t, uint8_t)
W2L_DEFINE_ATOMIC_LOAD(i32_load16, uint32_t, uint16_t)
W2L_DEFINE_ATOMIC_LOAD(i64_load8, uint64_t, uint8_t)
W2L_DEFINE_ATOMIC_LOAD(i64_load16, uint64_t, uint16_t)
W2L_DEFINE_ATOMIC_LOAD(i64_load32, uint64_t, uint32_t)

#define W2L_DEFINE_ATOMIC_STORE(name, ctype, mtype)                                             \
  static inline void w2l_atomic_##name(uint8_t *base, uint64_t size, uint64_t addr, ctype v) { \
    W2L_ATOMIC_CHECK(size, addr, sizeof(mtype));                                                \
    __atomic_store_n(W2L_ATOMIC_PTR(mtype, base, addr), (mtype)v, __ATOMIC_SEQ_CST);            \
  }
W2L_DEFINE_ATOMIC_STORE(i32_store, uint32_t, uint32_t)
W2L_DEFINE_ATOMIC_STORE(i64_store, uint64_t, uint64_t)
W2L_DEFINE_ATOMIC_STORE(i32_store8, uint32_t, uint8_t)
W2L_DEFINE_ATOMIC_STORE(i32_store16, uint32_t, uint16_t)
W2L_DEFINE_ATOMIC_STORE(i64_store8, uint64_t, uint8_t)
W2L_DEFINE_ATOMIC_STORE(i64_store16, uint64_t, uint16_t)
W2L_DEFINE_ATOMIC_STORE(i64_store32, uint64_t, uint32_t)

/* A read-modify-write: builtin is __atomic_fetch_add, __atomic_exchange_n... */
#define W2L_DEFINE_ATOMIC_RMW(name, ctype, mtype, builtin)                                       \
  static inline ctype w2l_atomic_##name(uint8_t *base, uint64_t size, uint64_t addr, ctype v) { \
    W2L_ATOMIC_CHECK(size, addr, sizeof(mtype));                                                 \
    return (ctype)builtin(W2L_ATOMIC_PTR(mtype, base, addr), (mtype)v, __ATOMIC_SEQ_CST);        \
  }
#define W2L_DEFINE_ATOMIC_CMPXCHG(name, ctype, mtype)                                          \
  static inline ctype w2l_atomic_##name(uint8_t *base, uint64_t size, uint64_t addr,           \
                                        ctype expected, ctype replacement) {                  \
    mtype old = (mtype)expected; /* compared after wrapping to the width, as the spec says */ \
    W2L_ATOMIC_CHECK(size, addr, sizeof(mtype));                                               \
    __atomic_compare_exchange_n(W2L_ATOMIC_PTR(mtype, base, addr), &old, (mtype)replacement,   \
                                false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);                    \
    return (ctype)old; /* what was there, whether it matched or not */                        \
  }
/* Every width of one operation (the rmw helpers of its seven instructions). */
#define W2L_DEFINE_ATOMIC_RMW_ALL(op, builtin)                    \
  W2L_DEFINE_ATOMIC_RMW(i32_rmw_##op, uint32_t, uint32_t, builtin)   \
  W2L_DEFINE_ATOMIC_RMW(i64_rmw_##op, uint64_t, uint64_t, builtin)   \
  W2L_DEFINE_ATOMIC_RMW(i32_rmw8_##op, uint32_t, uint8_t, builtin)   \
  W2L_DEFINE_ATOMIC_RMW(i32_rmw16_##op, uint32_t, uint16_t, builtin) \
  W2L_DEFINE_ATOMIC_RMW(i64_rmw8_##op, uint64_t, uint8_t, builtin)   \
  W2L_DEFINE_ATOMIC_RMW(i64_rmw16_##op, uint64_t, uint16_t, builtin) \
  W2L_DEFINE_ATOMIC_RMW(i64_rmw32_##op, uint64_t, uint32_t, builtin)
W2L_DEFINE_ATOMIC_RMW_ALL(add, __atomic_fetch_add)
W2L_DEFINE_ATOMIC_RMW_ALL(sub, __atomic_fetch_sub)
W2L_DEFINE_ATOMIC_RMW_ALL(and, __atomic_fetch_and)
W2L_DEFINE_ATOMIC_RMW_ALL(or, __atomic_fetch_or)
W2L_DEFINE_ATOMIC_RMW_ALL(xor, __atomic_fetch_xor)
W2L_DEFINE_ATOMIC_RMW_ALL(xchg, __atomic_exchange_n)
W2L_DEFINE_ATOMIC_CMPXCHG(i32_rmw_cmpxchg, uint32_t, uint32_t)
W2L_DEFINE_ATOMIC_CMPXCHG(i64_rmw_cmpxchg, uint64_t, uint64_t)
W2L_DEFINE_ATOMIC_CMPXCHG(i32_rmw8_cmpxchg, uint32_t, uint8_t)
W2L_DEFINE_ATOMIC_CMPXCHG(i32_rmw16_cmpxchg, uint32_t, uint16_t)
W2L_DEFINE_ATOMIC_CMPXCHG(i64_rmw8_cmpxchg, uint64_t, uint8_t)
W2L_DEFINE_ATOMIC_CMPXCHG(i64_rmw16_cmpxchg, uint64_t, uint16_t)
W2L_DEFINE_ATOMIC_CMPXCHG(i64_rmw32_cmpxchg, uint64_t, uint32_t)

#endif
