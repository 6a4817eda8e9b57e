/* The README's example: counts the primes below N (argument 1, default 1000000) with a sieve of
   Eratosthenes in linear memory and prints the count, a WASI command-line program.
   Build: clang-16 --target=wasm32-wasi -O2 sieve.c -o sieve.wasm && wasm-strip sieve.wasm */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    long n = argc > 1 ? strtol(argv[1], NULL, 10) : 1000000;
    if (n < 2 || n > 100000000) {
        fprintf(stderr, "sieve: N must be between 2 and 100000000\n");
        return 2;
    }
    unsigned char *composite = calloc((size_t)n, 1);
    if (!composite) {
        fprintf(stderr, "sieve: out of memory\n");
        return 1;
    }
    long count = 0;
    for (long i = 2; i < n; i++) {
        if (!composite[i]) {
            count++;
            if (i <= n / i) { /* i * i fits and is below n */
                for (long j = i * i; j < n; j += i) {
                    composite[j] = 1;
                }
            }
        }
    }
    printf("%ld primes below %ld\n", count, n);
    free(composite);
    return 0;
}
