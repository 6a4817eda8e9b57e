package dev.twasm.wasi;

import dev.twasm.model.ValType;
import org.junit.jupiter.api.Test;

import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plain-Java tables of the WASI module: errno and rights numbering, the function table, option syntax, error mapping. */
class WasiTableTest {
    @Test
    void errnoCodesFollowTheWitxDeclarationOrder() {
        assertEquals(77, Errno.values().length);
        assertEquals(0, Errno.SUCCESS.code());
        assertEquals(1, Errno.TOOBIG.code());
        assertEquals(8, Errno.BADF.code());
        assertEquals(20, Errno.EXIST.code());
        assertEquals(28, Errno.INVAL.code());
        assertEquals(44, Errno.NOENT.code());
        assertEquals(52, Errno.NOSYS.code());
        assertEquals(57, Errno.NOTSOCK.code());
        assertEquals(63, Errno.PERM.code());
        assertEquals(76, Errno.NOTCAPABLE.code());
    }

    @Test
    void rightsAreTheWitxBits() {
        assertEquals(1L << 13, Rights.PATH_OPEN);
        assertEquals(1L << 29, Rights.SOCK_ACCEPT);
        assertEquals(0x3fffffffL, Rights.ALL);
        assertEquals(0, Rights.REGULAR_FILE & (Rights.PATH_OPEN | Rights.FD_READDIR), "files have no path rights");
        assertEquals(0, Rights.DIRECTORY & (Rights.FD_READ | Rights.FD_WRITE | Rights.FD_SEEK), "directories are not read as files");
    }

    @Test
    void theTableHasEveryFunctionOfWasiSnapshotPreview1() {
        Set<String> expected = new TreeSet<>(List.of("args_get", "args_sizes_get", "environ_get", "environ_sizes_get", "clock_res_get",
                        "clock_time_get", "fd_advise", "fd_allocate", "fd_close", "fd_datasync", "fd_fdstat_get", "fd_fdstat_set_flags",
                        "fd_fdstat_set_rights", "fd_filestat_get", "fd_filestat_set_size", "fd_filestat_set_times", "fd_pread", "fd_prestat_get",
                        "fd_prestat_dir_name", "fd_pwrite", "fd_read", "fd_readdir", "fd_renumber", "fd_seek", "fd_sync", "fd_tell", "fd_write",
                        "path_create_directory", "path_filestat_get", "path_filestat_set_times", "path_link", "path_open", "path_readlink",
                        "path_remove_directory", "path_rename", "path_symlink", "path_unlink_file", "poll_oneoff", "proc_exit", "proc_raise",
                        "sched_yield", "random_get", "sock_accept", "sock_recv", "sock_send", "sock_shutdown"));
        assertEquals(46, expected.size());
        assertEquals(expected, new TreeSet<>(WasiModule.FUNCTIONS.keySet()));
        for (WasiFunction function : WasiModule.FUNCTIONS.values()) {
            boolean exits = function.name().equals("proc_exit");
            assertEquals(exits ? 0 : 1, function.type().resultCount(), function.name());
            if (!exits) {
                assertEquals(ValType.I32, function.type().result(0), function.name());
            }
        }
        assertEquals("[i32 i32 i32 i32 i32 i64 i64 i32 i32] -> [i32]", WasiModule.FUNCTIONS.get("path_open").type().toString());
    }

    @Test
    void signaturesCheckResultPointers() {
        WasiFunction seek = WasiModule.FUNCTIONS.get("fd_seek");
        assertEquals(List.of(0, 0, 0, 8), List.of(seek.resultSizes()[0], seek.resultSizes()[1], seek.resultSizes()[2], seek.resultSizes()[3]));
        assertThrows(IllegalArgumentException.class, () -> WasiFunction.of("bad", "x", c -> 0));
    }

    @Test
    void directoryMappings() {
        assertEquals(new DirMapping("/tmp/a", "/tmp/a"), DirMapping.parse("/tmp/a"));
        assertEquals(new DirMapping("data", "/sandbox"), DirMapping.parse("data::/sandbox"));
        assertEquals(List.of(new DirMapping("a", "a"), new DirMapping("b", "c")), DirMapping.parseList(" a, b::c,,"));
        assertEquals(List.of(), DirMapping.parseList(""));
        assertThrows(IllegalArgumentException.class, () -> DirMapping.parse("::/guest"));
        assertThrows(IllegalArgumentException.class, () -> DirMapping.parse("host::"));
        assertEquals("data::/sandbox", DirMapping.parse("data::/sandbox").toString());
    }

    @Test
    void javaExceptionsBecomeErrnos() {
        assertEquals(Errno.NOENT, IoErrors.of(new NoSuchFileException("x")));
        assertEquals(Errno.NOTEMPTY, IoErrors.of(new DirectoryNotEmptyException("x")));
        assertEquals(Errno.NOTEMPTY, IoErrors.of(new FileSystemException("x", null, "Directory not empty")));
        assertEquals(Errno.LOOP, IoErrors.of(new FileSystemException("x", null, "Too many levels of symbolic links or unable to access attributes of symbolic link")));
        assertEquals(Errno.NFILE, IoErrors.of(new FileSystemException("x", null, "Too many open files in system")));
        assertEquals(Errno.XDEV, IoErrors.of(new FileSystemException("x", null, "Invalid cross-device link")));
        assertEquals(Errno.IO, IoErrors.of(new FileSystemException("x", null, "Something new")));
        assertEquals(Errno.IO, IoErrors.of(new FileSystemException("x")));
        assertEquals(Errno.NOTCAPABLE, IoErrors.of(new SecurityException("denied")));
        assertEquals(Errno.INVAL, IoErrors.of(new java.nio.file.InvalidPathException("a\0b", "nul")));
        assertTrue(IoErrors.of(new IllegalStateException()) == Errno.IO);
    }
}
