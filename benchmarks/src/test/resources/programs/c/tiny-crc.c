/* Test program for the harness: table-driven CRC-32 over 4 MiB of pseudo-random bytes, 2 passes. */
#include <stdint.h>
#include <stdlib.h>

#define SIZE (4u << 20)

static uint8_t *data;
static uint32_t table[256];

void setup(void) {
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++) c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        table[n] = c;
    }
    data = malloc(SIZE);
    uint32_t x = 88172645u;
    for (uint32_t i = 0; i < SIZE; i++) {
        x ^= x << 13; x ^= x >> 17; x ^= x << 5;
        data[i] = (uint8_t)x;
    }
}

uint32_t run(void) {
    uint32_t result = 0;
    for (int pass = 0; pass < 2; pass++) {
        uint32_t crc = 0xffffffffu ^ (uint32_t)pass;
        for (uint32_t i = 0; i < SIZE; i++) crc = table[(crc ^ data[i]) & 0xff] ^ (crc >> 8);
        result = result * 33u + (crc ^ 0xffffffffu);
    }
    return result;
}
