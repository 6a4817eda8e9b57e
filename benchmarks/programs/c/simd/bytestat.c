/* bytestat: byte statistics over 4 MB of generated text-like bytes, two passes with a different
 * byte offset each (pass p looks at every byte plus 85 * p, wrapping). Per pass it counts digits,
 * upper- and lower-case ASCII letters, spaces, newlines, bytes >= 0x80 and the members of a set of
 * vowels and punctuation (a nibble-table lookup), sums the bytes and makes a 16-bin histogram of
 * the high nibbles; the checksum hashes all of it.
 * One source, two programs (see ../../README.md): built with -msimd128 it takes the
 * __wasm_simd128__ path (bytestat-simd), otherwise the scalar path (bytestat-scalar, and the
 * native build); both compute the same counts exactly.
 * Stresses (SIMD path): v128.load, i8x16.add/sub, i8x16.eq/ne/lt_u, v128.and, i8x16.shr_u (clang
 * turns the signed test x < 0 into a shift by 7), i8x16.swizzle, i16x8.extadd_pairwise_i8x16_u,
 * i32x4.extadd_pairwise_i16x8_u, i16x8.add, i32x4.add and extract_lane, with 8-bit lane counters and
 * 16-bit lane sums widened every 128 vectors; about 30 live v128 values in the inner loop.
 * Scalar path: byte loads, compares turned into 0/1, table lookups and increments. */
#include <stdint.h>
#ifdef __wasm_simd128__
#include <wasm_simd128.h>
#endif

#define DATA_BYTES (4u << 20)
#define PASSES 2
#define PASS_OFFSET 85u
#define COUNTS 7       /* digit, upper, lower, space, newline, high, member of the set */
#define BINS 16        /* histogram of the high nibble */
/* The SIMD path counts in 8-bit lanes and sums bytes pairwise into 16-bit lanes, and widens both into
 * 32-bit lanes after every block of 128 vectors: a count is then at most 128, a 16-bit sum at most
 * 128 * 510 = 65,280. */
#define BLOCK_VECTORS 128

static uint8_t data[DATA_BYTES] __attribute__((aligned(16)));
/* The set, as two 16-entry nibble tables: a byte with nibbles hi:lo is a member iff
 * (low_table[lo] & high_table[hi]) != 0 (each high nibble of the set has a bit of its own). */
static uint8_t low_table[16] __attribute__((aligned(16)));
static uint8_t high_table[16] __attribute__((aligned(16)));
static const char set_members[] = "aeiouAEIOU.,;:!?'\"()-";
static uint32_t rng_state;

static uint32_t rng_next(void) {
    uint32_t x = rng_state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    rng_state = x;
    return x;
}

void setup(void) {
    static const char punctuation[] = ".,;:!?'\"()-";
    rng_state = 0x9E3779B9u;
    uint32_t i = 0;
    while (i < DATA_BYTES) {
        uint32_t r = rng_next();
        uint32_t kind = r % 64u, pick = r >> 8;
        uint8_t byte;
        if (kind < 42) byte = (uint8_t)('a' + pick % 26u);
        else if (kind < 46) byte = (uint8_t)('A' + pick % 26u);
        else if (kind < 49) byte = (uint8_t)('0' + pick % 10u);
        else if (kind < 56) byte = ' ';
        else if (kind < 57) byte = '\n';
        else if (kind < 61) byte = (uint8_t)punctuation[pick % (sizeof punctuation - 1)];
        else if (kind < 63 && i + 1 < DATA_BYTES) { /* a two-byte UTF-8 letter */
            data[i++] = 0xC3;
            byte = (uint8_t)(0x80u + pick % 64u);
        } else byte = (uint8_t)pick;
        data[i++] = byte;
    }
    int groups = 0;
    for (const char *c = set_members; *c; c++) {
        uint8_t hi = (uint8_t)*c >> 4, lo = (uint8_t)*c & 15;
        if (high_table[hi] == 0) high_table[hi] = (uint8_t)(1u << groups++);
        low_table[lo] |= high_table[hi];
    }
}

/* The statistics of one pass. */
struct stats {
    uint32_t count[COUNTS];
    uint32_t sum;
    uint32_t bins[BINS];
};

#ifdef __wasm_simd128__

/* Adds the sixteen 8-bit lanes of counter into the four 32-bit lanes of total. */
static v128_t widen_into(v128_t total, v128_t counter) {
    return wasm_i32x4_add(total, wasm_u32x4_extadd_pairwise_u16x8(wasm_u16x8_extadd_pairwise_u8x16(counter)));
}

static uint32_t lanes_sum(v128_t v) {
    return wasm_u32x4_extract_lane(v, 0) + wasm_u32x4_extract_lane(v, 1) + wasm_u32x4_extract_lane(v, 2) +
           wasm_u32x4_extract_lane(v, 3);
}

