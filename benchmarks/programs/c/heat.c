/* heat: 2D heat diffusion by Jacobi iteration (5-point stencil) on a 512 x 512 f64 grid with
 * fixed hot and cold boundaries and two internal heat sources, 80 sweeps between two buffers.
 * Stresses: streaming f64 loads/stores over 2 MB buffers, neighbour address arithmetic,
 * loop nests with pointer swapping. Only IEEE-exact operations (add, multiply), so the bit
 * patterns of the final grid are identical on every engine. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define SIZE 512
#define SWEEPS 80

static double *grid_a, *grid_b, *initial;

void setup(void) {
    grid_a = malloc(sizeof(double) * SIZE * SIZE);
    grid_b = malloc(sizeof(double) * SIZE * SIZE);
    initial = malloc(sizeof(double) * SIZE * SIZE);
    for (int y = 0; y < SIZE; y++) {
        for (int x = 0; x < SIZE; x++) {
            double t = 20.0;
            if (y == 0) t = 100.0;
            else if (y == SIZE - 1) t = 0.0;
            else if (x == 0 || x == SIZE - 1) t = 50.0;
            initial[y * SIZE + x] = t;
        }
    }
}

static uint32_t fold(uint32_t h, double d) {
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    h = (h ^ (uint32_t)bits) * 0x01000193u;
    h = (h ^ (uint32_t)(bits >> 32)) * 0x01000193u;
    return h ^ (h >> 15);
}

uint32_t run(void) {
    memcpy(grid_a, initial, sizeof(double) * SIZE * SIZE);
    memcpy(grid_b, initial, sizeof(double) * SIZE * SIZE);
    double *src = grid_a, *dst = grid_b;
    for (int s = 0; s < SWEEPS; s++) {
        for (int y = 1; y < SIZE - 1; y++) {
            const double *up = src + (y - 1) * SIZE;
            const double *mid = src + y * SIZE;
            const double *down = src + (y + 1) * SIZE;
            double *out = dst + y * SIZE;
            for (int x = 1; x < SIZE - 1; x++) {
                out[x] = 0.25 * (up[x] + down[x] + mid[x - 1] + mid[x + 1]);
            }
        }
        /* Two constant heat sources. */
        dst[(SIZE / 3) * SIZE + SIZE / 3] = 400.0;
        dst[(2 * SIZE / 3) * SIZE + 2 * SIZE / 3] = -100.0;
        double *t = src;
        src = dst;
        dst = t;
    }
    uint32_t h = 0x811c9dc5u;
    for (int i = 0; i < SIZE * SIZE; i += 5) h = fold(h, src[i]);
    double total = 0.0;
    for (int i = 0; i < SIZE * SIZE; i++) total += src[i];
    return fold(h, total);
}
