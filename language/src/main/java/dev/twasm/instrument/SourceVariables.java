package dev.twasm.instrument;

import com.oracle.truffle.api.frame.Frame;
import dev.twasm.debug.DebugInfo;
import dev.twasm.debug.FrameBase;
import dev.twasm.debug.Location;
import dev.twasm.debug.Subprogram;
import dev.twasm.debug.Variable;
import dev.twasm.debug.VariableType;
import dev.twasm.nodes.CallingConvention;
import dev.twasm.nodes.Slots;
import dev.twasm.nodes.ValueKind;
import dev.twasm.nodes.WasmRootNode;
import dev.twasm.runtime.WasmGlobal;
import dev.twasm.runtime.WasmInstance;
import dev.twasm.runtime.WasmMemory;

import java.util.ArrayList;
import java.util.List;

/**
 * The C/Rust variables of the DWARF subprogram at a suspended instruction, as a scope whose parent
 * is the Wasm locals' ({@link LocalsScope}). Only the variables whose lexical scope holds the
 * instruction are shown. A value is found from its {@link Location}: a Wasm local is read from
 * the frame's slot, a global from the instance (argument 0 of the frame,
 * {@link CallingConvention}), a frame offset ({@code DW_OP_fbreg}) is the subprogram's frame base
 * (a local or a global) plus the offset in memory 0, an address is in memory 0; the
 * {@code type.byteSize()} bytes there are decoded by the type ({@link VariableType#decode}). What
 * cannot be read (no frame, out of bounds, a location the decoder does not follow, a type it
 * cannot decode) shows as {@code <unavailable>} or the type's name, never an exception.
 */
final class SourceVariables {
    private SourceVariables() {
    }

    static LocalsScope scope(DebugInfo info, Subprogram subprogram, int moduleOffset, WasmRootNode root, Frame frame, LocalsScope wasmLocals) {
        List<String> names = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (Variable variable : subprogram.variables()) {
            if (!variable.parameter() && !variable.inScope(moduleOffset)) {
                continue;
            }
            names.add(variable.name());
            values.add(frame == null ? LocalsScope.UNAVAILABLE : value(info.locationAt(variable, moduleOffset), variable.type(), subprogram, root, frame));
        }
        String name = subprogram.name() != null ? subprogram.name() : root.getName();
        return wasmLocals.inner(name, names.toArray(String[]::new), values.toArray());
    }

    private static Object value(Location location, VariableType type, Subprogram subprogram, WasmRootNode root, Frame frame) {
        try {
            byte[] bytes = switch (location) {
                case Location.WasmLocal l -> bits(local(root, frame, l.index()));
                case Location.WasmGlobal g -> bits(instance(frame).globals[g.index()].getBoxed());
                case Location.FrameOffset f -> memory(frame, base(subprogram.frameBase(), root, frame) + f.offset(), type.byteSize());
                case Location.MemoryAddress a -> memory(frame, a.address(), type.byteSize());
                case Location.Unknown u -> null;
            };
            if (bytes == null) {
                return LocalsScope.UNAVAILABLE;
            }
            Object value = type.decode(bytes);
            return value != null ? value : "<" + type.name() + ">";
        } catch (RuntimeException | AssertionError e) {
            return LocalsScope.UNAVAILABLE;
        }
    }

    private static WasmInstance instance(Frame frame) {
        return (WasmInstance) frame.getArguments()[CallingConvention.CONTEXT];
    }

    private static Object local(WasmRootNode root, Frame frame, int index) {
        int[] kinds = root.localKindsWithParameters();
        return Slots.getBoxed(frame, index, kinds[index]);
    }

    /** The frame base's value, an address in memory 0. */
    private static long base(FrameBase base, WasmRootNode root, Frame frame) {
        Object value = switch (base) {
            case FrameBase.WasmLocal l -> local(root, frame, l.index());
            case FrameBase.WasmGlobal g -> {
                WasmGlobal global = instance(frame).globals[g.index()];
                yield global.getBoxed();
            }
            case FrameBase.None n -> throw new IllegalStateException("no frame base");
        };
        return value instanceof Integer i ? Integer.toUnsignedLong(i) : (Long) value;
    }

    /** {@code length} bytes of memory 0 at {@code address}, or null when out of bounds. */
    private static byte[] memory(Frame frame, long address, int length) {
        WasmInstance instance = instance(frame);
        if (instance.memories.length == 0 || length <= 0) {
            return null;
        }
        WasmMemory memory = instance.memories[0];
        if (address < 0 || address + length > memory.byteSize()) {
            return null;
        }
        byte[] bytes = new byte[length];
        memory.copyOut(address, bytes, 0, length);
        return bytes;
    }

    /** A number's bits, little-endian (what a Wasm local or global holding the variable has). */
    private static byte[] bits(Object value) {
        long raw;
        int size;
        switch (value) {
            case Integer i -> {
                raw = i;
                size = 4;
            }
            case Long l -> {
                raw = l;
                size = 8;
            }
            case Float f -> {
                raw = Float.floatToRawIntBits(f);
                size = 4;
            }
            case Double d -> {
                raw = Double.doubleToRawLongBits(d);
                size = 8;
            }
            default -> {
                return null;
            }
        }
        byte[] bytes = new byte[8];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) (raw >>> (8 * i));
        }
        return bytes;
    }
}
