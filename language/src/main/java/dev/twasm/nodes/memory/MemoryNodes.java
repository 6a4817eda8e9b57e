package dev.twasm.nodes.memory;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.memory.ByteArraySupport;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.profiles.BranchProfile;
import dev.twasm.nodes.CallingConvention;
import dev.twasm.nodes.TrapSite;
import dev.twasm.runtime.WasmInstance;
import dev.twasm.runtime.WasmMemory;
import dev.twasm.simd.SimdOps;

/**
 * Shared helpers of the memory instruction nodes: the 32-bit unshared memories' {@code byte[]}
 * bounds check and the chunked accesses of 64-bit and shared memories ({@link WasmMemory}). A node
 * picks one with its {@code chunked} field ({@code is64 || shared}, from the module's memory type),
 * a constant in compiled code, so a 32-bit unshared access compiles as if the other did not exist.
 * The "64-bit" helpers below serve shared 32-bit memories too.
 */
final class MemoryNodes {
    private MemoryNodes() {
    }

    /**
     * The memory an instruction addresses. Memory 0 comes from a dedicated instance field; the
     * index is a constant of the node, so the choice folds in compiled code.
     */
    static WasmMemory memory(Node node, VirtualFrame frame, int memoryIndex) {
        WasmInstance instance = CallingConvention.instance(node, frame);
        return memoryIndex == 0 ? instance.memory0 : instance.memories[memoryIndex];
    }

    /**
     * The bytes of the memory an instruction addresses, after checking that
     * {@code [ea, ea + width)} lies within them (the same test the little-endian accessors repeat,
     * so compiled code keeps one compare); traps through {@code outOfBounds} otherwise.
     */
    static byte[] checkedBytes(Node node, VirtualFrame frame, int memoryIndex, long ea, int width, TrapSite outOfBounds) {
        byte[] bytes = memory(node, frame, memoryIndex).buffer;
        if (!ByteArraySupport.littleEndian().inBounds(bytes, ea, width)) {
            throw outOfBounds.trap(node);
        }
        return bytes;
    }

    /**
     * The branch profiles of a 64-bit memory's access: {@link #high}, entered when an access
     * first lies beyond the low array, and {@link #slow}, when one first straddles two arrays or
     * traps. Until then, partial evaluation leaves those paths out of compiled code, so an access
     * within the low array compiles as a 32-bit memory's does (one compare against the array
     * length and the load). The slow path matters most: compiled in, its call would merge back into
     * the loop and force every field the fast path reads (the instance's memory, its arrays) to be
     * re-read at each access.
     */
    static final class Paths64 {
        final BranchProfile high = BranchProfile.create();
        final BranchProfile slow = BranchProfile.create();
    }

    /**
     * Whether the low array of a 64-bit memory holds all of {@code [ea, ea + width)}; when it
     * does not, enters {@link Paths64#high}, after which the caller looks for the high chunk
     * ({@link WasmMemory#highChunk}). Each path then makes its own access, so the accessor's
     * bounds check folds into the test of its own array.
     */
    private static boolean inLowArray(byte[] low, long ea, int width, Paths64 paths) {
        if (ByteArraySupport.littleEndian().inBounds(low, ea, width)) {
            return true;
        }
        paths.high.enter();
        return false;
    }

    /** A load of {@code width} bytes (1, 2, 4 or 8) at {@code ea} from a 64-bit memory, zero-extended; see {@link Paths64}. */
    static long loadBits(Node node, VirtualFrame frame, int memoryIndex, long ea, int width, TrapSite outOfBounds, Paths64 paths) {
        WasmMemory memory = memory(node, frame, memoryIndex);
        byte[] low = memory.buffer;
        if (inLowArray(low, ea, width, paths)) {
            return WasmMemory.bits(low, ea, width);
        }
        byte[] chunk = memory.highChunk(ea, width);
        if (chunk != null) {
            return WasmMemory.bits(chunk, memory.highIndex(ea), width);
        }
        checkStraddling(node, memory, ea, width, outOfBounds, paths);
        return memory.load(ea, width);
    }

    /** A store of the low {@code width} bytes of {@code bits} at {@code ea} to a 64-bit memory, shaped like {@link #loadBits}. */
    static void storeBits(Node node, VirtualFrame frame, int memoryIndex, long ea, int width, long bits, TrapSite outOfBounds, Paths64 paths) {
        WasmMemory memory = memory(node, frame, memoryIndex);
        byte[] low = memory.buffer;
        if (inLowArray(low, ea, width, paths)) {
            WasmMemory.putBits(low, ea, width, bits);
            return;
        }
        byte[] chunk = memory.highChunk(ea, width);
        if (chunk != null) {
            WasmMemory.putBits(chunk, memory.highIndex(ea), width, bits);
            return;
        }
        checkStraddling(node, memory, ea, width, outOfBounds, paths);
        memory.store(ea, width, bits);
    }

    /** {@code v128.load} from a 64-bit memory, shaped like {@link #loadBits}. */
    static Object loadVector(Node node, VirtualFrame frame, int memoryIndex, long ea, TrapSite outOfBounds, Paths64 paths) {
        WasmMemory memory = memory(node, frame, memoryIndex);
        byte[] low = memory.buffer;
        if (inLowArray(low, ea, 16, paths)) {
            return SimdOps.INSTANCE.load(low, (int) ea);
        }
        byte[] chunk = memory.highChunk(ea, 16);
        if (chunk != null) {
            return SimdOps.INSTANCE.load(chunk, (int) memory.highIndex(ea));
        }
        checkStraddling(node, memory, ea, 16, outOfBounds, paths);
        return memory.loadVector(ea);
    }

    /** {@code v128.store} to a 64-bit memory, shaped like {@link #loadBits}. */
    static void storeVector(Node node, VirtualFrame frame, int memoryIndex, long ea, Object vector, TrapSite outOfBounds, Paths64 paths) {
        WasmMemory memory = memory(node, frame, memoryIndex);
        byte[] low = memory.buffer;
        if (inLowArray(low, ea, 16, paths)) {
            SimdOps.INSTANCE.store(low, (int) ea, vector);
            return;
        }
        byte[] chunk = memory.highChunk(ea, 16);
        if (chunk != null) {
            SimdOps.INSTANCE.store(chunk, (int) memory.highIndex(ea), vector);
            return;
        }
        checkStraddling(node, memory, ea, 16, outOfBounds, paths);
        memory.storeVector(ea, vector);
    }

    /**
     * Off the fast path of a 64-bit access: traps through the node's site unless
     * {@code [ea, ea + width)} is in bounds (then it straddles two chunks, which the memory's own
     * access method handles).
     */
    private static void checkStraddling(Node node, WasmMemory memory, long ea, int width, TrapSite outOfBounds, Paths64 paths) {
        paths.slow.enter();
        if (!memory.inBounds(ea, width)) {
            throw outOfBounds.trap(node);
        }
    }
}
