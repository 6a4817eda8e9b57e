package dev.twasm.nodes.aggregate;

import dev.twasm.instrument.Allocations;
import dev.twasm.WasmLanguage;
import com.oracle.truffle.api.CompilerDirectives.CompilationFinal;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.ExplodeLoop;
import com.oracle.truffle.api.nodes.NodeInfo;
import com.oracle.truffle.api.staticobject.StaticProperty;

import dev.twasm.gc.DefinedType;
import dev.twasm.gc.StorageKind;
import dev.twasm.gc.StructLayout;
import dev.twasm.gc.WasmStruct;
import dev.twasm.nodes.ExprNode;

/**
 * {@code struct.new x} and {@code struct.new_default x} (Wasm 3.0 GC, spec 3.0 §4.4.2): a new
 * struct of defined type {@code x} whose fields are the operands, in order, or their defaults. The
 * defined type, its layout's allocator, each field's {@link StaticProperty} and
 * {@link StorageKind}, and the defaults of reference and vector fields are final fields, and the
 * loop over the fields is exploded, so in compiled code the node is one allocation of the
 * layout's generated class and one typed store per field (numeric defaults are the zeroed fields
 * of the new object and need no store).
 */
@NodeInfo(shortName = "struct.new")
public final class StructNewNode extends ExprNode {
    /** The field values of {@code struct.new}; empty for {@code struct.new_default}. */
    @Children private final ExprNode[] values;
    private final DefinedType type;
    private final StructLayout layout;
    @CompilationFinal(dimensions = 1) private final StaticProperty[] properties;
    @CompilationFinal(dimensions = 1) private final StorageKind[] storage;
    /** Per field of {@code struct.new_default}: the default to store (references, vectors), or null (numbers: already zero). */
    @CompilationFinal(dimensions = 1) private final Object[] defaults;

    /** {@code struct.new} of {@code type} from {@code values}, or with {@code values == null} {@code struct.new_default}. */
    public StructNewNode(DefinedType type, ExprNode[] values) {
        this.type = type;
        this.layout = type.layout();
        int count = layout.fieldCount();
        this.values = values == null ? new ExprNode[0] : values;
        this.properties = new StaticProperty[count];
        this.storage = new StorageKind[count];
        this.defaults = new Object[values == null ? count : 0];
        for (int i = 0; i < count; i++) {
            properties[i] = layout.field(i);
            storage[i] = layout.storage(i);
            if (values == null && storage[i].isObject()) {
                defaults[i] = storage[i].defaultObject();
            }
        }
    }

    @Override
    @ExplodeLoop
    public Object executeRef(VirtualFrame frame) {
        WasmStruct struct = Allocations.struct(WasmLanguage.get(this).allocationReporter(), type, false);
        for (int i = 0; i < values.length; i++) {
            StructFields.write(properties[i], storage[i], struct, values[i], frame);
        }
        for (int i = 0; i < defaults.length; i++) {
            if (defaults[i] != null) {
                properties[i].setObject(struct, defaults[i]);
            }
        }
        return struct;
    }
}
