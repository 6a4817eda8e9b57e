package dev.twasm.nodes;

import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.profiles.BranchProfile;
import dev.twasm.exception.TrapKind;
import dev.twasm.exception.WasmTrap;

/**
 * A place in a node where one kind of trap can be raised, with a branch profile. Until the trap
 * first happens its path is not compiled at all; after that it is compiled in, so code that traps
 * repeatedly (a test harness, a guest that catches traps at the host) does not deoptimize on every
 * trap. Creating the exception is a boundary call, off the fast path.
 */
public final class TrapSite {
    private final TrapKind kind;
    private final BranchProfile profile = BranchProfile.create();

    private TrapSite(TrapKind kind) {
        this.kind = kind;
    }

    public static TrapSite create(TrapKind kind) {
        return new TrapSite(kind);
    }

    /** Returns the trap to throw: {@code throw site.trap(this)}. */
    public WasmTrap trap(Node location) {
        profile.enter();
        return WasmTrap.create(kind, location);
    }

    /** The trap for table element {@code index}, naming it ("uninitialized element 2"). */
    public WasmTrap trapForElement(long index, Node location) {
        profile.enter();
        return WasmTrap.createForElement(kind, index, location);
    }
}
