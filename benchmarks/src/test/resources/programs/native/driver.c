/* The harness's own test driver (benchmarks/programs/native/driver.c is the real one): links with one
 * test program and prints the runner protocol. Usage: <binary> [<name>] <iterations> */
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
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main(int argc, char **argv) {
    long iterations = argc >= 2 ? strtol(argv[argc - 1], NULL, 10) : 1;
    if (iterations < 1) {
        fprintf(stderr, "usage: %s [name] <iterations>\n", argv[0]);
        return 64;
    }
    double start = now_ms();
    setup();
    uint32_t checksum = run();
    printf("first_iteration_ms=%.3f\n", now_ms() - start);
    for (long i = 1; i < iterations; i++) {
        double s = now_ms();
        uint32_t c = run();
        printf("iteration_ms=%.3f\n", now_ms() - s);
        if (c != checksum) {
            fprintf(stderr, "run() %ld returned %u, the first %u\n", i + 1, c, checksum);
            return 2;
        }
    }
    printf("checksum=%u\n", checksum);
    return 0;
}
