/* mandelbrot: escape-time Mandelbrot set on a 640 x 480 grid, up to 160 iterations per point,
 * packed into a 1-bit-per-pixel bitmap plus an iteration-count total.
 * Stresses: f64 multiply/add in a tight loop with a data-dependent exit, f64 compares, bit
 * packing with shifts, byte stores. Escape decisions use only IEEE-exact operations, so all
 * engines produce the same bitmap. */
#include <stdint.h>

#define WIDTH 640
#define HEIGHT 480
#define MAX_ITER 160

static double cr[WIDTH], ci[HEIGHT];
static uint8_t bitmap[HEIGHT * (WIDTH / 8)];

void setup(void) {
    for (int x = 0; x < WIDTH; x++) cr[x] = -2.25 + 3.0 * (double)x / (double)WIDTH;
    for (int y = 0; y < HEIGHT; y++) ci[y] = -1.125 + 2.25 * (double)y / (double)HEIGHT;
}

uint32_t run(void) {
    uint32_t total_iter = 0;
    for (int y = 0; y < HEIGHT; y++) {
        double im = ci[y];
        for (int xb = 0; xb < WIDTH / 8; xb++) {
            uint32_t byte = 0;
            for (int bit = 0; bit < 8; bit++) {
                double re = cr[xb * 8 + bit];
                double zr = 0.0, zi = 0.0, zr2 = 0.0, zi2 = 0.0;
                int it = 0;
                while (it < MAX_ITER && zr2 + zi2 <= 4.0) {
                    zi = 2.0 * zr * zi + im;
                    zr = zr2 - zi2 + re;
                    zr2 = zr * zr;
                    zi2 = zi * zi;
                    it++;
                }
                total_iter += (uint32_t)it;
                byte = (byte << 1) | (it == MAX_ITER ? 1u : 0u);
            }
            bitmap[y * (WIDTH / 8) + xb] = (uint8_t)byte;
        }
    }
    uint32_t h = 0x811c9dc5u;
    for (int i = 0; i < HEIGHT * (WIDTH / 8); i++) h = (h ^ bitmap[i]) * 0x01000193u;
    return h ^ (total_iter * 0x9E3779B1u);
}
