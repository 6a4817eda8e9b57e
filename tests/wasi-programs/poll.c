/* poll_oneoff with clock subscriptions: one, several (the earliest fires), none, and through
   libc's poll() with a timeout. */
#include <poll.h>
#include <stdint.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>
#include "common.h"
#include "events.h"

static __wasi_subscription_t clock_sub(uint64_t userdata, __wasi_clockid_t id, uint64_t timeout) {
    __wasi_subscription_t s;
    memset(&s, 0, sizeof s);
    s.userdata = userdata;
    s.u.tag = __WASI_EVENTTYPE_CLOCK;
    s.u.u.clock.id = id;
    s.u.u.clock.timeout = timeout;
    return s;
}

int main(void) {
    __wasi_subscription_t subs[4];
    __wasi_event_t events[4];
    __wasi_size_t count;
    WASI(__wasi_poll_oneoff(subs, events, 0, &count));

    subs[0] = clock_sub(42, __WASI_CLOCKID_MONOTONIC, 25000000);
    poll_and_show("relative 25 ms", subs, 1, 1);

    /* (node's WASI waits for ever on absolute clock subscriptions: posix.c checks them) */

    subs[0] = clock_sub(1, __WASI_CLOCKID_MONOTONIC, 5000000000u);
    subs[1] = clock_sub(2, __WASI_CLOCKID_MONOTONIC, 21000000);
    poll_and_show("5 s and 21 ms", subs, 2, 1);

    /* (node's WASI refuses fd subscriptions: posix.c checks them) */
    int64_t start = now();
    CHECK(poll(NULL, 0, 22));
    printf("poll(NULL, 0, 22 ms) waited at least 20 ms: %d\n", now() - start >= 20000000);
    return 0;
}
