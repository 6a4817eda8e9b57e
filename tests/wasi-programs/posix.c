/* What node's WASI gets wrong or leaves out, checked on twasm alone against POSIX's behaviour:
   O_NOFOLLOW, readlink into a short buffer, links relative to their own directory, . and .. in
   readdir, O_APPEND seen through F_GETFL, nanosecond timestamps, poll_oneoff on descriptors and
   with absolute clocks, the standard streams' type, preopens, rights, sockets and signals. */
#include <dirent.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <wasi/api.h>
#include "common.h"
#include "events.h"

/* proc_raise is no longer declared by wasi-libc's headers, but the host must still provide it. */
__attribute__((import_module("wasi_snapshot_preview1"), import_name("proc_raise"))) int32_t raw_proc_raise(int32_t signal);
#define SIGNAL_TERM 15

static __wasi_subscription_t sub(uint64_t userdata, __wasi_eventtype_t type, uint32_t fd_or_clock, uint64_t timeout, int absolute) {
    __wasi_subscription_t s;
    memset(&s, 0, sizeof s);
    s.userdata = userdata;
    s.u.tag = type;
    if (type == __WASI_EVENTTYPE_CLOCK) {
        s.u.u.clock.id = fd_or_clock;
        s.u.u.clock.timeout = timeout;
        s.u.u.clock.flags = absolute ? __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME : 0;
    } else {
        s.u.u.fd_read.file_descriptor = fd_or_clock;
    }
    return s;
}

