/* emit_callgraph.c - which functions may recurse: the call graph of the
 * module and its strongly connected components (Tarjan); the same pass
 * finds the tail calls (emit_tail.c).
 *
 * Only a function on a cycle of the call graph can take the stack deeper
 * without bound, so only those get the stack check and keep their frames
 * (W2L_FUNC_ENTRY).  Calls through tables and to imports may reach
 * any function that escapes (exported, or named by ref.func or an elem
 * segment): they are edges to one node ANY, which has edges to all of those. */

#include "emit.h"

struct callgraph {
  uint32_t n;              /* nodes: funcidx, plus ANY = nfuncs */
  uint32_t *first, *edges; /* edges of node v: edges[first[v] .. first[v + 1]) */
  uint32_t *index, *low;   /* Tarjan's numbering (0 = unvisited) */
  uint32_t *stack, sp;     /* Tarjan's stack */
  bool *on_stack;          /* node is on the stack */
  uint32_t next;           /* next index to hand out */
  bool *recursive;         /* result, per funcidx */
};

static void mark_escaping(const struct expr *x, bool *escapes) {
  for (uint32_t i = 0; i < x->count; i++)
    if (x->code[i].op == OP_REF_FUNC) escapes[x->code[i].imm.idx] = true;
}

/* What one pass over the bodies gathers. */
struct scan {
  struct emitter *e;     /* the emitter (e->data_named gets filled) */
  struct callgraph *g;   /* first[] and edges[] filled for own functions */
  uint32_t nedges, cap;  /* edges so far, room in g->edges */
  bool *escapes;         /* per funcidx: named by ref.func (or exported, elem, global) */
};

/* A tail call in own function f: f is written as its tail entry, and a
 * callee that may lack a tail entry (not one of ours) needs its type's thunk. */
static void note_tail_call(struct scan *s, uint32_t f, const struct instr *in) {
  const struct module *m = s->e->m;
  s->e->tail_calls = true;
  s->e->tail_body[f] = true;
  if (in->op == OP_RETURN_CALL_INDIRECT) s->e->tail_thunk[in->imm.pair.a] = true;
  else if (in->op == OP_RETURN_CALL_REF) s->e->tail_thunk[in->imm.idx] = true;
  else if (m->funcs[in->imm.idx].imported) s->e->tail_thunk[m->funcs[in->imm.idx].typeidx] = true;
}

/* Own function f's calls as edges, its ref.func and memory.init operands,
 * its tail calls. */
static void scan_body(void *arg, uint32_t f) {
  struct scan *s = arg;
  const struct module *m = s->e->m;
  const struct expr *body = &m->funcs[f].body;
  s->g->first[f] = s->nedges;
  for (uint32_t i = 0; i < body->count; i++) {
    const struct instr *in = &body->code[i];
    uint32_t to;
    if (in->op == OP_RETURN_CALL || in->op == OP_RETURN_CALL_INDIRECT ||
        in->op == OP_RETURN_CALL_REF)
      note_tail_call(s, f, in);
    if (in->op == OP_CALL || in->op == OP_RETURN_CALL)
      to = m->funcs[in->imm.idx].imported ? m->nfuncs : in->imm.idx;
    else if (in->op == OP_CALL_INDIRECT || in->op == OP_RETURN_CALL_INDIRECT ||
             in->op == OP_CALL_REF || in->op == OP_RETURN_CALL_REF)
      to = m->nfuncs;
    else {
      if (in->op == OP_REF_FUNC) s->escapes[in->imm.idx] = true;
      else if (in->op == OP_MEMORY_INIT) s->e->data_named[in->imm.pair.a] = true;
      continue;
    }
    ARENA_RESERVE(s->e->arena, s->g->edges, s->nedges, s->cap, 1);
    s->g->edges[s->nedges++] = to;
  }
}

static void strongconnect(struct callgraph *g, uint32_t v) {
  g->index[v] = g->low[v] = ++g->next;
  g->stack[g->sp++] = v;
  g->on_stack[v] = true;
  bool self = false;
  for (uint32_t k = g->first[v]; k < g->first[v + 1]; k++) {
    uint32_t w = g->edges[k];
    if (w == v) self = true;
    if (!g->index[w]) {
      strongconnect(g, w);
      if (g->low[w] < g->low[v]) g->low[v] = g->low[w];
    } else if (g->on_stack[w] && g->index[w] < g->low[v]) {
      g->low[v] = g->index[w];
    }
  }
  if (g->low[v] != g->index[v]) return;
  bool cycle = self || g->stack[g->sp - 1] != v; /* a self edge, or more than one node */
  uint32_t w;
  do {
    w = g->stack[--g->sp];
    g->on_stack[w] = false;
    if (cycle && w < g->n - 1) g->recursive[w] = true;
  } while (w != v);
}

void emit_scan_bodies(struct emitter *e) {
  const struct module *m = e->m;
  struct arena *a = e->arena;
  struct callgraph g = {.n = m->nfuncs + 1};
  bool *escapes = arena_alloc(a, g.n);
  for (uint32_t i = 0; i < m->nexports; i++)
    if (m->exports[i].kind == EXT_FUNC) escapes[m->exports[i].index] = true;
  for (uint32_t i = 0; i < m->nelems; i++)
    for (uint32_t k = 0; k < m->elems[i].count; k++) mark_escaping(&m->elems[i].items[k], escapes);
  for (uint32_t i = 0; i < m->nglobals; i++) mark_escaping(&m->globals[i].init, escapes);
  for (uint32_t i = 0; i < m->ntables; i++) mark_escaping(&m->tables[i].init, escapes);
  g.first = arena_array(a, g.n + 1, sizeof *g.first); /* imports: no edges, first[] 0 */
  e->data_named = arena_alloc(a, m->ndatas + 1);
  e->tail_body = arena_alloc(a, m->nfuncs + 1);
  e->tail_thunk = arena_alloc(a, m->ntypes + 1);
  struct scan s = {.e = e, .g = &g, .escapes = escapes};
  module_each_body(m, scan_body, &s);
  g.first[m->nfuncs] = s.nedges; /* ANY's edges: to every function that escapes */
  for (uint32_t f = m->nfuncimports; f < m->nfuncs; f++) {
    if (!escapes[f]) continue;
    ARENA_RESERVE(a, g.edges, s.nedges, s.cap, 1);
    g.edges[s.nedges++] = f;
  }
  g.first[g.n] = s.nedges;
  g.index = arena_array(a, g.n, sizeof *g.index);
  g.low = arena_array(a, g.n, sizeof *g.low);
  g.stack = arena_array(a, g.n, sizeof *g.stack);
  g.on_stack = arena_alloc(a, g.n);
  g.recursive = arena_alloc(a, g.n);
  for (uint32_t v = 0; v < g.n; v++)
    if (!g.index[v]) strongconnect(&g, v);
  e->recursive = g.recursive;
}
