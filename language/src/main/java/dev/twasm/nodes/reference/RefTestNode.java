package dev.twasm.nodes.reference;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.exception.TrapKind;
import dev.twasm.gc.DefinedType;
import dev.twasm.gc.WasmArray;
import dev.twasm.gc.WasmStruct;
import dev.twasm.model.HeapType;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.TrapSite;
import dev.twasm.runtime.TypeRegistry;
import dev.twasm.runtime.WasmFunction;
import dev.twasm.runtime.WasmI31;
import dev.twasm.runtime.WasmNull;

/**
 * {@code ref.test rt} and {@code ref.cast rt} (Wasm 3.0 GC, spec 3.0 §4.4.2): whether the
 * operand (a reference of {@code rt}'s hierarchy, as validated) is of {@code rt}; {@code ref.cast}
 * returns it or traps "cast failure". {@code br_on_cast} and {@code br_on_cast_fail} branch on the
 * same test. The target is an abstract heap type, or a concrete one as its run-time
 * {@link DefinedType}; it and the nullability are final fields, so {@link #matches}'s switch folds
 * to a null compare and at most a class check in compiled code, and a concrete struct or array
 * type adds the display check of {@link DefinedType#isSubtypeOf} (one load and compare).
 */
@NodeInfo(shortName = "ref.test")
public final class RefTestNode extends ExprNode {
    @Child private ExprNode reference;
    /** The abstract target heap type; null for a concrete one. */
    private final HeapType heapType;
    /** The concrete target type; null for an abstract one. */
    private final DefinedType defined;
    /** The engine's types, for a function's declared supertypes (concrete function types). */
    private final TypeRegistry registry;
    private final boolean nullable;
    /** Null for {@code ref.test}; the "cast failure" trap for {@code ref.cast}. */
    private final TrapSite castFailure;

    /** A test of an abstract heap type. */
    public RefTestNode(ExprNode reference, HeapType heapType, boolean nullable, boolean cast) {
        this(reference, heapType, null, null, nullable, cast);
    }

    /** A test of concrete type {@code defined} of the engine whose types are {@code registry}. */
    public RefTestNode(ExprNode reference, DefinedType defined, TypeRegistry registry, boolean nullable, boolean cast) {
        this(reference, null, defined, registry, nullable, cast);
    }

    private RefTestNode(ExprNode reference, HeapType heapType, DefinedType defined, TypeRegistry registry, boolean nullable, boolean cast) {
        this.reference = reference;
        this.heapType = heapType;
        this.defined = defined;
        this.registry = registry;
        this.nullable = nullable;
        this.castFailure = cast ? TrapSite.create(TrapKind.CAST_FAILURE) : null;
    }

    private boolean test(Object value) {
        return defined == null ? matches(value, heapType, nullable) : matches(value, defined, registry, nullable);
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        return test(reference.executeRef(frame)) ? 1 : 0;
    }

    @Override
    public Object executeRef(VirtualFrame frame) {
        Object value = reference.executeRef(frame);
        if (!test(value)) {
            throw castFailure.trap(this);
        }
        return value;
    }

    /**
     * Whether {@code value}, a reference of {@code heapType}'s hierarchy, is of type
     * {@code (ref null? heapType)}: null when {@code nullable}; a top type holds every reference of
     * its hierarchy; {@code eq} holds i31s, structs and arrays, {@code i31}, {@code struct} and
     * {@code array} their own kind; a bottom type only null.
     */
    public static boolean matches(Object value, HeapType heapType, boolean nullable) {
        if (value == WasmNull.INSTANCE) {
            return nullable;
        }
        return switch (heapType) {
            case ANY, FUNC, EXTERN, EXN -> true;
            case EQ -> value instanceof WasmI31 || value instanceof WasmStruct || value instanceof WasmArray;
            case I31 -> value instanceof WasmI31;
            case STRUCT -> value instanceof WasmStruct;
            case ARRAY -> value instanceof WasmArray;
            default -> false;
        };
    }

    /**
     * Whether {@code value} is of type {@code (ref null? defined)}: a struct or array whose type is
     * {@code defined} or declares it as a supertype, or a function whose canonical type matches
     * ({@link TypeRegistry#isSubtype}, the exact id first).
     */
    public static boolean matches(Object value, DefinedType defined, TypeRegistry registry, boolean nullable) {
        if (value == WasmNull.INSTANCE) {
            return nullable;
        }
        return switch (defined.kind()) {
            case STRUCT -> value instanceof WasmStruct s && s.type().isSubtypeOf(defined);
            case ARRAY -> value instanceof WasmArray a && a.type().isSubtypeOf(defined);
            default -> value instanceof WasmFunction f && (f.typeId() == defined.id() || registry.isSubtype(f.typeId(), defined.id()));
        };
    }
}
