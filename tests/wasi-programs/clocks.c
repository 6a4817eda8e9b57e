/* Clocks: clock_getres and clock_gettime on every clock, monotonicity, sleeping (nanosleep, usleep:
   poll_oneoff underneath), clock() and the CPU-time clocks, time(), gettimeofday, and unknown
   clocks. Prints facts, not times, so that runs compare. */
#include <stdint.h>
#include <stdlib.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>
#include "common.h"

static int64_t nanos(clockid_t clock) {
    struct timespec ts;
    clock_gettime(clock, &ts);
    return (int64_t) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

int main(void) {
    const clockid_t clocks[] = {CLOCK_REALTIME, CLOCK_MONOTONIC, CLOCK_PROCESS_CPUTIME_ID, CLOCK_THREAD_CPUTIME_ID};
    const char *names[] = {"realtime", "monotonic", "process cputime", "thread cputime"};
    for (int i = 0; i < 4; i++) {
        struct timespec res;
        int r = clock_getres(clocks[i], &res);
        int64_t ns = (int64_t) res.tv_sec * 1000000000 + res.tv_nsec;
        printf("%s: getres %d, resolution positive: %d\n", names[i], r, ns > 0);
    }
    int64_t now = nanos(CLOCK_REALTIME);
    printf("realtime is after 2024-01-01: %d\n", now > (int64_t) 1704067200 * 1000000000);
    printf("time() agrees with realtime: %d\n", llabs((int64_t) time(NULL) - now / 1000000000) <= 1);
    struct timeval tv;
    CHECK(gettimeofday(&tv, NULL));
    printf("gettimeofday agrees: %d\n", llabs((int64_t) tv.tv_sec - now / 1000000000) <= 1);

    int64_t previous = nanos(CLOCK_MONOTONIC);
    int monotonic = 1;
    for (int i = 0; i < 10000; i++) {
        int64_t t = nanos(CLOCK_MONOTONIC);
        monotonic &= t >= previous;
        previous = t;
    }
    printf("monotonic never goes back: %d\n", monotonic);

    int64_t start = nanos(CLOCK_MONOTONIC);
    struct timespec delay = {0, 30000000};
    CHECK(nanosleep(&delay, NULL));
    int64_t slept = nanos(CLOCK_MONOTONIC) - start;
    /* "At least" allows 1 ms of slack: node's WASI sleeps on libuv's millisecond timers, which can
       wake a fraction of a millisecond early by the monotonic clock. */
    printf("nanosleep(30 ms) slept at least 30 ms: %d, less than 2 s: %d\n", slept >= 29000000, slept < 2000000000);
    start = nanos(CLOCK_MONOTONIC);
    CHECK(usleep(15000));
    printf("usleep(15 ms) slept at least 15 ms: %d\n", nanos(CLOCK_MONOTONIC) - start >= 14000000);
    CHECK(sleep(0));

    clock_t c0 = clock();
    int64_t t0 = nanos(CLOCK_THREAD_CPUTIME_ID);
    volatile uint64_t x = 1;
    for (int i = 0; i < 20000000; i++) x = x * 6364136223846793005u + 1442695040888963407u;
    clock_t c1 = clock();
    printf("clock() advanced while computing: %d\n", c1 > c0);
    printf("thread CPU time advanced: %d\n", nanos(CLOCK_THREAD_CPUTIME_ID) > t0);

    __wasi_timestamp_t t;
    WASI(__wasi_clock_time_get(4, 1, &t));
    WASI(__wasi_clock_res_get(4, &t));
    WASI(__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 0, &t));
    return 0;
}
