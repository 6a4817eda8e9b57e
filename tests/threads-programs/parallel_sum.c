/*
 * A parallel sum with POSIX threads: WORKERS threads each sum a slice of a sequence, add their
 * partial sum to a total under a mutex, bump a shared counter ROUNDS times under the same mutex
 * (a plain ++ that only mutual exclusion keeps exact), and signal a condition variable; the main
 * thread waits on it until every worker is done, then joins them. Prints the results, which the
 * native build (build.sh) prints identically.
 */
#include "portable.h"

#define WORKERS 4
#define COUNT 3000000u
#define ROUNDS 20000

struct slice {
    unsigned from;
    unsigned to;
    unsigned long long partial;
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t finished = PTHREAD_COND_INITIALIZER;
static unsigned long long total;
static unsigned long long counter;
static int done_workers;
static _Thread_local unsigned long long thread_sum;

static void *worker(void *argument) {
    struct slice *slice = argument;
    for (unsigned i = slice->from; i < slice->to; i++) {
        thread_sum += (unsigned long long) i * i % 1000003u;
    }
    slice->partial = thread_sum;
    for (int round = 0; round < ROUNDS; round++) {
        pthread_mutex_lock(&lock);
        counter++;
        pthread_mutex_unlock(&lock);
    }
    pthread_mutex_lock(&lock);
    total += thread_sum;
    done_workers++;
    pthread_cond_signal(&finished);
    pthread_mutex_unlock(&lock);
    return slice;
}

int main(void) {
    pthread_t threads[WORKERS];
    struct slice slices[WORKERS];
    for (int k = 0; k < WORKERS; k++) {
        slices[k].from = (unsigned) ((unsigned long long) COUNT * k / WORKERS);
        slices[k].to = (unsigned) ((unsigned long long) COUNT * (k + 1) / WORKERS);
        if (pthread_create(&threads[k], 0, worker, &slices[k]) != 0) {
            print_line("pthread_create failed for worker", (unsigned long long) k);
            return 2;
        }
    }
    pthread_mutex_lock(&lock);
    while (done_workers < WORKERS) {
        pthread_cond_wait(&finished, &lock);
    }
    unsigned long long sum = total;
    pthread_mutex_unlock(&lock);
    unsigned long long partials = 0;
    for (int k = 0; k < WORKERS; k++) {
        void *result;
        pthread_join(threads[k], &result);
        if (result != &slices[k]) {
            print_line("wrong join result of worker", (unsigned long long) k);
            return 3;
        }
        partials += slices[k].partial;
    }
    print_line("workers", WORKERS);
    print_line("sum", sum);
    print_line("partials", partials);
    print_line("counter", counter);
    return sum == partials && counter == (unsigned long long) WORKERS * ROUNDS ? 0 : 1;
}
