/* Native reference runner for the benchmark programs (see benchmarks/programs/README.md).
 * Linked with one program's C source by build.sh: gcc -O2 -ffp-contract=off driver.c <prog>.c -lm.
 * Usage: <binary> [<name>] <iterations>
 * Prints the runner protocol: first_iteration_ms (setup + first run), one iteration_ms line per
 * further run(), then checksum=<unsigned 32-bit decimal>. Exits 2 if two run() calls disagree.
 * A minimum run time in milliseconds in the environment variable BENCH_MIN_TIME_MS makes it go on
 * past <iterations> until that much time has passed since the start, as the other runners do. */
#define _POSIX_C_SOURCE 199309L
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

void setup(void);
uint32_t run(void);

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

int main(int argc, char **argv) {
    long iterations = 1;
    if (argc >= 2) {
        char *end;
        iterations = strtol(argv[argc - 1], &end, 10);
        if (*end != '\0' || iterations < 1) {
            fprintf(stderr, "usage: %s [name] <iterations >= 1>\n", argv[0]);
            return 64;
        }
    }
    const char *min_env = getenv("BENCH_MIN_TIME_MS");
    double min_ms = min_env ? strtod(min_env, NULL) : 0.0;
    double t0 = now_ms();
    setup();
    uint32_t first = run();
    double t1 = now_ms();
    printf("first_iteration_ms=%.3f\n", t1 - t0);
    for (long i = 1; i < iterations || now_ms() - t0 < min_ms; i++) {
        double s = now_ms();
        uint32_t c = run();
        double e = now_ms();
        printf("iteration_ms=%.3f\n", e - s);
        if (c != first) {
            fprintf(stderr, "run() %ld returned %u, the first returned %u\n", i + 1, c, first);
            return 2;
        }
    }
    printf("checksum=%u\n", first);
    return 0;
}
