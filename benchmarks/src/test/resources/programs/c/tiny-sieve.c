/* Test program for the harness: sieve of Eratosthenes below 2,000,000, hashing the primes. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define LIMIT 2000000u

static uint8_t *composite;

void setup(void) {
    composite = malloc(LIMIT);
}

uint32_t run(void) {
    memset(composite, 0, LIMIT);
    uint32_t hash = 2166136261u;
    for (uint32_t i = 2; i < LIMIT; i++) {
        if (composite[i]) continue;
        hash = (hash ^ i) * 16777619u;
        for (uint32_t j = i * 2; j < LIMIT; j += i) composite[j] = 1;
    }
    return hash;
}
