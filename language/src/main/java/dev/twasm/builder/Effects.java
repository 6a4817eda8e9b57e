package dev.twasm.builder;

/**
 * What evaluating a piece of code may do, as far as evaluation order is concerned: which locals it
 * reads and writes (a bit per local; locals from 63 up share the last bit, which is conservative),
 * and whether it is <em>impure</em>: may trap, touches memory, tables or mutable globals, calls,
 * branches, or writes a local as an expression ({@code local.tee}).
 *
 * <p>The builder keeps operands pending as expression trees and only emits them where they are
 * consumed; {@link #commutesWith} decides whether a pending operand may be evaluated after a
 * statement that Wasm executes after it (architecture guide §2, "Order of effects").
 */
final class Effects {
    static final Effects NONE = new Effects(0, 0, false);
    static final Effects IMPURE = new Effects(0, 0, true);

    final long localReads;
    final long localWrites;
    final boolean impure;

    private Effects(long localReads, long localWrites, boolean impure) {
        this.localReads = localReads;
        this.localWrites = localWrites;
        this.impure = impure;
    }

    static long localBit(int localIndex) {
        return 1L << Math.min(localIndex, 63);
    }

    static Effects readsLocal(int localIndex) {
        return new Effects(localBit(localIndex), 0, false);
    }

    static Effects writesLocal(int localIndex) {
        return new Effects(0, localBit(localIndex), false);
    }

    Effects union(Effects other) {
        if (other == NONE || other == this) {
            return this;
        }
        if (this == NONE) {
            return other;
        }
        return new Effects(localReads | other.localReads, localWrites | other.localWrites, impure || other.impure);
    }

    Effects withImpure() {
        return impure ? this : new Effects(localReads, localWrites, true);
    }

    boolean isNone() {
        return localReads == 0 && localWrites == 0 && !impure;
    }

    /**
     * Whether a pending operand with these effects may be evaluated after {@code statement}
     * although Wasm evaluates it before: they must not both be impure, and neither may write a
     * local the other reads or writes.
     */
    boolean commutesWith(Effects statement) {
        if (isNone()) {
            return true;
        }
        if (impure && statement.impure) {
            return false;
        }
        return (statement.localWrites & localReads) == 0 && (localWrites & (statement.localReads | statement.localWrites)) == 0;
    }
}
