/* recursion: deep and wide recursion. Ackermann a(3, 8) (2.8 million calls, depth 2,047) and
 * a(2, 900) (1.6 million calls, depth 1,804), the Takeuchi function, naive Fibonacci, and
 * recursively built "comb" trees of spine length 3,000 that are walked and freed recursively
 * (depth about 3,000). The maximum recursion depth in the C source is 3,006 frames (compilers
 * turn some of the tail calls into loops, so compiled code may nest less deeply).
 * Stresses: call/return overhead, argument passing, engine call-stack depth, branchy tiny
 * functions, malloc'ed nodes visited by recursion. */
#include <stdint.h>
#include <stdlib.h>

#define SPINE 3000

typedef struct Comb {
    struct Comb *next;   /* spine: depth grows by one per node */
    struct Comb *side;   /* a small complete subtree hanging off each spine node */
    struct Comb *side2;
    uint32_t value;
} Comb;

static uint32_t ackermann(uint32_t m, uint32_t n) {
    if (m == 0) return n + 1;
    if (n == 0) return ackermann(m - 1, 1);
    return ackermann(m - 1, ackermann(m, n - 1));
}

static int32_t tak(int32_t x, int32_t y, int32_t z) {
    if (y >= x) return z;
    return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y));
}

static uint32_t fib(uint32_t n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

static Comb *make_side(int depth, uint32_t value) {
    Comb *c = malloc(sizeof(Comb));
    c->next = NULL;
    c->value = value;
    if (depth > 0) {
        c->side = make_side(depth - 1, value * 3u + 1u);
        c->side2 = make_side(depth - 1, value * 5u + 2u);
    } else {
        c->side = c->side2 = NULL;
    }
    return c;
}

static Comb *make_comb(int length, uint32_t value) {
    if (length == 0) return NULL;
    Comb *c = malloc(sizeof(Comb));
    c->value = value;
    c->side = make_side((int)(value % 4u), value);
    c->side2 = NULL;
    c->next = make_comb(length - 1, value * 1103515245u + 12345u);
    return c;
}

static uint32_t walk(const Comb *c, uint32_t depth) {
    if (c == NULL) return depth;
    uint32_t h = c->value ^ (depth * 0x9E3779B1u);
    h += walk(c->side, depth + 1) * 7u;
    h ^= walk(c->side2, depth + 1);
    return h + walk(c->next, depth + 1) * 31u;
}

static void free_comb(Comb *c) {
    if (c == NULL) return;
    free_comb(c->side);
    free_comb(c->side2);
    free_comb(c->next);
    free(c);
}

void setup(void) {
}

uint32_t run(void) {
    uint32_t h = 0x811c9dc5u;
    h = (h ^ ackermann(3, 8)) * 0x01000193u;
    h = (h ^ ackermann(2, 900)) * 0x01000193u;
    h = (h ^ (uint32_t)tak(18, 12, 6)) * 0x01000193u;
    h = (h ^ fib(25)) * 0x01000193u;
    for (int round = 0; round < 24; round++) {
        Comb *c = make_comb(SPINE, (uint32_t)round + 1u);
        h = (h ^ walk(c, 0)) * 0x01000193u;
        free_comb(c);
    }
    return h ^ (h >> 15);
}
