package dev.twasm.component.abi;

import dev.twasm.component.FuncType;
import dev.twasm.component.ValType;
import dev.twasm.component.ValType.Borrow;
import dev.twasm.component.ValType.Case;
import dev.twasm.component.ValType.EnumType;
import dev.twasm.component.ValType.Field;
import dev.twasm.component.ValType.FlagsType;
import dev.twasm.component.ValType.ListType;
import dev.twasm.component.ValType.OptionType;
import dev.twasm.component.ValType.Own;
import dev.twasm.component.ValType.Primitive;
import dev.twasm.component.ValType.RecordType;
import dev.twasm.component.ValType.ResultType;
import dev.twasm.component.ValType.TupleType;
import dev.twasm.component.ValType.TypeRef;
import dev.twasm.component.ValType.VariantType;
import dev.twasm.component.abi.Layout.Direction;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

import static dev.twasm.component.abi.FlatType.F32;
import static dev.twasm.component.abi.FlatType.F64;
import static dev.twasm.component.abi.FlatType.I32;
import static dev.twasm.component.abi.FlatType.I64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Sizes, alignments and flattenings of {@link Layout}, computed by hand from the canonical ABI's definitions. */
class LayoutTest {
    private static final Layout L = Layout.NO_TYPE_INDICES;

    /** {@code variant { last-operation-failed(own<error>), closed }} of wasi:io/streams. */
    static final VariantType STREAM_ERROR = new VariantType(List.of(new Case("last-operation-failed", new Own(0)), new Case("closed", null)));

    private static void check(ValType t, int size, int alignment, List<FlatType> flat) {
        assertEquals(size, L.size(t), () -> "size of " + t.witName());
        assertEquals(alignment, L.alignment(t), () -> "alignment of " + t.witName());
        assertEquals(flat, L.flatten(t), () -> "flattening of " + t.witName());
    }

    private static List<String> labels(int n) {
        return IntStream.range(0, n).mapToObj(i -> "l" + i).toList();
    }

    @Test
    void primitives() {
        check(Primitive.BOOL, 1, 1, List.of(I32));
        check(Primitive.S8, 1, 1, List.of(I32));
        check(Primitive.U8, 1, 1, List.of(I32));
        check(Primitive.S16, 2, 2, List.of(I32));
        check(Primitive.U16, 2, 2, List.of(I32));
        check(Primitive.S32, 4, 4, List.of(I32));
        check(Primitive.U32, 4, 4, List.of(I32));
        check(Primitive.S64, 8, 8, List.of(I64));
        check(Primitive.U64, 8, 8, List.of(I64));
        check(Primitive.F32, 4, 4, List.of(F32));
        check(Primitive.F64, 8, 8, List.of(F64));
        check(Primitive.CHAR, 4, 4, List.of(I32));
        check(Primitive.STRING, 8, 4, List.of(I32, I32));
        check(new ListType(Primitive.U64), 8, 4, List.of(I32, I32));
        check(new Own(3), 4, 4, List.of(I32));
        check(new Borrow(3), 4, 4, List.of(I32));
    }

    @Test
    void recordsAndTuples() {
        // a at 0, b at 4, c at 8, size 10 rounded up to the alignment 4
        check(new RecordType(List.of(new Field("a", Primitive.U8), new Field("b", Primitive.U32), new Field("c", Primitive.U16))), 12, 4,
                        List.of(I32, I32, I32));
        check(new TupleType(List.of(Primitive.U8, Primitive.U64)), 16, 8, List.of(I32, I64));
        check(new TupleType(List.of(Primitive.U8, Primitive.U8, Primitive.U16)), 4, 2, List.of(I32, I32, I32));
        check(new TupleType(List.of(Primitive.STRING, Primitive.F64)), 16, 8, List.of(I32, I32, F64));
    }

