/* Shared helpers of the WASI test programs: each prints what it did and what came back, so that
   the output of two WASI implementations can be compared line by line. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

/* Prints "what = result", with errno when the result is negative, then clears errno. */
#define CHECK(expr) report(#expr, (long) (expr))

static inline void report(const char *what, long result) {
    if (result < 0) {
        printf("%s = %ld (errno %d: %s)\n", what, result, errno, strerror(errno));
    } else {
        printf("%s = %ld\n", what, result);
    }
    errno = 0;
}

/* Prints a raw WASI call's errno (0 is success). */
#define WASI(expr) printf("%s -> errno %d\n", #expr, (int) (expr))
