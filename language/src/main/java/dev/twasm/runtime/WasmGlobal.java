package dev.twasm.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.dsl.Cached;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import com.oracle.truffle.api.interop.UnsupportedTypeException;
import com.oracle.truffle.api.library.ExportLibrary;
import dev.twasm.interop.WasmObject;
import com.oracle.truffle.api.library.ExportMessage;
import dev.twasm.interop.ValueArray;
import dev.twasm.interop.ValueConversion;
import dev.twasm.model.GlobalType;
import dev.twasm.model.ValType;
import dev.twasm.simd.SimdOps;

/**
 * A global instance (spec §4.2.9): a type and a mutable cell. Imported and exported globals are
 * shared by reference between instances, so every instance reaches its globals through these cells.
 *
 * <p>Numbers are kept as raw bits in a {@code long} (floats via their raw bit patterns, so NaN
 * payloads survive), references and {@code v128} values (the engine's immutable vector objects)
 * in an {@code Object} field.
 *
 * <p>To embedders a global is an object with a member {@code value}, readable, and writable when
 * the global is mutable (as in the JavaScript API's {@code WebAssembly.Global}).
 */
@ExportLibrary(InteropLibrary.class)
public final class WasmGlobal extends WasmObject {
    private static final String VALUE = "value";

    private final GlobalType type;
    private long bits;
    private Object ref;

    public WasmGlobal(GlobalType type) {
        this.type = type;
        this.ref = type.valType() == ValType.V128 ? SimdOps.INSTANCE.zero() : WasmNull.INSTANCE;
    }

    public GlobalType type() {
        return type;
    }

    public ValType valType() {
        return type.valType();
    }

    public int getI32() {
        return (int) bits;
    }

    public long getI64() {
        return bits;
    }

    public float getF32() {
        return Float.intBitsToFloat((int) bits);
    }

    public double getF64() {
        return Double.longBitsToDouble(bits);
    }

    public Object getRef() {
        return ref;
    }

    public void setI32(int v) {
        bits = v;
    }

    public void setI64(long v) {
        bits = v;
    }

    public void setF32(float v) {
        bits = Float.floatToRawIntBits(v);
    }

    public void setF64(double v) {
        bits = Double.doubleToRawLongBits(v);
    }

    public void setRef(Object v) {
        ref = v;
    }

    /** The value boxed as the interpreter boxes it (Integer, Long, Float, Double or a reference). */
    public Object getBoxed() {
        return switch (type.valType().kind()) {
            case I32 -> getI32();
            case I64 -> getI64();
            case F32 -> getF32();
            case F64 -> getF64();
            default -> ref;
        };
    }

    /** Sets the value from its boxed form; the caller guarantees the box matches the type. */
    public void setBoxed(Object value) {
        switch (type.valType().kind()) {
            case I32 -> setI32((Integer) value);
            case I64 -> setI64((Long) value);
            case F32 -> setF32((Float) value);
            case F64 -> setF64((Double) value);
            default -> setRef(value);
        }
    }

    @ExportMessage
    boolean hasMembers() {
        return true;
    }

    @ExportMessage
    Object getMembers(boolean includeInternal) {
        return new ValueArray(new Object[]{VALUE});
    }

    @ExportMessage
    boolean isMemberReadable(String member) {
        return VALUE.equals(member);
    }

    @ExportMessage
    boolean isMemberModifiable(String member) {
        return VALUE.equals(member) && type.mutable();
    }

    @ExportMessage
    boolean isMemberInsertable(String member) {
        return false;
    }

    @ExportMessage
    Object readMember(String member) throws UnknownIdentifierException {
        if (!VALUE.equals(member)) {
            throw UnknownIdentifierException.create(member);
        }
        return ValueConversion.toHost(getBoxed(), type.valType());
    }

    @ExportMessage
    void writeMember(String member, Object value,
                    @Cached ValueConversion.ToWasmNode convert) throws UnknownIdentifierException, UnsupportedMessageException, UnsupportedTypeException {
        if (!VALUE.equals(member)) {
            throw UnknownIdentifierException.create(member);
        }
        if (!type.mutable()) {
            throw UnsupportedMessageException.create();
        }
        setBoxed(convert.execute(value, type.valType()));
    }

    @Override
    @TruffleBoundary
    public String toString() {
        return "global " + type;
    }
}
