/* Arguments and environment: args_sizes_get, args_get, environ_sizes_get, environ_get.
   Exits with the number of arguments, so the exit code is checked too. */
#include <stdlib.h>
#include <wasi/api.h>
#include "common.h"

extern char **environ;

int main(int argc, char **argv) {
    printf("argc = %d\n", argc);
    for (int i = 0; i < argc; i++) {
        printf("argv[%d] = \"%s\" (%zu bytes)\n", i, argv[i], strlen(argv[i]));
    }
    const char *names[] = {"GREETING", "EMPTY", "UNICODE", "WITH_EQUALS", "MISSING"};
    for (int i = 0; i < 5; i++) {
        const char *value = getenv(names[i]);
        printf("getenv(%s) = %s%s%s\n", names[i], value ? "\"" : "", value ? value : "(null)", value ? "\"" : "");
    }
    int count = 0;
    for (char **e = environ; *e; e++) {
        count++;
    }
    printf("environ has %d entries\n", count);
    __wasi_size_t n, size;
    WASI(__wasi_args_sizes_get(&n, &size));
    printf("args: %u strings, %u bytes\n", (unsigned) n, (unsigned) size);
    WASI(__wasi_environ_sizes_get(&n, &size));
    printf("environ: %u strings, %u bytes\n", (unsigned) n, (unsigned) size);
    return argc;
}
