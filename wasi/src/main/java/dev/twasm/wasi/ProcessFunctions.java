package dev.twasm.wasi;

import dev.twasm.host.GuestMemory;

import java.util.List;

/**
 * The process family of wasi_snapshot_preview1: {@code args_*} and {@code environ_*} (the
 * command line and environment as NUL-terminated UTF-8 strings with a table of pointers to them),
 * {@code proc_exit}, {@code proc_raise}, {@code sched_yield} and {@code random_get}.
 */
final class ProcessFunctions {
    static final List<WasiFunction> FUNCTIONS = List.of(
                    WasiFunction.of("args_get", "ii", c -> storeStrings(c, c.wasi.arguments)),
                    WasiFunction.of("args_sizes_get", "rr", c -> storeSizes(c, c.wasi.arguments)),
                    WasiFunction.of("environ_get", "ii", c -> storeStrings(c, c.wasi.environment)),
                    WasiFunction.of("environ_sizes_get", "rr", c -> storeSizes(c, c.wasi.environment)),
                    WasiFunction.of("proc_exit", "i", false, c -> {
                        throw new WasiExit(c.i32(0), c.location);
                    }),
                    // Signals do not exist here: raising one is "function not supported".
                    WasiFunction.of("proc_raise", "i", c -> Errno.NOSYS.code()),
                    WasiFunction.of("sched_yield", "", c -> {
                        Thread.yield();
                        return 0;
                    }),
                    WasiFunction.of("random_get", "ii", ProcessFunctions::randomGet));

    private ProcessFunctions() {
    }

    /** {@code (pointers, buffer)}: the strings, each NUL-terminated, into buffer and their addresses into pointers. */
    private static int storeStrings(Call c, List<byte[]> strings) {
        GuestMemory memory = c.memory();
        int pointers = memory.checkArray(c.i32(0), strings.size(), 4);
        int buffer = memory.check(c.i32(1), totalSize(strings));
        for (int i = 0; i < strings.size(); i++) {
            byte[] string = strings.get(i);
            memory.writeI32(pointers + 4 * i, buffer);
            memory.write(buffer, string);
            memory.writeI8(buffer + string.length, 0);
            buffer += string.length + 1;
        }
        return 0;
    }

    /** {@code (*count, *bufferSize)}. */
    private static int storeSizes(Call c, List<byte[]> strings) {
        c.resultI32(0, strings.size());
        c.resultI32(1, totalSize(strings));
        return 0;
    }

    private static int totalSize(List<byte[]> strings) {
        int size = 0;
        for (byte[] string : strings) {
            size += string.length + 1;
        }
        return size;
    }

    /** {@code (buf, buf_len)}: cryptographically strong random bytes. */
    private static int randomGet(Call c) {
        GuestMemory memory = c.memory();
        int address = memory.check(c.i32(0), c.i32(1));
        byte[] bytes = new byte[c.i32(1)];
        c.wasi.random.nextBytes(bytes);
        memory.write(address, bytes);
        return 0;
    }
}
