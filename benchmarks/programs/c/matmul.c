/* matmul: blocked (tiled) dense matrix multiply C = A * B of 320 x 320 f64 matrices with
 * 32 x 32 tiles, then a row/column checksum pass.
 * Stresses: memory-bound f64 loads/stores with strided and unit-stride access, nested loops with
 * address arithmetic, cache tiling. Inputs are multiples of 1/256 with small numerators, so every
 * product and sum is exact in f64 and the result can be checked as integers. */
#include <stdint.h>
#include <stdlib.h>

#define N 320
#define TILE 32

static double *ma, *mb, *mc;
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
    ma = malloc(sizeof(double) * N * N);
    mb = malloc(sizeof(double) * N * N);
    mc = malloc(sizeof(double) * N * N);
    rng_state = 0x0123456789ABCDEFULL;
    for (int i = 0; i < N * N; i++) ma[i] = (double)((int32_t)(rng_next() % 2001u) - 1000) / 256.0;
    for (int i = 0; i < N * N; i++) mb[i] = (double)((int32_t)(rng_next() % 2001u) - 1000) / 256.0;
}

static void multiply(const double *a, const double *b, double *c) {
    for (int i = 0; i < N * N; i++) c[i] = 0.0;
    for (int ii = 0; ii < N; ii += TILE) {
        for (int kk = 0; kk < N; kk += TILE) {
            for (int jj = 0; jj < N; jj += TILE) {
                for (int i = ii; i < ii + TILE; i++) {
                    double *crow = c + i * N;
                    for (int k = kk; k < kk + TILE; k++) {
                        double aik = a[i * N + k];
                        const double *brow = b + k * N;
                        for (int j = jj; j < jj + TILE; j++) crow[j] += aik * brow[j];
                    }
                }
            }
        }
    }
}

uint32_t run(void) {
    multiply(ma, mb, mc);
    uint32_t h = 0x811c9dc5u;
    /* Every element times 65536 is an exact integer of magnitude below 2^29. */
    for (int i = 0; i < N; i++) {
        int64_t row = 0;
        for (int j = 0; j < N; j++) {
            int64_t v = (int64_t)(mc[i * N + j] * 65536.0);
            row += v;
            h = (h ^ (uint32_t)v) * 0x01000193u;
        }
        h ^= (uint32_t)row ^ (uint32_t)((uint64_t)row >> 32);
    }
    for (int j = 0; j < N; j += 3) {
        int64_t col = 0;
        for (int i = 0; i < N; i++) col += (int64_t)(mc[i * N + j] * 65536.0);
        h = (h ^ (uint32_t)col) * 0x01000193u;
    }
    return h;
}
