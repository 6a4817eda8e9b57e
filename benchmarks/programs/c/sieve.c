/* sieve: Sieve of Eratosthenes up to 5,000,000, then a pass over the primes that hashes each one
 * (multiply/xor-shift mixing) and gathers gap statistics.
 * Stresses: tight integer loops, byte loads and stores over a 5 MB array, strided stores,
 * i32 multiply/shift/xor chains, data-dependent branches. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define LIMIT 5000000u

static uint8_t *composite;

void setup(void) {
    composite = malloc(LIMIT + 1);
}

static uint32_t mix32(uint32_t x) {
    x ^= x >> 16;
    x *= 0x7feb352du;
    x ^= x >> 15;
    x *= 0x846ca68bu;
    x ^= x >> 16;
    return x;
}

uint32_t run(void) {
    memset(composite, 0, LIMIT + 1);
    composite[0] = 1;
    composite[1] = 1;
    for (uint32_t i = 2; i * i <= LIMIT; i++) {
        if (!composite[i]) {
            for (uint32_t j = i * i; j <= LIMIT; j += i) composite[j] = 1;
        }
    }
    uint32_t hash = 0x811c9dc5u, count = 0, prev = 2, max_gap = 0, twins = 0;
    uint32_t gap_hist[64];
    for (int k = 0; k < 64; k++) gap_hist[k] = 0;
    for (uint32_t i = 2; i <= LIMIT; i++) {
        if (composite[i]) continue;
        count++;
        uint32_t gap = i - prev;
        if (gap > max_gap) max_gap = gap;
        if (gap == 2) twins++;
        gap_hist[(gap >> 1) & 63]++;
        prev = i;
        hash = (hash ^ mix32(i)) * 0x01000193u;
        hash ^= hash >> 13;
    }
    uint32_t result = hash;
    for (int k = 0; k < 64; k++) result = mix32(result + gap_hist[k] * (uint32_t)(2 * k + 1));
    return mix32(result ^ count) + max_gap * 31u + twins;
}
