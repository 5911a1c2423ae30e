/* emit_interrupt.c - where code translated with --epoch / --fuel checks:
 * what a fuel check charges, and which loop headers can skip the epoch check
 * because the work until the next check is bounded anyway.
 *
 * Loops skip it in two cases: every pass through the loop first calls a
 * recursive function (its entry checks: W2L_FUNC_ENTRY_EPOCH), or the loop
 * is counted: an i32 local set to a constant just before the loop, stepped
 * by a constant once per pass, and tested against a constant by the loop's
 * only back edge, so that the passes can be counted here; no calls and no
 * loops inside, and at most MAX_BOUNDED_WORK instructions in all passes.  The
 * enclosing loop or function checks before and after it. */

#include "emit.h"

/* The most instructions a counted loop may run in all its passes without a
 * check: about a millisecond of the slowest instructions. */
#define MAX_BOUNDED_WORK ((uint64_t)1 << 20)
/* The most passes counted (so counting costs little even with --epoch on a
 * module full of loops). */
#define MAX_COUNTED_PASSES 16384u

/* Index of the end of the block, loop or if opened at code[i]. */
static uint32_t matching_end(const struct expr *body, uint32_t i) {
  for (uint32_t depth = 0; ++i < body->count;) {
    enum opcode op = (enum opcode)body->code[i].op;
    if (op_opens_block(op)) depth++;
    else if (op_closes_block(op) && depth-- == 0) return i;
  }
  return body->count;
}

uint64_t emit_fuel_cost(const struct expr *body, uint32_t i) {
  uint64_t cost = 0;
  for (uint32_t depth = 0; i < body->count; i++) {
    enum opcode op = (enum opcode)body->code[i].op;
    if (op_closes_block(op) && depth-- == 0) break;
    if (op_closes_block(op) || op_splits_block(op)) continue;
    cost++;
    if (op == OP_LOOP) i = matching_end(body, i);
    else if (op_opens_block(op)) depth++;
  }
  return cost ? cost : 1;
}

/* Whether the code from body->code[i] on calls a function that checks the
 * epoch at its entry (a recursive one) before it can branch: then every pass
 * through a loop starting there is checked by that call (recursive kernels
 * such as fib loop around their call). */
static bool calls_checked_first(const struct emitter *e, const struct expr *body, uint32_t i) {
  for (; i < body->count; i++) {
    const struct instr *in = &body->code[i];
    if (in->op == OP_CALL)
      if (!e->m->funcs[in->imm.idx].imported && e->recursive[in->imm.idx]) return true;
    switch (in->op) {
    case OP_BLOCK:
    case OP_LOOP:
    case OP_IF:
    case OP_TRY_TABLE:
    case OP_TRY:
    case OP_CATCH:
    case OP_CATCH_ALL:
    case OP_DELEGATE:
    case OP_RETHROW:
    case OP_THROW:
    case OP_THROW_REF:
    case OP_ELSE:
    case OP_END:
    case OP_BR:
    case OP_BR_IF:
    case OP_BR_TABLE:
    case OP_RETURN:
    case OP_RETURN_CALL:
    case OP_RETURN_CALL_INDIRECT:
    case OP_RETURN_CALL_REF:
    case OP_BR_ON_NULL:
    case OP_BR_ON_NON_NULL: return false;
    default: break;
    }
  }
  return false;
}

/* A counted loop's induction variable, as found in its code. */
struct counter {
  uint32_t local;   /* the i32 local */
  uint32_t start;   /* its value when the loop starts */
  uint32_t step;    /* added once per pass (wrapping) */
  uint16_t compare; /* OP_I32_* comparison with bound, or OP_NOP: != 0 */
  uint32_t bound;   /* the constant it is compared with */
  uint32_t step_at; /* index of the step's local.set or local.tee */
};

/* The value of an i32 comparison of a with b. */
static bool compare(uint16_t op, uint32_t a, uint32_t b) {
  int32_t sa = (int32_t)a, sb = (int32_t)b;
  switch (op) {
  case OP_I32_EQ: return a == b;
  case OP_I32_NE: return a != b;
  case OP_I32_LT_U: return a < b;
  case OP_I32_LT_S: return sa < sb;
  case OP_I32_GT_U: return a > b;
  case OP_I32_GT_S: return sa > sb;
  case OP_I32_LE_U: return a <= b;
  case OP_I32_LE_S: return sa <= sb;
  case OP_I32_GE_U: return a >= b;
  case OP_I32_GE_S: return sa >= sb;
  default: return a != 0; /* OP_NOP: the value itself */
  }
}

static bool is_compare(uint16_t op) { return op >= OP_I32_EQ && op <= OP_I32_GE_U; }

/* Whether code[at - 4 .. at - 1] steps local x: local.get x, i32.const S,
 * i32.add or i32.sub, local.set/tee x (sets c->step). */
