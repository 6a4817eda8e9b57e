package dev.twasm.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;

import java.lang.ref.WeakReference;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shared memories (threads) that have been handed to another context, by their handles (one
 * registry per JVM, see {@code EngineState}).
 *
 * <p>A memory passed from one polyglot context to another of the same engine does not arrive as
 * itself: the polyglot API hands the other context a foreign object that forwards every message to
 * the first one. Linking could use that object only through interop, one message per access, and
 * atomics and {@code memory.atomic.wait} could not work through it at all. So a shared memory has
 * one member, {@code handle}, a string that names it in this registry; the string, a primitive,
 * crosses contexts unchanged, and a memory import that is given the foreign object reads it and
 * links the memory itself ({@link Linker}). Handles are 128 random bits: knowing one is as good as
 * holding the memory, so they cannot be guessed. The registry holds memories weakly: a handle
 * keeps nothing alive.
 */
public final class SharedMemories {
    /** The member of a shared memory that names it. */
    public static final String HANDLE = "handle";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ConcurrentHashMap<String, WeakReference<WasmMemory>> byHandle = new ConcurrentHashMap<>();

    /** Registers {@code memory} (shared) under a new handle and returns it. */
    @TruffleBoundary
    public String register(WasmMemory memory) {
        byte[] bits = new byte[16];
        RANDOM.nextBytes(bits);
        String handle = "shared-memory-" + HexFormat.of().formatHex(bits);
        byHandle.put(handle, new WeakReference<>(memory));
        byHandle.values().removeIf(reference -> reference.get() == null);
        return handle;
    }

    /** The memory registered under {@code handle}, or null. */
    @TruffleBoundary
    public WasmMemory find(String handle) {
        WeakReference<WasmMemory> reference = byHandle.get(handle);
        return reference == null ? null : reference.get();
    }
}
