/* Escape attempts: every way out of the granted directory must fail with ENOTCAPABLE (76) without
   touching anything outside. Calls WASI directly on the preopened descriptor 3, so that wasi-libc's
   own path handling cannot hide what the host does. The test (WasiSandboxTest) grants the
   directory with these entries made beforehand, next to a directory "outside" holding secret.txt:
     inside.txt, sub/file.txt
     premade-abs -> /ABSOLUTE/PATH/OF/outside/secret.txt   premade-dir -> /ABSOLUTE/PATH/OF/outside
     premade-rel -> ../outside/secret.txt                  sub/premade-up -> ../../outside */
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>
#include <wasi/api.h>
#include "common.h"

#define ALL_RIGHTS ((__wasi_rights_t) 0x3fffffff)
/* A directory opened for use as one: every right but fd_write (with which opening a directory is EISDIR, as Wasmtime has it). */
#define DIR_RIGHTS (ALL_RIGHTS & ~(__wasi_rights_t) __WASI_RIGHTS_FD_WRITE)
#define FOLLOW __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW

static __wasi_errno_t open_at(__wasi_fd_t dir, __wasi_lookupflags_t flags, const char *path, __wasi_oflags_t oflags) {
    __wasi_fd_t fd;
    __wasi_errno_t error = __wasi_path_open(dir, flags, path, oflags, ALL_RIGHTS, ALL_RIGHTS, 0, &fd);
    if (error == 0) {
        char buf[64] = {0};
        size_t n;
        __wasi_iovec_t iov = {(uint8_t *) buf, sizeof buf - 1};
        (void) !__wasi_fd_read(fd, &iov, 1, &n);
        printf("  opened %s and read \"%s\"\n", path, buf);
        (void) !__wasi_fd_close(fd);
    }
    return error;
}

static void write_file(__wasi_fd_t dir, const char *path, const char *contents) {
    __wasi_fd_t fd;
    __wasi_errno_t error = __wasi_path_open(dir, FOLLOW, path, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_TRUNC, ALL_RIGHTS, ALL_RIGHTS, 0, &fd);
    printf("write %s -> errno %d\n", path, error);
    if (error == 0) {
        __wasi_ciovec_t iov = {(const uint8_t *) contents, strlen(contents)};
        size_t n;
        (void) !__wasi_fd_write(fd, &iov, 1, &n);
        (void) !__wasi_fd_close(fd);
    }
}

