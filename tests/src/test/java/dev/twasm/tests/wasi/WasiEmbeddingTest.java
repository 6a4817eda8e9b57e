package dev.twasm.tests.wasi;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.FileSystem;
import org.graalvm.polyglot.io.IOAccess;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.graalvm.polyglot.proxy.ProxyObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * WASI from Java: enabling it, its options, what it grants by default (nothing), the embedder's
 * precedence, exit, traps on bad pointers, the calling instance's memory, the witx signatures of all
 * 46 functions, and the polyglot IO policy. Uses small text modules that call WASI directly.
 */
class WasiEmbeddingTest {
    @TempDir Path temp;

    /** Calls WASI functions with fixed buffers: an iovec at 0 for "hello\n" at 16, results at 100 on. */
    private static final String CALLER = """
                    (module
                      (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
                      (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
                      (import "wasi_snapshot_preview1" "fd_prestat_get" (func $prestat_get (param i32 i32) (result i32)))
                      (import "wasi_snapshot_preview1" "fd_prestat_dir_name" (func $prestat_dir_name (param i32 i32 i32) (result i32)))
                      (import "wasi_snapshot_preview1" "path_open"
                        (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
                      (import "wasi_snapshot_preview1" "args_sizes_get" (func $args_sizes_get (param i32 i32) (result i32)))
                      (import "wasi_snapshot_preview1" "environ_sizes_get" (func $environ_sizes_get (param i32 i32) (result i32)))
                      (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
                      (memory (export "memory") 1)
                      (data (i32.const 0) "\\10\\00\\00\\00\\06\\00\\00\\00")
                      (data (i32.const 16) "hello\\n")
                      (func (export "hello") (result i32) (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 100)))
                      (func (export "write_iovec_at") (param $iovec i32) (result i32)
                        (call $fd_write (i32.const 1) (local.get $iovec) (i32.const 1) (i32.const 100)))
                      (func (export "write_count_to") (param $at i32) (result i32)
                        (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (local.get $at)))
                      (func (export "read") (param $fd i32) (param $buf i32) (param $len i32) (result i32)
                        (i32.store (i32.const 24) (local.get $buf))
                        (i32.store (i32.const 28) (local.get $len))
                        (call $fd_read (local.get $fd) (i32.const 24) (i32.const 1) (i32.const 100)))
                      (func (export "prestat_get") (param $fd i32) (result i32) (call $prestat_get (local.get $fd) (i32.const 100)))
                      (func (export "prestat_dir_name") (param $fd i32) (result i32)
                        (call $prestat_dir_name (local.get $fd) (i32.const 200) (i32.load (i32.const 104))))
                      ;; path_open(dirfd, follow, path at 300 of length len, oflags, rights) -> errno, fd at 100
                      (func (export "open") (param $dir i32) (param $len i32) (param $oflags i32) (param $rights i64) (result i32)
                        (call $path_open (local.get $dir) (i32.const 1) (i32.const 300) (local.get $len) (local.get $oflags)
                          (local.get $rights) (local.get $rights) (i32.const 0) (i32.const 100)))
                      (func (export "args_count") (result i32) (drop (call $args_sizes_get (i32.const 100) (i32.const 104))) (i32.load (i32.const 100)))
                      (func (export "environ_count") (result i32)
                        (drop (call $environ_sizes_get (i32.const 100) (i32.const 104))) (i32.load (i32.const 100)))
                      (func (export "exit") (param i32) (call $proc_exit (local.get 0)))
                      (func (export "load") (param i32) (result i32) (i32.load (local.get 0))))
                    """;

    /** Rights to read (fd_read, fd_seek, fd_tell), and all rights (which include writing). */
    private static final long READ = 2 | 4 | 32;
    private static final long ALL = 0x3fffffffL;

    private static Context.Builder wasi() {
        return Context.newBuilder("wasm").option("wasm.Wasi", "true");
    }

    private static Value exports(Context context, String wat) {
        return context.eval("wasm", wat).newInstance().getMember("exports");
    }

    private static String string(Value memory, int address, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = memory.readBufferByte(address + i);
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static int putString(Value memory, int address, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            memory.writeBufferByte(address + i, bytes[i]);
        }
        return bytes.length;
    }

