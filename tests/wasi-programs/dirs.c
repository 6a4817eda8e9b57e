/* Directories: mkdir, opendir/readdir (fd_readdir, with a small buffer too), rmdir, rename of files
   and directories (replacing, into subdirectories, onto the wrong kind), unlink, stat, and the
   errors of each. */
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include <wasi/api.h>
#include "common.h"

static int compare(const void *a, const void *b) {
    return strcmp(*(char *const *) a, *(char *const *) b);
}

/* Lists a directory sorted by name, without . and .., with each entry's type. */
static void list(const char *path) {
    DIR *dir = opendir(path);
    if (!dir) {
        printf("opendir %s: errno %d\n", path, errno);
        return;
    }
    char *names[64];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(dir)) != NULL && n < 64) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0) continue;
        char *entry = malloc(strlen(e->d_name) + 8);
        strcpy(entry, e->d_name);
        strcat(entry, e->d_type == DT_DIR ? "/" : e->d_type == DT_LNK ? "@" : e->d_type == DT_REG ? "" : "?");
        names[n++] = entry;
    }
    closedir(dir);
    qsort(names, n, sizeof names[0], compare);
    printf("%s:", path);
    for (int i = 0; i < n; i++) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    printf("\n");
}

static void touch(const char *path, const char *contents) {
    int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
    if (fd < 0) {
        printf("cannot create %s: errno %d\n", path, errno);
        return;
    }
    write(fd, contents, strlen(contents));
    close(fd);
}

int main(void) {
    CHECK(chdir("/sandbox"));
    CHECK(mkdir("a", 0755));
    CHECK(mkdir("a/b", 0755));
    CHECK(mkdir("a/b/c", 0755));
    CHECK(mkdir("a", 0755));
    CHECK(mkdir("missing/x", 0755));
    CHECK(mkdir("a/./b/../d", 0755));
    touch("a/file1", "one");
    touch("a/file2", "two");
    touch("a/b/inner", "inner");
    list(".");
    list("a");
    list("a/b");
    list("a/file1");

    /* many entries, read with buffers of several sizes so entries are cut at every place */
    CHECK(mkdir("many", 0755));
    char name[64];
    for (int i = 0; i < 40; i++) {
        snprintf(name, sizeof name, "many/entry-with-a-longish-name-%02d", i);
        touch(name, "");
    }
    list("many");
    int fd = open("many", O_RDONLY | O_DIRECTORY);
    for (int size = 24; size <= 600; size += 97) {
        char buffer[600];
        __wasi_dircookie_t cookie = 0;
        int entries = 0;
        size_t total = 0;
        for (;;) {
            __wasi_size_t used;
            __wasi_errno_t error = __wasi_fd_readdir(fd, (uint8_t *) buffer, size, cookie, &used);
            if (error != 0) {
                printf("fd_readdir: errno %d\n", error);
                break;
            }
            /* consume the whole entries in the buffer */
            size_t offset = 0;
            int progress = 0;
            while (offset + sizeof(__wasi_dirent_t) <= used) {
                __wasi_dirent_t entry;
                memcpy(&entry, buffer + offset, sizeof entry);
                if (offset + sizeof entry + entry.d_namlen > used) break;
                offset += sizeof entry + entry.d_namlen;
                cookie = entry.d_next;
                progress = 1;
                /* node's WASI leaves out . and .., POSIX's readdir (and twasm) reports them */
                const char *entry_name = buffer + offset - entry.d_namlen;
                if ((entry.d_namlen == 1 && entry_name[0] == '.') || (entry.d_namlen == 2 && memcmp(entry_name, "..", 2) == 0)) continue;
                entries++;
                total += entry.d_namlen;
            }
            if (used < (__wasi_size_t) size) break;
            if (!progress) {
                printf("buffer of %d bytes too small for one entry\n", size);
                break;
            }
        }
        printf("fd_readdir with %d-byte buffer: %d entries, %zu name bytes\n", size, entries, total);
    }
    CHECK(close(fd));

    /* rmdir */
    CHECK(rmdir("a/b"));
    CHECK(rmdir("a/file1"));
    CHECK(rmdir("nothing"));
    CHECK(rmdir("a/b/c"));
    CHECK(rmdir("a/d"));
    list("a/b");

    /* rename */
    CHECK(rename("a/file1", "a/renamed"));
    CHECK(rename("a/file2", "a/renamed"));
    CHECK(rename("a/renamed", "a/b/moved"));
    CHECK(rename("a/b", "b"));
    CHECK(rename("nothing", "x"));
    CHECK(mkdir("empty", 0755));
    CHECK(mkdir("full", 0755));
    touch("full/f", "f");
    touch("file", "file");
    CHECK(rename("b", "empty"));
    CHECK(rename("empty", "full"));
    CHECK(rename("file", "full"));
    CHECK(rename("full", "file"));
    CHECK(rename("full", "full/sub"));
    CHECK(rename("file", "file"));
    list(".");
    list("empty");

    /* unlink */
    CHECK(unlink("file"));
    CHECK(unlink("file"));
    CHECK(unlink("full"));
    CHECK(unlink("full/f"));
    CHECK(rmdir("full"));

    /* stat of directories and files */
    struct stat st;
    CHECK(stat("empty", &st));
    printf("empty: dir=%d\n", S_ISDIR(st.st_mode));
    CHECK(stat("empty/moved", &st));
    printf("empty/moved: regular=%d size=%lld\n", S_ISREG(st.st_mode), (long long) st.st_size);
    CHECK(stat("empty/moved/x", &st));
    CHECK(stat("nothing", &st));
    list(".");
    return 0;
}
