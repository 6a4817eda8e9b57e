/*
 * A CPU hotspot for the tools tests (the CPU sampler, the tracer and the debugger): main prints
 * one deterministic line computed by count_collatz_steps, which holds nearly all of the run time.
 * Built with -g (see build.sh), so its source lines, its loop variable `start` and its accumulator
 * `total_steps` are visible through DWARF.
 */
#include <stdio.h>

/* The number of steps the Collatz map takes from n down to 1. */
static unsigned int collatz_length(unsigned long long n) {
    unsigned int steps = 0;
    while (n != 1) {
        n = (n & 1) ? 3 * n + 1 : n / 2;
        steps++;
    }
    return steps;
}

/* The total Collatz length of 1..limit: the hot function. */
__attribute__((noinline)) unsigned long long count_collatz_steps(unsigned int limit) {
    unsigned long long total_steps = 0;
    for (unsigned int start = 1; start <= limit; start++) {
        total_steps += collatz_length(start);
    }
    return total_steps;
}

int main(void) {
    unsigned int limit = 3000000;
    unsigned long long total = count_collatz_steps(limit);
    printf("collatz steps of 1..%u: %llu\n", limit, total);
    return 0;
}
