package dev.twasm.baseline;

import dev.twasm.instrument.Allocations;
import dev.twasm.WasmLanguage;
import com.oracle.truffle.api.staticobject.StaticProperty;

import dev.twasm.exception.TrapKind;
import dev.twasm.gc.DefinedType;
import dev.twasm.gc.StorageKind;
import dev.twasm.gc.WasmStruct;
import dev.twasm.nodes.reference.RefTestNode;
import dev.twasm.runtime.WasmInstance;
import dev.twasm.runtime.WasmModule;
import dev.twasm.runtime.WasmNull;

/**
 * What the baseline tier's code calls for the struct instructions (Wasm 3.0 GC, spec 3.0 §4.4.2)
 * and for casts to concrete types: static methods, one per field storage kind and access, that
 * HotSpot inlines. A field is reached through the struct's own type ({@link WasmStruct#type()}):
 * a subtype's layout begins with its supertype's properties ({@link dev.twasm.gc.StructLayout}),
 * so field {@code i} of the static type is field {@code i} of the struct's layout, and the
 * generated code needs no constant of its own. New structs and concrete casts find their
 * {@link DefinedType} through the instance's module ({@link WasmModule#definedType}).
 */
public final class StructSupport {
    private StructSupport() {
    }

    /** The suffix of the support methods for fields of {@code kind}: {@code I8} ... {@code F64}, {@code Ref} for references and vectors. */
    static String suffix(StorageKind kind) {
        return kind.isObject() ? "Ref" : kind.name();
    }

    public static Object structNew(WasmInstance instance, int typeIndex) {
        DefinedType type = instance.module().definedType(typeIndex);
        return Allocations.struct(WasmLanguage.allocationReporter(instance.module().language()), type, false);
    }

    public static Object structNewDefault(WasmInstance instance, int typeIndex) {
        DefinedType type = instance.module().definedType(typeIndex);
        return Allocations.struct(WasmLanguage.allocationReporter(instance.module().language()), type, true);
    }

    /** The property of field {@code field} of a struct; the trap "null structure reference" on null. */
    private static StaticProperty field(Object reference, int field) {
        if (reference == WasmNull.INSTANCE) {
            throw BaselineSupport.trap(TrapKind.NULL_STRUCTURE_REFERENCE);
        }
        return ((WasmStruct) reference).type().layout().field(field);
    }

    // struct.get, struct.get_s and struct.get_u by storage kind

    public static int structGetI8S(Object s, int f) { return field(s, f).getByte(s); }
    public static int structGetI8U(Object s, int f) { return field(s, f).getByte(s) & 0xFF; }
    public static int structGetI16S(Object s, int f) { return field(s, f).getShort(s); }
    public static int structGetI16U(Object s, int f) { return field(s, f).getShort(s) & 0xFFFF; }
    public static int structGetI32(Object s, int f) { return field(s, f).getInt(s); }
    public static long structGetI64(Object s, int f) { return field(s, f).getLong(s); }
    public static float structGetF32(Object s, int f) { return field(s, f).getFloat(s); }
    public static double structGetF64(Object s, int f) { return field(s, f).getDouble(s); }
    public static Object structGetRef(Object s, int f) { return field(s, f).getObject(s); }

    // struct.set (and the fields of struct.new) by storage kind; packed values wrap

    public static void structSetI8(Object s, int v, int f) { field(s, f).setByte(s, (byte) v); }
    public static void structSetI16(Object s, int v, int f) { field(s, f).setShort(s, (short) v); }
    public static void structSetI32(Object s, int v, int f) { field(s, f).setInt(s, v); }
    public static void structSetI64(Object s, long v, int f) { field(s, f).setLong(s, v); }
    public static void structSetF32(Object s, float v, int f) { field(s, f).setFloat(s, v); }
    public static void structSetF64(Object s, double v, int f) { field(s, f).setDouble(s, v); }
    public static void structSetRef(Object s, Object v, int f) { field(s, f).setObject(s, v); }

    /** {@code ref.test} of concrete type {@code typeIndex}: as {@link RefTestNode#matches(Object, DefinedType, dev.twasm.runtime.TypeRegistry, boolean)}. */
    public static int refTestType(Object reference, WasmInstance instance, int typeIndex, boolean nullable) {
        WasmModule module = instance.module();
        return RefTestNode.matches(reference, module.definedType(typeIndex), module.engine().types(), nullable) ? 1 : 0;
    }

    /** {@code ref.cast} of concrete type {@code typeIndex}: the reference, or the trap "cast failure". */
    public static Object refCastType(Object reference, WasmInstance instance, int typeIndex, boolean nullable) {
        if (refTestType(reference, instance, typeIndex, nullable) == 0) {
            throw BaselineSupport.trap(TrapKind.CAST_FAILURE);
        }
        return reference;
    }
}
