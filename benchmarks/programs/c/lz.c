/* lz: an LZSS compressor with hash chains (32 KB window, 3-byte hash, greedy parsing,
 * bounded chain walk) and its decompressor, over 1 MB of generated semi-redundant data (a word
 * list with noise and runs). run() compresses, decompresses, verifies the round trip and hashes
 * the compressed bytes.
 * Stresses: byte loads/stores, i32 hashing, chained table lookups (head/prev arrays), data-
 * dependent inner loops comparing bytes, bit-flag output packing, overlapping copies. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define INPUT_LEN (1u << 20)
#define WINDOW (1u << 15)
#define WINDOW_MASK (WINDOW - 1u)
#define HASH_BITS 15
#define HASH_SIZE (1u << HASH_BITS)
#define MIN_MATCH 3u
#define MAX_MATCH 258u
#define MAX_CHAIN 48
#define NIL 0xFFFFFFFFu

static uint8_t *input, *compressed, *restored;
static uint32_t *head, *prev_pos;
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
    static const char *const words[] = {
        "compress", "window", "match", "literal", "offset", "length", "hash", "chain", "buffer",
        "stream", "token", "decode", "encode", "block", "the ", "and ", "of ", "to ", "in ", "is ",
        "engine", "module", "memory", "table", "global", "export", "import", "function",
    };
    input = malloc(INPUT_LEN);
    compressed = malloc(INPUT_LEN + INPUT_LEN / 8 + 64);
    restored = malloc(INPUT_LEN);
    head = malloc(sizeof(uint32_t) * HASH_SIZE);
    prev_pos = malloc(sizeof(uint32_t) * WINDOW);
    rng_state = 0x1234ABCD5678EF01ULL;
    uint32_t pos = 0;
    while (pos < INPUT_LEN) {
        uint32_t r = rng_next();
        uint32_t kind = r % 16u;
        if (kind < 11) {
            const char *w = words[(r >> 8) % 28u];
            while (*w && pos < INPUT_LEN) input[pos++] = (uint8_t)*w++;
            if (pos < INPUT_LEN && (r >> 20) % 3u == 0) input[pos++] = ' ';
        } else if (kind < 14) {
            uint32_t n = 1 + (r >> 8) % 6u;
            for (uint32_t i = 0; i < n && pos < INPUT_LEN; i++) input[pos++] = (uint8_t)rng_next();
        } else if (kind == 14) {
            uint32_t n = 4 + (r >> 8) % 40u;
            uint8_t b = (uint8_t)(r >> 24);
            for (uint32_t i = 0; i < n && pos < INPUT_LEN; i++) input[pos++] = b;
        } else if (pos > 1000) {
            /* Copy an earlier stretch (a long-distance repeat). */
            uint32_t from = rng_next() % (pos - 500), n = 20 + (r >> 8) % 200u;
            for (uint32_t i = 0; i < n && pos < INPUT_LEN; i++) input[pos++] = input[from + i];
        }
    }
}

static uint32_t hash3(const uint8_t *p) {
    uint32_t v = (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16);
    return (v * 2654435761u) >> (32 - HASH_BITS);
}

/* Output format: groups of up to 8 items preceded by a flag byte (bit i set: item i is a match).
 * A literal is one byte; a match is three bytes: (distance - 1) as 16-bit little endian, then
 * (length - MIN_MATCH). Returns the compressed size. */
static uint32_t compress(const uint8_t *in, uint32_t len, uint8_t *out) {
    for (uint32_t i = 0; i < HASH_SIZE; i++) head[i] = NIL;
    uint32_t op = 0, flag_pos = 0, nitems = 8, pos = 0;
    while (pos < len) {
        if (nitems == 8) {
            flag_pos = op;
            out[op++] = 0;
            nitems = 0;
        }
        uint32_t best_len = 0, best_dist = 0;
        if (pos + MIN_MATCH <= len) {
            uint32_t hsh = hash3(in + pos);
            uint32_t cand = head[hsh];
            uint32_t max_len = len - pos < MAX_MATCH ? len - pos : MAX_MATCH;
            for (int chain = 0; cand != NIL && chain < MAX_CHAIN; chain++) {
                uint32_t dist = pos - cand;
                if (dist > WINDOW) break;
                if (in[cand + best_len] == in[pos + best_len]) {
                    uint32_t l = 0;
                    while (l < max_len && in[cand + l] == in[pos + l]) l++;
                    if (l > best_len) {
                        best_len = l;
                        best_dist = dist;
                        if (l == max_len) break;
                    }
                }
                uint32_t next = prev_pos[cand & WINDOW_MASK];
                if (next == NIL || next >= cand) break;
                cand = next;
            }
        }
        uint32_t advance;
        if (best_len >= MIN_MATCH) {
            out[flag_pos] |= (uint8_t)(1u << nitems);
            out[op++] = (uint8_t)(best_dist - 1u);
            out[op++] = (uint8_t)((best_dist - 1u) >> 8);
            out[op++] = (uint8_t)(best_len - MIN_MATCH);
            advance = best_len;
        } else {
            out[op++] = in[pos];
            advance = 1;
        }
        nitems++;
        /* Insert every position we pass into the hash chains. */
        for (uint32_t i = 0; i < advance; i++, pos++) {
            if (pos + MIN_MATCH <= len) {
                uint32_t hsh = hash3(in + pos);
                prev_pos[pos & WINDOW_MASK] = head[hsh];
                head[hsh] = pos;
            }
        }
    }
    return op;
}

static uint32_t decompress(const uint8_t *in, uint32_t in_len, uint8_t *out, uint32_t out_cap) {
    uint32_t ip = 0, op = 0;
    while (ip < in_len) {
        uint32_t flags = in[ip++];
        for (uint32_t item = 0; item < 8 && ip < in_len; item++) {
            if (flags & (1u << item)) {
                uint32_t dist = ((uint32_t)in[ip] | ((uint32_t)in[ip + 1] << 8)) + 1u;
                uint32_t n = (uint32_t)in[ip + 2] + MIN_MATCH;
                ip += 3;
                if (dist > op || op + n > out_cap) return 0xFFFFFFFFu;
                for (uint32_t i = 0; i < n; i++, op++) out[op] = out[op - dist]; /* may overlap */
            } else {
                if (op >= out_cap) return 0xFFFFFFFFu;
                out[op++] = in[ip++];
            }
        }
    }
    return op;
}

uint32_t run(void) {
    uint32_t clen = compress(input, INPUT_LEN, compressed);
    uint32_t dlen = decompress(compressed, clen, restored, INPUT_LEN);
    uint32_t ok = dlen == INPUT_LEN && memcmp(input, restored, INPUT_LEN) == 0;
    uint32_t h = 0x811c9dc5u;
    for (uint32_t i = 0; i < clen; i++) h = (h ^ compressed[i]) * 0x01000193u;
    return ok ? h ^ clen : 0xDEADu;
}
