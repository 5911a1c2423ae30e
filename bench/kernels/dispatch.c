/* dispatch.c - indirect calls: a table of 16 small functions picked by data, and
 * "objects" carrying a table of methods (call_indirect in wasm). */
#include "bench.h"

typedef uint32_t (*binop)(uint32_t, uint32_t);

static uint32_t op0(uint32_t a, uint32_t b) { return a + b; }
static uint32_t op1(uint32_t a, uint32_t b) { return a - b; }
static uint32_t op2(uint32_t a, uint32_t b) { return a * b + 1; }
static uint32_t op3(uint32_t a, uint32_t b) { return a ^ b; }
static uint32_t op4(uint32_t a, uint32_t b) { return (a << 3) | (b >> 29); }
static uint32_t op5(uint32_t a, uint32_t b) { return (a >> 5) + b; }
static uint32_t op6(uint32_t a, uint32_t b) { return a & ~b; }
static uint32_t op7(uint32_t a, uint32_t b) { return a | (b & 0xff); }
static uint32_t op8(uint32_t a, uint32_t b) { return a + (b << 1); }
static uint32_t op9(uint32_t a, uint32_t b) { return a * 3 - b; }
static uint32_t op10(uint32_t a, uint32_t b) { return a > b ? a - b : b - a; }
static uint32_t op11(uint32_t a, uint32_t b) { return a < b ? a : b ^ a; }
static uint32_t op12(uint32_t a, uint32_t b) { return (a * 0x9E3779B1u) ^ b; }
static uint32_t op13(uint32_t a, uint32_t b) { return a + b + (a >> 16); }
static uint32_t op14(uint32_t a, uint32_t b) { return ~a + b; }
static uint32_t op15(uint32_t a, uint32_t b) { return (a ^ (a >> 7)) + (b | 1); }

static binop const ops[16] = {op0, op1, op2,  op3,  op4,  op5,  op6,  op7,
                              op8, op9, op10, op11, op12, op13, op14, op15};

/* Objects with methods. */
struct shape;
struct methods {
  uint32_t (*area)(const struct shape *);       /* size measure */
  uint32_t (*scale)(struct shape *, uint32_t);  /* grow by k, returns new size */
};
struct shape {
  const struct methods *m; /* class */
  uint32_t w, h;           /* dimensions */
};
static uint32_t rect_area(const struct shape *s) { return s->w * s->h; }
static uint32_t rect_scale(struct shape *s, uint32_t k) { s->w = (s->w + k) & 1023; return s->w; }
static uint32_t tri_area(const struct shape *s) { return s->w * s->h / 2; }
static uint32_t tri_scale(struct shape *s, uint32_t k) { s->h = (s->h + k) & 1023; return s->h; }
static uint32_t sq_area(const struct shape *s) { return s->w * s->w; }
static uint32_t sq_scale(struct shape *s, uint32_t k) { s->w = (s->w ^ k) & 1023; return s->w; }
static const struct methods classes[3] = {
    {rect_area, rect_scale}, {tri_area, tri_scale}, {sq_area, sq_scale}};

#define SHAPES 1024
static struct shape shapes[SHAPES];

BENCH_ENTRY(dispatch) {
  uint32_t n = BENCH_REPS(240);
  uint64_t seed = 13, h = BENCH_MIX_INIT;
  uint32_t x = 1;
  for (uint32_t i = 0; i < SHAPES; i++) {
    shapes[i].m = &classes[bench_rand(&seed) % 3];
    shapes[i].w = (uint32_t)bench_rand(&seed) & 1023;
    shapes[i].h = (uint32_t)bench_rand(&seed) & 1023;
  }
  for (uint32_t r = 0; r < n; r++) {
    for (uint32_t i = 0; i < 1000000; i++) x = ops[(x ^ i) & 15](x, i);
    uint32_t total = 0;
    for (uint32_t k = 0; k < 200; k++)
      for (uint32_t i = 0; i < SHAPES; i++) {
        struct shape *s = &shapes[i];
        total += s->m->area(s);
        total ^= s->m->scale(s, k);
      }
    h = bench_mix(h, x);
    h = bench_mix(h, total);
  }
  return h;
}
