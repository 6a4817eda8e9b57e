package dev.twasm.nodes.numeric;

import com.oracle.truffle.api.CompilerDirectives;
import dev.twasm.model.Opcode;
import dev.twasm.nodes.ExprNode;

/**
 * Base of the numeric instruction families (spec §4.4.1). Each family is one class per operand
 * kind whose typed execute methods are a {@code switch} over the instruction, one line per
 * instruction: a table, not a copy per instruction. The {@link #op} is a final field of a
 * constant node, so partial evaluation folds the switch to the single case (Graal treats enum
 * switch maps as stable). Semantics beyond a single Java operator are delegated to
 * {@code NumericOps}, which the constant evaluator and the unit tests share.
 */
public abstract class NumericNode extends ExprNode {
    protected final Opcode op;

    protected NumericNode(Opcode op) {
        this.op = op;
    }

    public Opcode op() {
        return op;
    }

    @Override
    public String getDescription() {
        return op.mnemonic();
    }

    protected final RuntimeException unsupported() {
        throw CompilerDirectives.shouldNotReachHere(op.mnemonic() + " in " + getClass().getSimpleName());
    }
}
