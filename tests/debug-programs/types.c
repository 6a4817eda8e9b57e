/*
 * Variables of many C types for the DWARF decoder's tests (dev.twasm.debug.DebugInfoTest): no
 * libc, so the module holds this unit's DWARF alone. Built with -g -O0 by build.sh.
 */
#include <stdbool.h>

typedef unsigned int u32;
struct point {
    int x, y;
};
enum color { RED, GREEN = 5 };
int counter = 7;

__attribute__((export_name("work"), noinline)) double work(const char *name, u32 n, float f, bool flag, char c, struct point p,
                                                          enum color col, short s, unsigned char uc) {
    static int calls = 0;
    int numbers[3] = {1, 2, 3};
    volatile long long big = -5;
    const u32 *pointer = &n;
    double d = f * 2.0;
    calls++;
    {
        int inner = numbers[1] + p.x;
        d += inner;
    }
    return d + *pointer + flag + c + col + s + uc + big + name[0] + counter + calls;
}

__attribute__((export_name("run"))) double run(void) {
    struct point p = {1, 2};
    return work("x", 3, 1.5f, true, 'a', p, GREEN, -2, 200);
}
