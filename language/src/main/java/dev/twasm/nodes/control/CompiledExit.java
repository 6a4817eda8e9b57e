package dev.twasm.nodes.control;

import com.oracle.truffle.api.nodes.ControlFlowException;

/**
 * A branch that compiled code takes as a thrown exception instead of a returned signal: one
 * preallocated instance per kind of catcher, so the throw is a constant in partially evaluated
 * code and Graal turns throw and catch into a direct jump (see {@link CompiledExits}).
 *
 * <p>Four kinds, told apart by class so that a catch tests the type of a constant: a
 * {@link LoopExit} is caught by the innermost enclosing {@link WasmLoopNode}, which then falls
 * through; a {@link LoopBreak} by the same loop node, which then passes on the signal the branch
 * left in the loop's exit-signal slot; a {@link LoopContinue} by the body of the innermost
 * enclosing loop, which then runs again; a {@link Return} by the function's root node, which then
 * reads the results.
 */
public abstract sealed class CompiledExit extends ControlFlowException
                permits CompiledExit.LoopExit, CompiledExit.LoopBreak, CompiledExit.LoopContinue, CompiledExit.Return {
    private static final long serialVersionUID = 1L;

    /** Leaves the innermost enclosing loop, which then falls through. */
    public static final LoopExit LOOP_EXIT = new LoopExit();
    /** Leaves the innermost enclosing loop for a label further out; the signal is in the loop's exit-signal slot. */
    public static final LoopBreak LOOP_BREAK = new LoopBreak();
    /** Starts the next iteration of the innermost enclosing loop; its parameters are already in their slots. */
    public static final LoopContinue LOOP_CONTINUE = new LoopContinue();
    /** Leaves the function; the results are already in their slots. */
    public static final Return RETURN = new Return();

    /** See {@link #LOOP_EXIT}. */
    public static final class LoopExit extends CompiledExit {
        private static final long serialVersionUID = 1L;

        private LoopExit() {
        }
    }

    /** See {@link #LOOP_BREAK}. */
    public static final class LoopBreak extends CompiledExit {
        private static final long serialVersionUID = 1L;

        private LoopBreak() {
        }
    }

    /** See {@link #LOOP_CONTINUE}. */
    public static final class LoopContinue extends CompiledExit {
        private static final long serialVersionUID = 1L;

        private LoopContinue() {
        }
    }

    /** See {@link #RETURN}. */
    public static final class Return extends CompiledExit {
        private static final long serialVersionUID = 1L;

        private Return() {
        }
    }
}
