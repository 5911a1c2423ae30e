/* interp.c - branchy code: a stack-machine bytecode interpreter (switch dispatch)
 * running a Collatz step count over 1..100000, written in its own bytecode. */
#include "bench.h"

enum op { PUSH, LOAD, STORE, ADD, MUL, AND, SHR, EQ, LT, JMP, JZ, JNZ, HALT };

/* Registers of the program. */
enum { R_I, R_X, R_STEPS, R_TOTAL, R_LIMIT, NREGS };

static int32_t code[256];
static int ncode;

static int emit(int32_t op, int32_t arg) {
  code[ncode] = op;
  code[ncode + 1] = arg;
  ncode += 2;
  return ncode - 2;
}

/* Build the program; jump arguments are absolute code offsets. */
static void assemble(void) {
  ncode = 0;
  emit(PUSH, 1), emit(STORE, R_I);
  int loop_i = emit(LOAD, R_LIMIT);
  emit(LOAD, R_I), emit(LT, 0);
  int to_end = emit(JNZ, 0);
  emit(LOAD, R_I), emit(STORE, R_X), emit(PUSH, 0), emit(STORE, R_STEPS);
  int loop_x = emit(LOAD, R_X);
  emit(PUSH, 1), emit(EQ, 0);
  int to_done = emit(JNZ, 0);
  emit(LOAD, R_X), emit(PUSH, 1), emit(AND, 0);
  int to_even = emit(JZ, 0);
  emit(LOAD, R_X), emit(PUSH, 3), emit(MUL, 0), emit(PUSH, 1), emit(ADD, 0), emit(STORE, R_X);
  int to_next = emit(JMP, 0);
  int even = emit(LOAD, R_X);
  emit(PUSH, 1), emit(SHR, 0), emit(STORE, R_X);
  int next = emit(LOAD, R_STEPS);
  emit(PUSH, 1), emit(ADD, 0), emit(STORE, R_STEPS), emit(JMP, loop_x);
  int done = emit(LOAD, R_TOTAL);
  emit(PUSH, 31), emit(MUL, 0), emit(LOAD, R_STEPS), emit(ADD, 0), emit(STORE, R_TOTAL);
  emit(LOAD, R_I), emit(PUSH, 1), emit(ADD, 0), emit(STORE, R_I), emit(JMP, loop_i);
  int end = emit(HALT, 0);
  code[to_end + 1] = end;
  code[to_done + 1] = done;
  code[to_even + 1] = even;
  code[to_next + 1] = next;
}

/* Run the program; returns the number of instructions executed. */
static uint64_t execute(uint32_t *regs) {
  uint32_t stack[64];
  int sp = 0, pc = 0;
  uint64_t count = 0;
  for (;;) {
    int32_t op = code[pc], arg = code[pc + 1];
    pc += 2;
    count++;
    switch (op) {
    case PUSH: stack[sp++] = (uint32_t)arg; break;
    case LOAD: stack[sp++] = regs[arg]; break;
    case STORE: regs[arg] = stack[--sp]; break;
    case ADD: sp--, stack[sp - 1] += stack[sp]; break;
    case MUL: sp--, stack[sp - 1] *= stack[sp]; break;
    case AND: sp--, stack[sp - 1] &= stack[sp]; break;
    case SHR: sp--, stack[sp - 1] >>= (stack[sp] & 31); break;
    case EQ: sp--, stack[sp - 1] = stack[sp - 1] == stack[sp]; break;
    case LT: sp--, stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
    case JMP: pc = arg; break;
    case JZ: if (stack[--sp] == 0) pc = arg; break;
    case JNZ: if (stack[--sp] != 0) pc = arg; break;
    case HALT: return count;
    default: return 0;
    }
  }
}

BENCH_ENTRY(interp) {
  uint32_t n = BENCH_REPS(4);
  uint64_t h = BENCH_MIX_INIT;
  assemble();
  for (uint32_t r = 0; r < n; r++) {
    uint32_t regs[NREGS] = {0};
    /* Odd repetitions stop earlier so runs differ. */
    regs[R_LIMIT] = reps ? 2000 : 100000 - (r & 1) * 1000;
    h = bench_mix(h, execute(regs));
    h = bench_mix(h, regs[R_TOTAL]);
  }
  return h;
}