int main(void) {
    char buf[64];
    CHECK(chdir("/sandbox"));
    int fd = open("top.txt", O_CREAT | O_WRONLY, 0644);
    CHECK(write(fd, "top", 3));
    CHECK(close(fd));

    printf("-- O_NOFOLLOW refuses a final link\n");
    CHECK(symlink("top.txt", "link"));
    CHECK(open("link", O_RDONLY | O_NOFOLLOW));
    CHECK(open("link", O_RDONLY) >= 0);
    CHECK(mkdir("dir", 0755));
    CHECK(symlink("dir", "dirlink"));
    CHECK(open("dirlink", O_RDONLY | O_DIRECTORY | O_NOFOLLOW));
    CHECK(open("dirlink/../top.txt", O_RDONLY | O_NOFOLLOW) >= 0);

    printf("-- readlink cuts the contents to the buffer\n");
    CHECK(readlink("link", buf, 3));
    printf("  \"%.3s\"\n", buf);

    printf("-- a link's relative target starts from the link's directory\n");
    CHECK(symlink("../top.txt", "dir/up"));
    memset(buf, 0, sizeof buf);
    fd = open("dir/up", O_RDONLY);
    CHECK(read(fd, buf, sizeof buf));
    printf("  dir/up reads \"%s\"\n", buf);
    CHECK(close(fd));

    printf("-- readdir reports . and ..\n");
    DIR *dir = opendir("dir");
    int dot = 0, dotdot = 0, others = 0;
    struct dirent *e;
    while ((e = readdir(dir))) {
        if (strcmp(e->d_name, ".") == 0) dot = e->d_type == DT_DIR;
        else if (strcmp(e->d_name, "..") == 0) dotdot = e->d_type == DT_DIR;
        else others++;
    }
    closedir(dir);
    printf("  . %d, .. %d, others %d\n", dot, dotdot, others);

    printf("-- O_APPEND shows in F_GETFL\n");
    fd = open("top.txt", O_WRONLY);
    printf("  before: %d\n", (fcntl(fd, F_GETFL) & O_APPEND) != 0);
    CHECK(fcntl(fd, F_SETFL, O_APPEND));
    printf("  after F_SETFL: %d\n", (fcntl(fd, F_GETFL) & O_APPEND) != 0);
    CHECK(close(fd));
    fd = open("top.txt", O_WRONLY | O_APPEND);
    printf("  opened with O_APPEND: %d\n", (fcntl(fd, F_GETFL) & O_APPEND) != 0);
    CHECK(close(fd));

    printf("-- timestamps keep their nanoseconds\n");
    struct timespec times[2] = {{1000000000, 123456789}, {1234567890, 987654321}};
    CHECK(utimensat(AT_FDCWD, "top.txt", times, 0));
    struct stat st;
    CHECK(stat("top.txt", &st));
    printf("  atime %lld.%09ld mtime %lld.%09ld\n", (long long) st.st_atim.tv_sec, st.st_atim.tv_nsec, (long long) st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    times[0].tv_nsec = UTIME_OMIT;
    times[1] = (struct timespec) {1500000000, 5};
    CHECK(utimensat(AT_FDCWD, "link", times, AT_SYMLINK_NOFOLLOW));
    CHECK(stat("top.txt", &st));
    printf("  the target's mtime is unchanged: %lld.%09ld\n", (long long) st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    CHECK(lstat("link", &st));
    printf("  the link's mtime %lld.%09ld\n", (long long) st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    WASI(__wasi_path_filestat_set_times(3, 0, "top.txt", 1, 1, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW));

    printf("-- poll_oneoff on descriptors and absolute clocks\n");
    fd = open("top.txt", O_RDWR);
    CHECK(lseek(fd, 1, SEEK_SET));
    __wasi_subscription_t subs[3];
    subs[0] = sub(10, __WASI_EVENTTYPE_FD_READ, fd, 0, 0);
    poll_and_show("read a file", subs, 1, 0);
    subs[0] = sub(11, __WASI_EVENTTYPE_FD_WRITE, fd, 0, 0);
    poll_and_show("write a file", subs, 1, 0);
    subs[0] = sub(12, __WASI_EVENTTYPE_FD_WRITE, 1, 0, 0);
    poll_and_show("write stdout", subs, 1, 0);
    subs[0] = sub(13, __WASI_EVENTTYPE_CLOCK, __WASI_CLOCKID_MONOTONIC, 5000000000u, 0);
    subs[1] = sub(14, __WASI_EVENTTYPE_FD_READ, fd, 0, 0);
    subs[2] = sub(15, __WASI_EVENTTYPE_FD_WRITE, 99, 0, 0);
    poll_and_show("5 s, a file or a bad descriptor", subs, 3, 0);
    subs[0] = sub(16, __WASI_EVENTTYPE_CLOCK, 77, 1000, 0);
    poll_and_show("an unknown clock", subs, 1, 0);
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    uint64_t realtime = (uint64_t) ts.tv_sec * 1000000000 + ts.tv_nsec;
    subs[0] = sub(17, __WASI_EVENTTYPE_CLOCK, __WASI_CLOCKID_REALTIME, realtime - 1000000000, 1);
    poll_and_show("realtime, a second ago", subs, 1, 0);
    subs[0] = sub(18, __WASI_EVENTTYPE_CLOCK, __WASI_CLOCKID_REALTIME, realtime + 40000000, 1);
    poll_and_show("realtime, 40 ms ahead", subs, 1, 1);
    subs[0] = sub(19, __WASI_EVENTTYPE_CLOCK, __WASI_CLOCKID_MONOTONIC, 0, 0);
    subs[0].u.tag = 9;
    poll_and_show("an unknown event type", subs, 1, 0);
    struct pollfd p[2] = {{fd, POLLRDNORM, 0}, {1, POLLWRNORM, 0}};
    CHECK(poll(p, 2, 1000));
    printf("  poll revents: file %d, stdout %d\n", p[0].revents == POLLRDNORM, p[1].revents == POLLWRNORM);
    CHECK(close(fd));

    printf("-- standard streams are character devices without seeking\n");
    printf("  isatty: %d %d %d\n", isatty(0), isatty(1), isatty(2));
    __wasi_fdstat_t fdstat;
    WASI(__wasi_fd_fdstat_get(1, &fdstat));
    printf("  stdout: filetype %d, can write %d, can seek %d\n", fdstat.fs_filetype, (fdstat.fs_rights_base & __WASI_RIGHTS_FD_WRITE) != 0,
           (fdstat.fs_rights_base & __WASI_RIGHTS_FD_SEEK) != 0);
    CHECK(lseek(1, 0, SEEK_CUR));
    __wasi_filestat_t filestat;
    WASI(__wasi_fd_filestat_get(2, &filestat));
    printf("  stderr: filetype %d\n", filestat.filetype);

    printf("-- preopened directories\n");
    __wasi_prestat_t prestat;
    WASI(__wasi_fd_prestat_get(3, &prestat));
    printf("  tag %d, name length %u\n", prestat.tag, (unsigned) prestat.u.dir.pr_name_len);
    char name[16] = {0};
    WASI(__wasi_fd_prestat_dir_name(3, (uint8_t *) name, 3));
    WASI(__wasi_fd_prestat_dir_name(3, (uint8_t *) name, sizeof name));
    printf("  name \"%s\"\n", name);
    WASI(__wasi_fd_prestat_get(0, &prestat));
    WASI(__wasi_fd_prestat_get(4, &prestat));
    WASI(__wasi_fd_fdstat_get(3, &fdstat));
    printf("  fd 3: filetype %d, can open %d, can read %d\n", fdstat.fs_filetype, (fdstat.fs_rights_base & __WASI_RIGHTS_PATH_OPEN) != 0,
           (fdstat.fs_rights_base & __WASI_RIGHTS_FD_READ) != 0);

    printf("-- rights only shrink\n");
    fd = open("top.txt", O_RDWR);
    WASI(__wasi_fd_fdstat_get(fd, &fdstat));
    WASI(__wasi_fd_fdstat_set_rights(fd, fdstat.fs_rights_base & ~__WASI_RIGHTS_FD_WRITE, 0));
    CHECK(write(fd, "x", 1));
    CHECK(read(fd, buf, 1));
    WASI(__wasi_fd_fdstat_set_rights(fd, fdstat.fs_rights_base, 0));
    WASI(__wasi_fd_advise(fd, 0, 0, 6));
    WASI(__wasi_fd_fdstat_set_flags(fd, 64));
    CHECK(close(fd));
    WASI(__wasi_fd_readdir(1, (uint8_t *) buf, sizeof buf, 0, (__wasi_size_t *) &fd));

    printf("-- no sockets, no signals\n");
    __wasi_fd_t socket;
    __wasi_size_t size;
    __wasi_roflags_t roflags;
    __wasi_iovec_t iov = {(uint8_t *) buf, sizeof buf};
    __wasi_ciovec_t ciov = {(const uint8_t *) buf, 1};
    WASI(__wasi_sock_accept(3, 0, &socket));
    WASI(__wasi_sock_accept(99, 0, &socket));
    WASI(__wasi_sock_recv(0, &iov, 1, 0, &size, &roflags));
    WASI(__wasi_sock_send(1, &ciov, 1, 0, &size));
    WASI(__wasi_sock_shutdown(2, __WASI_SDFLAGS_RD));
    WASI(__wasi_sock_shutdown(42, __WASI_SDFLAGS_WR));
    WASI(raw_proc_raise(SIGNAL_TERM));
    WASI(__wasi_sched_yield());
    return 0;
}
