/*
 * The atomics stress test: THREADS threads each add 1 to one shared counter INCREMENTS times
 * with an atomic read-modify-write; the total must be exact.
 */
#include "portable.h"

#define THREADS 8
#define INCREMENTS 1000000

static unsigned counter;

static void *worker(void *argument) {
    (void) argument;
    for (int i = 0; i < INCREMENTS; i++) {
        __atomic_fetch_add(&counter, 1u, __ATOMIC_SEQ_CST);
    }
    return 0;
}

int main(void) {
    pthread_t threads[THREADS];
    for (int k = 0; k < THREADS; k++) {
        if (pthread_create(&threads[k], 0, worker, 0) != 0) {
            print_line("pthread_create failed for thread", (unsigned long long) k);
            return 2;
        }
    }
    for (int k = 0; k < THREADS; k++) {
        pthread_join(threads[k], 0);
    }
    print_line("threads", THREADS);
    print_line("counter", __atomic_load_n(&counter, __ATOMIC_SEQ_CST));
    return counter == (unsigned) THREADS * INCREMENTS ? 0 : 1;
}
