/*
 * A small POSIX threads layer for Wasm programs of this project, over wasi-threads: threads are
 * started with the "wasi" "thread-spawn" import and enter at the exported wasi_thread_start
 * (wasi_thread_start.s); mutexes, condition variables and joins block with
 * memory.atomic.wait32 and wake with memory.atomic.notify.
 *
 * It exists because the Debian toolchain on our machines has no wasm32-wasi-threads sysroot
 * (its wasi-libc is built single-threaded, and wasm-ld refuses to link those objects into a
 * module with a shared memory), so the test programs link no libc at all: see build.sh.
 */
#ifndef WASI_PTHREAD_H
#define WASI_PTHREAD_H

typedef struct wasi_thread *pthread_t;
typedef struct { int state; } pthread_mutex_t; /* 0 unlocked, 1 locked, 2 locked with waiters */
typedef struct { int sequence; } pthread_cond_t; /* bumped by every signal and broadcast */
typedef struct pthread_attr pthread_attr_t;

#define PTHREAD_MUTEX_INITIALIZER {0}
#define PTHREAD_COND_INITIALIZER {0}

int pthread_create(pthread_t *thread, const pthread_attr_t *attr, void *(*start)(void *), void *arg);
int pthread_join(pthread_t thread, void **result);
int pthread_mutex_lock(pthread_mutex_t *mutex);
int pthread_mutex_unlock(pthread_mutex_t *mutex);
int pthread_cond_wait(pthread_cond_t *cond, pthread_mutex_t *mutex);
int pthread_cond_signal(pthread_cond_t *cond);
int pthread_cond_broadcast(pthread_cond_t *cond);

#endif
