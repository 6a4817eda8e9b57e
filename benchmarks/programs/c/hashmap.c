/* hashmap: word-frequency counting in an open-addressing hash map (linear probing, backward-shift
 * deletion, doubling growth) keyed by malloc'ed strings. A stream of 300,000 operations over a
 * generated vocabulary inserts, increments, looks up and deletes entries.
 * Stresses: malloc/free of many small strings, byte-wise string hashing (FNV-1a) and comparison,
 * unpredictable memory access into a growing table, rehashing. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define VOCAB 40000
#define OPS 300000

typedef struct {
    char *key;      /* NULL: empty slot */
    uint32_t hash;
    uint32_t count;
} Slot;

typedef struct {
    Slot *slots;
    uint32_t capacity; /* power of two */
    uint32_t size;
} Map;

static char *vocab[VOCAB];
static uint32_t *ops;
static uint64_t rng_state;

static uint32_t rng_next(void) {
    uint64_t x = rng_state;
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    rng_state = x;
    return (uint32_t)((x * 0x2545F4914F6CDD1DULL) >> 32);
}

static uint32_t fnv1a(const char *s) {
    uint32_t h = 0x811c9dc5u;
    while (*s) h = (h ^ (uint8_t)*s++) * 0x01000193u;
    return h;
}

static int same_key(const char *a, const char *b) {
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

static char *copy_string(const char *s) {
    size_t n = strlen(s) + 1;
    char *c = malloc(n);
    memcpy(c, s, n);
    return c;
}

void setup(void) {
    static const char letters[] = "etaoinshrdlucmfwypvbgkqjxz";
    rng_state = 0xA5A5A5A5DEADBEEFULL;
    for (int i = 0; i < VOCAB; i++) {
        char buf[24];
        int len = 3 + (int)(rng_next() % 12u);
        for (int k = 0; k < len; k++) {
            uint32_t r = rng_next();
            /* Skewed towards common letters, so words share prefixes. */
            buf[k] = letters[(r % 26u) & (r >> 8) % 26u];
        }
        buf[len] = '\0';
        vocab[i] = copy_string(buf);
    }
    ops = malloc(sizeof(uint32_t) * OPS);
    for (int i = 0; i < OPS; i++) {
        uint32_t r = rng_next();
        /* Skewed index distribution: some words are very frequent. */
        uint32_t idx = (r % VOCAB) & (rng_next() % VOCAB);
        if ((r >> 28) == 0) idx = rng_next() % VOCAB;
        ops[i] = idx;
    }
}

static void map_init(Map *m, uint32_t capacity) {
    m->capacity = capacity;
    m->size = 0;
    m->slots = calloc(capacity, sizeof(Slot));
}

static Slot *map_find(Map *m, const char *key, uint32_t hash) {
    uint32_t mask = m->capacity - 1;
    for (uint32_t i = hash & mask;; i = (i + 1) & mask) {
        Slot *s = &m->slots[i];
        if (s->key == NULL) return s;
        if (s->hash == hash && same_key(s->key, key)) return s;
    }
}

static void map_grow(Map *m) {
    Slot *old = m->slots;
    uint32_t old_cap = m->capacity;
    map_init(m, old_cap * 2);
    for (uint32_t i = 0; i < old_cap; i++) {
        if (old[i].key == NULL) continue;
        uint32_t mask = m->capacity - 1;
        uint32_t j = old[i].hash & mask;
        while (m->slots[j].key != NULL) j = (j + 1) & mask;
        m->slots[j] = old[i];
        m->size++;
    }
    free(old);
}

static void map_increment(Map *m, const char *key) {
    uint32_t hash = fnv1a(key);
    Slot *s = map_find(m, key, hash);
    if (s->key != NULL) {
        s->count++;
        return;
    }
    if ((m->size + 1) * 4 > m->capacity * 3) {
        map_grow(m);
        s = map_find(m, key, hash);
    }
    s->key = copy_string(key);
    s->hash = hash;
    s->count = 1;
    m->size++;
}

/* Removes the key, shifting later members of the probe run back (no tombstones). */
static uint32_t map_remove(Map *m, const char *key) {
    uint32_t hash = fnv1a(key);
    Slot *s = map_find(m, key, hash);
    if (s->key == NULL) return 0;
    uint32_t removed = s->count;
    free(s->key);
    uint32_t mask = m->capacity - 1;
    uint32_t hole = (uint32_t)(s - m->slots);
    for (uint32_t j = (hole + 1) & mask; m->slots[j].key != NULL; j = (j + 1) & mask) {
        uint32_t home = m->slots[j].hash & mask;
        /* Move slot j into the hole unless its home lies cyclically in (hole, j]. */
        int stays = (hole <= j) ? (home > hole && home <= j) : (home > hole || home <= j);
        if (!stays) {
            m->slots[hole] = m->slots[j];
            hole = j;
        }
    }
    m->slots[hole].key = NULL;
    m->size--;
    return removed;
}

uint32_t run(void) {
    Map m;
    map_init(&m, 64);
    uint32_t h = 0x811c9dc5u, removed_total = 0, found = 0;
    for (int i = 0; i < OPS; i++) {
        const char *w = vocab[ops[i]];
        if (i % 17 == 16) {
            removed_total += map_remove(&m, w);
        } else if (i % 5 == 4) {
            Slot *s = map_find(&m, w, fnv1a(w));
            if (s->key != NULL) found += s->count;
        } else {
            map_increment(&m, w);
        }
    }
    for (uint32_t i = 0; i < m.capacity; i++) {
        Slot *s = &m.slots[i];
        if (s->key == NULL) continue;
        h = (h ^ s->hash) * 0x01000193u;
        h = (h ^ s->count ^ i) * 0x01000193u;
        free(s->key);
    }
    h ^= m.size * 0x9E3779B1u + m.capacity;
    free(m.slots);
    return h ^ (removed_total * 31u) ^ (found << 7);
}
