package dev.twasm.baseline;

import com.oracle.truffle.api.CallTarget;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import dev.twasm.exception.TrapKind;
import dev.twasm.exception.WasmTrap;
import dev.twasm.model.HeapType;
import dev.twasm.model.Opcode;
import dev.twasm.nodes.reference.RefTestNode;
import dev.twasm.nodes.AddressOperand;
import dev.twasm.nodes.WasmRootNode;
import dev.twasm.runtime.ResourceLimits;
import dev.twasm.runtime.TailCall;
import dev.twasm.runtime.WasmException;
import dev.twasm.runtime.TypeRegistry;
import dev.twasm.runtime.WasmFunction;
import dev.twasm.runtime.WasmInstance;
import dev.twasm.runtime.WasmMemory;
import dev.twasm.runtime.WasmI31;
import dev.twasm.runtime.WasmNull;
import dev.twasm.runtime.WasmTable;
import dev.twasm.simd.SimdFamily;
import dev.twasm.simd.SimdOps;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The run-time support that baseline code calls: memory accesses (spec §4.4.7), table, global,
 * reference and bulk instructions (§4.4.5-§4.4.7), call depth accounting and the traps, each a
 * small {@code public static} method.
 *
 * <p>Why helpers rather than inline bytecode: HotSpot refuses to compile methods over 8,000 bytes
 * of bytecode ({@code -XX:+DontCompileHugeMethods}, the default), so every byte a Wasm instruction
 * costs in its translation lowers the size of the largest function the baseline tier can take. A
 * call of a helper is 3 bytes; C1 and C2 inline the small ones, so compiled code is the same as if
 * they had been written out in place.
 *
 * <p>Conventions, which {@link BaselineCompiler} relies on: a helper's parameters are the Wasm
 * operands in stack order (bottom first), then the {@link WasmInstance} and any immediates, so the
 * translator pushes only the instance and the immediates after the operands that are already on
 * the JVM stack. References are typed {@code Object}. Traps are the AST's {@link WasmTrap}s with
 * the same {@link TrapKind}s and messages, created here out of line without a node location.
 *
 * <p>A 32-bit linear memory is a {@code byte[]}; memory 0's is kept by the translated method in a
 * local and reloaded after calls and {@code memory.grow}. Accesses are little-endian
 * {@link VarHandle} views of the array; the effective address is the unsigned 32-bit operand plus
 * the unsigned offset, computed in {@code long} so it cannot wrap, and checked against the array
 * length before the access. A 64-bit memory is chunked ({@link WasmMemory}): its accesses
 * ({@link #load64} and the other {@code *64} methods) take the {@code i64} address and offset and
 * go through the memory's own methods.
 *
 * <p>Vectors ({@code v128}) are opaque objects of {@link SimdOps#INSTANCE}; the helpers here pass
 * them to it with the lane width and lane index as constant arguments, and a few {@code public
 * static} methods are the bootstrap methods of the dynamic constants ({@code ldc}) that baseline
 * code uses for the function of a vector instruction, a {@code v128.const} and the lanes of an
 * {@code i8x16.shuffle}.
 */
public final class BaselineSupport {
    /** The null reference, typed {@code Object} so verifier types of references never need a class hierarchy. */
    public static final Object NULL = WasmNull.INSTANCE;

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final byte[] DROPPED_DATA = new byte[0];
    private static final Object[] DROPPED_ELEM = new Object[0];

    private BaselineSupport() {
    }

    // ---- memory (spec §4.4.7) -------------------------------------------------------------------

    /** The effective address of an access of {@code width} bytes, after the bounds check. */
    private static int address(int address, byte[] memory, int offset, int width) {
        long ea = Integer.toUnsignedLong(address) + Integer.toUnsignedLong(offset);
        if (ea > memory.length - width) {
            throw outOfBoundsMemory();
        }
        return (int) ea;
    }

    /** A non-negative constant effective address (constant address plus offset) after the bounds check. */
    private static int at(int address, byte[] memory, int width) {
        if (address > memory.length - width) {
            throw outOfBoundsMemory();
        }
        return address;
    }

    public static int i32LoadAt(int address, byte[] memory) {
        return (int) INT.get(memory, at(address, memory, 4));
    }

    public static long i64LoadAt(int address, byte[] memory) {
        return (long) LONG.get(memory, at(address, memory, 8));
    }

    public static float f32LoadAt(int address, byte[] memory) {
        return Float.intBitsToFloat((int) INT.get(memory, at(address, memory, 4)));
    }

    public static double f64LoadAt(int address, byte[] memory) {
        return Double.longBitsToDouble((long) LONG.get(memory, at(address, memory, 8)));
    }

    public static int i32Load8SAt(int address, byte[] memory) {
        return memory[at(address, memory, 1)];
    }

    public static int i32Load8UAt(int address, byte[] memory) {
        return memory[at(address, memory, 1)] & 0xFF;
    }

    public static int i32Load16SAt(int address, byte[] memory) {
        return (short) SHORT.get(memory, at(address, memory, 2));
    }

    public static int i32Load16UAt(int address, byte[] memory) {
        return (short) SHORT.get(memory, at(address, memory, 2)) & 0xFFFF;
    }

    public static long i64Load8SAt(int address, byte[] memory) {
        return memory[at(address, memory, 1)];
    }

    public static long i64Load8UAt(int address, byte[] memory) {
        return memory[at(address, memory, 1)] & 0xFFL;
    }

    public static long i64Load16SAt(int address, byte[] memory) {
        return (short) SHORT.get(memory, at(address, memory, 2));
    }

    public static long i64Load16UAt(int address, byte[] memory) {
        return (short) SHORT.get(memory, at(address, memory, 2)) & 0xFFFFL;
    }

    public static long i64Load32SAt(int address, byte[] memory) {
        return (int) INT.get(memory, at(address, memory, 4));
    }

    public static long i64Load32UAt(int address, byte[] memory) {
        return (int) INT.get(memory, at(address, memory, 4)) & 0xFFFF_FFFFL;
    }

    public static byte[] memory(WasmInstance instance) {
        return instance.memory0.buffer;
    }

    public static int i32Load(int address, byte[] memory, int offset) {
        return (int) INT.get(memory, address(address, memory, offset, 4));
    }

    public static long i64Load(int address, byte[] memory, int offset) {
        return (long) LONG.get(memory, address(address, memory, offset, 8));
    }

    /** Through the int bits, so a NaN's payload is kept exactly. */
    public static float f32Load(int address, byte[] memory, int offset) {
        return Float.intBitsToFloat((int) INT.get(memory, address(address, memory, offset, 4)));
    }

    public static double f64Load(int address, byte[] memory, int offset) {
        return Double.longBitsToDouble((long) LONG.get(memory, address(address, memory, offset, 8)));
    }

    public static int i32Load8S(int address, byte[] memory, int offset) {
        return memory[address(address, memory, offset, 1)];
    }

    public static int i32Load8U(int address, byte[] memory, int offset) {
        return memory[address(address, memory, offset, 1)] & 0xFF;
    }

    public static int i32Load16S(int address, byte[] memory, int offset) {
        return (short) SHORT.get(memory, address(address, memory, offset, 2));
    }

    public static int i32Load16U(int address, byte[] memory, int offset) {
        return (short) SHORT.get(memory, address(address, memory, offset, 2)) & 0xFFFF;
    }

    public static long i64Load8S(int address, byte[] memory, int offset) {
        return memory[address(address, memory, offset, 1)];
    }

    public static long i64Load8U(int address, byte[] memory, int offset) {
        return memory[address(address, memory, offset, 1)] & 0xFFL;
    }

    public static long i64Load16S(int address, byte[] memory, int offset) {
        return (short) SHORT.get(memory, address(address, memory, offset, 2));
    }

    public static long i64Load16U(int address, byte[] memory, int offset) {
        return (short) SHORT.get(memory, address(address, memory, offset, 2)) & 0xFFFFL;
    }

    public static long i64Load32S(int address, byte[] memory, int offset) {
        return (int) INT.get(memory, address(address, memory, offset, 4));
    }

    public static long i64Load32U(int address, byte[] memory, int offset) {
        return (int) INT.get(memory, address(address, memory, offset, 4)) & 0xFFFF_FFFFL;
    }

    public static void i32Store(int address, int value, byte[] memory, int offset) {
        INT.set(memory, address(address, memory, offset, 4), value);
    }

    public static void i64Store(int address, long value, byte[] memory, int offset) {
        LONG.set(memory, address(address, memory, offset, 8), value);
    }

    public static void f32Store(int address, float value, byte[] memory, int offset) {
        INT.set(memory, address(address, memory, offset, 4), Float.floatToRawIntBits(value));
    }

    public static void f64Store(int address, double value, byte[] memory, int offset) {
        LONG.set(memory, address(address, memory, offset, 8), Double.doubleToRawLongBits(value));
    }

    public static void i32Store8(int address, int value, byte[] memory, int offset) {
        memory[address(address, memory, offset, 1)] = (byte) value;
    }

    public static void i32Store16(int address, int value, byte[] memory, int offset) {
        SHORT.set(memory, address(address, memory, offset, 2), (short) value);
    }

    public static void i64Store8(int address, long value, byte[] memory, int offset) {
        memory[address(address, memory, offset, 1)] = (byte) value;
    }

    public static void i64Store16(int address, long value, byte[] memory, int offset) {
        SHORT.set(memory, address(address, memory, offset, 2), (short) value);
    }

    public static void i64Store32(int address, long value, byte[] memory, int offset) {
        INT.set(memory, address(address, memory, offset, 4), (int) value);
    }

    // ---- 64-bit memories (memory64): chunked, through WasmMemory ------------------------------------

    /**
     * A load of {@code width} bytes at {@code address + offset} of a 64-bit memory, zero-extended,
     * then sign-extended from bit {@code 63 - signShift} (0: none); the translator converts the
     * bits to the load's result type.
     */
    public static long load64(long address, long offset, WasmInstance instance, int memoryIndex, int width, int signShift) {
        long bits = memoryOf(instance, memoryIndex).load(AddressOperand.effectiveAddress64(address, offset), width);
        return bits << signShift >> signShift;
    }

    /** A store of the low {@code width} bytes of {@code bits} at {@code address + offset} of a 64-bit memory. */
    public static void store64(long address, long bits, long offset, WasmInstance instance, int memoryIndex, int width) {
        memoryOf(instance, memoryIndex).store(AddressOperand.effectiveAddress64(address, offset), width, bits);
    }

    public static Object v128Load64(long address, long offset, WasmInstance instance, int memoryIndex) {
        return memoryOf(instance, memoryIndex).loadVector(AddressOperand.effectiveAddress64(address, offset));
    }

    public static void v128Store64(long address, Object value, long offset, WasmInstance instance, int memoryIndex) {
        memoryOf(instance, memoryIndex).storeVector(AddressOperand.effectiveAddress64(address, offset), value);
    }

    /** {@code memory.fill} on a 64-bit memory. */
    public static void memoryFill64(long destination, int value, long length, WasmInstance instance, int memoryIndex) {
        WasmMemory memory = memoryOf(instance, memoryIndex);
        if (!memory.inBounds(destination, length)) {
            throw outOfBoundsMemory();
        }
        memory.fill(destination, length, (byte) value);
    }

    /** {@code memory.copy} where either memory is 64-bit; the operands of a 32-bit side arrive zero-extended. */
    public static void memoryCopy64(long destination, long source, long length, WasmInstance instance, int destinationMemory, int sourceMemory) {
        WasmMemory to = memoryOf(instance, destinationMemory);
        WasmMemory from = memoryOf(instance, sourceMemory);
        if (!from.inBounds(source, length) || !to.inBounds(destination, length)) {
            throw outOfBoundsMemory();
        }
        WasmMemory.copy(from, source, to, destination, length);
    }

    /** {@code memory.init} of a 64-bit memory; the segment offset and length arrive zero-extended. */
    public static void memoryInit64(long destination, long source, long length, WasmInstance instance, int dataIndex, int memoryIndex) {
        byte[] data = instance.dataSegments[dataIndex];
        WasmMemory memory = memoryOf(instance, memoryIndex);
        if (!AddressOperand.fits(source, length, data.length) || !memory.inBounds(destination, length)) {
            throw outOfBoundsMemory();
        }
        memory.copyIn(destination, data, (int) source, (int) length);
    }

    /**
     * An {@code i64} index or size of a 64-bit table, or a {@code memory.grow} delta of a 64-bit
     * memory (memory64, table64) as the unsigned {@code i32} the 32-bit paths take: unchanged
     * below 2^31, else 2^32 - 1 (the int -1), out of bounds of every table and too large a
     * {@code grow} delta (a 64-bit memory has at most 2^31 - 1 pages).
     */
    public static int narrowAddress(long value) {
        return value >= 0 && value <= Integer.MAX_VALUE ? (int) value : -1;
    }

    /** Memory {@code index} of the instance; memory 0 through its own field (the index is a constant at every call site). */
    private static WasmMemory memoryOf(WasmInstance instance, int index) {
        return index == 0 ? instance.memory0 : instance.memories[index];
    }

    /**
     * The bytes of memory {@code index} (multi-memory): translated code keeps memory 0's array in
     * a local and reads any other memory's array at each access, since a call may grow it.
     */
    public static byte[] memoryBytes(WasmInstance instance, int index) {
        return instance.memories[index].buffer;
    }

    /** {@code memory.grow}; the caller reloads its cached array of memory 0 afterwards. */
    public static int memoryGrow(int deltaPages, WasmInstance instance, int memoryIndex) {
        return memoryOf(instance, memoryIndex).grow(Integer.toUnsignedLong(deltaPages));
    }

    public static int memorySize(WasmInstance instance, int memoryIndex) {
        return memoryOf(instance, memoryIndex).pages();
    }

    /** {@code memory.fill}: traps before writing anything when out of bounds. */
    public static void memoryFill(int destination, int value, int length, WasmInstance instance, int memoryIndex) {
        byte[] memory = memoryOf(instance, memoryIndex).buffer;
        if (!AddressOperand.fits(destination, length, memory.length)) {
            throw outOfBoundsMemory();
        }
        Arrays.fill(memory, destination, destination + length, (byte) value);
    }

    /** {@code memory.copy}: memmove semantics, traps before writing anything when out of bounds. */
    public static void memoryCopy(int destination, int source, int length, WasmInstance instance, int destinationMemory, int sourceMemory) {
        byte[] to = memoryOf(instance, destinationMemory).buffer;
        byte[] from = memoryOf(instance, sourceMemory).buffer;
        if (!AddressOperand.fits(source, length, from.length) || !AddressOperand.fits(destination, length, to.length)) {
            throw outOfBoundsMemory();
        }
        System.arraycopy(from, source, to, destination, length);
    }

    /** {@code memory.init} from data segment {@code dataIndex} (empty once dropped). */
    public static void memoryInit(int destination, int source, int length, WasmInstance instance, int dataIndex, int memoryIndex) {
        byte[] data = instance.dataSegments[dataIndex];
        WasmMemory memory = memoryOf(instance, memoryIndex);
        if (!AddressOperand.fits(source, length, data.length) || !AddressOperand.fits(destination, length, memory.byteSize())) {
            throw outOfBoundsMemory();
        }
        System.arraycopy(data, source, memory.buffer, destination, length);
    }

    public static void dataDrop(WasmInstance instance, int dataIndex) {
        instance.dataSegments[dataIndex] = DROPPED_DATA;
    }

    // ---- globals (spec §4.4.5) ------------------------------------------------------------------

    public static int globalGetI32(WasmInstance instance, int index) {
        return instance.globals[index].getI32();
    }

    public static long globalGetI64(WasmInstance instance, int index) {
        return instance.globals[index].getI64();
    }

    public static float globalGetF32(WasmInstance instance, int index) {
        return instance.globals[index].getF32();
    }

    public static double globalGetF64(WasmInstance instance, int index) {
        return instance.globals[index].getF64();
    }

    public static Object globalGetRef(WasmInstance instance, int index) {
        return instance.globals[index].getRef();
    }

    public static void globalSetI32(int value, WasmInstance instance, int index) {
        instance.globals[index].setI32(value);
    }

    public static void globalSetI64(long value, WasmInstance instance, int index) {
        instance.globals[index].setI64(value);
    }

    public static void globalSetF32(float value, WasmInstance instance, int index) {
        instance.globals[index].setF32(value);
    }

    public static void globalSetF64(double value, WasmInstance instance, int index) {
        instance.globals[index].setF64(value);
    }

    public static void globalSetRef(Object value, WasmInstance instance, int index) {
        instance.globals[index].setRef(value);
    }

    // ---- references and select (spec §4.4.2, §4.4.4) ---------------------------------------------

    public static int refIsNull(Object reference) {
        return reference == WasmNull.INSTANCE ? 1 : 0;
    }

    /** {@code ref.eq} (Wasm 3.0 GC): as {@link WasmI31#same}. */
    public static int refEq(Object first, Object second) {
        return WasmI31.same(first, second) ? 1 : 0;
    }

    /** {@code ref.test} (Wasm 3.0 GC) with an abstract heap type: as {@link RefTestNode#matches}. */
    public static int refTest(Object reference, HeapType heapType, boolean nullable) {
        return RefTestNode.matches(reference, heapType, nullable) ? 1 : 0;
    }

    /** {@code ref.cast} (Wasm 3.0 GC) with an abstract heap type: the reference, or the trap "cast failure". */
    public static Object refCast(Object reference, HeapType heapType, boolean nullable) {
        if (!RefTestNode.matches(reference, heapType, nullable)) {
            throw trap(TrapKind.CAST_FAILURE);
        }
        return reference;
    }

    /** {@code ref.i31} (Wasm 3.0 GC). */
    public static Object refI31(int value) {
        return WasmI31.of(value);
    }

    /** {@code i31.get_s} (Wasm 3.0 GC): the trap "null i31 reference" on null. */
    public static int i31GetS(Object reference) {
        return i31(reference).signed();
    }

    /** {@code i31.get_u} (Wasm 3.0 GC): the trap "null i31 reference" on null. */
    public static int i31GetU(Object reference) {
        return i31(reference).unsigned();
    }

    private static WasmI31 i31(Object reference) {
        if (reference instanceof WasmI31 i31) {
            return i31;
        }
        throw trap(TrapKind.NULL_I31_REFERENCE);
    }

    public static Object refFunc(WasmInstance instance, int functionIndex) {
        return instance.functions[functionIndex];
    }

    public static int select(int first, int second, int condition) {
        return condition != 0 ? first : second;
    }

    public static long select(long first, long second, int condition) {
        return condition != 0 ? first : second;
    }

    public static float select(float first, float second, int condition) {
        return condition != 0 ? first : second;
    }

    public static double select(double first, double second, int condition) {
        return condition != 0 ? first : second;
    }

    public static Object select(Object first, Object second, int condition) {
        return condition != 0 ? first : second;
    }

    // ---- vectors (spec §4.4.3, and §4.4.7 for their memory accesses) ------------------------------

    /** {@code v128.load}: the bounds check of the scalar loads, 16 bytes wide. */
    public static Object v128Load(int address, byte[] memory, int offset) {
        return SimdOps.INSTANCE.load(memory, address(address, memory, offset, 16));
    }

    public static Object v128LoadAt(int address, byte[] memory) {
        return SimdOps.INSTANCE.load(memory, at(address, memory, 16));
    }

    /** {@code v128.store}: the bounds check of the scalar stores, 16 bytes wide. */
    public static void v128Store(int address, Object value, byte[] memory, int offset) {
        SimdOps.INSTANCE.store(memory, address(address, memory, offset, 16), value);
    }

    /** The vector of bytes 0-7 {@code lo} and bytes 8-15 {@code hi}: the end of {@code load_zero} and the extending loads. */
    public static Object v128FromLongs(long lo, long hi) {
        return SimdOps.INSTANCE.fromLongs(lo, hi);
    }

    /** {@code shape.splat} and {@code loadN_splat} of the raw bits of a scalar. */
    public static Object v128Splat(long bits, int laneLog2) {
        return SimdOps.INSTANCE.splat(laneLog2, bits);
    }

    /** The raw bits of a lane, zero-extended: {@code extract_lane} before its conversion, and {@code storeN_lane}. */
    public static long v128ExtractLane(Object vector, int laneLog2, int lane) {
        return SimdOps.INSTANCE.extractLane(vector, laneLog2, lane);
    }

    /** {@code shape.replace_lane} and {@code loadN_lane} with the raw bits of a scalar. */
    public static Object v128ReplaceLane(Object vector, long bits, int laneLog2, int lane) {
        return SimdOps.INSTANCE.replaceLane(vector, laneLog2, lane, bits);
    }

    /** {@code i8x16.shuffle}, its lanes a constant (bootstrap {@link #shuffleLanes}). */
    public static Object v128Shuffle(Object first, Object second, byte[] lanes) {
        return SimdOps.INSTANCE.shuffle(first, second, lanes);
    }

    /**
     * A {@code v128} crossing a region's cut ({@link Region}): its bytes 0-7 in element
     * {@code index} of the transfer array, bytes 8-15 in the same element of the array's second
     * half. A region's method does not know the function's other regions, so the half comes from
     * the array's length; the function doubles the array when any of its cuts carries a vector.
     */
    public static void transferV128(long[] transfer, int index, Object vector) {
        transfer[index] = SimdOps.INSTANCE.lo(vector);
        transfer[(transfer.length >>> 1) + index] = SimdOps.INSTANCE.hi(vector);
    }

    /** The {@code v128} that {@link #transferV128} stored at {@code index}. */
    public static Object transferredV128(long[] transfer, int index) {
        return SimdOps.INSTANCE.fromLongs(transfer[index], transfer[(transfer.length >>> 1) + index]);
    }

    /**
     * Bootstrap method of the dynamic constant that is the function of a vector instruction of
     * the families {@link SimdFamily#UNARY} to {@link SimdFamily#REDUCE}
     * ({@code SimdOps.INSTANCE.unary(op)} and its siblings), the instruction being the
     * {@link Opcode} named {@code name}. HotSpot treats a resolved {@code ldc} as a constant, so
     * the {@code invokeinterface} of its {@code apply} that follows is a direct call that C1 and
     * C2 inline.
     */
    public static Object vectorFunction(MethodHandles.Lookup lookup, String name, Class<?> type) {
        Opcode op = Opcode.valueOf(name);
        SimdOps ops = SimdOps.INSTANCE;
        return switch (SimdFamily.of(op)) {
            case UNARY -> ops.unary(op);
            case BINARY -> ops.binary(op);
            case TERNARY -> ops.ternary(op);
            case SHIFT -> ops.shift(op);
            case REDUCE -> ops.reduce(op);
            default -> throw new IllegalArgumentException(op + " is not a function of vectors");
        };
    }

    /** Bootstrap method of the dynamic constant of a {@code v128.const}: the zero vector is {@link SimdOps#zero()}. */
    public static Object v128Const(MethodHandles.Lookup lookup, String name, Class<?> type, long lo, long hi) {
        return lo == 0 && hi == 0 ? SimdOps.INSTANCE.zero() : SimdOps.INSTANCE.fromLongs(lo, hi);
    }

    /** Bootstrap method of the dynamic constant of an {@code i8x16.shuffle}'s 16 lane indices, little-endian in two longs. */
    public static byte[] shuffleLanes(MethodHandles.Lookup lookup, String name, Class<?> type, long lo, long hi) {
        byte[] lanes = new byte[16];
        LONG.set(lanes, 0, lo);
        LONG.set(lanes, 8, hi);
        return lanes;
    }

    // ---- tables (spec §4.4.6) -------------------------------------------------------------------

    public static Object tableGet(int index, WasmInstance instance, int tableIndex) {
        Object[] elements = instance.tables[tableIndex].elements;
        if (Integer.compareUnsigned(index, elements.length) >= 0) {
            throw outOfBoundsTable();
        }
        return elements[index];
    }

    public static void tableSet(int index, Object value, WasmInstance instance, int tableIndex) {
        Object[] elements = instance.tables[tableIndex].elements;
        if (Integer.compareUnsigned(index, elements.length) >= 0) {
            throw outOfBoundsTable();
        }
        elements[index] = value;
    }

    public static int tableSize(WasmInstance instance, int tableIndex) {
        return instance.tables[tableIndex].size();
    }

    public static int tableGrow(Object init, int delta, WasmInstance instance, int tableIndex) {
        return instance.tables[tableIndex].grow(Integer.toUnsignedLong(delta), init);
    }

    public static void tableFill(int destination, Object value, int length, WasmInstance instance, int tableIndex) {
        Object[] elements = instance.tables[tableIndex].elements;
        if (!AddressOperand.fits(destination, length, elements.length)) {
            throw outOfBoundsTable();
        }
        Arrays.fill(elements, destination, destination + length, value);
    }

    public static void tableCopy(int destination, int source, int length, WasmInstance instance, int destinationTable, int sourceTable) {
        Object[] to = instance.tables[destinationTable].elements;
        Object[] from = instance.tables[sourceTable].elements;
        if (!AddressOperand.fits(source, length, from.length) || !AddressOperand.fits(destination, length, to.length)) {
            throw outOfBoundsTable();
        }
        System.arraycopy(from, source, to, destination, length);
    }

    public static void tableInit(int destination, int source, int length, WasmInstance instance, int elemIndex, int tableIndex) {
        Object[] segment = instance.elemSegments[elemIndex];
        Object[] elements = instance.tables[tableIndex].elements;
        if (!AddressOperand.fits(source, length, segment.length) || !AddressOperand.fits(destination, length, elements.length)) {
            throw outOfBoundsTable();
        }
        System.arraycopy(segment, source, elements, destination, length);
    }

    public static void elemDrop(WasmInstance instance, int elemIndex) {
        instance.elemSegments[elemIndex] = DROPPED_ELEM;
    }

    // ---- calls (spec §4.4.8) --------------------------------------------------------------------

    /**
     * Enters a call: counts it against the context's {@code wasm.MaxCallDepth} limit, as the AST's
     * root does, and returns the depth to pass to {@link #leave}. Leaving on an exception is left
     * to the Truffle root that entered baseline code, which restores the depth it started from.
     */
    public static int enter(WasmInstance instance) {
        int depth = instance.callStack.enter();
        if (depth < 0) {
            throw trap(TrapKind.CALL_STACK_EXHAUSTED);
        }
        return depth;
    }

    public static void leave(WasmInstance instance, int depth) {
        instance.callStack.leave(depth);
    }

    /** The function instance {@code call} addresses, for calls that do not go straight to a method. */
    public static WasmFunction function(WasmInstance instance, int functionIndex) {
        return instance.functions[functionIndex];
    }

    /**
     * The callee of {@code call_indirect} (spec §4.4.8): traps exactly as the AST's
     * {@code CallIndirectNode} does when the index is outside the table, the entry is null, or
     * the callee's canonical type id neither is the expected one nor declares it as a supertype.
     */
    public static WasmFunction indirectFunction(int elementIndex, WasmInstance instance, int tableIndex, int expectedTypeId) {
        WasmTable table = instance.tables[tableIndex];
        Object[] elements = table.elements;
        if (Integer.compareUnsigned(elementIndex, elements.length) >= 0) {
            throw WasmTrap.createForElement(TrapKind.UNDEFINED_ELEMENT, Integer.toUnsignedLong(elementIndex), null);
        }
        if (!(elements[elementIndex] instanceof WasmFunction function)) {
            throw WasmTrap.createForElement(TrapKind.UNINITIALIZED_ELEMENT, elementIndex, null);
        }
        if (!TypeRegistry.matches(function.typeId(), expectedTypeId, instance.module())) {
            throw trap(TrapKind.INDIRECT_CALL_TYPE_MISMATCH);
        }
        return function;
    }

    /**
     * The baseline method of {@code function}, of type {@code (params..., WasmInstance) result}, when
     * it is a Wasm function whose root is still in baseline mode and whose code exists; else null,
     * and the caller goes through the function's Truffle call target.
     */
    public static MethodHandle entry(WasmFunction function) {
        CallTarget target = function.target();
        if (target instanceof RootCallTarget rootTarget && rootTarget.getRootNode() instanceof WasmRootNode root) {
            BaselineFunction baseline = root.baseline();
            if (baseline != null) {
                return baseline.entry();
            }
        }
        return null;
    }

    /**
     * {@code return_call} of function {@code functionIndex}: the pending tail call with
     * {@code arguments} (boxed from element 1 on), which the caller's call site makes.
     */
    public static TailCall tailCall(Object[] arguments, WasmInstance instance, int functionIndex) {
        WasmFunction function = instance.functions[functionIndex];
        arguments[0] = function.context();
        return new TailCall(function, arguments);
    }

    /** {@code return_call_indirect}: finds (and traps) as {@link #indirectFunction} does, then as {@link #tailCall}. */
    public static TailCall indirectTailCall(Object[] arguments, int elementIndex, WasmInstance instance, int tableIndex, int expectedTypeId) {
        WasmFunction function = indirectFunction(elementIndex, instance, tableIndex, expectedTypeId);
        arguments[0] = function.context();
        return new TailCall(function, arguments);
    }

    /** The callee of {@code call_ref} (Wasm 3.0): traps on null as the AST's {@code CallRefNode} does. */
    public static WasmFunction referencedFunction(Object reference) {
        if (reference instanceof WasmFunction function) {
            return function;
        }
        throw trap(TrapKind.NULL_FUNCTION_REFERENCE);
    }

    /** {@code return_call_ref}: finds (and traps) as {@link #referencedFunction} does, then as {@link #tailCall}. */
    public static TailCall referenceTailCall(Object[] arguments, Object reference) {
        WasmFunction function = referencedFunction(reference);
        arguments[0] = function.context();
        return new TailCall(function, arguments);
    }

    /** {@code ref.as_non_null} (Wasm 3.0): the reference, or the trap "null reference". */
    public static Object refAsNonNull(Object reference) {
        if (reference == WasmNull.INSTANCE) {
            throw trap(TrapKind.NULL_REFERENCE);
        }
        return reference;
    }

    /** The results of a body method of a function with tail calls: its own, or those of the tail calls it returned. */
    public static Object resolveTailCalls(Object result) {
        return TailCall.resolve(result);
    }

    /**
     * Calls {@code function} through its Truffle call target; {@code arguments} are laid out by
     * {@code CallingConvention}. Makes the tail calls the callee may return.
     */
    public static Object call(WasmFunction function, Object[] arguments) {
        return TailCall.resolve(function.target().call(arguments));
    }

    // ---- traps ----------------------------------------------------------------------------------

    /** Charges {@code cost} units of fuel ({@code wasm.Fuel}) on the entry of a method without loops (which keeps no fuel local); traps "all fuel consumed" when it runs out. */
    public static void chargeFuel(WasmInstance instance, long cost) {
        instance.limits.chargeFuel(cost, null);
    }

    /**
     * The context's fuel left ({@code wasm.Fuel}), which a translated method built with fuel loads
     * into its JVM local on entry and after each call out of it (see {@link BaselineCompiler}, "Fuel").
     */
    public static long fuel(WasmInstance instance) {
        return instance.limits.fuel;
    }

    /** Stores a translated method's fuel local back to the context's field: before calls, returns and throws. */
    public static void storeFuel(long left, WasmInstance instance) {
        instance.limits.fuel = left;
    }

    /**
     * The cold path of a fuel charge that left the local below zero: stores the (negative)
     * remainder back, so that every later charge of the context traps too, and returns the
     * "all fuel consumed" trap to throw.
     */
    public static WasmTrap outOfFuel(long left, WasmInstance instance) {
        instance.limits.fuel = left;
        return ResourceLimits.fuelExhausted(null);
    }

    /**
     * The exception handler of every translated method: records that a guest exception left
     * function {@code functionIndex} (for its stack trace, see {@link StackTraces}) and returns it
     * to be rethrown.
     */
    public static AbstractTruffleException unwind(AbstractTruffleException exception, WasmInstance instance, int functionIndex) {
        StackTraces.record(exception, instance, functionIndex);
        return exception;
    }

    public static WasmTrap unreachable() {
        return trap(TrapKind.UNREACHABLE);
    }

    private static WasmTrap outOfBoundsMemory() {
        return trap(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
    }

    private static WasmTrap outOfBoundsTable() {
        return trap(TrapKind.OUT_OF_BOUNDS_TABLE_ACCESS);
    }

    // ---- exception handling (Wasm 3.0) ---------------------------------------------------------

    /** {@code throw x}: a new exception of the instance's tag {@code tagIndex} carrying {@code payload}, for the caller to throw. */
    public static WasmException newException(Object[] payload, WasmInstance instance, int tagIndex) {
        return new WasmException(instance.tags[tagIndex], payload, null);
    }

    /** {@code throw_ref}: the exception {@code reference} refers to, for the caller to throw; traps on null. */
    public static WasmException exceptionOf(Object reference) {
        if (reference instanceof WasmException exception) {
            return exception;
        }
        throw trap(TrapKind.NULL_EXCEPTION_REFERENCE);
    }

    /** Whether a handler for tag {@code tagIndex} of {@code instance} catches {@code exception}: the same tag object. */
    public static boolean catches(WasmException exception, WasmInstance instance, int tagIndex) {
        return exception.tag() == instance.tags[tagIndex];
    }

    /**
     * Entry of a handler that caught {@code exception} in a method that entered its call at
     * {@code depth}: the callees it unwound did not leave their calls, so the depth is set back,
     * and the frames they recorded for a stack trace are forgotten.
     */
    public static void caught(WasmException exception, WasmInstance instance, int depth) {
        instance.callStack.restore(depth);
        StackTraces.forget(exception);
    }

    static WasmTrap trap(TrapKind kind) {
        return WasmTrap.create(kind, null);
    }
}
