package dev.twasm.wasi.fs;

import dev.twasm.wasi.Errno;
import dev.twasm.wasi.ErrnoException;

import java.io.IOException;
import java.util.Arrays;

/**
 * The guest's file descriptor table: numbers to {@link Descriptor}s. New descriptors get the lowest
 * free number, as POSIX's {@code open} does (WASI allows any number below 2^31).
 */
public final class FdTable {
    /** The most descriptors open at once ({@code mfile} beyond). */
    public static final int MAX_DESCRIPTORS = 1 << 16;

    private Descriptor[] table = new Descriptor[16];

    /** The descriptor numbered {@code fd}, or {@code badf}. */
    public Descriptor get(int fd) throws ErrnoException {
        if (fd < 0 || fd >= table.length || table[fd] == null) {
            throw Errno.BADF.error();
        }
        return table[fd];
    }

    /** Adds {@code descriptor} under the lowest free number and returns it. */
    public int add(Descriptor descriptor) throws ErrnoException {
        for (int fd = 0; fd < table.length; fd++) {
            if (table[fd] == null) {
                table[fd] = descriptor;
                return fd;
            }
        }
        if (table.length >= MAX_DESCRIPTORS) {
            throw Errno.MFILE.error();
        }
        int fd = table.length;
        table = Arrays.copyOf(table, table.length * 2);
        table[fd] = descriptor;
        return fd;
    }

    /** Removes and closes descriptor {@code fd}. */
    public void close(int fd) throws ErrnoException, IOException {
        Descriptor descriptor = get(fd);
        table[fd] = null;
        descriptor.close();
    }

    /** {@code fd_renumber}: closes {@code to} and moves {@code from} there. */
    public void renumber(int from, int to) throws ErrnoException, IOException {
        Descriptor moving = get(from);
        Descriptor replaced = get(to);
        if (from == to) {
            return;
        }
        table[to] = moving;
        table[from] = null;
        replaced.close();
    }

    /** Closes every descriptor (when the context closes). */
    public void closeAll() {
        for (int fd = 0; fd < table.length; fd++) {
            if (table[fd] != null) {
                try {
                    table[fd].close();
                } catch (IOException e) {
                    // nothing left to tell the guest
                }
                table[fd] = null;
            }
        }
    }

    /** The number of descriptor slots (open or not) below which every open descriptor lies. */
    public int capacity() {
        return table.length;
    }
}
