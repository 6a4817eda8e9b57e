/* Test program for the harness: a 256x256 double matrix product, checksummed through its bits. */
#include <stdint.h>
#include <string.h>

#define N 256

static double a[N * N], b[N * N], c[N * N];

void setup(void) {
    uint32_t seed = 12345;
    for (int i = 0; i < N * N; i++) {
        seed = seed * 1103515245u + 12345u;
        a[i] = (double)(seed >> 8) / 16777216.0;
        seed = seed * 1103515245u + 12345u;
        b[i] = (double)(seed >> 8) / 16777216.0 - 0.5;
    }
}

uint32_t run(void) {
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) {
            double sum = 0;
            for (int k = 0; k < N; k++) sum += a[i * N + k] * b[k * N + j];
            c[i * N + j] = sum;
        }
    }
    uint32_t hash = 0;
    for (int i = 0; i < N * N; i++) {
        uint64_t bits;
        memcpy(&bits, &c[i], sizeof bits);
        hash = (hash * 31u) ^ (uint32_t)bits ^ (uint32_t)(bits >> 32);
    }
    return hash;
}
