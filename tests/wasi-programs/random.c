/* random_get, through getentropy and arc4random and directly. */
#include <stdlib.h>
#include <unistd.h>
#include <wasi/api.h>
#include "common.h"

int main(void) {
    unsigned char a[256], b[256];
    memset(a, 0, sizeof a);
    memset(b, 0, sizeof b);
    CHECK(getentropy(a, sizeof a));
    CHECK(getentropy(b, sizeof b));
    int zeros = 0, same = 0;
    for (int i = 0; i < 256; i++) {
        zeros += a[i] == 0;
        same += a[i] == b[i];
    }
    printf("256 random bytes, fewer than 16 zeros: %d; two draws differ: %d\n", zeros < 16, same < 16);
    CHECK(getentropy(a, 257));
    WASI(__wasi_random_get(a, 0));
    uint32_t r1 = arc4random(), r2 = arc4random();
    printf("arc4random gives two different numbers: %d\n", r1 != r2);
    unsigned counts[16] = {0};
    for (int i = 0; i < 16000; i++) counts[arc4random_uniform(16)]++;
    int balanced = 1;
    for (int i = 0; i < 16; i++) balanced &= counts[i] > 800 && counts[i] < 1200;
    printf("arc4random_uniform(16) is balanced: %d\n", balanced);
    return 0;
}
