package dev.twasm.host;

import com.oracle.truffle.api.CallTarget;
import dev.twasm.model.FuncType;

/**
 * A function of a built-in host module: its Wasm function type (spec §2.3.3), which an import must
 * match exactly (spec §4.5.2), and the call target that implements it. The call target follows the
 * engine's calling convention, read through {@link HostCaller#of} and {@link HostCaller#argument}:
 * its context argument is the {@link HostCaller}, then come the parameters boxed as {@code Integer},
 * {@code Long}, {@code Float} or {@code Double}; it returns its single result boxed, or
 * {@link HostCaller#NO_RESULT}.
 */
public record HostFunction(FuncType type, CallTarget target) {
}
