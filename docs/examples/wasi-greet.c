/* A WASI program for docs/wasi.md: greets its first argument with $GREETING, appends a line to
   /data/greetings.txt and exits with the number of lines there.
   Build: clang-16 --target=wasm32-wasi -O2 wasi-greet.c -o wasi-greet.wasm && wasm-strip wasi-greet.wasm */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    const char *greeting = getenv("GREETING");
    const char *name = argc > 1 ? argv[1] : "world";
    printf("%s, %s!\n", greeting ? greeting : "Hello", name);
    FILE *log = fopen("/data/greetings.txt", "a+");
    if (!log) {
        perror("/data/greetings.txt");
        return 100;
    }
    fprintf(log, "greeted %s\n", name);
    rewind(log);
    int lines = 0;
    char line[256];
    while (fgets(line, sizeof line, log)) {
        lines++;
    }
    fclose(log);
    printf("%d greeting(s) in /data/greetings.txt\n", lines);
    return lines;
}
