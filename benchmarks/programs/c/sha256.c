/* sha256: the SHA-256 hash (FIPS 180-4), implemented here from the specification, over a 2.5 MB
 * generated buffer, plus 2,000 short messages of every length from 0 to 199 bytes (exercising
 * the padding paths), and a hash chain that re-hashes each digest.
 * Stresses: i32 rotates, shifts, xor/and/not chains, big-endian byte assembly, a 64-word
 * message schedule in linear memory, a long straight-line compression loop. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BIG_LEN (2560u * 1024u)

static const uint32_t K[64] = {
    0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u, 0x3956c25bu, 0x59f111f1u, 0x923f82a4u, 0xab1c5ed5u,
    0xd807aa98u, 0x12835b01u, 0x243185beu, 0x550c7dc3u, 0x72be5d74u, 0x80deb1feu, 0x9bdc06a7u, 0xc19bf174u,
    0xe49b69c1u, 0xefbe4786u, 0x0fc19dc6u, 0x240ca1ccu, 0x2de92c6fu, 0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau,
    0x983e5152u, 0xa831c66du, 0xb00327c8u, 0xbf597fc7u, 0xc6e00bf3u, 0xd5a79147u, 0x06ca6351u, 0x14292967u,
    0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu, 0x53380d13u, 0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u,
    0xa2bfe8a1u, 0xa81a664bu, 0xc24b8b70u, 0xc76c51a3u, 0xd192e819u, 0xd6990624u, 0xf40e3585u, 0x106aa070u,
    0x19a4c116u, 0x1e376c08u, 0x2748774cu, 0x34b0bcb5u, 0x391c0cb3u, 0x4ed8aa4au, 0x5b9cca4fu, 0x682e6ff3u,
    0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u, 0x90befffau, 0xa4506cebu, 0xbef9a3f7u, 0xc67178f2u,
};

typedef struct {
    uint32_t state[8];
    uint8_t block[64];
    uint32_t block_len;
    uint64_t total_len;
} Sha256;

static uint8_t *big;

static uint32_t rotr(uint32_t x, uint32_t n) { return (x >> n) | (x << (32u - n)); }

static void compress(uint32_t state[8], const uint8_t *p) {
    uint32_t w[64];
    for (int i = 0; i < 16; i++) {
        w[i] = ((uint32_t)p[4 * i] << 24) | ((uint32_t)p[4 * i + 1] << 16) |
               ((uint32_t)p[4 * i + 2] << 8) | (uint32_t)p[4 * i + 3];
    }
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
        uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        h = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
    state[5] += f;
    state[6] += g;
    state[7] += h;
}

static void sha_init(Sha256 *s) {
    static const uint32_t iv[8] = {0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au,
                                   0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u};
    memcpy(s->state, iv, sizeof iv);
    s->block_len = 0;
    s->total_len = 0;
}

static void sha_update(Sha256 *s, const uint8_t *data, uint32_t len) {
    s->total_len += len;
    while (len > 0) {
        if (s->block_len == 0 && len >= 64) {
            compress(s->state, data);
            data += 64;
            len -= 64;
            continue;
        }
        uint32_t take = 64 - s->block_len;
        if (take > len) take = len;
        memcpy(s->block + s->block_len, data, take);
        s->block_len += take;
        data += take;
        len -= take;
        if (s->block_len == 64) {
            compress(s->state, s->block);
            s->block_len = 0;
        }
    }
}

static void sha_final(Sha256 *s, uint8_t out[32]) {
    uint64_t bits = s->total_len * 8u;
    uint8_t pad[72];
    uint32_t padlen = (s->block_len < 56) ? 56 - s->block_len : 120 - s->block_len;
    memset(pad, 0, sizeof pad);
    pad[0] = 0x80;
    for (int i = 0; i < 8; i++) pad[padlen + i] = (uint8_t)(bits >> (56 - 8 * i));
    uint64_t keep = s->total_len;
    sha_update(s, pad, padlen + 8);
    s->total_len = keep;
    for (int i = 0; i < 8; i++) {
        out[4 * i] = (uint8_t)(s->state[i] >> 24);
        out[4 * i + 1] = (uint8_t)(s->state[i] >> 16);
        out[4 * i + 2] = (uint8_t)(s->state[i] >> 8);
        out[4 * i + 3] = (uint8_t)s->state[i];
    }
}

static void sha256(const uint8_t *data, uint32_t len, uint8_t out[32]) {
    Sha256 s;
    sha_init(&s);
    sha_update(&s, data, len);
    sha_final(&s, out);
}

static uint32_t fold_digest(uint32_t h, const uint8_t d[32]) {
    for (int i = 0; i < 32; i++) h = (h ^ d[i]) * 0x01000193u;
    return h;
}

void setup(void) {
    big = malloc(BIG_LEN);
    uint32_t x = 0x2545F491u;
    for (uint32_t i = 0; i < BIG_LEN; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        big[i] = (uint8_t)(x >> 11);
    }
}

/* Self-test: SHA-256("abc") must start with ba7816bf. Returns 1 if it does. */
static uint32_t self_test(void) {
    uint8_t d[32];
    sha256((const uint8_t *)"abc", 3, d);
    return d[0] == 0xba && d[1] == 0x78 && d[2] == 0x16 && d[3] == 0xbf && d[31] == 0xad;
}

uint32_t run(void) {
    uint8_t digest[32];
    uint32_t h = self_test() ? 0x811c9dc5u : 0xBADu;
    sha256(big, BIG_LEN, digest);
    h = fold_digest(h, digest);
    for (uint32_t i = 0; i < 2000; i++) {
        sha256(big + i * 97u, i % 200u, digest);
        h = fold_digest(h, digest);
    }
    /* A hash chain: each digest is the next input. */
    for (int i = 0; i < 2000; i++) {
        sha256(digest, 32, digest);
    }
    return fold_digest(h, digest);
}
