package dev.twasm.gc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.Test;

import com.oracle.truffle.api.TruffleLanguage;

import dev.twasm.WasmLanguage;
import dev.twasm.model.ArrayType;
import dev.twasm.model.CompositeType;
import dev.twasm.model.FieldType;
import dev.twasm.model.StructType;
import dev.twasm.model.ValType;
import dev.twasm.runtime.WasmNull;

/** Struct layouts on Truffle's static object model, and the supertype display of defined types. */
class StructLayoutTest {
    private static final TruffleLanguage.LanguageReference<WasmLanguage> LANGUAGE = TruffleLanguage.LanguageReference.create(WasmLanguage.class);
    private static final FieldType I32 = FieldType.of(ValType.I32, true);
    private static final FieldType REF = FieldType.of(ValType.ref(true, dev.twasm.model.HeapType.ANY), true);
    private static final FieldType I8 = FieldType.packed(FieldType.PackedType.I8, true);

    private static DefinedTypes types(List<CompositeType> composites, int[] supertypes) {
        try (Context context = Context.create("wasm")) {
            context.initialize("wasm");
            context.enter();
            try {
                return new DefinedTypes(LANGUAGE.get(null), composites::get, i -> supertypes[i]);
            } finally {
                context.leave();
            }
        }
    }

    @Test
    void subtypeLayoutExtendsSupertypeLayout() {
        DefinedTypes types = types(List.of(new StructType(List.of(I32, REF)), new StructType(List.of(I32, REF, I8)),
                        new StructType(List.of(I32, REF)), new ArrayType(I8)), new int[]{-1, 0, -1, -1});
        DefinedType base = types.get(0);
        DefinedType sub = types.get(1);
        DefinedType same = types.get(2);
        assertSame(base.layout(), same.layout(), "equal field storage shares one layout");
        assertNotSame(base.layout(), sub.layout());
        WasmStruct s = sub.layout().allocateDefault(sub);
        assertSame(sub, s.type());
        base.layout().field(0).setInt(s, 42);
        assertEquals(42, sub.layout().field(0).getInt(s), "a supertype's property reads a subtype's struct");
        assertSame(WasmNull.INSTANCE, base.layout().field(1).getObject(s), "reference fields default to null");
        sub.layout().field(2).setByte(s, (byte) -1);
        assertEquals(-1, sub.layout().field(2).getByte(s));
        assertTrue(sub.isSubtypeOf(base));
        assertFalse(base.isSubtypeOf(sub));
        assertFalse(same.isSubtypeOf(base), "types are subtypes by declaration, not by layout");
        assertEquals(StorageKind.I8, types.get(3).element());
    }
}
