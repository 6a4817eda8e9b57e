// A WASI program for the launcher's tests (CliWasiTest): shows what `wasm run` gives a program,
// its arguments, environment, granted directory, stdin, stdout, and its exit code.
// Build: clang-16 --target=wasm32-wasi -O2 -o echo.wasm echo.c && wasm-strip echo.wasm
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    for (int i = 0; i < argc; i++) {
        printf("arg %d: %s\n", i, argv[i]);
    }
    const char *greeting = getenv("GREETING");
    printf("GREETING=%s\n", greeting ? greeting : "(unset)");
    printf("PATH is %s\n", getenv("PATH") ? "set" : "unset");
    char line[100];
    FILE *in = fopen("/data/in.txt", "r");
    if (in && fgets(line, sizeof line, in)) {
        printf("read: %s", line);
    } else {
        printf("cannot read /data/in.txt\n");
    }
    if (in) {
        fclose(in);
    }
    FILE *out = fopen("/data/out.txt", "w");
    if (out) {
        fputs("written by echo.wasm\n", out);
        fclose(out);
    }
    if (fgets(line, sizeof line, stdin)) {
        printf("stdin: %s", line);
    }
    fprintf(stderr, "to stderr\n");
    return argc;
}
