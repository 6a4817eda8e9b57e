/* The path rules of Wasmtime's WASI preview1 (our reference for WASI semantics), one raw call per
   rule, printing the errno that came back (0 is success): symbolic links (absolute and escaping
   targets, trailing slashes, following or not), hard links, readlink, stat with and without
   following, trailing slashes on files, opening "." and the preopen itself, unlinking and removing
   the wrong kind of entry, path calls on a descriptor that is no directory. The preopened
   directory is descriptor 3; the test makes host-abs there beforehand, a link to /etc/passwd.
   docs/wasi.md has the rules. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>
#include "common.h"

#define DIR 3
#define FOLLOW __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW
/* What wasi-libc asks for on open(path, O_RDONLY): everything but writing (a directory opened
   with write rights is EISDIR, as open(2) with O_RDWR is). */
#define READ_RIGHTS ((__wasi_rights_t) 0x1fffffff & ~(__WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_ALLOCATE | __WASI_RIGHTS_FD_FILESTAT_SET_SIZE))
#define ALL_RIGHTS ((__wasi_rights_t) 0x1fffffff)

/* path_open with an explicit path length, to pass a path with a NUL byte in it. */
__attribute__((import_module("wasi_snapshot_preview1"), import_name("path_open"))) int32_t raw_path_open(int32_t fd, int32_t dirflags,
        int32_t path, int32_t path_len, int32_t oflags, int64_t base, int64_t inheriting, int32_t fdflags, int32_t result);

static void show(const char *what, __wasi_errno_t err) {
    printf("%s: %d\n", what, err);
}

static __wasi_errno_t open_at(__wasi_fd_t dir, __wasi_lookupflags_t flags, const char *path, __wasi_oflags_t oflags, __wasi_fd_t *fd) {
    return __wasi_path_open(dir, flags, path, oflags, (oflags & __WASI_OFLAGS_CREAT) ? ALL_RIGHTS : READ_RIGHTS, ALL_RIGHTS, 0, fd);
}

static void show_open(const char *what, __wasi_lookupflags_t flags, const char *path, __wasi_oflags_t oflags) {
    __wasi_fd_t fd = 0;
    __wasi_errno_t err = open_at(DIR, flags, path, oflags, &fd);
    if (err == 0) {
        __wasi_fdstat_t st;
        (void) !__wasi_fd_fdstat_get(fd, &st);
        printf("%s: 0 (filetype %d)\n", what, st.fs_filetype);
        (void) !__wasi_fd_close(fd);
    } else {
        show(what, err);
    }
}

static void show_stat(const char *what, __wasi_lookupflags_t flags, const char *path) {
    __wasi_filestat_t st;
    __wasi_errno_t err = __wasi_path_filestat_get(DIR, flags, path, &st);
    if (err == 0) {
        printf("%s: 0 (filetype %d, nlink %llu)\n", what, st.filetype, (unsigned long long) st.nlink);
    } else {
        show(what, err);
    }
}

static void show_readlink(const char *what, const char *path, size_t size) {
    uint8_t buf[64];
    memset(buf, 0, sizeof buf);
    __wasi_size_t used = 0;
    __wasi_errno_t err = __wasi_path_readlink(DIR, path, buf, size, &used);
    if (err == 0) {
        printf("%s: 0 (\"%.*s\", %u bytes)\n", what, (int) used, (const char *) buf, (unsigned) used);
    } else {
        show(what, err);
    }
}

