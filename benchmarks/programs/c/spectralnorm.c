/* spectralnorm: power iteration for the spectral norm of the infinite matrix
 * a(i,j) = 1 / ((i+j)(i+j+1)/2 + i + 1), truncated to N x N.
 * Stresses: f64 division and multiply-add in doubly nested loops, i32 index arithmetic feeding
 * f64 conversions, calls of small helper functions. The checksum hashes the bit patterns of the
 * result and vector (IEEE-exact operations only, so engines must agree bit for bit). */
#include <stdint.h>
#include <string.h>

#define N 660
#define ROUNDS 10

static double u[N], v[N], tmp[N];

static double a(int32_t i, int32_t j) {
    return 1.0 / (double)((i + j) * (i + j + 1) / 2 + i + 1);
}

static void mul_av(const double *x, double *out) {
    for (int32_t i = 0; i < N; i++) {
        double s = 0.0;
        for (int32_t j = 0; j < N; j++) s += a(i, j) * x[j];
        out[i] = s;
    }
}

static void mul_atv(const double *x, double *out) {
    for (int32_t i = 0; i < N; i++) {
        double s = 0.0;
        for (int32_t j = 0; j < N; j++) s += a(j, i) * x[j];
        out[i] = s;
    }
}

static void mul_atav(const double *x, double *out) {
    mul_av(x, tmp);
    mul_atv(tmp, out);
}

void setup(void) {
}

static uint32_t fold(uint32_t h, double d) {
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    h = (h ^ (uint32_t)bits) * 0x01000193u;
    h = (h ^ (uint32_t)(bits >> 32)) * 0x01000193u;
    return h ^ (h >> 15);
}

uint32_t run(void) {
    for (int i = 0; i < N; i++) u[i] = 1.0;
    for (int r = 0; r < ROUNDS; r++) {
        mul_atav(u, v);
        mul_atav(v, u);
    }
    double vbv = 0.0, vv = 0.0;
    for (int i = 0; i < N; i++) {
        vbv += u[i] * v[i];
        vv += v[i] * v[i];
    }
    double norm = __builtin_sqrt(vbv / vv);
    uint32_t h = fold(0x811c9dc5u, norm);
    for (int i = 0; i < N; i += 7) h = fold(h, u[i]);
    /* Also the norm to 9 decimals, a value that is easy to check by eye. */
    return h ^ (uint32_t)(int64_t)(norm * 1e9 + 0.5);
}
