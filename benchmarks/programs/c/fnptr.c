/* fnptr: dispatch through tables of function pointers. A program of 8,192 steps, each step an
 * operation chosen by a seeded generator from 24 binary operations, is applied to an accumulator
 * many times; a second phase runs "filter objects" with a vtable-like struct of function
 * pointers of a different signature.
 * Stresses: call_indirect (with two different function types), table lookups, signature checks,
 * small callee bodies that cannot be inlined. */
#include <stdint.h>
#include <stdlib.h>

#define STEPS 8192
#define ROUNDS 120

typedef uint32_t (*BinOp)(uint32_t acc, uint32_t x);

static uint32_t op_add(uint32_t a, uint32_t x) { return a + x; }
static uint32_t op_sub(uint32_t a, uint32_t x) { return a - x; }
static uint32_t op_xor(uint32_t a, uint32_t x) { return a ^ x; }
static uint32_t op_or_rot(uint32_t a, uint32_t x) { return (a | (x & 0x0F0F0F0Fu)) ^ (a >> 3); }
static uint32_t op_mul(uint32_t a, uint32_t x) { return a * (x | 1u); }
static uint32_t op_rotl(uint32_t a, uint32_t x) { uint32_t k = x & 31u; return k ? (a << k) | (a >> (32u - k)) : a; }
static uint32_t op_rotr(uint32_t a, uint32_t x) { uint32_t k = x & 31u; return k ? (a >> k) | (a << (32u - k)) : a; }
static uint32_t op_mix(uint32_t a, uint32_t x) { a ^= x; a *= 0x85EBCA6Bu; return a ^ (a >> 13); }
static uint32_t op_min(uint32_t a, uint32_t x) { return a < x ? a : x + (a & 0xFFu); }
static uint32_t op_max(uint32_t a, uint32_t x) { return a > x ? a : x - (a & 0xFFu); }
static uint32_t op_div(uint32_t a, uint32_t x) { return a / ((x & 0xFFu) + 1u) + x; }
static uint32_t op_mod(uint32_t a, uint32_t x) { return a % ((x & 0xFFFu) + 1u) * 0x9E37u + a; }
static uint32_t op_neg(uint32_t a, uint32_t x) { return (0u - a) ^ x; }
static uint32_t op_not(uint32_t a, uint32_t x) { return ~a + (x >> 16); }
static uint32_t op_popc(uint32_t a, uint32_t x) {
    uint32_t v = a & x, c = 0;
    while (v) { v &= v - 1u; c++; }
    return a + c * 0x01000193u;
}
static uint32_t op_bswap(uint32_t a, uint32_t x) {
    return ((a >> 24) | ((a >> 8) & 0xFF00u) | ((a << 8) & 0xFF0000u) | (a << 24)) + x;
}
static uint32_t op_sel(uint32_t a, uint32_t x) { return (a & 1u) ? a + x : a ^ (x << 1); }
static uint32_t op_avg(uint32_t a, uint32_t x) { return (a & x) + ((a ^ x) >> 1) + 1u; }
static uint32_t op_sq(uint32_t a, uint32_t x) { return a * a + x; }
static uint32_t op_clz(uint32_t a, uint32_t x) {
    uint32_t n = 0, v = a | 1u;
    while (!(v & 0x80000000u)) { v <<= 1; n++; }
    return a + n + x;
}
static uint32_t op_shl(uint32_t a, uint32_t x) { return (a << (x & 7u)) ^ x; }
static uint32_t op_shr(uint32_t a, uint32_t x) { return (a >> (x & 7u)) + x; }
static uint32_t op_fma(uint32_t a, uint32_t x) { return a * 31u + x * 17u; }
static uint32_t op_cond(uint32_t a, uint32_t x) { return (x > 0x80000000u) ? a - (x >> 4) : a + (x >> 5); }

static const BinOp all_ops[24] = {
    op_add, op_sub, op_xor, op_or_rot, op_mul, op_rotl, op_rotr, op_mix,
    op_min, op_max, op_div, op_mod, op_neg, op_not, op_popc, op_bswap,
    op_sel, op_avg, op_sq, op_clz, op_shl, op_shr, op_fma, op_cond,
};

/* Filter "objects": a vtable pointer plus state. */
typedef struct Filter Filter;
typedef struct {
    uint32_t (*apply)(Filter *self, uint32_t input);
    void (*reset)(Filter *self);
} FilterVtable;
struct Filter {
    const FilterVtable *vt;
    uint32_t state, param;
};

static uint32_t lowpass_apply(Filter *f, uint32_t in) { f->state += (in - f->state) >> f->param; return f->state; }
static void lowpass_reset(Filter *f) { f->state = 0; }
static uint32_t delta_apply(Filter *f, uint32_t in) { uint32_t d = in - f->state; f->state = in; return d; }
static void delta_reset(Filter *f) { f->state = 0; }
static uint32_t accum_apply(Filter *f, uint32_t in) { f->state = f->state * f->param + in; return f->state; }
static void accum_reset(Filter *f) { f->state = 1; }
static uint32_t gate_apply(Filter *f, uint32_t in) { if (in > f->param) f->state++; return in > f->param ? in : f->state; }
static void gate_reset(Filter *f) { f->state = 0; }

static const FilterVtable vtables[4] = {
    {lowpass_apply, lowpass_reset},
    {delta_apply, delta_reset},
    {accum_apply, accum_reset},
    {gate_apply, gate_reset},
};

#define NFILTERS 12
static BinOp program[STEPS];
static uint32_t operands[STEPS];
static Filter filters[NFILTERS];
static uint64_t rng_state;

static uint32_t rng_next(void) {
    uint64_t x = rng_state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    rng_state = x;
    return (uint32_t)((x * 0x2545F4914F6CDD1DULL) >> 32);
}

void setup(void) {
    rng_state = 0x5DEECE66DULL;
    for (int i = 0; i < STEPS; i++) {
        program[i] = all_ops[rng_next() % 24u];
        operands[i] = rng_next();
    }
    for (int i = 0; i < NFILTERS; i++) {
        uint32_t kind = rng_next() % 4u;
        filters[i].vt = &vtables[kind];
        filters[i].param = kind == 0 ? 1u + rng_next() % 6u : (kind == 2 ? 3u + 2u * (rng_next() % 8u) : rng_next());
    }
}

uint32_t run(void) {
    uint32_t acc = 0x12345678u, h = 0x811c9dc5u;
    for (int r = 0; r < ROUNDS; r++) {
        for (int i = 0; i < STEPS; i++) acc = program[i](acc, operands[i] + (uint32_t)r);
        h = (h ^ acc) * 0x01000193u;
    }
    for (int i = 0; i < NFILTERS; i++) filters[i].vt->reset(&filters[i]);
    for (int i = 0; i < STEPS * 12; i++) {
        uint32_t v = operands[i & (STEPS - 1)] ^ (uint32_t)i;
        for (int f = 0; f < NFILTERS; f++) v = filters[f].vt->apply(&filters[f], v);
        h = (h ^ v) * 0x01000193u;
    }
    return h ^ acc;
}
