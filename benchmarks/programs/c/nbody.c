/* nbody: gravitational N-body simulation of 48 bodies with a softened force, symplectic Euler
 * steps, then the total energy. Initial bodies come from a seeded xorshift generator.
 * Stresses: f64 arithmetic (add/mul/div/sqrt) on struct fields in linear memory, O(N^2) inner
 * loops, f64 loads and stores. Only IEEE-exact operations are used, so the bit patterns of the
 * results are identical on every conforming engine; the checksum hashes those bits. */
#include <stdint.h>
#include <string.h>

#define NBODIES 48
#define STEPS 4000

typedef struct {
    double x, y, z, vx, vy, vz, mass;
} Body;

static Body initial[NBODIES];
static Body bodies[NBODIES];
static uint64_t rng_state;

static uint32_t rng_next(void) {
    uint64_t x = rng_state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    rng_state = x;
    return (uint32_t)((x * 0x2545F4914F6CDD1DULL) >> 32);
}

/* A uniform double in [lo, hi), exactly representable (24 random bits). */
static double rng_double(double lo, double hi) {
    return lo + (hi - lo) * ((double)(rng_next() >> 8) / 16777216.0);
}

void setup(void) {
    rng_state = 0x9E3779B97F4A7C15ULL;
    double px = 0, py = 0, pz = 0, total = 0;
    for (int i = 0; i < NBODIES; i++) {
        Body *b = &initial[i];
        b->x = rng_double(-20.0, 20.0);
        b->y = rng_double(-20.0, 20.0);
        b->z = rng_double(-2.0, 2.0);
        b->vx = rng_double(-0.5, 0.5);
        b->vy = rng_double(-0.5, 0.5);
        b->vz = rng_double(-0.05, 0.05);
        b->mass = rng_double(0.5, 4.0);
        px += b->vx * b->mass;
        py += b->vy * b->mass;
        pz += b->vz * b->mass;
        total += b->mass;
    }
    /* A heavy central body that cancels the total momentum. */
    initial[0].x = initial[0].y = initial[0].z = 0.0;
    initial[0].mass = 400.0;
    initial[0].vx = -px / initial[0].mass;
    initial[0].vy = -py / initial[0].mass;
    initial[0].vz = -pz / initial[0].mass;
    (void)total;
}

static void advance(double dt) {
    for (int i = 0; i < NBODIES; i++) {
        Body *a = &bodies[i];
        for (int j = i + 1; j < NBODIES; j++) {
            Body *b = &bodies[j];
            double dx = a->x - b->x, dy = a->y - b->y, dz = a->z - b->z;
            double d2 = dx * dx + dy * dy + dz * dz + 0.01;
            double mag = dt / (d2 * __builtin_sqrt(d2));
            double ma = a->mass * mag, mb = b->mass * mag;
            a->vx -= dx * mb;
            a->vy -= dy * mb;
            a->vz -= dz * mb;
            b->vx += dx * ma;
            b->vy += dy * ma;
            b->vz += dz * ma;
        }
    }
    for (int i = 0; i < NBODIES; i++) {
        Body *b = &bodies[i];
        b->x += dt * b->vx;
        b->y += dt * b->vy;
        b->z += dt * b->vz;
    }
}

static double energy(void) {
    double e = 0.0;
    for (int i = 0; i < NBODIES; i++) {
        Body *a = &bodies[i];
        e += 0.5 * a->mass * (a->vx * a->vx + a->vy * a->vy + a->vz * a->vz);
        for (int j = i + 1; j < NBODIES; j++) {
            Body *b = &bodies[j];
            double dx = a->x - b->x, dy = a->y - b->y, dz = a->z - b->z;
            e -= a->mass * b->mass / __builtin_sqrt(dx * dx + dy * dy + dz * dz + 0.01);
        }
    }
    return e;
}

static uint32_t fold(uint32_t h, double d) {
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    h = (h ^ (uint32_t)bits) * 0x01000193u;
    h = (h ^ (uint32_t)(bits >> 32)) * 0x01000193u;
    return h ^ (h >> 15);
}

uint32_t run(void) {
    memcpy(bodies, initial, sizeof bodies);
    uint32_t h = fold(0x811c9dc5u, energy());
    for (int s = 0; s < STEPS; s++) advance(0.001);
    h = fold(h, energy());
    for (int i = 0; i < NBODIES; i++) {
        h = fold(h, bodies[i].x);
        h = fold(h, bodies[i].y);
        h = fold(h, bodies[i].z);
    }
    return h;
}