    @Test
    void importingWasiWhereItIsNotEnabledIsALinkErrorThatSaysHowToEnableIt() {
        try (Context context = Context.create("wasm")) {
            PolyglotException e = assertThrows(PolyglotException.class, () -> exports(context, CALLER));
            assertTrue(e.isGuestException());
            assertFalse(e.isSyntaxError());
            assertTrue(e.getMessage().startsWith("unknown import: \"wasi_snapshot_preview1\" \"fd_write\""), e.getMessage());
            assertTrue(e.getMessage().contains("--wasm.Wasi=true"), e.getMessage());
            assertTrue(e.getMessage().contains("Context.newBuilder().option(\"wasm.Wasi\", \"true\")"), e.getMessage());
        }
    }

    @Test
    void writesToTheContextsStandardOutput() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Context context = wasi().out(out).build()) {
            Value exports = exports(context, CALLER);
            assertEquals(0, exports.getMember("hello").execute().asInt());
            assertEquals(6, exports.getMember("load").execute(100).asInt(), "bytes written");
        }
        assertEquals("hello\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void anEmbeddersImportsTakePrecedence() {
        List<Integer> calls = new ArrayList<>();
        ProxyExecutable fdWrite = args -> {
            calls.add(args[0].asInt());
            return 0;
        };
        String wat = """
                        (module
                          (import "wasi_snapshot_preview1" "fd_write" (func $w (param i32 i32 i32 i32) (result i32)))
                          (func (export "run") (result i32) (call $w (i32.const 1) (i32.const 2) (i32.const 3) (i32.const 4))))
                        """;
        Value imports = Value.asValue(ProxyObject.fromMap(Map.of("wasi_snapshot_preview1", ProxyObject.fromMap(Map.of("fd_write", fdWrite)))));
        for (Context.Builder builder : List.of(wasi(), Context.newBuilder("wasm"))) {
            try (Context context = builder.build()) {
                Value run = context.eval("wasm", wat).newInstance(imports).getMember("exports").getMember("run");
                assertEquals(0, run.execute().asInt());
            }
        }
        assertEquals(List.of(1, 1), calls);
    }

    @Test
    void procExitIsAnExitExceptionAndTheContextStaysUsable() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Context context = wasi().out(out).build()) {
            Value exports = exports(context, CALLER);
            PolyglotException e = assertThrows(PolyglotException.class, () -> exports.getMember("exit").execute(7));
            assertTrue(e.isExit());
            assertEquals(7, e.getExitStatus());
            assertEquals(0, exports.getMember("hello").execute().asInt(), "the same instance still runs");
            assertEquals(0, exports(context, CALLER).getMember("hello").execute().asInt(), "and new ones too");
            PolyglotException again = assertThrows(PolyglotException.class, () -> exports.getMember("exit").execute(0));
            assertEquals(0, again.getExitStatus());
        }
        assertEquals("hello\nhello\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void nothingIsGrantedByDefault() {
        try (Context context = wasi().allowIO(IOAccess.ALL).build()) {
            Value exports = exports(context, CALLER);
            assertEquals(8, exports.getMember("prestat_get").execute(3).asInt(), "no descriptor 3: EBADF");
            int length = putString(exports.getMember("memory"), 300, "etc/passwd");
            assertEquals(8, exports.getMember("open").execute(3, length, 0, READ).asInt(), "EBADF");
            assertEquals(0, exports.getMember("args_count").execute().asInt(), "no arguments");
            assertEquals(0, exports.getMember("environ_count").execute().asInt(), "none of the host's environment");
        }
    }

    @Test
    void argumentsAndEnvironmentComeFromTheContext() {
        try (Context context = wasi().arguments("wasm", new String[]{"prog", "a", "b"}).environment("K", "V").build()) {
            Value exports = exports(context, CALLER);
            assertEquals(3, exports.getMember("args_count").execute().asInt());
            assertEquals(1, exports.getMember("environ_count").execute().asInt());
        }
    }

    @Test
    void grantedDirectoriesArePreopenedInOrder() throws Exception {
        Path a = Files.createDirectories(temp.resolve("a"));
        Path b = Files.createDirectories(temp.resolve("b"));
        Files.writeString(b.resolve("file.txt"), "in b");
        try (Context context = wasi().allowIO(IOAccess.ALL).option("wasm.WasiMapDirs", a + "::/first," + b).build()) {
            Value exports = exports(context, CALLER);
            Value memory = exports.getMember("memory");
            assertEquals(0, exports.getMember("prestat_get").execute(3).asInt());
            assertEquals(0, exports.getMember("prestat_dir_name").execute(3).asInt());
            assertEquals("/first", string(memory, 200, exports.getMember("load").execute(104).asInt()));
            assertEquals(0, exports.getMember("prestat_get").execute(4).asInt());
            assertEquals(0, exports.getMember("prestat_dir_name").execute(4).asInt());
            assertEquals(b.toString(), string(memory, 200, exports.getMember("load").execute(104).asInt()), "GUEST defaults to HOST");
            assertEquals(8, exports.getMember("prestat_get").execute(5).asInt());
            int length = putString(memory, 300, "file.txt");
            assertEquals(44, exports.getMember("open").execute(3, length, 0, READ).asInt(), "not in the first: ENOENT");
            assertEquals(0, exports.getMember("open").execute(4, length, 0, READ).asInt());
            int fd = exports.getMember("load").execute(100).asInt();
            assertEquals(5, fd, "the lowest free descriptor");
            assertEquals(0, exports.getMember("read").execute(fd, 400, 64).asInt());
            assertEquals("in b", string(memory, 400, exports.getMember("load").execute(100).asInt()));
            Value other = exports(context, CALLER);
            assertEquals(0, other.getMember("read").execute(fd, 400, 64).asInt(), "the context's instances share descriptors");
            assertEquals(0, other.getMember("load").execute(100).asInt(), "at the end of the file");
        }
    }

    @Test
    void grantingDirectoriesNeedsFileAccess() {
        try (Context context = wasi().option("wasm.WasiMapDirs", temp.toString()).build()) {
            PolyglotException e = assertThrows(PolyglotException.class, () -> exports(context, CALLER));
            assertTrue(e.getMessage().contains("does not allow file access") && e.getMessage().contains("allowIO"), e.getMessage());
        }
    }

    @Test
    void badDirectoryMappingsAreReported() {
        Path missing = temp.resolve("missing");
        try (Context context = wasi().allowIO(IOAccess.ALL).option("wasm.WasiMapDirs", missing + "::/x").build()) {
            PolyglotException e = assertThrows(PolyglotException.class, () -> exports(context, CALLER));
            assertTrue(e.getMessage().contains("'" + missing + "' is not a directory"), e.getMessage());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> wasi().option("wasm.WasiMapDirs", "::/guest").build());
        assertTrue(e.getMessage().contains("HOST::GUEST"), e.getMessage());
    }

    @Test
    void pointersOutsideMemoryTrapBeforeAnyEffect() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (Context context = wasi().out(out).build()) {
            Value exports = exports(context, CALLER);
            for (int iovec : new int[]{65536, 65532, -8}) {
                PolyglotException e = assertThrows(PolyglotException.class, () -> exports.getMember("write_iovec_at").execute(iovec));
                assertTrue(e.isGuestException() && !e.isExit());
                assertTrue(e.getMessage().startsWith("out of bounds memory access"), e.getMessage());
            }
            PolyglotException e = assertThrows(PolyglotException.class, () -> exports.getMember("write_count_to").execute(65534));
            assertTrue(e.getMessage().startsWith("out of bounds memory access"), e.getMessage());
            // an iovec whose buffer lies outside
            Value memory = exports.getMember("memory");
            memory.writeBufferInt(java.nio.ByteOrder.LITTLE_ENDIAN, 32, 65530);
            memory.writeBufferInt(java.nio.ByteOrder.LITTLE_ENDIAN, 36, 7);
            assertThrows(PolyglotException.class, () -> exports.getMember("write_iovec_at").execute(32));
        }
        assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing was written");
    }

    @Test
    void functionsUseTheMemoryTheCallingInstanceExports() {
        String withoutMemory = """
                        (module
                          (import "wasi_snapshot_preview1" "fd_write" (func $w (param i32 i32 i32 i32) (result i32)))
                          (import "wasi_snapshot_preview1" "sched_yield" (func $yield (result i32)))
                          (memory 1)
                          (func (export "yield") (result i32) (call $yield))
                          (func (export "write") (result i32) (call $w (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 0))))
                        """;
        try (Context context = wasi().build()) {
            Value exports = exports(context, withoutMemory);
            assertEquals(0, exports.getMember("yield").execute().asInt());
            PolyglotException e = assertThrows(PolyglotException.class, () -> exports.getMember("write").execute());
            assertTrue(e.getMessage().contains("to export its memory as \"memory\""), e.getMessage());
        }
    }

    @Test
    void everyFunctionHasItsWitxSignature() {
        StringBuilder wat = new StringBuilder("(module\n");
        for (String[] function : WITX) {
            wat.append("  (import \"wasi_snapshot_preview1\" \"").append(function[0]).append("\" (func (param");
            for (char c : function[1].toCharArray()) {
                wat.append(c == 'I' ? " i64" : " i32");
            }
            wat.append(")").append(function[0].equals("proc_exit") ? "" : " (result i32)").append("))\n");
        }
        try (Context context = wasi().build()) {
            context.eval("wasm", wat.append(")").toString()).newInstance();
            PolyglotException e = assertThrows(PolyglotException.class, () -> context.eval("wasm", """
                            (module (import "wasi_snapshot_preview1" "fd_close" (func (param i64) (result i32))))
                            """).newInstance());
            assertTrue(e.getMessage().startsWith("incompatible import type: \"wasi_snapshot_preview1\" \"fd_close\""), e.getMessage());
            e = assertThrows(PolyglotException.class, () -> context.eval("wasm", """
                            (module (import "wasi_snapshot_preview1" "fd_frobnicate" (func)))
                            """).newInstance());
            assertTrue(e.getMessage().startsWith("unknown import: func \"wasi_snapshot_preview1\" \"fd_frobnicate\""), e.getMessage());
            e = assertThrows(PolyglotException.class, () -> context.eval("wasm", """
                            (module (import "wasi_snapshot_preview1" "memory" (memory 1)))
                            """).newInstance());
            assertTrue(e.getMessage().startsWith("unknown import: memory \"wasi_snapshot_preview1\" \"memory\""), e.getMessage());
        }
    }

    /** The functions of wasi_snapshot_preview1.witx with their core parameter types (i32, I64). */
    private static final String[][] WITX = {
        {"args_get", "ii"}, {"args_sizes_get", "ii"}, {"environ_get", "ii"}, {"environ_sizes_get", "ii"},
        {"clock_res_get", "ii"}, {"clock_time_get", "iIi"}, {"fd_advise", "iIIi"}, {"fd_allocate", "iII"}, {"fd_close", "i"},
        {"fd_datasync", "i"}, {"fd_fdstat_get", "ii"}, {"fd_fdstat_set_flags", "ii"}, {"fd_fdstat_set_rights", "iII"},
        {"fd_filestat_get", "ii"}, {"fd_filestat_set_size", "iI"}, {"fd_filestat_set_times", "iIIi"}, {"fd_pread", "iiiIi"},
        {"fd_prestat_get", "ii"}, {"fd_prestat_dir_name", "iii"}, {"fd_pwrite", "iiiIi"}, {"fd_read", "iiii"},
        {"fd_readdir", "iiiIi"}, {"fd_renumber", "ii"}, {"fd_seek", "iIii"}, {"fd_sync", "i"}, {"fd_tell", "ii"},
        {"fd_write", "iiii"}, {"path_create_directory", "iii"}, {"path_filestat_get", "iiiii"},
        {"path_filestat_set_times", "iiiiIIi"}, {"path_link", "iiiiiii"}, {"path_open", "iiiiiIIii"},
        {"path_readlink", "iiiiii"}, {"path_remove_directory", "iii"}, {"path_rename", "iiiiii"}, {"path_symlink", "iiiii"},
        {"path_unlink_file", "iii"}, {"poll_oneoff", "iiii"}, {"proc_exit", "i"}, {"proc_raise", "i"}, {"sched_yield", ""},
        {"random_get", "ii"}, {"sock_accept", "iii"}, {"sock_recv", "iiiiii"}, {"sock_send", "iiiii"}, {"sock_shutdown", "ii"}};

    @Test
    void fileAccessGoesThroughThePolyglotFileSystem() throws Exception {
        Files.writeString(temp.resolve("existing.txt"), "readable");
        IOAccess readOnly = IOAccess.newBuilder().fileSystem(FileSystem.newReadOnlyFileSystem(FileSystem.newDefaultFileSystem())).build();
        try (Context context = wasi().allowIO(readOnly).option("wasm.WasiMapDirs", temp + "::/dir").build()) {
            Value exports = exports(context, CALLER);
            Value memory = exports.getMember("memory");
            int length = putString(memory, 300, "existing.txt");
            assertEquals(0, exports.getMember("open").execute(3, length, 0, READ).asInt(), "reading is allowed");
            length = putString(memory, 300, "created.txt");
            assertEquals(76, exports.getMember("open").execute(3, length, 1, ALL).asInt(), "creating a file is refused by the read-only file system");
            length = putString(memory, 300, "existing.txt");
            assertEquals(76, exports.getMember("open").execute(3, length, 0, ALL).asInt(), "so is opening one for writing");
        }
        assertFalse(Files.exists(temp.resolve("created.txt")));
    }
}
