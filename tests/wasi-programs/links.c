/* Links: symlink, readlink, hard links and their counts, stat against lstat, links followed inside
   paths, dangling links, link loops, and unlinking and renaming links rather than their targets.
   (Where node's WASI departs from POSIX, posix.c checks twasm alone.) */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>
#include "common.h"

static void show_link(const char *path) {
    char target[64];
    ssize_t n = readlink(path, target, sizeof target - 1);
    if (n < 0) {
        printf("readlink %s: errno %d\n", path, errno);
        return;
    }
    target[n] = 0;
    printf("%s -> %s\n", path, target);
}

static const char *kind(mode_t mode) {
    return S_ISLNK(mode) ? "link" : S_ISDIR(mode) ? "dir" : S_ISREG(mode) ? "file" : "other";
}

static void show_stat(const char *path) {
    struct stat st, lst;
    int s = stat(path, &st), se = errno;
    int l = lstat(path, &lst), le = errno;
    printf("%s: ", path);
    if (s == 0) printf("stat %s size %lld nlink %llu; ", kind(st.st_mode), (long long) st.st_size, (unsigned long long) st.st_nlink);
    else printf("stat errno %d; ", se);
    if (l == 0) printf("lstat %s size %lld\n", kind(lst.st_mode), (long long) lst.st_size);
    else printf("lstat errno %d\n", le);
    errno = 0;
}

static void show_contents(const char *path) {
    char buf[64] = {0};
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        printf("open %s: errno %d\n", path, errno);
        errno = 0;
        return;
    }
    read(fd, buf, sizeof buf - 1);
    close(fd);
    printf("%s contains \"%s\"\n", path, buf);
}

int main(void) {
    CHECK(chdir("/sandbox"));
    CHECK(mkdir("dir", 0755));
    int fd = open("dir/target.txt", O_CREAT | O_WRONLY, 0644);
    CHECK(write(fd, "target", 6));
    CHECK(close(fd));

    CHECK(symlink("dir/target.txt", "to-file"));
    CHECK(symlink("dir", "to-dir"));
    CHECK(symlink("missing", "dangling"));
    CHECK(symlink("loop-b", "loop-a"));
    CHECK(symlink("loop-a", "loop-b"));
    CHECK(symlink("x", "to-file"));
    show_link("to-file");
    show_link("to-dir");
    show_link("dir/target.txt");
    show_link("nothing");

    show_stat("to-file");
    show_stat("to-dir");
    show_stat("dangling");
    show_stat("loop-a");
    show_stat("to-dir/target.txt");
    show_stat("to-dir/");
    show_contents("to-file");
    show_contents("to-dir/target.txt");
    show_contents("dangling");
    show_contents("loop-a");

    /* writing through a dangling link creates its target */
    fd = open("dangling", O_CREAT | O_WRONLY, 0644);
    CHECK(write(fd, "made", 4));
    CHECK(close(fd));
    show_contents("missing");
    show_stat("dangling");
    CHECK(open("dangling", O_CREAT | O_EXCL | O_WRONLY, 0644));

    /* hard links */
    CHECK(link("dir/target.txt", "hard"));
    show_stat("hard");
    show_stat("dir/target.txt");
    CHECK(link("dir/target.txt", "hard"));
    CHECK(link("dir", "hard-dir"));
    CHECK(link("nothing", "hard2"));
    CHECK(unlink("hard"));
    show_stat("dir/target.txt");

    /* links are removed and renamed as links */
    CHECK(rename("to-file", "renamed-link"));
    show_link("renamed-link");
    show_contents("renamed-link");
    CHECK(unlink("renamed-link"));
    show_stat("dir/target.txt");
    CHECK(unlink("to-dir"));
    CHECK(rmdir("to-dir"));
    show_stat("dir");
    CHECK(unlink("loop-a"));
    CHECK(unlink("loop-b"));
    return 0;
}
