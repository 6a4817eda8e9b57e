package dev.twasm.nodes.aggregate;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import com.oracle.truffle.api.staticobject.StaticProperty;

import dev.twasm.exception.TrapKind;
import dev.twasm.gc.StorageKind;
import dev.twasm.gc.StructLayout;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.StmtNode;
import dev.twasm.nodes.TrapSite;
import dev.twasm.runtime.WasmNull;

/**
 * {@code struct.set x y} (Wasm 3.0 GC, spec 3.0 §4.4.2): stores the value operand into field
 * {@code y} of a struct of type {@code x} (or a subtype), wrapping packed values. Wasm evaluates
 * the reference, then the value, and traps "null structure reference" only then: the common path
 * stores the value as it evaluates it ({@link StructFields#write}), and the null path, off the
 * fast path, evaluates the value before it traps. Property and storage kind are final fields.
 */
@NodeInfo(shortName = "struct.set")
public final class StructSetNode extends StmtNode {
    @Child private ExprNode reference;
    @Child private ExprNode value;
    private final StaticProperty property;
    private final StorageKind kind;
    private final int valueKind;
    private final TrapSite nullStructure = TrapSite.create(TrapKind.NULL_STRUCTURE_REFERENCE);

    /** @param valueKind the {@link dev.twasm.nodes.ValueKind} of the unpacked value */
    public StructSetNode(ExprNode reference, ExprNode value, StructLayout layout, int field, int valueKind) {
        this.reference = reference;
        this.value = value;
        this.property = layout.field(field);
        this.kind = layout.storage(field);
        this.valueKind = valueKind;
    }

    @Override
    public int execute(VirtualFrame frame) {
        Object struct = reference.executeRef(frame);
        if (struct == WasmNull.INSTANCE) {
            value.executeBoxed(frame, valueKind);
            throw nullStructure.trap(this);
        }
        StructFields.write(property, kind, struct, value, frame);
        return FALLTHROUGH;
    }
}
