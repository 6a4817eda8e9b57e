package dev.twasm.exception;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.exception.AbstractTruffleException;
import com.oracle.truffle.api.nodes.Node;

/**
 * A trap (spec §4.4): execution of a Wasm instruction failed and the whole invocation is aborted.
 * Surfaces to embedders as a guest {@code PolyglotException} whose message is the spec's text
 * ("integer divide by zero", "out of bounds memory access", ...); the Truffle stack trace carries
 * the Wasm function names.
 *
 * <p>Traps are always raised on a slow path: nodes call {@link #create} behind
 * {@code transferToInterpreter} or an error branch, so the factory is a boundary and never part
 * of compiled fast paths.
 */
public final class WasmTrap extends AbstractTruffleException {
    private static final long serialVersionUID = 1L;

    private final TrapKind kind;

    /** Frames recorded for "call stack exhausted": enough to see the recursion, not all of it. */
    private static final int EXHAUSTION_STACK_TRACE_LIMIT = 64;

    private WasmTrap(TrapKind kind, String message, Node location) {
        super(message, null, kind == TrapKind.CALL_STACK_EXHAUSTED ? EXHAUSTION_STACK_TRACE_LIMIT : UNLIMITED_STACK_TRACE, location);
        this.kind = kind;
    }

    @CompilerDirectives.TruffleBoundary
    public static WasmTrap create(TrapKind kind, Node location) {
        return new WasmTrap(kind, kind.message(), location);
    }

    /** A trap of {@code kind} with extra detail after the spec's message. */
    @CompilerDirectives.TruffleBoundary
    public static WasmTrap create(TrapKind kind, String detail, Node location) {
        return new WasmTrap(kind, kind.message() + ": " + detail, location);
    }

    /** A trap about a table element, naming its index as the reference interpreter does ("uninitialized element 2"). */
    @CompilerDirectives.TruffleBoundary
    public static WasmTrap createForElement(TrapKind kind, long index, Node location) {
        return new WasmTrap(kind, kind.message() + " " + index, location);
    }

    public TrapKind kind() {
        return kind;
    }
}
