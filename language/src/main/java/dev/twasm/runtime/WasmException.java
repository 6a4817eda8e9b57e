package dev.twasm.runtime;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.TruffleLanguage;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.interop.ExceptionType;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnknownIdentifierException;
import com.oracle.truffle.api.library.ExportLibrary;
import com.oracle.truffle.api.library.ExportMessage;
import com.oracle.truffle.api.nodes.Node;
import dev.twasm.WasmLanguage;
import dev.twasm.interop.ValueArray;
import dev.twasm.interop.ValueConversion;
import dev.twasm.model.ValType;

import java.util.StringJoiner;

/**
 * An exception instance (spec §4.2.12 "Exception Instances", Wasm 3.0 exception handling): the
 * tag it was thrown with and its payload, the tag's parameter values, boxed as the calling
 * convention boxes values. It is both what {@code throw} throws and the {@code exnref} value a
 * {@code catch_ref} passes on ({@code throw_ref} throws the same object again), so it is
 * immutable.
 *
 * <p>It is a Truffle guest exception so that Java unwinds the frames between the throw and the
 * handler, Wasm frames of every tier and frames of other languages alike, and so that an
 * exception no Wasm handler catches reaches the embedder as a {@code PolyglotException}
 * ({@code isGuestException()}), with the message "uncaught Wasm exception: tag ..., values
 * (...)". Handlers catch exactly this class: traps, host exceptions and stack overflow are other
 * classes and pass every Wasm handler, {@code catch_all} included.
 *
 * <p>Interop: besides being an exception, the object has two readable members, {@code tag}
 * (the {@link WasmTag}, comparable by identity with an exported tag) and {@code payload} (an
 * array of the values, as an exported function's results are given: numbers, references,
 * {@code v128} as a 16-byte buffer).
 */
@ExportLibrary(InteropLibrary.class)
public final class WasmException extends AbstractTruffleException {
    private static final long serialVersionUID = 1L;
    private static final String TAG = "tag";
    private static final String PAYLOAD = "payload";

    private final transient WasmTag tag;
    private final transient Object[] payload;

    /** Frames recorded for the guest stack trace of an exception that is not caught. */
    private static final int STACK_TRACE_LIMIT = 64;

    public WasmException(WasmTag tag, Object[] payload, Node location) {
        super(null, null, STACK_TRACE_LIMIT, location);
        this.tag = tag;
        this.payload = payload;
    }

    public WasmTag tag() {
        return tag;
    }

    /** The values, boxed; not to be modified. */
    public Object[] payload() {
        return payload;
    }

    @Override
    @TruffleBoundary
    public String getMessage() {
        StringJoiner values = new StringJoiner(", ", "(", ")");
        ValType[] types = tag.type().params();
        for (int i = 0; i < payload.length; i++) {
            values.add(describe(types[i], payload[i]));
        }
        return "uncaught Wasm exception: " + tag + ", values " + values;
    }

    /** A value for the message: numbers as numbers, functions by name, other references by their type only. */
    private static String describe(ValType type, Object value) {
        return switch (type.kind()) {
            case I32, I64, F32, F64 -> String.valueOf(value);
            case REF -> value instanceof WasmNull ? "null" : value instanceof WasmFunction ? value.toString() : type.toString();
            default -> type.toString();
        };
    }

    @ExportMessage
    boolean isException() {
        return true;
    }

    @ExportMessage
    RuntimeException throwException() {
        throw this;
    }

    @ExportMessage
    ExceptionType getExceptionType() {
        return ExceptionType.RUNTIME_ERROR;
    }

    @ExportMessage
    boolean hasExceptionMessage() {
        return true;
    }

    @ExportMessage
    @TruffleBoundary
    Object getExceptionMessage() {
        return getMessage();
    }

    @ExportMessage
    boolean hasLanguage() {
        return true;
    }

    @ExportMessage
    Class<? extends TruffleLanguage<?>> getLanguage() {
        return WasmLanguage.class;
    }

    @ExportMessage
    @TruffleBoundary
    Object toDisplayString(@SuppressWarnings("unused") boolean allowSideEffects) {
        return getMessage();
    }

    @ExportMessage
    boolean hasMembers() {
        return true;
    }

    @ExportMessage
    Object getMembers(@SuppressWarnings("unused") boolean includeInternal) {
        return new ValueArray(new Object[]{TAG, PAYLOAD});
    }

    @ExportMessage
    boolean isMemberReadable(String member) {
        return TAG.equals(member) || PAYLOAD.equals(member);
    }

    @ExportMessage
    @TruffleBoundary
    Object readMember(String member) throws UnknownIdentifierException {
        if (TAG.equals(member)) {
            return tag;
        }
        if (PAYLOAD.equals(member)) {
            ValType[] types = tag.type().params();
            Object[] values = new Object[payload.length];
            for (int i = 0; i < values.length; i++) {
                values[i] = ValueConversion.toHost(payload[i], types[i]);
            }
            return new ValueArray(values);
        }
        throw UnknownIdentifierException.create(member);
    }
}
