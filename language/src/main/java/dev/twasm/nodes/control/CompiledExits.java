package dev.twasm.nodes.control;

import com.oracle.truffle.api.nodes.Node;
import dev.twasm.nodes.StmtNode;

import java.util.HashSet;
import java.util.Set;

/**
 * Chooses the branches that compiled code takes as a {@link CompiledExit} instead of a signal.
 *
 * <p>Why: a signal leaves a node through the node's Java return, and partial evaluation merges
 * every return of an inlined method into one value, a phi over the signals of all the paths,
 * which the enclosing block and loop then test. The merge also carries a phi for every frame slot
 * the paths wrote differently, and Graal only splits a test over a merge that has a single phi,
 * so the test stays: a loop with two exits (the shape of {@code while (i < n && x)}) compiles
 * to conditional moves that build the signal, a compare on it at every back edge, and a loop
 * that Graal cannot see as counted, so it keeps a safepoint poll whose call spills registers. A
 * thrown constant goes to its catcher along an exception edge of its own, so each such branch
 * becomes a direct exit.
 *
 * <p>Which branches: those whose catcher is known from the node types alone, so that the catch
 * tests a class and never compares a depth.
 * <ul>
 * <li>A branch that is equivalent to leaving its innermost enclosing loop: its target ends
 * exactly where that loop ends, with nothing run in between. These are blocks (and {@code if}s)
 * at the tail of the loop body, the block around a loop that is its last statement, and any
 * chain of such ends. It throws {@link CompiledExit#LOOP_EXIT}.</li>
 * <li>A branch to the innermost enclosing loop itself (the {@code continue} of a C loop, and the
 * end of every case of a {@code switch} inside a loop) throws {@link CompiledExit#LOOP_CONTINUE},
 * so the loop body's statements do not merge a "next iteration" signal with their other exits.
 * Not the {@code br_if} that closes a loop body, whose condition already is the back edge, nor
 * one whose fallthrough leaves the loop (below): with both of its paths thrown, the loop body
 * would have no normal return, and the mandelbrot benchmark's inner loop ran 1.5 times slower.</li>
 * <li>Else a {@code return} (a branch to depth 0) throws {@link CompiledExit#RETURN}.</li>
 * <li>Else a branch to a label outside the innermost enclosing loop (the {@code break} of an
 * inner C loop whose target has more to run, such as {@code while (i < n && a[i] == b[i])} followed
 * by code only its normal end runs) writes its depth to the loop's exit-signal slot and throws
 * {@link CompiledExit#LOOP_BREAK}; the loop node passes the signal on. The signal still merges,
 * but once where the loop is left rather than on every iteration: in the lz benchmark's
 * byte-compare loop it had cost seven instructions per iteration. Only in a loop closed by a
 * {@code br_if} back edge, whose body keeps that normal return: in a {@code while (1)} loop whose
 * other paths all throw, the body would have none left (as with mandelbrot above; the
 * {@code interp} benchmark's dispatch loop ran 10% slower).</li>
 * <li>A {@code br_if} whose fallthrough leaves the loop (it ends the loop body, possibly inside
 * blocks at the body's tail) throws {@link CompiledExit#LOOP_EXIT} when not taken, so a loop
 * whose last instruction is such a {@code br_if} to itself branches on its condition.</li>
 * </ul>
 *
 * <p>The interpreter keeps returning signals (exceptions cost it far more than an int), so
 * every catcher also handles the signal, and every signal path still works after a
 * deoptimization moves a half-run statement back to the interpreter.
 */
public final class CompiledExits {
    private CompiledExits() {
    }

    /** Marks the branches of a function body (the block at depth 0). */
    public static void mark(BlockNode functionBody) {
        Set<Integer> fallOff = Set.of(functionBody.depth());
        walkList(functionBody.statements(), fallOff, false, new Loop(NO_LOOP, Set.of(), -1));
    }

    /** No enclosing loop: no branch target is a loop's start. */
    private static final int NO_LOOP = -1;