static void pass(uint8_t offset, struct stats *s) {
    const v128_t zero = wasm_i8x16_splat(0), add = wasm_u8x16_splat(offset);
    const v128_t low_nibble = wasm_u8x16_splat(15);
    const v128_t lows = wasm_v128_load(low_table), highs = wasm_v128_load(high_table);
    v128_t total[COUNTS], bin_total[BINS], sum = zero;
    for (int k = 0; k < COUNTS; k++) total[k] = zero;
    for (int k = 0; k < BINS; k++) bin_total[k] = zero;
    for (uint32_t start = 0; start < DATA_BYTES; start += BLOCK_VECTORS * 16) {
        uint32_t end = start + BLOCK_VECTORS * 16 < DATA_BYTES ? start + BLOCK_VECTORS * 16 : DATA_BYTES;
        v128_t counter[COUNTS], bin[BINS], sum16 = zero;
        for (int k = 0; k < COUNTS; k++) counter[k] = zero;
        for (int k = 0; k < BINS; k++) bin[k] = zero;
        for (uint32_t i = start; i < end; i += 16) {
            v128_t x = wasm_i8x16_add(wasm_v128_load(data + i), add);
            /* Each test gives 0xFF (-1) in a lane where it holds: subtracting counts it. */
            v128_t is[COUNTS];
            is[0] = wasm_u8x16_lt(wasm_i8x16_sub(x, wasm_u8x16_splat('0')), wasm_u8x16_splat(10));
            is[1] = wasm_u8x16_lt(wasm_i8x16_sub(x, wasm_u8x16_splat('A')), wasm_u8x16_splat(26));
            is[2] = wasm_u8x16_lt(wasm_i8x16_sub(x, wasm_u8x16_splat('a')), wasm_u8x16_splat(26));
            is[3] = wasm_i8x16_eq(x, wasm_u8x16_splat(' '));
            is[4] = wasm_i8x16_eq(x, wasm_u8x16_splat('\n'));
            is[5] = wasm_i8x16_lt(x, zero);
            v128_t high = wasm_u8x16_shr(x, 4);
            v128_t member = wasm_v128_and(wasm_i8x16_swizzle(lows, wasm_v128_and(x, low_nibble)), wasm_i8x16_swizzle(highs, high));
            is[6] = wasm_i8x16_ne(member, zero);
            for (int k = 0; k < COUNTS; k++) counter[k] = wasm_i8x16_sub(counter[k], is[k]);
            /* unrolled, so that the bins stay in locals (clang keeps a rolled loop over them in memory) */
#pragma clang loop unroll(full)
            for (int k = 0; k < BINS; k++) bin[k] = wasm_i8x16_sub(bin[k], wasm_i8x16_eq(high, wasm_u8x16_splat((uint8_t)k)));
            sum16 = wasm_i16x8_add(sum16, wasm_u16x8_extadd_pairwise_u8x16(x));
        }
        for (int k = 0; k < COUNTS; k++) total[k] = widen_into(total[k], counter[k]);
        for (int k = 0; k < BINS; k++) bin_total[k] = widen_into(bin_total[k], bin[k]);
        sum = wasm_i32x4_add(sum, wasm_u32x4_extadd_pairwise_u16x8(sum16));
    }
    for (int k = 0; k < COUNTS; k++) s->count[k] = lanes_sum(total[k]);
    for (int k = 0; k < BINS; k++) s->bins[k] = lanes_sum(bin_total[k]);
    s->sum = lanes_sum(sum);
}

#else

static void pass(uint8_t offset, struct stats *s) {
    uint32_t count[COUNTS] = {0}, bins[BINS] = {0}, sum = 0;
    for (uint32_t i = 0; i < DATA_BYTES; i++) {
        uint8_t x = (uint8_t)(data[i] + offset);
        count[0] += (uint8_t)(x - '0') < 10;
        count[1] += (uint8_t)(x - 'A') < 26;
        count[2] += (uint8_t)(x - 'a') < 26;
        count[3] += x == ' ';
        count[4] += x == '\n';
        count[5] += x >= 0x80;
        count[6] += (low_table[x & 15] & high_table[x >> 4]) != 0;
        bins[x >> 4]++;
        sum += x;
    }
    for (int k = 0; k < COUNTS; k++) s->count[k] = count[k];
    for (int k = 0; k < BINS; k++) s->bins[k] = bins[k];
    s->sum = sum;
}

#endif

static uint32_t mix(uint32_t h, uint32_t v) {
    return (h ^ v) * 0x01000193u;
}

uint32_t run(void) {
    uint32_t h = 0x811c9dc5u;
    for (uint32_t p = 0; p < PASSES; p++) {
        struct stats s;
        pass((uint8_t)(p * PASS_OFFSET), &s);
        for (int k = 0; k < COUNTS; k++) h = mix(h, s.count[k]);
        h = mix(h, s.sum);
        for (int k = 0; k < BINS; k++) h = mix(h, s.bins[k]);
    }
    return h;
}
