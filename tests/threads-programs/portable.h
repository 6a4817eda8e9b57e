/*
 * What the threads test programs share between their Wasm build (wasi_pthread.c, no libc) and
 * their native build (glibc's pthreads and printf): the pthreads API and one output function.
 */
#ifndef PORTABLE_H
#define PORTABLE_H

#ifdef __wasm__
#include "wasi_pthread.h"
void print_line(const char *label, unsigned long long value);
#else
#include <pthread.h>
#include <stdio.h>
static inline void print_line(const char *label, unsigned long long value) {
    printf("%s %llu\n", label, value);
}
#endif

int main(void);

#endif
