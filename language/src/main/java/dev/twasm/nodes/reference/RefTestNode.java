package dev.twasm.nodes.reference;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.exception.TrapKind;
import dev.twasm.model.HeapType;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.TrapSite;
import dev.twasm.runtime.WasmI31;
import dev.twasm.runtime.WasmNull;

/**
 * {@code ref.test rt} and {@code ref.cast rt} (Wasm 3.0 GC, spec 3.0 §4.4.2) with an abstract heap
 * type: whether the operand (a reference of {@code rt}'s hierarchy, as validated) is of
 * {@code rt}; {@code ref.cast} returns it or traps "cast failure". The target heap type and
 * nullability are final fields, so {@link #matches}'s switch folds to a null compare and at most an
 * exact class check in compiled code.
 */
@NodeInfo(shortName = "ref.test")
public final class RefTestNode extends ExprNode {
    @Child private ExprNode reference;
    private final HeapType heapType;
    private final boolean nullable;
    /** Null for {@code ref.test}; the "cast failure" trap for {@code ref.cast}. */
    private final TrapSite castFailure;

    public RefTestNode(ExprNode reference, HeapType heapType, boolean nullable, boolean cast) {
        this.reference = reference;
        this.heapType = heapType;
        this.nullable = nullable;
        this.castFailure = cast ? TrapSite.create(TrapKind.CAST_FAILURE) : null;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        return matches(reference.executeRef(frame), heapType, nullable) ? 1 : 0;
    }

    @Override
    public Object executeRef(VirtualFrame frame) {
        Object value = reference.executeRef(frame);
        if (!matches(value, heapType, nullable)) {
            throw castFailure.trap(this);
        }
        return value;
    }

    /**
     * Whether {@code value}, a reference of {@code heapType}'s hierarchy, is of type
     * {@code (ref null? heapType)}: null when {@code nullable}; a top type holds every reference of
     * its hierarchy; {@code eq} and {@code i31} hold the i31s (structs and arrays do not exist yet);
     * a bottom type only null.
     */
    public static boolean matches(Object value, HeapType heapType, boolean nullable) {
        if (value == WasmNull.INSTANCE) {
            return nullable;
        }
        return switch (heapType) {
            case ANY, FUNC, EXTERN, EXN -> true;
            case EQ, I31 -> value instanceof WasmI31;
            default -> false;
        };
    }
}