    @Test
    void variantsJoinTheirSlots() {
        check(new OptionType(Primitive.F32), 8, 4, List.of(I32, F32));
        check(new OptionType(Primitive.U8), 2, 1, List.of(I32, I32));
        check(new OptionType(Primitive.F64), 16, 8, List.of(I32, F64));
        check(new VariantType(List.of(new Case("a", Primitive.U32), new Case("b", Primitive.F32))), 8, 4, List.of(I32, I32));
        check(new VariantType(List.of(new Case("a", Primitive.F32), new Case("b", Primitive.U64))), 16, 8, List.of(I32, I64));
        check(new VariantType(List.of(new Case("a", Primitive.F64), new Case("b", Primitive.F32))), 16, 8, List.of(I32, I64));
        check(new VariantType(List.of(new Case("a", Primitive.S64), new Case("b", Primitive.F64))), 16, 8, List.of(I32, I64));
        check(new VariantType(List.of(new Case("a", new TupleType(List.of(Primitive.F32, Primitive.U32))),
                        new Case("b", new TupleType(List.of(Primitive.U32, Primitive.F32))), new Case("c", null))), 12, 4, List.of(I32, I32, I32));
        // a longer case adds slots of its own types
        check(new VariantType(List.of(new Case("a", Primitive.F32), new Case("b", new TupleType(List.of(Primitive.F32, Primitive.F64))))), 24, 8,
                        List.of(I32, F32, F64));
        check(new ResultType(null, null), 1, 1, List.of(I32));
        check(new ResultType(Primitive.U64, Primitive.F32), 16, 8, List.of(I32, I64));
        check(new ResultType(Primitive.STRING, null), 12, 4, List.of(I32, I32, I32));
    }

    @Test
    void streamError() {
        // discriminant u8, payload own (4 bytes) at 4: 8 bytes; flat discriminant and handle
        check(STREAM_ERROR, 8, 4, List.of(I32, I32));
        // result's discriminant u8, payload stream-error at 4 (its alignment), 8 bytes: 12;
        // flat: the result's discriminant, then stream-error's own two i32s
        check(new ResultType(null, STREAM_ERROR), 12, 4, List.of(I32, I32, I32));
    }

    @Test
    void discriminantsByCaseCount() {
        assertEquals(1, Layout.discriminantSize(1));
        assertEquals(1, Layout.discriminantSize(256));
        assertEquals(2, Layout.discriminantSize(257));
        assertEquals(2, Layout.discriminantSize(65536));
        assertEquals(4, Layout.discriminantSize(65537));
        check(new EnumType(labels(2)), 1, 1, List.of(I32));
        check(new EnumType(labels(256)), 1, 1, List.of(I32));
        check(new EnumType(labels(257)), 2, 2, List.of(I32));
        check(new EnumType(labels(70000)), 4, 4, List.of(I32));
        // u16 discriminant, then a u8 payload at 2, size 3 rounded to 4
        List<Case> cases = new ArrayList<>(labels(300).stream().map(l -> new Case(l, null)).toList());
        cases.set(0, new Case("x", Primitive.U8));
        check(new VariantType(cases), 4, 2, List.of(I32, I32));
    }

    @Test
    void flagsByLabelCount() {
        check(new FlagsType(labels(1)), 1, 1, List.of(I32));
        check(new FlagsType(labels(8)), 1, 1, List.of(I32));
        check(new FlagsType(labels(9)), 2, 2, List.of(I32));
        check(new FlagsType(labels(16)), 2, 2, List.of(I32));
        check(new FlagsType(labels(17)), 4, 4, List.of(I32));
        check(new FlagsType(labels(32)), 4, 4, List.of(I32));
        check(new FlagsType(labels(33)), 8, 4, List.of(I32, I32));
        check(new FlagsType(labels(65)), 12, 4, List.of(I32, I32, I32));
    }

    @Test
    void typeIndicesAreResolved() {
        List<ValType> types = List.of(STREAM_ERROR, new ResultType(null, new TypeRef(0)), new TupleType(List.of(new TypeRef(1), Primitive.U64)));
        Layout l = new Layout(types::get);
        assertEquals(12, l.size(new TypeRef(1)));
        assertEquals(24, l.size(new TypeRef(2)));
        assertEquals(8, l.alignment(new TypeRef(2)));
        assertEquals(List.of(I32, I32, I32, I64), l.flatten(new TypeRef(2)));
        assertThrows(IllegalArgumentException.class, () -> L.size(new TypeRef(0)));
    }

