package dev.twasm.builder;

import dev.twasm.model.FuncType;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.StmtNode;

import java.util.ArrayList;
import java.util.List;

/**
 * An entry of the builder's control stack (spec §3.3.1 "control frames"): one per enclosing
 * {@code block}, {@code loop}, {@code if} and the function body, with the statements built so far
 * for it.
 */
final class ControlFrame {
    enum Kind {
        FUNCTION,
        BLOCK,
        LOOP,
        IF
    }

    final Kind kind;
    /** Absolute nesting depth: the branch signal that targets this frame. */
    final int depth;
    final FuncType type;
    /** Operand stack height at entry, below the frame's parameters. */
    final int base;
    /** The i32 condition of an {@code if}. */
    final ExprNode condition;

    List<StmtNode> statements = new ArrayList<>();
    /** The then-branch of an {@code if} once {@code else} was seen. */
    List<StmtNode> thenStatements;
    Effects effects;
    boolean unreachable;
    /** Whether any branch targets this frame. */
    boolean targeted;

    ControlFrame(Kind kind, int depth, FuncType type, int base, ExprNode condition, Effects initialEffects) {
        this.kind = kind;
        this.depth = depth;
        this.type = type;
        this.base = base;
        this.condition = condition;
        this.effects = initialEffects;
    }

    /** The number of values a branch to this frame carries: a loop's parameters, else its results. */
    int branchArity() {
        return kind == Kind.LOOP ? type.paramCount() : type.resultCount();
    }

    dev.twasm.model.ValType branchType(int i) {
        return kind == Kind.LOOP ? type.param(i) : type.result(i);
    }
}
