/* binarytrees: allocate many complete binary trees with malloc, walk them recursively to compute
 * a checksum, and free them again; one long-lived tree survives the whole run.
 * Stresses: the malloc/free allocator inside the module (dlmalloc in wasi-libc), pointer-chasing
 * loads, recursion (depth up to 16), memory growth on the first run. */
#include <stdint.h>
#include <stdlib.h>

#define MIN_DEPTH 4
#define MAX_DEPTH 14

typedef struct Node {
    struct Node *left, *right;
    uint32_t value;
} Node;

static Node *make_tree(int depth, uint32_t value) {
    Node *n = malloc(sizeof(Node));
    n->value = value;
    if (depth > 0) {
        n->left = make_tree(depth - 1, 2u * value);
        n->right = make_tree(depth - 1, 2u * value + 1u);
    } else {
        n->left = n->right = NULL;
    }
    return n;
}

static uint32_t check_tree(const Node *n) {
    if (n->left == NULL) return 1u + (n->value & 7u);
    return 1u + n->value * 3u + check_tree(n->left) - check_tree(n->right) * 5u;
}

static void free_tree(Node *n) {
    if (n->left != NULL) {
        free_tree(n->left);
        free_tree(n->right);
    }
    free(n);
}

void setup(void) {
}

uint32_t run(void) {
    uint32_t h = 0x811c9dc5u;
    Node *stretch = make_tree(MAX_DEPTH + 1, 1u);
    h = (h ^ check_tree(stretch)) * 0x01000193u;
    free_tree(stretch);

    Node *long_lived = make_tree(MAX_DEPTH, 7u);
    for (int depth = MIN_DEPTH; depth <= MAX_DEPTH; depth += 2) {
        uint32_t iterations = 1u << (MAX_DEPTH - depth + MIN_DEPTH);
        uint32_t sum = 0;
        for (uint32_t i = 0; i < iterations; i++) {
            Node *t = make_tree(depth, i);
            sum += check_tree(t);
            free_tree(t);
        }
        h = (h ^ sum ^ iterations) * 0x01000193u;
    }
    h = (h ^ check_tree(long_lived)) * 0x01000193u;
    free_tree(long_lived);
    return h ^ (h >> 16);
}
