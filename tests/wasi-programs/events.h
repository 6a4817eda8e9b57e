/* poll_oneoff helpers shared by poll.c and posix.c. */
#include <stdint.h>
#include <time.h>
#include <wasi/api.h>

static inline int64_t now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

/* Polls and prints the events. When a clock should make it wait, checks that it waited 20 ms or
   more; otherwise that it returned within a second. */
static inline void poll_and_show(const char *what, __wasi_subscription_t *subs, int n, int waits) {
    __wasi_event_t events[4];
    __wasi_size_t count = 0;
    int64_t start = now();
    __wasi_errno_t error = __wasi_poll_oneoff(subs, events, n, &count);
    int64_t waited = now() - start;
    printf("%s: errno %d, %u events", what, error, (unsigned) count);
    for (unsigned i = 0; i < count; i++) {
        printf("; userdata %llu type %d error %d", (unsigned long long) events[i].userdata, events[i].type, events[i].error);
        if (events[i].type != __WASI_EVENTTYPE_CLOCK && events[i].error == 0) {
            printf(" nbytes %llu", (unsigned long long) events[i].fd_readwrite.nbytes);
        }
    }
    printf("; %s: %d\n", waits ? "waited 20 ms or more" : "promptly", waits ? waited >= 20000000 : waited < 1000000000);
}
