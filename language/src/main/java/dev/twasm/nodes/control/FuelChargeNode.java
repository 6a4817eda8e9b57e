package dev.twasm.nodes.control;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.nodes.CallingConvention;
import dev.twasm.nodes.StmtNode;

/**
 * Charges the fuel of a {@code loop} that no branch targets (option {@code wasm.Fuel}): the builder
 * emits such a loop's statements in place, since its body runs once each time control reaches it,
 * and this statement before them charges its region's cost ({@code builder.FuelCosts}) as a loop
 * node would on its one iteration. Exists only in code built with fuel; the cost is a final field,
 * so compiled code is a load, a subtraction, a store and a compare.
 */
@NodeInfo(shortName = "fuel")
public final class FuelChargeNode extends StmtNode {
    private final long cost;

    public FuelChargeNode(long cost) {
        this.cost = cost;
    }

    @Override
    public int execute(VirtualFrame frame) {
        CallingConvention.instance(this, frame).limits.chargeFuel(cost, this);
        return FALLTHROUGH;
    }
}
