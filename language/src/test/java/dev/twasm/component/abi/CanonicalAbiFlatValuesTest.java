package dev.twasm.component.abi;

import dev.twasm.component.FuncType;
import dev.twasm.component.ValType;
import dev.twasm.component.ValType.Field;
import dev.twasm.component.ValType.ListType;
import dev.twasm.component.ValType.Own;
import dev.twasm.component.ValType.Primitive;
import dev.twasm.component.ValType.ResultType;
import dev.twasm.component.abi.AbiValue.Handle;
import dev.twasm.component.abi.AbiValue.Int;
import dev.twasm.component.abi.AbiValue.ListValue;
import dev.twasm.component.abi.AbiValue.Str;
import dev.twasm.component.abi.AbiValue.VariantValue;
import dev.twasm.component.abi.Layout.Direction;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link CanonicalAbi#liftFlatValues} and {@link CanonicalAbi#lowerFlatValues}: values within the
 * flat limits pass as their flattenings, beyond them through memory as a tuple (allocated with
 * {@code realloc}, at a caller's return pointer, or at a pointer the callee returns).
 */
class CanonicalAbiFlatValuesTest {
    private static final Layout L = Layout.NO_TYPE_INDICES;

    private final ByteArrayMemory memory = new ByteArrayMemory(4096, 1024);
    private final CanonicalAbi abi = new CanonicalAbi(L, memory);

    private static Int u32(long v) {
        return new Int(Primitive.U32, v);
    }

    private int readI32(int ptr) {
        return (memory.bytes[ptr] & 0xFF) | (memory.bytes[ptr + 1] & 0xFF) << 8 | (memory.bytes[ptr + 2] & 0xFF) << 16 | (memory.bytes[ptr + 3] & 0xFF) << 24;
    }

    private void writeI32(int ptr, int v) {
        for (int i = 0; i < 4; i++) {
            memory.bytes[ptr + i] = (byte) (v >>> (8 * i));
        }
    }

    @Test
    void seventeenParamsSpillToMemoryThroughRealloc() {
        FuncType ft = new FuncType(IntStream.range(0, 17).mapToObj(i -> new Field("p" + i, Primitive.U32)).toList(), null);
        List<ValType> ts = CanonicalAbi.paramTypes(ft);
        assertTrue(L.flattenFunc(ft, Direction.LIFT).paramsInMemory());
        List<AbiValue> args = IntStream.range(0, 17).mapToObj(i -> (AbiValue) u32(0x100L * i + 1)).toList();

        // The host calls a lifted export: one i32 pointing to the tuple that realloc allocated.
        long[] flat = abi.lowerFlatValues(Layout.MAX_FLAT_PARAMS, args, ts);
        assertEquals(1, flat.length);
        assertEquals(1, memory.reallocs.size());
        assertArrayEquals(new int[]{0, 0, 4, 17 * 4}, memory.reallocs.getFirst());
        assertEquals(1024, flat[0]);
        for (int i = 0; i < 17; i++) {
            assertEquals(0x100 * i + 1, readI32(1024 + 4 * i));
        }

        // The guest calls a lowered import with the same pointer: the host loads the tuple.
        assertEquals(args, abi.liftFlatValues(Layout.MAX_FLAT_PARAMS, ts, flat));
    }

    @Test
    void sixteenParamsStayFlat() {
        List<ValType> ts = IntStream.range(0, 16).mapToObj(i -> (ValType) Primitive.U32).toList();
        List<AbiValue> args = IntStream.range(0, 16).mapToObj(i -> (AbiValue) u32(i)).toList();
        long[] flat = abi.lowerFlatValues(Layout.MAX_FLAT_PARAMS, args, ts);
        assertArrayEquals(IntStream.range(0, 16).asLongStream().toArray(), flat);
        assertTrue(memory.reallocs.isEmpty());
        assertEquals(args, abi.liftFlatValues(Layout.MAX_FLAT_PARAMS, ts, flat));
    }

    @Test
    void spilledParamsTrapOnBadReallocPointer() {
        List<ValType> ts = IntStream.range(0, 17).mapToObj(i -> (ValType) Primitive.U32).toList();
        List<AbiValue> args = IntStream.range(0, 17).mapToObj(i -> (AbiValue) u32(i)).toList();
        memory.forcedPointer = 1026;
        assertThrows(AbiTrap.class, () -> abi.lowerFlatValues(Layout.MAX_FLAT_PARAMS, args, ts));
        memory.forcedPointer = 4096 - 64;
        assertThrows(AbiTrap.class, () -> abi.lowerFlatValues(Layout.MAX_FLAT_PARAMS, args, ts));
        assertThrows(AbiTrap.class, () -> abi.liftFlatValues(Layout.MAX_FLAT_PARAMS, ts, new long[]{2}));
    }

    /** {@code [method]output-stream.blocking-write-and-flush: func(self: borrow<output-stream>, contents: list<u8>) -> result<_, stream-error>}. */
    @Test
    void blockingWriteAndFlushResultGoesToTheRetptr() {
        ResultType result = new ResultType(null, LayoutTest.STREAM_ERROR);
        FuncType write = new FuncType(List.of(new Field("self", new ValType.Borrow(0)), new Field("contents", new ListType(Primitive.U8))), result);
        FlatFuncType lowered = L.flattenFunc(write, Direction.LOWER);
        assertTrue(lowered.resultsInMemory());
        assertEquals(List.of(FlatType.I32, FlatType.I32, FlatType.I32, FlatType.I32), lowered.params());

        // The guest passes (self, ptr, len, retptr); the host lifts the parameters from the first three.
        byte[] contents = "hi\n".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(contents, 0, memory.bytes, 64, contents.length);
        long[] coreArgs = {7, 64, contents.length, 256};
        List<AbiValue> params = abi.liftFlatValues(Layout.MAX_FLAT_PARAMS, CanonicalAbi.paramTypes(write), java.util.Arrays.copyOf(coreArgs, 3));
        assertEquals(new Handle(7), params.get(0));
        assertEquals(3, ((ListValue) params.get(1)).elements().size());

        // The host stores error(last-operation-failed(own 9)) at the retptr: discriminants 1 and 0, the handle.
        int retptr = (int) coreArgs[3];
        AbiValue failed = new VariantValue(1, new VariantValue(0, new Handle(9)));
        long[] flat = abi.lowerFlatValues(Layout.MAX_FLAT_RESULTS, List.of(failed), CanonicalAbi.resultTypes(write), retptr);
        assertEquals(0, flat.length);
        assertTrue(memory.reallocs.isEmpty());
        assertEquals(1, memory.bytes[retptr]);
        assertEquals(0, memory.bytes[retptr + 4]);
        assertEquals(9, readI32(retptr + 8));
        assertEquals(List.of(failed), abi.liftFlatValues(Layout.MAX_FLAT_RESULTS, List.of(result), new long[]{retptr}));

        // ok: only the discriminant 0 (the payload bytes are left alone).
        abi.lowerFlatValues(Layout.MAX_FLAT_RESULTS, List.of(new VariantValue(0)), List.of(result), retptr);
        assertEquals(0, memory.bytes[retptr]);
        assertEquals(List.of(new VariantValue(0)), abi.liftFlatValues(Layout.MAX_FLAT_RESULTS, List.of(result), new long[]{retptr}));

        // A misaligned retptr traps.
        assertThrows(AbiTrap.class, () -> abi.lowerFlatValues(Layout.MAX_FLAT_RESULTS, List.of(failed), List.of(result), 258));
    }

    @Test
    void singleFlatResultIgnoresTheOutParam() {
        List<ValType> ts = List.of(new Own(0));
        assertArrayEquals(new long[]{5}, abi.lowerFlatValues(Layout.MAX_FLAT_RESULTS, List.of(new Handle(5)), ts, 2));
        assertEquals(List.of(new Handle(5)), abi.liftFlatValues(Layout.MAX_FLAT_RESULTS, ts, new long[]{5}));
        assertEquals(List.of(), abi.liftFlatValues(Layout.MAX_FLAT_RESULTS, List.of(), new long[0]));
    }

    @Test
    void stringResultIsLiftedThroughTheReturnedPointer() {
        FuncType greet = new FuncType(List.of(), Primitive.STRING);
        FlatFuncType lifted = L.flattenFunc(greet, Direction.LIFT);
        assertTrue(lifted.resultsInMemory());
        assertEquals(List.of(FlatType.I32), lifted.results());

        // The lifted export returns 200, where it put (pointer 100, length 5).
        byte[] hello = "hello".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(hello, 0, memory.bytes, 100, hello.length);
        writeI32(200, 100);
        writeI32(204, hello.length);
        assertEquals(List.of(new Str("hello")), abi.liftFlatValues(Layout.MAX_FLAT_RESULTS, CanonicalAbi.resultTypes(greet), new long[]{200}));

        // Round trip: lowering without an out-parameter allocates the tuple first, as the spec does, then the string's bytes.
        long[] flat = abi.lowerFlatValues(Layout.MAX_FLAT_RESULTS, List.of(new Str("wörld")), List.of(Primitive.STRING));
        assertEquals(1, flat.length);
        assertEquals(2, memory.reallocs.size());
        assertArrayEquals(new int[]{0, 0, 4, 8}, memory.reallocs.get(0));
        assertEquals(List.of(new Str("wörld")), abi.liftFlatValues(Layout.MAX_FLAT_RESULTS, List.of(Primitive.STRING), flat));

        assertThrows(AbiTrap.class, () -> abi.liftFlatValues(Layout.MAX_FLAT_RESULTS, List.of(Primitive.STRING), new long[]{201}));
        assertThrows(AbiTrap.class, () -> abi.liftFlatValues(Layout.MAX_FLAT_RESULTS, List.of(Primitive.STRING), new long[]{4092}));
        assertThrows(IllegalArgumentException.class, () -> abi.liftFlatValues(Layout.MAX_FLAT_RESULTS, List.of(Primitive.STRING), new long[]{200, 5}));
    }
}