int main(void) {
    __wasi_fd_t fd;
    /* setup: a file, a directory with a file, links to both */
    show("create f", open_at(DIR, 0, "f", __WASI_OFLAGS_CREAT, &fd));
    __wasi_ciovec_t data = {(const uint8_t *) "data", 4};
    __wasi_size_t written;
    (void) !__wasi_fd_write(fd, &data, 1, &written);
    (void) !__wasi_fd_close(fd);
    show("mkdir d", __wasi_path_create_directory(DIR, "d"));
    show("create d/g", open_at(DIR, 0, "d/g", __WASI_OFLAGS_CREAT, &fd));
    (void) !__wasi_fd_close(fd);
    show("symlink lf -> f", __wasi_path_symlink("f", DIR, "lf"));
    show("symlink ld -> d", __wasi_path_symlink("d", DIR, "ld"));
    show("symlink d/up -> ../f", __wasi_path_symlink("../f", DIR, "d/up"));

    /* symbolic links: creation */
    show("symlink abs -> /etc/passwd", __wasi_path_symlink("/etc/passwd", DIR, "abs"));
    show("symlink esc -> ../outside", __wasi_path_symlink("../outside", DIR, "esc"));
    show("symlink over existing lf", __wasi_path_symlink("f", DIR, "lf"));
    show("symlink new/ (trailing slash) -> f", __wasi_path_symlink("f", DIR, "new/"));
    show("symlink new2/ (trailing slash) -> d", __wasi_path_symlink("d", DIR, "new2/"));
    show("symlink f/ (an existing file, trailing slash) -> d", __wasi_path_symlink("d", DIR, "f/"));
    show("symlink d/ (an existing directory, trailing slash) -> f", __wasi_path_symlink("f", DIR, "d/"));
    show("symlink empty target", __wasi_path_symlink("", DIR, "empty"));

    /* following links */
    show_open("open lf, follow", FOLLOW, "lf", 0);
    show_open("open lf, no follow", 0, "lf", 0);
    show_open("open d/up, follow (stays inside)", FOLLOW, "d/up", 0);
    show_open("open esc, follow", FOLLOW, "esc", 0);
    show_open("open esc, no follow", 0, "esc", 0);
    show_open("open ld/g, no follow (links in the middle are followed)", 0, "ld/g", 0);
    show_open("open lf/ (link to a file, trailing slash)", FOLLOW, "lf/", 0);
    show_open("open ld/ (link to a directory, trailing slash), no follow", 0, "ld/", 0);

    /* trailing slashes and directories */
    show_open("open f/", FOLLOW, "f/", 0);
    show_open("open f, O_DIRECTORY", FOLLOW, "f", __WASI_OFLAGS_DIRECTORY);
    show_open("open d/", FOLLOW, "d/", 0);
    show_open("create nofile/", FOLLOW, "nofile/", __WASI_OFLAGS_CREAT);
    show_open("open nofile, O_DIRECTORY | O_CREAT", FOLLOW, "nofile", __WASI_OFLAGS_DIRECTORY | __WASI_OFLAGS_CREAT);
    show_open("open d, O_DIRECTORY | O_TRUNC", FOLLOW, "d", __WASI_OFLAGS_DIRECTORY | __WASI_OFLAGS_TRUNC);
    show_stat("stat f/", FOLLOW, "f/");
    show_stat("stat d/", FOLLOW, "d/");

    /* the preopen itself */
    show_open("open .", FOLLOW, ".", 0);
    show_open("open ./", FOLLOW, "./", 0);
    show_open("open d/..", FOLLOW, "d/..", 0);
    show_open("open \"\"", FOLLOW, "", 0);
    show_open("open ..", FOLLOW, "..", 0);
    show_open("open d/../..", FOLLOW, "d/../..", 0);
    show_open("open /", FOLLOW, "/", 0);
    static const char with_nul[] = "f\0";
    __wasi_fd_t nul_fd;
    show("open \"f\\0\" (a NUL in the path)", (__wasi_errno_t) raw_path_open(DIR, FOLLOW, (int32_t) with_nul, 2, 0, (int64_t) READ_RIGHTS, 0, 0, (int32_t) &nul_fd));

    /* stat with and without following */
    show_stat("stat lf, follow", FOLLOW, "lf");
    show_stat("stat lf, no follow", 0, "lf");
    show_stat("stat esc, follow", FOLLOW, "esc");
    show_stat("stat esc, no follow", 0, "esc");
    show("set times lf, no follow", __wasi_path_filestat_set_times(DIR, 0, "lf", 0, 0, __WASI_FSTFLAGS_ATIM_NOW | __WASI_FSTFLAGS_MTIM_NOW));
    show("set times esc, follow", __wasi_path_filestat_set_times(DIR, FOLLOW, "esc", 0, 0, __WASI_FSTFLAGS_ATIM_NOW | __WASI_FSTFLAGS_MTIM_NOW));

    /* readlink */
    show_readlink("readlink lf", "lf", 64);
    show_readlink("readlink esc", "esc", 64);
    show_readlink("readlink d/up, 2-byte buffer", "d/up", 2);
    show_readlink("readlink f (no link)", "f", 64);
    show_readlink("readlink host-abs (absolute target)", "host-abs", 64);
    show_stat("stat host-abs, no follow", 0, "host-abs");
    show_stat("stat host-abs, follow", FOLLOW, "host-abs");
    show_readlink("readlink lf/ (trailing slash)", "lf/", 64);

    /* hard links */
    show("link f -> h", __wasi_path_link(DIR, 0, "f", DIR, "h"));
    show_stat("stat h", 0, "h");
    show("link f -> h again (exists)", __wasi_path_link(DIR, 0, "f", DIR, "h"));
    show("link d -> hd (a directory)", __wasi_path_link(DIR, 0, "d", DIR, "hd"));
    show("link lf -> hl, no follow (the link itself)", __wasi_path_link(DIR, 0, "lf", DIR, "hl"));
    show_stat("stat hl, no follow", 0, "hl");
    show("link lf -> hl2, follow", __wasi_path_link(DIR, FOLLOW, "lf", DIR, "hl2"));
    show("link f/ -> h3 (trailing slash)", __wasi_path_link(DIR, 0, "f/", DIR, "h3"));
    show("link f -> h4/ (trailing slash)", __wasi_path_link(DIR, 0, "f", DIR, "h4/"));
    show("link missing -> h5", __wasi_path_link(DIR, 0, "missing", DIR, "h5"));
    show("link f -> ../h6 (outside)", __wasi_path_link(DIR, 0, "f", DIR, "../h6"));

    /* a descriptor that is no directory */
    __wasi_fd_t file;
    show("open f for the next calls", open_at(DIR, FOLLOW, "f", 0, &file));
    __wasi_fd_t inner;
    show("path_open in a file descriptor", open_at(file, FOLLOW, "x", 0, &inner));
    __wasi_filestat_t fst;
    show("path_filestat_get in a file descriptor", __wasi_path_filestat_get(file, FOLLOW, "x", &fst));
    show("path_create_directory in a file descriptor", __wasi_path_create_directory(file, "x"));
    show("path_unlink_file in a file descriptor", __wasi_path_unlink_file(file, "x"));
    (void) !__wasi_fd_close(file);

    /* unlinking and removing */
    show("unlink d (a directory)", __wasi_path_unlink_file(DIR, "d"));
    show("unlink f/ (trailing slash)", __wasi_path_unlink_file(DIR, "f/"));
    show("unlink ld/ (link to a directory, trailing slash)", __wasi_path_unlink_file(DIR, "ld/"));
    show("rmdir f (a file)", __wasi_path_remove_directory(DIR, "f"));
    show("rmdir d (not empty)", __wasi_path_remove_directory(DIR, "d"));
    show("rmdir ld (link to a directory)", __wasi_path_remove_directory(DIR, "ld"));
    show("rmdir .", __wasi_path_remove_directory(DIR, "."));
    show("unlink lf (the link, not f)", __wasi_path_unlink_file(DIR, "lf"));
    show_stat("stat f after unlinking lf", 0, "f");
    return 0;
}
