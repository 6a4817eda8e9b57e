/* Files: open with every oflag, read/write/readv/writev, lseek/tell, pread/pwrite, fstat,
   ftruncate, posix_fallocate, posix_fadvise, fsync/fdatasync, futimens/utimensat, O_APPEND via
   fcntl, fd_renumber, stdio streams, and the errors of each. */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>
#include <wasi/api.h>
#include "common.h"

static void show_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        printf("cannot open %s: errno %d\n", path, errno);
        return;
    }
    int c, n = 0;
    printf("%s: \"", path);
    while ((c = fgetc(f)) != EOF) {
        if (c >= 32 && c < 127) putchar(c); else printf("\\x%02x", c);
        n++;
    }
    printf("\" (%d bytes)\n", n);
    fclose(f);
}

static void show_stat(int fd) {
    struct stat st;
    if (fstat(fd, &st) != 0) {
        printf("fstat failed: errno %d\n", errno);
        return;
    }
    printf("fstat: regular=%d size=%lld nlink=%llu\n", S_ISREG(st.st_mode), (long long) st.st_size, (unsigned long long) st.st_nlink);
}

int main(void) {
    char buf[64];
    CHECK(chdir("/sandbox"));

    int fd = open("data.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
    printf("open data.txt: fd %d\n", fd);
    CHECK(write(fd, "hello, world\n", 13));
    CHECK(lseek(fd, 0, SEEK_CUR));
    CHECK(lseek(fd, 0, SEEK_SET));
    memset(buf, 0, sizeof buf);
    CHECK(read(fd, buf, 5));
    printf("read: \"%s\"\n", buf);
    memset(buf, 0, sizeof buf);
    CHECK(pread(fd, buf, 5, 7));
    printf("pread at 7: \"%s\"\n", buf);
    CHECK(lseek(fd, 0, SEEK_CUR));
    CHECK(pwrite(fd, "WORLD", 5, 7));
    CHECK(lseek(fd, 0, SEEK_CUR));
    CHECK(lseek(fd, -3, SEEK_END));
    CHECK(lseek(fd, 2, SEEK_CUR));
    CHECK(lseek(fd, -100, SEEK_SET));
    CHECK(lseek(fd, 0, SEEK_END));
    struct iovec out[3] = {{"one ", 4}, {"", 0}, {"two\n", 4}};
    CHECK(writev(fd, out, 3));
    char a[6] = {0}, b[100] = {0};
    struct iovec in[2] = {{a, 5}, {b, sizeof b - 1}};
    CHECK(lseek(fd, 0, SEEK_SET));
    CHECK(readv(fd, in, 2));
    printf("readv: \"%s\" then %zu bytes\n", a, strlen(b));
    CHECK(read(fd, buf, sizeof buf));
    show_stat(fd);

    CHECK(ftruncate(fd, 5));
    show_stat(fd);
    CHECK(lseek(fd, 0, SEEK_CUR));
    CHECK(ftruncate(fd, 10));
    show_stat(fd);
    CHECK(posix_fallocate(fd, 0, 16));
    show_stat(fd);
    CHECK(posix_fallocate(fd, 4, 4));
    show_stat(fd);
    CHECK(posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL));
    CHECK(fsync(fd));
    CHECK(fdatasync(fd));
    CHECK(close(fd));
    show_file("data.txt");

    /* timestamps, in whole seconds (node drops the fractions; posix.c checks nanoseconds) */
    struct timespec times[2] = {{1000000000, 0}, {1234567890, 0}};
    fd = open("data.txt", O_RDWR);
    CHECK(futimens(fd, times));
    struct stat st;
    CHECK(fstat(fd, &st));
    printf("after futimens: atime %lld mtime %lld\n", (long long) st.st_atim.tv_sec, (long long) st.st_mtim.tv_sec);
    times[0].tv_nsec = UTIME_OMIT;
    times[1].tv_sec = 1500000000;
    CHECK(utimensat(AT_FDCWD, "data.txt", times, 0));
    CHECK(stat("data.txt", &st));
    printf("after utimensat: atime %lld mtime %lld\n", (long long) st.st_atim.tv_sec, (long long) st.st_mtim.tv_sec);

    /* append mode, switched on with fcntl */
    /* (node's WASI does not report the flag back through F_GETFL; WasiEmbeddingTest checks that) */
    CHECK(fcntl(fd, F_SETFL, O_APPEND));
    CHECK(lseek(fd, 0, SEEK_SET));
    CHECK(write(fd, "!", 1));
    CHECK(lseek(fd, 0, SEEK_CUR));
    CHECK(close(fd));
    fd = open("data.txt", O_WRONLY | O_APPEND);
    CHECK(write(fd, "?", 1));
    CHECK(close(fd));
    show_file("data.txt");

    /* access modes and errors */
    fd = open("data.txt", O_RDONLY);
    CHECK(write(fd, "x", 1));
    CHECK(ftruncate(fd, 0));
    CHECK(close(fd));
    fd = open("data.txt", O_WRONLY);
    CHECK(read(fd, buf, 1));
    CHECK(close(fd));
    CHECK(close(fd));
    CHECK(open("data.txt", O_CREAT | O_EXCL | O_WRONLY, 0644));
    CHECK(open("missing.txt", O_RDONLY));
    CHECK(open("data.txt/", O_RDONLY));
    CHECK(open("data.txt/x", O_RDONLY));
    CHECK(mkdir("dir", 0755));
    CHECK(open("dir", O_WRONLY));
    CHECK(open("dir", O_RDONLY | O_TRUNC));
    fd = open("dir", O_RDONLY);
    printf("open dir read-only: %s\n", fd >= 0 ? "ok" : "failed");
    CHECK(read(fd, buf, 1));
    CHECK(close(fd));
    CHECK(open("data.txt", O_RDONLY | O_DIRECTORY));
    fd = open("created-readonly.txt", O_CREAT | O_RDONLY, 0644);
    printf("O_CREAT|O_RDONLY: %s\n", fd >= 0 ? "ok" : "failed");
    CHECK(read(fd, buf, 1));
    CHECK(close(fd));
    fd = open("trunc.txt", O_CREAT | O_WRONLY, 0644);
    CHECK(write(fd, "12345", 5));
    CHECK(close(fd));
    fd = open("trunc.txt", O_WRONLY | O_TRUNC);
    CHECK(close(fd));
    show_file("trunc.txt");

    /* fd_renumber: data.txt's descriptor takes the place of trunc.txt's */
    int first = open("data.txt", O_RDONLY);
    int second = open("trunc.txt", O_RDONLY);
    printf("descriptors %d and %d\n", first, second);
    WASI(__wasi_fd_renumber(first, second));
    memset(buf, 0, sizeof buf);
    CHECK(read(second, buf, 5));
    printf("read after renumber: \"%s\"\n", buf);
    CHECK(read(first, buf, 1));
    WASI(__wasi_fd_renumber(second, 99));
    WASI(__wasi_fd_renumber(99, second));
    WASI(__wasi_fd_renumber(second, second));
    CHECK(close(second));

    /* stdio on top of it all */
    FILE *f = fopen("lines.txt", "w");
    for (int i = 1; i <= 3; i++) fprintf(f, "line %d\n", i);
    fclose(f);
    f = fopen("lines.txt", "r");
    char line[32];
    while (fgets(line, sizeof line, f)) printf("got %s", line);
    fclose(f);
    f = fopen("lines.txt", "a+");
    fputs("line 4\n", f);
    fseek(f, 0, SEEK_SET);
    printf("first line again: %s", fgets(line, sizeof line, f));
    fclose(f);
    show_file("lines.txt");
    return 0;
}
