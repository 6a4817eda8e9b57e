/* dotf32: f32 dot products and 4x4 matrix transforms. Part one: C = A * B^T for A and B of
 * 160 rows of 1,024 f32 each (25,600 dot products of length 1,024); part two: 65,536 points
 * (x, y, z, w) transformed by eight 4x4 matrices each. Every element of C and every transformed
 * coordinate, times 256, is hashed as an integer.
 * Exact in every order: the inputs are multiples of 1/16 with small numerators (A, B: |v| <= 1;
 * points: |v| <= 8; matrices: |v| <= 2), so every product is a multiple of 1/256 and every partial
 * sum stays below 2^24 / 256 in magnitude: no rounding anywhere, and the SIMD path (four lanes
 * summed apart, then a horizontal sum) gives bit for bit the result of the scalar path. Built with
 * -ffp-contract=off natively (no fused multiply-add).
 * One source, two programs (see ../../README.md): built with -msimd128 it takes the
 * __wasm_simd128__ path (dotf32-simd), otherwise the scalar path (dotf32-scalar, and the native
 * build).
 * Stresses (SIMD path): v128.load, f32x4.mul/add, i8x16.shuffle (lane broadcasts and the
 * horizontal sum), f32x4.extract_lane, i32x4.trunc_sat_f32x4_s, i32x4.mul, v128.xor. Scalar path:
 * f32 loads, multiply and add chains, f32 -> i32 conversion. */
#include <stdint.h>
#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

#define K 1024      /* length of a dot product */
#define ROWS 160    /* rows of A and of B */
#define POINTS 65536
#define MATRICES 8

static float a[ROWS * K] __attribute__((aligned(16)));
static float b[ROWS * K] __attribute__((aligned(16)));
static float points[POINTS * 4] __attribute__((aligned(16)));
/* Column-major: matrix m's column c is matrices[m][4 * c .. 4 * c + 3]. */
static float matrices[MATRICES][16] __attribute__((aligned(16)));
static uint32_t rng_state;

/* A linear congruential generator; its upper 24 bits. */
static uint32_t rng_next(void) {
    rng_state = rng_state * 1664525u + 1013904223u;
    return rng_state >> 8;
}

/* A multiple of 1/16 in [-limit, limit]. */
static float sixteenths(int limit) {
    int span = 32 * limit + 1;
    return (float)((int)(rng_next() % (uint32_t)span) - 16 * limit) / 16.0f;
}

void setup(void) {
    rng_state = 0x2545F491u;
    for (int i = 0; i < ROWS * K; i++) a[i] = sixteenths(1);
    for (int i = 0; i < ROWS * K; i++) b[i] = sixteenths(1);
    for (int i = 0; i < POINTS * 4; i++) points[i] = sixteenths(8);
    for (int m = 0; m < MATRICES; m++)
        for (int i = 0; i < 16; i++) matrices[m][i] = sixteenths(2);
}

static uint32_t mix(uint32_t h, uint32_t v) {
    return (h ^ v) * 0x01000193u;
}

#ifdef __wasm_simd128__

static float dot(const float *x, const float *y) {
    v128_t s0 = wasm_f32x4_splat(0.0f), s1 = s0;
    for (int k = 0; k < K; k += 8) {
        s0 = wasm_f32x4_add(s0, wasm_f32x4_mul(wasm_v128_load(x + k), wasm_v128_load(y + k)));
        s1 = wasm_f32x4_add(s1, wasm_f32x4_mul(wasm_v128_load(x + k + 4), wasm_v128_load(y + k + 4)));
    }
    v128_t s = wasm_f32x4_add(s0, s1);
    s = wasm_f32x4_add(s, wasm_i32x4_shuffle(s, s, 2, 3, 0, 1));
    s = wasm_f32x4_add(s, wasm_i32x4_shuffle(s, s, 1, 0, 3, 2));
    return wasm_f32x4_extract_lane(s, 0);
}

/* The four lanes of the transform hash, lane l hashing coordinate l of every transformed point. */
static void transform_hashes(uint32_t lanes[4]) {
    const v128_t scale = wasm_f32x4_splat(256.0f), prime = wasm_i32x4_splat(0x01000193);
    v128_t h = wasm_i32x4_splat((int32_t)0x811c9dc5u);
    for (int m = 0; m < MATRICES; m++) {
        v128_t c0 = wasm_v128_load(&matrices[m][0]), c1 = wasm_v128_load(&matrices[m][4]);
        v128_t c2 = wasm_v128_load(&matrices[m][8]), c3 = wasm_v128_load(&matrices[m][12]);
        for (int p = 0; p < POINTS; p++) {
            v128_t v = wasm_v128_load(points + 4 * p);
            v128_t r = wasm_f32x4_mul(c0, wasm_i32x4_shuffle(v, v, 0, 0, 0, 0));
            r = wasm_f32x4_add(r, wasm_f32x4_mul(c1, wasm_i32x4_shuffle(v, v, 1, 1, 1, 1)));
            r = wasm_f32x4_add(r, wasm_f32x4_mul(c2, wasm_i32x4_shuffle(v, v, 2, 2, 2, 2)));
            r = wasm_f32x4_add(r, wasm_f32x4_mul(c3, wasm_i32x4_shuffle(v, v, 3, 3, 3, 3)));
            h = wasm_i32x4_mul(wasm_v128_xor(h, wasm_i32x4_trunc_sat_f32x4(wasm_f32x4_mul(r, scale))), prime);
        }
    }
    lanes[0] = (uint32_t)wasm_i32x4_extract_lane(h, 0);
    lanes[1] = (uint32_t)wasm_i32x4_extract_lane(h, 1);
    lanes[2] = (uint32_t)wasm_i32x4_extract_lane(h, 2);
    lanes[3] = (uint32_t)wasm_i32x4_extract_lane(h, 3);
}

#else

static float dot(const float *x, const float *y) {
    float s = 0.0f;
    for (int k = 0; k < K; k++) s += x[k] * y[k];
    return s;
}

static void transform_hashes(uint32_t lanes[4]) {
    for (int l = 0; l < 4; l++) lanes[l] = 0x811c9dc5u;
    for (int m = 0; m < MATRICES; m++) {
        const float *c = matrices[m];
        for (int p = 0; p < POINTS; p++) {
            const float *v = points + 4 * p;
            for (int l = 0; l < 4; l++) {
                float r = c[l] * v[0] + c[4 + l] * v[1] + c[8 + l] * v[2] + c[12 + l] * v[3];
                lanes[l] = mix(lanes[l], (uint32_t)(int32_t)(r * 256.0f));
            }
        }
    }
}

#endif

uint32_t run(void) {
    uint32_t h = 0x811c9dc5u;
    for (int i = 0; i < ROWS; i++)
        for (int j = 0; j < ROWS; j++) h = mix(h, (uint32_t)(int32_t)(dot(a + i * K, b + j * K) * 256.0f));
    uint32_t lanes[4];
    transform_hashes(lanes);
    for (int l = 0; l < 4; l++) h = mix(h, lanes[l]);
    return h;
}
