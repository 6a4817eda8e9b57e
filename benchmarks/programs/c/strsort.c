/* strsort: text processing. setup() generates about 600 KB of pseudo-English text (syllable
 * words, mixed case, punctuation, line breaks). run() tokenises it into lower-case words, sorts
 * the word pointers with a merge sort on a hand-written string comparison, counts the distinct
 * words, then sorts (frequency, word) records with a hand-written quicksort (median of three,
 * insertion sort for short ranges).
 * Stresses: byte loads and compares, character classification branches, pointer arrays,
 * recursion in the sorts, memcpy-like copying. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define TEXT_WORDS 110000
#define TEXT_MAX (TEXT_WORDS * 16)

typedef struct {
    const char *word;
    uint32_t count;
    uint32_t first_seen;
} Record;

static char *text;
static uint32_t text_len;
static char *token_arena;
static const char **tokens;
static const char **scratch;
static Record *records;
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
    static const char *const syllables[] = {
        "ka", "lo", "mi", "ne", "ru", "sta", "pel", "dor", "vin", "tha", "qua", "ber", "zi",
        "on", "el", "is", "ur", "gra", "fen", "tol", "ash", "mo", "ri", "ven", "cal", "do",
    };
    static const char punct[] = ",.;:!?";
    text = malloc(TEXT_MAX);
    rng_state = 0xC0FFEE1234567ULL;
    uint32_t pos = 0;
    for (int w = 0; w < TEXT_WORDS; w++) {
        uint32_t r = rng_next();
        /* Zipf-like choice: few syllables for frequent words. */
        int nsyl = 1 + (int)((r & (r >> 3)) % 4u);
        uint32_t seed = rng_next() % (w < 2000 ? 50u : 3000u);
        for (int s = 0; s < nsyl; s++) {
            const char *syl = syllables[(seed + (uint32_t)s * 7u + (seed >> (s + 1))) % 26u];
            for (const char *p = syl; *p; p++) {
                char c = *p;
                if (s == 0 && (r >> 28) == 0) c = (char)(c - 'a' + 'A');
                text[pos++] = c;
            }
        }
        uint32_t t = (r >> 20) & 31u;
        if (t == 0) text[pos++] = punct[(r >> 8) % 6u];
        if (t == 1) {
            text[pos++] = '-';
            text[pos++] = '-';
        }
        text[pos++] = (t == 2) ? '\n' : ' ';
    }
    text_len = pos;
    token_arena = malloc(TEXT_MAX);
    tokens = malloc(sizeof(char *) * TEXT_WORDS * 2);
    scratch = malloc(sizeof(char *) * TEXT_WORDS * 2);
    records = malloc(sizeof(Record) * TEXT_WORDS);
}

static int compare_str(const char *a, const char *b) {
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return (int)(uint8_t)*a - (int)(uint8_t)*b;
}

static void merge_sort(const char **items, const char **tmp, uint32_t n) {
    if (n < 2) return;
    if (n <= 8) {
        for (uint32_t i = 1; i < n; i++) {
            const char *v = items[i];
            uint32_t j = i;
            while (j > 0 && compare_str(items[j - 1], v) > 0) {
                items[j] = items[j - 1];
                j--;
            }
            items[j] = v;
        }
        return;
    }
    uint32_t half = n / 2;
    merge_sort(items, tmp, half);
    merge_sort(items + half, tmp, n - half);
    uint32_t i = 0, j = half, k = 0;
    while (i < half && j < n) tmp[k++] = compare_str(items[j], items[i]) < 0 ? items[j++] : items[i++];
    while (i < half) tmp[k++] = items[i++];
    while (j < n) tmp[k++] = items[j++];
    for (uint32_t m = 0; m < n; m++) items[m] = tmp[m];
}

/* Higher count first, then alphabetical. */
static int record_before(const Record *a, const Record *b) {
    if (a->count != b->count) return a->count > b->count;
    return compare_str(a->word, b->word) < 0;
}

static void swap_records(Record *a, Record *b) {
    Record t = *a;
    *a = *b;
    *b = t;
}

static void quick_sort(Record *r, int32_t lo, int32_t hi) {
    while (hi - lo > 12) {
        int32_t mid = lo + (hi - lo) / 2;
        if (record_before(&r[mid], &r[lo])) swap_records(&r[mid], &r[lo]);
        if (record_before(&r[hi], &r[lo])) swap_records(&r[hi], &r[lo]);
        if (record_before(&r[hi], &r[mid])) swap_records(&r[hi], &r[mid]);
        Record pivot = r[mid];
        int32_t i = lo, j = hi;
        while (i <= j) {
            while (record_before(&r[i], &pivot)) i++;
            while (record_before(&pivot, &r[j])) j--;
            if (i <= j) {
                swap_records(&r[i], &r[j]);
                i++;
                j--;
            }
        }
        /* Recurse into the smaller side, loop on the larger. */
        if (j - lo < hi - i) {
            quick_sort(r, lo, j);
            lo = i;
        } else {
            quick_sort(r, i, hi);
            hi = j;
        }
    }
    for (int32_t i = lo + 1; i <= hi; i++) {
        Record v = r[i];
        int32_t j = i;
        while (j > lo && record_before(&v, &r[j - 1])) {
            r[j] = r[j - 1];
            j--;
        }
        r[j] = v;
    }
}

static int is_letter(uint8_t c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

uint32_t run(void) {
    /* Tokenise: words are runs of letters, lower-cased into the arena. */
    uint32_t ntok = 0, arena_pos = 0, lines = 0, puncts = 0;
    for (uint32_t i = 0; i < text_len;) {
        uint8_t c = (uint8_t)text[i];
        if (!is_letter(c)) {
            if (c == '\n') lines++;
            else if (c != ' ') puncts++;
            i++;
            continue;
        }
        tokens[ntok++] = token_arena + arena_pos;
        while (i < text_len && is_letter((uint8_t)text[i])) {
            uint8_t ch = (uint8_t)text[i++];
            if (ch <= 'Z') ch = (uint8_t)(ch + ('a' - 'A'));
            token_arena[arena_pos++] = (char)ch;
        }
        token_arena[arena_pos++] = '\0';
    }
    merge_sort(tokens, scratch, ntok);

    uint32_t h = 0x811c9dc5u, nrec = 0;
    for (uint32_t i = 0; i < ntok;) {
        uint32_t j = i + 1;
        while (j < ntok && compare_str(tokens[i], tokens[j]) == 0) j++;
        records[nrec].word = tokens[i];
        records[nrec].count = j - i;
        records[nrec].first_seen = (uint32_t)(tokens[i] - token_arena);
        nrec++;
        i = j;
    }
    quick_sort(records, 0, (int32_t)nrec - 1);
    for (uint32_t i = 0; i < nrec; i++) {
        for (const char *p = records[i].word; *p; p++) h = (h ^ (uint8_t)*p) * 0x01000193u;
        h = (h ^ records[i].count ^ (records[i].first_seen << 8)) * 0x01000193u;
    }
    return h ^ (ntok * 0x9E3779B1u) ^ (nrec << 3) ^ (lines << 17) ^ puncts;
}
