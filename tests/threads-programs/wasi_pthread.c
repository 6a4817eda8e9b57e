/* The threads layer declared in wasi_pthread.h, and the program entry and output of the test programs. */
#include "portable.h"

#define MAX_THREADS 16
#define STACK_SIZE (64 * 1024)
#define TLS_CAPACITY 256
#define EAGAIN_CODE 6
#define FOREVER (-1LL)
#define SEQ __ATOMIC_SEQ_CST

/* Read by wasi_thread_start.s at offsets 0 and 4: do not reorder the first two fields. */
struct wasi_thread {
    void *stack_top;
    void *tls;
    void *(*start)(void *);
    void *arg;
    void *result;
    int done; /* 0 while running, 1 once finished: the futex word of pthread_join */
};

static struct wasi_thread threads[MAX_THREADS];
static _Alignas(16) unsigned char stacks[MAX_THREADS][STACK_SIZE];
static _Alignas(16) unsigned char tls_blocks[MAX_THREADS][TLS_CAPACITY];
static int thread_count;

__attribute__((import_module("wasi"), import_name("thread-spawn"))) int wasi_thread_spawn(void *start_arg);
__attribute__((import_module("wasi_snapshot_preview1"), import_name("fd_write"))) int wasi_fd_write(int fd, const void *iovs, int count, int *written);
__attribute__((import_module("wasi_snapshot_preview1"), import_name("proc_exit"))) _Noreturn void wasi_proc_exit(int code);

/* Called by wasi_thread_start once the new thread has its stack and its thread-local storage. */
void wasi_thread_main(int tid, struct wasi_thread *thread) {
    (void) tid;
    thread->result = thread->start(thread->arg);
    __atomic_store_n(&thread->done, 1, SEQ);
    __builtin_wasm_memory_atomic_notify(&thread->done, 1);
}

int pthread_create(pthread_t *result, const pthread_attr_t *attr, void *(*start)(void *), void *arg) {
    (void) attr;
    if (__builtin_wasm_tls_size() > TLS_CAPACITY || __builtin_wasm_tls_align() > 16) {
        return EAGAIN_CODE;
    }
    int index = __atomic_fetch_add(&thread_count, 1, SEQ);
    if (index >= MAX_THREADS) {
        return EAGAIN_CODE;
    }
    struct wasi_thread *thread = &threads[index];
    thread->stack_top = stacks[index] + STACK_SIZE;
    thread->tls = tls_blocks[index];
    thread->start = start;
    thread->arg = arg;
    if (wasi_thread_spawn(thread) < 0) {
        return EAGAIN_CODE;
    }
    *result = thread;
    return 0;
}

int pthread_join(pthread_t thread, void **result) {
    while (__atomic_load_n(&thread->done, SEQ) == 0) {
        __builtin_wasm_memory_atomic_wait32(&thread->done, 0, FOREVER);
    }
    if (result) {
        *result = thread->result;
    }
    return 0;
}

int pthread_mutex_lock(pthread_mutex_t *mutex) {
    int seen = 0;
    if (__atomic_compare_exchange_n(&mutex->state, &seen, 1, 0, SEQ, SEQ)) {
        return 0;
    }
    if (seen != 2) {
        seen = __atomic_exchange_n(&mutex->state, 2, SEQ);
    }
    while (seen != 0) {
        __builtin_wasm_memory_atomic_wait32(&mutex->state, 2, FOREVER);
        seen = __atomic_exchange_n(&mutex->state, 2, SEQ);
    }
    return 0;
}

int pthread_mutex_unlock(pthread_mutex_t *mutex) {
    if (__atomic_fetch_sub(&mutex->state, 1, SEQ) != 1) {
        __atomic_store_n(&mutex->state, 0, SEQ);
        __builtin_wasm_memory_atomic_notify(&mutex->state, 1);
    }
    return 0;
}

int pthread_cond_wait(pthread_cond_t *cond, pthread_mutex_t *mutex) {
    int sequence = __atomic_load_n(&cond->sequence, SEQ);
    pthread_mutex_unlock(mutex);
    __builtin_wasm_memory_atomic_wait32(&cond->sequence, sequence, FOREVER);
    return pthread_mutex_lock(mutex);
}

int pthread_cond_signal(pthread_cond_t *cond) {
    __atomic_fetch_add(&cond->sequence, 1, SEQ);
    __builtin_wasm_memory_atomic_notify(&cond->sequence, 1);
    return 0;
}

int pthread_cond_broadcast(pthread_cond_t *cond) {
    __atomic_fetch_add(&cond->sequence, 1, SEQ);
    __builtin_wasm_memory_atomic_notify(&cond->sequence, 0xFFFFFFFFu);
    return 0;
}

void print_line(const char *label, unsigned long long value) {
    char line[96];
    int n = 0;
    while (*label && n < 64) {
        line[n++] = *label++;
    }
    line[n++] = ' ';
    char digits[20];
    int d = 0;
    do {
        digits[d++] = (char) ('0' + value % 10);
        value /= 10;
    } while (value);
    while (d) {
        line[n++] = digits[--d];
    }
    line[n++] = '\n';
    struct { const void *base; unsigned long length; } iov = {line, (unsigned long) n};
    int written;
    wasi_fd_write(1, &iov, 1, &written);
}

__attribute__((export_name("_start"))) void _start(void) {
    int code = main();
    if (code != 0) {
        wasi_proc_exit(code);
    }
}
