/* nbody.c - dense float math with sqrt: gravitational N-body, all pairs, leapfrog steps. */
#include "bench.h"

#define BODIES 96

static double px[BODIES], py[BODIES], pz[BODIES];
static double vx[BODIES], vy[BODIES], vz[BODIES];
static double mass[BODIES];

static double unit(uint64_t *seed) { return (double)(bench_rand(seed) % 100001) / 50000.0 - 1.0; }

static void step(double dt) {
  for (int i = 0; i < BODIES; i++) {
    double ax = 0.0, ay = 0.0, az = 0.0;
    for (int j = 0; j < BODIES; j++) {
      double dx = px[j] - px[i], dy = py[j] - py[i], dz = pz[j] - pz[i];
      double d2 = dx * dx + dy * dy + dz * dz + 0.01; /* softened: i == j adds 0 */
      double inv = 1.0 / (d2 * __builtin_sqrt(d2));
      ax += dx * mass[j] * inv;
      ay += dy * mass[j] * inv;
      az += dz * mass[j] * inv;
    }
    vx[i] += ax * dt;
    vy[i] += ay * dt;
    vz[i] += az * dt;
  }
  for (int i = 0; i < BODIES; i++) {
    px[i] += vx[i] * dt;
    py[i] += vy[i] * dt;
    pz[i] += vz[i] * dt;
  }
}

static double energy(void) {
  double e = 0.0;
  for (int i = 0; i < BODIES; i++) {
    e += 0.5 * mass[i] * (vx[i] * vx[i] + vy[i] * vy[i] + vz[i] * vz[i]);
    for (int j = i + 1; j < BODIES; j++) {
      double dx = px[j] - px[i], dy = py[j] - py[i], dz = pz[j] - pz[i];
      e -= mass[i] * mass[j] / __builtin_sqrt(dx * dx + dy * dy + dz * dz + 0.01);
    }
  }
  return e;
}

BENCH_ENTRY(nbody) {
  uint32_t n = BENCH_REPS(32000);
  uint64_t seed = 7, h = BENCH_MIX_INIT;
  for (int i = 0; i < BODIES; i++) {
    px[i] = unit(&seed) * 10.0;
    py[i] = unit(&seed) * 10.0;
    pz[i] = unit(&seed) * 10.0;
    vx[i] = unit(&seed) * 0.1;
    vy[i] = unit(&seed) * 0.1;
    vz[i] = unit(&seed) * 0.1;
    mass[i] = 0.5 + (unit(&seed) + 1.0);
  }
  h = bench_mix(h, bench_f64_bits(energy()));
  for (uint32_t r = 0; r < n; r++) step(0.001);
  h = bench_mix(h, bench_f64_bits(energy()));
  return bench_mix(h, bench_f64_bits(px[0] + py[1] + pz[2]));
}