static bool steps(const struct instr *code, uint32_t at, uint32_t x, struct counter *c) {
  if (at < 4 || code[at - 4].op != OP_LOCAL_GET || code[at - 4].imm.idx != x) return false;
  if (code[at - 3].op != OP_I32_CONST) return false;
  if (code[at - 2].op != OP_I32_ADD && code[at - 2].op != OP_I32_SUB) return false;
  c->step = code[at - 2].op == OP_I32_ADD ? code[at - 3].imm.i32 : 0u - code[at - 3].imm.i32;
  return true;
}

/* Reads the back edge: the loop's last instruction br_if 0, its condition
 * (x, or x compared with a constant, x read by local.get or local.tee) and
 * the one step of x, at depth 0 before the condition.  Fills c but for
 * start; false if the loop is not of that shape. */
static bool back_edge(const struct expr *body, uint32_t first, uint32_t end, struct counter *c) {
  const struct instr *code = body->code;
  uint32_t br = end - 1, cond = br;
  if (br <= first || code[br].op != OP_BR_IF || code[br].imm.idx != 0) return false;
  c->compare = OP_NOP;
  if (is_compare(code[br - 1].op) && br - 2 > first && code[br - 2].op == OP_I32_CONST) {
    c->compare = code[br - 1].op;
    c->bound = code[br - 2].imm.i32;
    cond = br - 2;
  }
  if (cond <= first) return false;
  const struct instr *x = &code[cond - 1];
  c->local = x->imm.idx;
  if (x->op == OP_LOCAL_TEE) {
    c->step_at = cond - 1;
    return steps(code, cond, c->local, c) && cond - 4 >= first;
  }
  if (x->op != OP_LOCAL_GET) return false;
  /* local.get x: the step is an earlier statement at depth 0. */
  for (uint32_t i = cond - 1, depth = 0; i-- > first;) {
    enum opcode op = (enum opcode)code[i].op;
    if (op_closes_block(op)) depth++;
    else if (op_opens_block(op)) depth--;
    else if (depth == 0 && op == OP_LOCAL_SET && code[i].imm.idx == c->local) {
      c->step_at = i;
      return steps(code, i + 1, c->local, c) && i - 3 >= first;
    }
  }
  return false;
}

/* Whether the loop body code[first .. end) has no call, no inner loop, no
 * other branch back to its header and no other write of local x. */
static bool plain_body(const struct expr *body, uint32_t first, uint32_t end, uint32_t x,
                       uint32_t step_at) {
  for (uint32_t i = first, depth = 0; i < end; i++) {
    const struct instr *in = &body->code[i];
    switch (in->op) {
    case OP_CALL:
    case OP_CALL_INDIRECT:
    case OP_RETURN_CALL:
    case OP_RETURN_CALL_INDIRECT:
    case OP_CALL_REF:
    case OP_RETURN_CALL_REF:
    case OP_TRY_TABLE: /* its catches may branch anywhere outside it */
    case OP_TRY:
    case OP_DELEGATE:
    case OP_LOOP: return false;
    case OP_BLOCK:
    case OP_IF: depth++; break;
    case OP_END: depth--; break;
    case OP_BR:
    case OP_BR_IF:
    case OP_BR_ON_NULL:
    case OP_BR_ON_NON_NULL:
      if (in->imm.idx == depth && i != end - 1) return false;
      break;
    case OP_BR_TABLE:
      for (uint32_t k = 0; k <= in->imm.br_table.count; k++)
        if (in->imm.br_table.labels[k] == depth) return false;
      break;
    case OP_LOCAL_SET:
    case OP_LOCAL_TEE:
      if (in->imm.idx == x && i != step_at) return false;
      break;
    default: break;
    }
  }
  return true;
}

/* Whether the loop whose body starts at body->code[first] is counted (see
 * the top of this file). */
static bool counted_loop(const struct module *m, const struct func *f, const struct expr *body,
                         uint32_t first) {
  uint32_t end = matching_end(body, first - 1);
  struct counter c = {0};
  if (end >= body->count || first < 3 || !back_edge(body, first, end, &c)) return false;
  const struct functype *ft = &m->types[f->typeidx];
  enum valtype t = c.local < ft->nparams ? ft->params[c.local] : f->locals[c.local - ft->nparams];
  if (t != VT_I32) return false;
  const struct instr *set = &body->code[first - 2], *init = &body->code[first - 3];
  if (set->op != OP_LOCAL_SET || set->imm.idx != c.local || init->op != OP_I32_CONST) return false;
  if (!plain_body(body, first, end, c.local, c.step_at)) return false;
  /* Count the passes (a step of 0 that stays true never ends: too many). */
  uint64_t per_pass = end - first + 1, passes = 1;
  for (uint32_t v = init->imm.i32 + c.step; compare(c.compare, v, c.bound); v += c.step)
    if (++passes > MAX_COUNTED_PASSES || passes * per_pass > MAX_BOUNDED_WORK) return false;
  return true;
}

bool emit_loop_checks_epoch(const struct emitter *e, const struct func *f, uint32_t first) {
  const struct expr *body = &f->body;
  return !calls_checked_first(e, body, first) && !counted_loop(e->m, f, body, first);
}