int main(void) {
    __wasi_filestat_t st;
    __wasi_fd_t sub;
    printf("-- reading out through .. and absolute paths\n");
    WASI(open_at(3, FOLLOW, "../outside/secret.txt", 0));
    WASI(open_at(3, FOLLOW, "sub/../../outside/secret.txt", 0));
    WASI(open_at(3, FOLLOW, "sub/../sub/../../outside/secret.txt", 0));
    WASI(open_at(3, FOLLOW, "../../../../../../../../etc/passwd", 0));
    WASI(open_at(3, FOLLOW, "/etc/passwd", 0));
    WASI(open_at(3, FOLLOW, "..", __WASI_OFLAGS_DIRECTORY));
    WASI(open_at(3, FOLLOW, "sub/../..", __WASI_OFLAGS_DIRECTORY));
    WASI(__wasi_path_filestat_get(3, FOLLOW, "..", &st));
    WASI(__wasi_path_filestat_get(3, 0, "../outside", &st));
    WASI(open_at(3, FOLLOW, "", 0));
    printf("-- and what is inside stays reachable\n");
    WASI(open_at(3, FOLLOW, "inside.txt", 0));
    WASI(open_at(3, FOLLOW, "sub/../inside.txt", 0));
    WASI(open_at(3, FOLLOW, "./sub/./file.txt", 0));

    printf("-- symbolic links made beforehand\n");
    WASI(open_at(3, FOLLOW, "premade-abs", 0));
    WASI(open_at(3, 0, "premade-abs", 0));
    WASI(open_at(3, FOLLOW, "premade-rel", 0));
    WASI(open_at(3, FOLLOW, "premade-dir/secret.txt", 0));
    WASI(open_at(3, 0, "premade-dir/secret.txt", 0));
    WASI(open_at(3, FOLLOW, "sub/premade-up/secret.txt", 0));
    WASI(__wasi_path_filestat_get(3, FOLLOW, "premade-abs", &st));
    WASI(__wasi_path_filestat_get(3, FOLLOW, "premade-dir", &st));
    WASI(__wasi_path_filestat_get(3, 0, "premade-dir", &st));
    printf("  premade-dir itself is a link: %d\n", st.filetype == __WASI_FILETYPE_SYMBOLIC_LINK);
    char target[256];
    __wasi_size_t used;
    WASI(__wasi_path_readlink(3, "premade-rel", (uint8_t *) target, sizeof target, &used));
    printf("  premade-rel -> %.*s\n", (int) used, target);

    printf("-- symbolic links the guest makes\n");
    WASI(__wasi_path_symlink("../outside/secret.txt", 3, "mine-rel"));
    WASI(__wasi_path_symlink("/etc/passwd", 3, "mine-abs"));
    WASI(__wasi_path_symlink("sub/../../outside", 3, "mine-dir"));
    WASI(__wasi_path_symlink("mine-dir", 3, "mine-chain"));
    WASI(open_at(3, FOLLOW, "mine-rel", 0));
    WASI(open_at(3, FOLLOW, "mine-abs", 0));
    WASI(open_at(3, FOLLOW, "mine-dir/secret.txt", 0));
    WASI(open_at(3, FOLLOW, "mine-chain/secret.txt", 0));
    WASI(__wasi_path_filestat_get(3, FOLLOW, "mine-chain", &st));

    printf("-- writing out\n");
    write_file(3, "../planted.txt", "planted");
    write_file(3, "premade-rel", "overwritten");
    write_file(3, "premade-dir/planted.txt", "planted");
    write_file(3, "mine-dir/planted.txt", "planted");
    write_file(3, "mine-abs", "overwritten");
    WASI(__wasi_path_create_directory(3, "../newdir"));
    WASI(__wasi_path_create_directory(3, "premade-dir/newdir"));
    WASI(__wasi_path_create_directory(3, "mine-dir/newdir"));
    WASI(__wasi_path_symlink("inside.txt", 3, "../planted-link"));
    WASI(__wasi_path_symlink("inside.txt", 3, "premade-dir/planted-link"));

    printf("-- removing outside\n");
    WASI(__wasi_path_unlink_file(3, "../outside/secret.txt"));
    WASI(__wasi_path_unlink_file(3, "premade-dir/secret.txt"));
    WASI(__wasi_path_unlink_file(3, "mine-dir/secret.txt"));
    WASI(__wasi_path_remove_directory(3, "../outside"));
    WASI(__wasi_path_remove_directory(3, ".."));
    WASI(__wasi_path_filestat_set_times(3, FOLLOW, "premade-abs", 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
    WASI(__wasi_path_filestat_set_times(3, FOLLOW, "../outside/secret.txt", 0, 0, __WASI_FSTFLAGS_MTIM_NOW));

    printf("-- renaming and linking out of the directory, or in from outside\n");
    WASI(__wasi_path_rename(3, "inside.txt", 3, "../stolen.txt"));
    WASI(__wasi_path_rename(3, "inside.txt", 3, "premade-dir/stolen.txt"));
    WASI(__wasi_path_rename(3, "inside.txt", 3, "mine-dir/stolen.txt"));
    WASI(__wasi_path_rename(3, "sub", 3, "../stolen-dir"));
    WASI(__wasi_path_rename(3, "../outside/secret.txt", 3, "taken.txt"));
    WASI(__wasi_path_rename(3, "premade-dir/secret.txt", 3, "taken.txt"));
    WASI(__wasi_path_link(3, 0, "inside.txt", 3, "../linked.txt"));
    WASI(__wasi_path_link(3, 0, "inside.txt", 3, "premade-dir/linked.txt"));
    WASI(__wasi_path_link(3, 0, "../outside/secret.txt", 3, "linked-in.txt"));
    WASI(__wasi_path_link(3, FOLLOW, "premade-rel", 3, "linked-in.txt"));
    WASI(__wasi_path_link(3, FOLLOW, "premade-dir/secret.txt", 3, "linked-in.txt"));
    printf("  (a link itself can be linked, renamed and removed: it stays a link)\n");
    WASI(__wasi_path_link(3, 0, "premade-rel", 3, "link-copy"));
    WASI(open_at(3, FOLLOW, "link-copy", 0));
    WASI(__wasi_path_rename(3, "mine-abs", 3, "sub/mine-abs"));
    WASI(open_at(3, FOLLOW, "sub/mine-abs", 0));

    printf("-- a directory descriptor opened below is a capability for its own subtree only\n");
    WASI(__wasi_path_open(3, FOLLOW, "sub", __WASI_OFLAGS_DIRECTORY, DIR_RIGHTS, ALL_RIGHTS, 0, &sub));
    WASI(open_at(sub, FOLLOW, "file.txt", 0));
    WASI(open_at(sub, FOLLOW, "../inside.txt", 0));
    WASI(open_at(sub, FOLLOW, "premade-up/secret.txt", 0));
    WASI(__wasi_path_symlink("../inside.txt", sub, "up-link"));
    WASI(open_at(sub, FOLLOW, "up-link", 0));
    WASI(open_at(3, FOLLOW, "sub/up-link", 0));
    WASI(__wasi_path_rename(sub, "file.txt", 3, "moved-up.txt"));
    WASI(open_at(3, FOLLOW, "moved-up.txt", 0));

    printf("-- loops\n");
    WASI(__wasi_path_symlink("loop2", 3, "loop1"));
    WASI(__wasi_path_symlink("loop1", 3, "loop2"));
    WASI(open_at(3, FOLLOW, "loop1", 0));

    printf("-- through wasi-libc\n");
    CHECK(open("/sandbox/../outside/secret.txt", O_RDONLY));
    CHECK(open("/etc/passwd", O_RDONLY));
    CHECK(open("/sandbox/premade-rel", O_RDONLY));
    CHECK(chdir("/sandbox/sub"));
    CHECK(open("../../outside/secret.txt", O_RDONLY));
    CHECK(open("../inside.txt", O_RDONLY) >= 0);
    return 0;
}