    @Test
    void cyclesAndUnsupportedTypesAreRejected() {
        Layout cyclic = new Layout(i -> new TupleType(List.of(new TypeRef(0))));
        assertThrows(IllegalArgumentException.class, () -> cyclic.size(new TypeRef(0)));
        assertThrows(IllegalArgumentException.class, () -> cyclic.flatten(new TypeRef(0)));
        Layout selfRef = new Layout(i -> new TypeRef(i));
        assertThrows(IllegalArgumentException.class, () -> selfRef.alignment(new TypeRef(0)));
        assertThrows(IllegalArgumentException.class, () -> L.size(new ValType.Stream(Primitive.U8)));
        assertThrows(IllegalArgumentException.class, () -> L.flatten(new ValType.FixedList(Primitive.U8, 4)));
    }

    @Test
    void sharedSubtypesAreComputedOnce() {
        // type i+1 = tuple<type i, type i>: 2^200 bytes if it were not refused, and instant to refuse
        List<ValType> types = new ArrayList<>();
        types.add(Primitive.U64);
        for (int i = 0; i < 90; i++) {
            types.add(new TupleType(List.of(new TypeRef(i), new TypeRef(i))));
        }
        Layout l = new Layout(types::get);
        assertEquals(8L << 20, l.size(new TypeRef(20)));
        assertThrows(IllegalArgumentException.class, () -> l.size(new TypeRef(90)));
        assertThrows(IllegalArgumentException.class, () -> l.flatten(new TypeRef(90)));
    }

    @Test
    void functionTypes() {
        // [method]output-stream.blocking-write-and-flush
        FuncType write = new FuncType(List.of(new Field("self", new Borrow(1)), new Field("contents", new ListType(Primitive.U8))),
                        new ResultType(null, STREAM_ERROR));
        FlatFuncType lifted = L.flattenFunc(write, Direction.LIFT);
        assertEquals(List.of(I32, I32, I32), lifted.params());
        assertEquals(List.of(I32), lifted.results());
        assertFalse(lifted.paramsInMemory());
        assertTrue(lifted.resultsInMemory());
        FlatFuncType lowered = L.flattenFunc(write, Direction.LOWER);
        assertEquals(List.of(I32, I32, I32, I32), lowered.params());
        assertEquals(List.of(), lowered.results());

        // wasi:cli/run's run: func() -> result
        FlatFuncType run = L.flattenFunc(new FuncType(List.of(), new ResultType(null, null)), Direction.LIFT);
        assertEquals(List.of(), run.params());
        assertEquals(List.of(I32), run.results());
        assertFalse(run.resultsInMemory());
        assertEquals(List.of(), L.flattenFunc(new FuncType(List.of(), null), Direction.LOWER).results());

        List<Field> sixteen = new ArrayList<>(Collections.nCopies(16, new Field("p", Primitive.U32)));
        FlatFuncType atLimit = L.flattenFunc(new FuncType(sixteen, Primitive.F64), Direction.LOWER);
        assertEquals(16, atLimit.params().size());
        assertEquals(List.of(F64), atLimit.results());
        sixteen.add(new Field("q", Primitive.U8));
        FlatFuncType beyond = L.flattenFunc(new FuncType(sixteen, Primitive.STRING), Direction.LOWER);
        assertEquals(List.of(I32, I32), beyond.params());
        assertTrue(beyond.paramsInMemory());
        assertEquals(List.of(), beyond.results());
    }

    @Test
    void join() {
        assertEquals(I32, I32.join(I32));
        assertEquals(I32, I32.join(F32));
        assertEquals(I32, F32.join(I32));
        assertEquals(F32, F32.join(F32));
        assertEquals(I64, I32.join(I64));
        assertEquals(I64, F32.join(F64));
        assertEquals(I64, F64.join(I64));
        assertEquals(F64, F64.join(F64));
    }
}
