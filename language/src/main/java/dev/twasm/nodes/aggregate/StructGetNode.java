package dev.twasm.nodes.aggregate;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import com.oracle.truffle.api.staticobject.StaticProperty;

import dev.twasm.exception.TrapKind;
import dev.twasm.gc.StorageKind;
import dev.twasm.gc.StructLayout;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.TrapSite;
import dev.twasm.runtime.WasmNull;

/**
 * {@code struct.get x y}, {@code struct.get_s x y} and {@code struct.get_u x y} (Wasm 3.0 GC,
 * spec 3.0 §4.4.2): field {@code y} of a struct of type {@code x} or of one of its subtypes,
 * whose layouts extend {@code x}'s ({@link StructLayout}), so {@code x}'s property reads them too;
 * a packed field is sign- or zero-extended to {@code i32}. Null traps "null structure reference".
 * The property, the storage kind and the extension are final fields: in compiled code the node is
 * a null compare, the property's class check and one field load.
 */
@NodeInfo(shortName = "struct.get")
public final class StructGetNode extends ExprNode {
    @Child private ExprNode reference;
    private final StaticProperty property;
    private final StorageKind kind;
    private final boolean signed;
    private final TrapSite nullStructure = TrapSite.create(TrapKind.NULL_STRUCTURE_REFERENCE);

    /** @param signed for a packed field: {@code struct.get_s} (else {@code struct.get_u}) */
    public StructGetNode(ExprNode reference, StructLayout layout, int field, boolean signed) {
        this.reference = reference;
        this.property = layout.field(field);
        this.kind = layout.storage(field);
        this.signed = signed;
    }

    private Object struct(VirtualFrame frame) {
        Object value = reference.executeRef(frame);
        if (value == WasmNull.INSTANCE) {
            throw nullStructure.trap(this);
        }
        return value;
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        Object struct = struct(frame);
        return switch (kind) {
            case I8 -> signed ? property.getByte(struct) : property.getByte(struct) & 0xFF;
            case I16 -> signed ? property.getShort(struct) : property.getShort(struct) & 0xFFFF;
            default -> property.getInt(struct);
        };
    }

    @Override
    public long executeI64(VirtualFrame frame) {
        return property.getLong(struct(frame));
    }

    @Override
    public float executeF32(VirtualFrame frame) {
        return property.getFloat(struct(frame));
    }

    @Override
    public double executeF64(VirtualFrame frame) {
        return property.getDouble(struct(frame));
    }

    @Override
    public Object executeRef(VirtualFrame frame) {
        return property.getObject(struct(frame));
    }

    @Override
    public Object executeV128(VirtualFrame frame) {
        return property.getObject(struct(frame));
    }
}
