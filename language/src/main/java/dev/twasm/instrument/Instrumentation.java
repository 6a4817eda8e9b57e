package dev.twasm.instrument;

import com.oracle.truffle.api.CompilerDirectives.TruffleBoundary;
import com.oracle.truffle.api.RootCallTarget;
import com.oracle.truffle.api.frame.Frame;
import com.oracle.truffle.api.nodes.Node;
import com.oracle.truffle.api.nodes.RootNode;
import com.oracle.truffle.api.source.SourceSection;
import dev.twasm.debug.DebugInfo;
import dev.twasm.debug.Subprogram;
import dev.twasm.nodes.StmtNode;
import dev.twasm.nodes.WasmRootNode;
import dev.twasm.runtime.WasmModule;

/**
 * What the instrumentable nodes ask when Truffle instruments them: their source sections, whether
 * a statement has a line, their scope, and leaving the baseline tier. Every method runs only when
 * an instrument is attached and asks (never while the tree is built or executed), behind a
 * boundary; the answers come from the module's {@link ModuleSources}, made once per module.
 *
 * <p>The package is the Truffle side of debugging: sources (the disassembly listing, or the C/Rust
 * files of DWARF line information), sections, and the scopes of suspended frames.
 */
public final class Instrumentation {
    private Instrumentation() {
    }

    /** The section of the instruction at {@code moduleOffset} under {@code node}'s root, or null outside a Wasm function. */
    @TruffleBoundary
    public static SourceSection section(Node node, int moduleOffset) {
        WasmRootNode root = rootOf(node);
        return root == null ? null : ModuleSources.of(root.module()).instruction(root.functionIndex(), moduleOffset);
    }

    /** Whether {@code statement}'s first instruction has a source line (for {@code StatementTag}). */
    @TruffleBoundary
    public static boolean hasLine(StmtNode statement) {
        WasmRootNode root = rootOf(statement);
        return root != null && statement.moduleOffset() >= 0 && ModuleSources.of(root.module()).hasLine(root.functionIndex(), statement.moduleOffset());
    }

    /** The section of the whole function {@code node} belongs to. */
    @TruffleBoundary
    public static SourceSection functionSection(Node node) {
        WasmRootNode root = rootOf(node);
        return root == null ? null : rootSection(root);
    }

    /**
     * The section of {@code root}'s whole function. Available without an instrument too: the CPU
     * sampler keeps only stack frames whose root has a section, and a guest exception's stack
     * trace shows it.
     */
    @TruffleBoundary
    public static SourceSection rootSection(WasmRootNode root) {
        return ModuleSources.of(root.module()).function(root.functionIndex());
    }

    /**
     * The scope of a suspended frame at {@code node} (offset {@code moduleOffset}): the function's
     * Wasm locals, read from the materialized {@code frame} (or without values when it is null);
     * with DWARF, the scope of the C/Rust variables of the subprogram there, whose parent is
     * the Wasm locals' scope.
     */
    public static Object scope(Node node, int moduleOffset, Frame frame) {
        WasmRootNode root = rootOf(node);
        if (root == null) {
            return LocalsScope.EMPTY;
        }
        LocalsScope locals = LocalsScope.of(root, frame);
        try {
            DebugInfo info = ModuleSources.of(root.module()).debugInfo();
            Subprogram subprogram = info == null ? null : info.subprogramAt(moduleOffset);
            return subprogram == null ? locals : SourceVariables.scope(info, subprogram, moduleOffset, root, frame, locals);
        } catch (RuntimeException e) {
            // a scope read never fails the debugger: without the source variables, the Wasm locals
            return locals;
        }
    }

    /**
     * Prepares {@code root} and its module for instrumentation (from
     * {@code RootNode.prepareForInstrumentation}): makes the module's sources, which takes every
     * function of the module out of the baseline tier, and this root too (its call target may
     * not have existed then).
     */
    @TruffleBoundary
    public static void prepare(WasmRootNode root) {
        ModuleSources sources = ModuleSources.of(root.module());
        sources.leaveBaselineTierOnce();
        root.leaveBaselineForInstrumentation();
    }

    /** Takes every function of {@code module} out of the baseline tier for good (an instrument is attached). */
    static void leaveBaselineTier(WasmModule module) {
        int first = module.model().importedFunctionCount();
        for (int i = first; i < first + module.model().functions().size(); i++) {
            if (module.callTarget(i) instanceof RootCallTarget target && target.getRootNode() instanceof WasmRootNode root) {
                root.leaveBaselineForInstrumentation();
            }
        }
    }

    private static WasmRootNode rootOf(Node node) {
        RootNode root = node.getRootNode();
        return root instanceof WasmRootNode w ? w : null;
    }
}
