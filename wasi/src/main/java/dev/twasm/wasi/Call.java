package dev.twasm.wasi;

import com.oracle.truffle.api.nodes.Node;
import dev.twasm.host.GuestMemory;
import dev.twasm.host.HostCaller;
import dev.twasm.wasi.fs.Descriptor;
import dev.twasm.wasi.fs.DirectoryDescriptor;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * One call of a WASI function, as its implementation sees it: the parameters by position, the
 * calling instance's memory, the context's {@link WasiState}, and helpers for what most functions
 * do with them (look up a descriptor and check its rights, read a path string, store a result
 * through a pointer).
 */
final class Call {
    final WasiState wasi;
    /** The function's root node: the location for safepoints while blocking and for exceptions. */
    final Node location;
    private final HostCaller caller;
    private final Object[] frameArguments;

    Call(WasiState wasi, HostCaller caller, Object[] frameArguments, Node location) {
        this.wasi = wasi;
        this.caller = caller;
        this.frameArguments = frameArguments;
        this.location = location;
    }

    int i32(int index) {
        return (Integer) HostCaller.argument(frameArguments, index);
    }

    long i64(int index) {
        return (Long) HostCaller.argument(frameArguments, index);
    }

    GuestMemory memory() {
        return caller.memory();
    }

    /** The descriptor whose number is parameter {@code index}, if it has {@code rights}. */
    Descriptor fd(int index, long rights) throws ErrnoException {
        Descriptor descriptor = wasi.fds.get(i32(index));
        descriptor.require(rights);
        return descriptor;
    }

    /**
     * The directory whose descriptor is parameter {@code index}, if it has {@code rights}; a
     * descriptor that is no directory is {@code badf} (Wasmtime's answer for the {@code path_*}
     * functions but {@code path_open}, see {@link #directoryToOpenIn}), whatever its rights.
     */
    DirectoryDescriptor directory(int index, long rights) throws ErrnoException {
        return directory(index, rights, Errno.BADF);
    }

    /** {@link #directory} for {@code path_open}, where a descriptor that is no directory is {@code notdir} (as in Wasmtime). */
    DirectoryDescriptor directoryToOpenIn(int index, long rights) throws ErrnoException {
        return directory(index, rights, Errno.NOTDIR);
    }

    private DirectoryDescriptor directory(int index, long rights, Errno notADirectory) throws ErrnoException {
        if (wasi.fds.get(i32(index)) instanceof DirectoryDescriptor directory) {
            directory.require(rights);
            return directory;
        }
        throw notADirectory.error();
    }

    /** The UTF-8 string whose address and length are parameters {@code index} and {@code index + 1}. */
    String string(int index) throws ErrnoException {
        int address = i32(index);
        int length = i32(index + 1);
        ByteBuffer bytes = ByteBuffer.wrap(memory().read(address, length));
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw Errno.ILSEQ.error();
        }
    }

    /** Stores a {@code u32} result through the pointer in parameter {@code index}. */
    void resultI32(int index, int value) {
        memory().writeI32(i32(index), value);
    }

    /** Stores a {@code u64} result through the pointer in parameter {@code index}. */
    void resultI64(int index, long value) {
        memory().writeI64(i32(index), value);
    }
}
