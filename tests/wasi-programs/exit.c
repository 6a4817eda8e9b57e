/* Exit codes: returning from main, exit() (running atexit handlers and flushing stdio), _Exit,
   and proc_exit directly, with the code given as argv[2]. */
#include <stdlib.h>
#include <unistd.h>
#include <wasi/api.h>
#include "common.h"

static void goodbye(void) {
    printf("atexit handler ran\n");
}

int main(int argc, char **argv) {
    if (argc != 3) {
        printf("usage: exit return|exit|_Exit|proc_exit CODE\n");
        return 2;
    }
    int code = atoi(argv[2]);
    atexit(goodbye);
    printf("leaving by %s with %d\n", argv[1], code);
    fflush(stdout);
    if (strcmp(argv[1], "exit") == 0) exit(code);
    if (strcmp(argv[1], "_Exit") == 0) _Exit(code);
    if (strcmp(argv[1], "proc_exit") == 0) __wasi_proc_exit(code);
    return code;
}
