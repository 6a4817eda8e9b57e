package dev.twasm.nodes.control;

import com.oracle.truffle.api.CompilerDirectives;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.exception.WasmRuntimeError;
import dev.twasm.nodes.StmtNode;

/**
 * The whole body of a valid function that uses instructions this engine cannot execute yet (the
 * exception handling instructions of Wasm 3.0): running it is an error that says so. Such a
 * module is already rejected at instantiation; this node makes sure nothing else of the node
 * builder ever sees those instructions. It costs nothing elsewhere: functions without them never
 * get this node, and the check happens once, when the root is created.
 */
@NodeInfo(shortName = "unsupported")
public final class UnsupportedInstructionNode extends StmtNode {
    private final String feature;

    public UnsupportedInstructionNode(String feature) {
        this.feature = feature;
    }

    @Override
    public int execute(VirtualFrame frame) {
        CompilerDirectives.transferToInterpreter();
        throw WasmRuntimeError.create(feature + " is not implemented yet", this);
    }
}
