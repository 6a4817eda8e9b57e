// Hello world for WASI: the program of the start-up measurement in docs/wasi.md.
// Build: clang-16 --target=wasm32-wasi -O2 -o hello.wasm hello.c && wasm-strip hello.wasm
#include <stdio.h>

int main(void) {
    puts("Hello, world!");
    return 0;
}