    /**
     * The innermost enclosing loop, as the walk sees it.
     *
     * @param depth the loop's label depth (a branch to it continues the loop), or {@link #NO_LOOP}
     * @param exits the depths whose end is reached, with nothing run, by leaving the loop
     * @param exitSignalSlot the loop's exit-signal slot when branches further out may leave by
     *        {@link CompiledExit#LOOP_BREAK}, else -1
     */
    private record Loop(int depth, Set<Integer> exits, int exitSignalSlot) {
        Loop withExit(int exit) {
            return new Loop(depth, with(exits, exit), exitSignalSlot);
        }

        /** For a branch that needs no exception to continue or break the loop (see {@link #walk}). */
        Loop withoutContinue() {
            return new Loop(NO_LOOP, exits, exitSignalSlot);
        }
    }

    /**
     * @param fallOff the depths whose end is reached, with nothing run, by falling off the list
     * @param exitsLoop whether falling off the list leaves the innermost enclosing loop
     */
    private static void walkList(StmtNode[] list, Set<Integer> fallOff, boolean exitsLoop, Loop loop) {
        for (int i = 0; i < list.length; i++) {
            boolean last = i == list.length - 1;
            walk(list[i], last ? fallOff : Set.of(), last && exitsLoop, loop);
        }
    }

    private static void walk(Node node, Set<Integer> fallOff, boolean exitsLoop, Loop loop) {
        switch (node) {
            case BlockNode block -> walkLabelled(block.statements(), block.depth(), fallOff, exitsLoop, loop);
            case IfNode conditional -> {
                walk(conditional.condition(), Set.of(), false, loop);
                walkLabelled(conditional.thenStatements(), conditional.depth(), fallOff, exitsLoop, loop);
                walkLabelled(conditional.elseStatements(), conditional.depth(), fallOff, exitsLoop, loop);
            }
            case WasmLoopNode inner -> {
                WasmLoopNode.Body body = inner.body();
                Loop own = new Loop(body.depth(), fallOff, body.backEdge() != null ? body.exitSignalSlot() : -1);
                // With a closing br_if kept apart, falling off the list reaches that br_if first.
                walkList(body.statements(), Set.of(), body.backEdge() == null, own);
                if (body.backEdge() != null) {
                    walk(body.backEdge(), Set.of(), false, own.withoutContinue());
                }
            }
            case BrNode branch -> {
                if (loop.exits().contains(branch.targetDepth())) {
                    branch.exitInCompiledCode(CompiledExit.LOOP_EXIT);
                } else if (branch.targetDepth() == loop.depth()) {
                    branch.exitInCompiledCode(CompiledExit.LOOP_CONTINUE);
                } else if (branch.targetDepth() == 0) {
                    branch.exitInCompiledCode(CompiledExit.RETURN);
                } else if (branch.targetDepth() < loop.depth() && loop.exitSignalSlot() >= 0) {
                    branch.breakLoopInCompiledCode(loop.exitSignalSlot());
                }
                walkChildren(branch, loop);
            }
            case BrIfNode branchIf -> {
                if (exitsLoop) {
                    branchIf.exitLoopWhenNotTakenInCompiledCode();
                    // Its normal return already means "again": both paths thrown, the loop
                    // body would have no normal return, which Graal compiles worse.
                    walkChildren(branchIf, loop.withoutContinue());
                } else {
                    walkChildren(branchIf, loop);
                }
            }
            default -> walkChildren(node, loop);
        }
    }

    /** The statements of a block or an {@code if} arm: their end is also the end of {@code depth}. */
    private static void walkLabelled(StmtNode[] list, int depth, Set<Integer> fallOff, boolean exitsLoop, Loop loop) {
        walkList(list, with(fallOff, depth), exitsLoop, exitsLoop ? loop.withExit(depth) : loop);
    }

    private static void walkChildren(Node node, Loop loop) {
        for (Node child : node.getChildren()) {
            walk(child, Set.of(), false, loop);
        }
    }

    private static Set<Integer> with(Set<Integer> depths, int depth) {
        Set<Integer> result = new HashSet<>(depths);
        result.add(depth);
        return result;
    }
}
