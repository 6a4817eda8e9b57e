package dev.twasm.builder;

import dev.twasm.model.FuncType;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.StmtNode;
import dev.twasm.nodes.control.TryNode;

import java.util.ArrayList;
import java.util.List;

/**
 * An entry of the builder's control stack (spec §3.3.1 "control frames"): one per enclosing
 * {@code block}, {@code loop}, {@code if}, {@code try_table}, legacy {@code try} and the function body, with the statements built so far
 * for it.
 */
final class ControlFrame {
    enum Kind {
        FUNCTION,
        BLOCK,
        LOOP,
        IF,
        /** {@code try_table}: its {@link #clauses} are known at its start. */
        TRY_TABLE,
        /** A legacy {@code try}, its body and then its handlers ({@link #inHandler}). */
        TRY
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

    /** The handlers of a {@code try_table}, or of a legacy {@code try} those whose code is complete. */
    final List<TryNode.CatchClause> clauses = new ArrayList<>();
    /** A legacy {@code try} past its first {@code catch} or {@code catch_all}: its body is {@link #tryBody}. */
    boolean inHandler;
    List<StmtNode> tryBody;
    /** The tag of the legacy handler being built ({@code -1}: {@code catch_all}). */
    int handlerTag;
    /** Whether a {@code delegate} inside sends its exceptions to this frame's handlers. */
    boolean delegationTarget;
    /** The module offset of the frame's first instruction (an {@code if}'s condition's), the offset of its node. */
    int start = -1;

    ControlFrame(Kind kind, int depth, FuncType type, int base, ExprNode condition, Effects initialEffects) {
        this.kind = kind;
        this.depth = depth;
        this.type = type;
        this.base = base;
        this.condition = condition;
        this.effects = initialEffects;
    }

    /**
     * Whether an exception thrown in the code being built here now would be offered to this
     * frame's handlers: a {@code try_table} with clauses, or a legacy {@code try} still in its
     * body (its handlers may come yet).
     */
    boolean protectsCode() {
        return kind == Kind.TRY_TABLE && !clauses.isEmpty() || kind == Kind.TRY && !inHandler;
    }

    /** The number of values a branch to this frame carries: a loop's parameters, else its results. */
    int branchArity() {
        return kind == Kind.LOOP ? type.paramCount() : type.resultCount();
    }

    dev.twasm.model.ValType branchType(int i) {
        return kind == Kind.LOOP ? type.param(i) : type.result(i);
    }
}
