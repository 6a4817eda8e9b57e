package dev.twasm.nodes.memory;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.exception.TrapKind;
import dev.twasm.model.Opcode;
import dev.twasm.nodes.AddressOperand;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.TrapSite;
import dev.twasm.runtime.WasmMemory;
import dev.twasm.simd.SimdFamily;
import dev.twasm.simd.SimdOps;
import dev.twasm.simd.V128Unary;

/**
 * Every vector load (spec §4.4.7 {@code v128.load}, {@code v128.loadMxN_sx},
 * {@code v128.loadN_splat}, {@code v128.loadN_zero}, {@code v128.loadN_lane}): one bounds check of
 * the access width at {@code address + offset} (unsigned, in a {@code long}, as in
 * {@link LoadNode}), then either a 16-byte load or a scalar load of the width composed with the
 * vector operation {@link SimdFamily} names for the instruction. The family, width, lane and
 * widening function are final fields, so partial evaluation keeps one path; with the Vector API
 * implementation the composition compiles to one load and one vector instruction.
 *
 * <p>On a chunked (64-bit or shared) memory the 16-byte load is {@link MemoryNodes#loadVector} and the
 * scalar part {@link MemoryNodes#loadBits}; {@code chunked} is a final field, as in {@link LoadNode}.
 *
 * <p>{@code load_lane} has the vector as a second operand, evaluated after the address, as the
 * stack order requires; the load happens after both.
 */
@NodeInfo(shortName = "v128.load")
public final class V128LoadNode extends ExprNode {
    private final Opcode op;
    private final SimdFamily family;
    private final int width;
    private final int laneLog2;
    private final int lane;
    private final V128Unary extend;
    private final long offset;
    private final int memoryIndex;
    /** Whether the memory is 64-bit (memory64): the address operand is an {@code i64}. */
    private final boolean is64;
    /** Whether the memory is chunked (64-bit or shared, {@code WasmMemory}): the access takes the chunked path. */
    private final boolean chunked;
    @Child private ExprNode address;
    @Child private ExprNode vector;
    private final TrapSite outOfBounds = TrapSite.create(TrapKind.OUT_OF_BOUNDS_MEMORY_ACCESS);
    /** The profiles of a 64-bit memory's access ({@link MemoryNodes.Paths64}). */
    private final MemoryNodes.Paths64 paths64 = new MemoryNodes.Paths64();

    /** A load of instruction {@code op}; {@code vector} is the vector operand of a lane load, else null. */
    public V128LoadNode(Opcode op, long offset, int memoryIndex, boolean is64, boolean chunked, int lane, ExprNode address, ExprNode vector) {
        this.op = op;
        this.family = SimdFamily.of(op);
        this.width = 1 << op.naturalAlignmentLog2();
        this.laneLog2 = family == SimdFamily.LOAD || family == SimdFamily.LOAD_EXTEND ? 0 : SimdFamily.laneLog2(op);
        this.lane = lane;
        this.extend = family == SimdFamily.LOAD_EXTEND ? SimdOps.INSTANCE.unary(SimdFamily.extendOf(op)) : null;
        this.offset = offset;
        this.memoryIndex = memoryIndex;
        this.is64 = is64;
        this.chunked = chunked;
        this.address = address;
        this.vector = vector;
    }

    @Override
    public Object executeV128(VirtualFrame frame) {
        long ea = AddressOperand.effectiveAddress(address, frame, is64, offset);
        Object into = family == SimdFamily.LOAD_LANE ? vector.executeV128(frame) : null;
        if (chunked) {
            if (family == SimdFamily.LOAD) {
                return MemoryNodes.loadVector(this, frame, memoryIndex, ea, outOfBounds, paths64);
            }
            return compose(into, MemoryNodes.loadBits(this, frame, memoryIndex, ea, width, outOfBounds, paths64));
        }
        byte[] bytes = MemoryNodes.checkedBytes(this, frame, memoryIndex, ea, width, outOfBounds);
        if (family == SimdFamily.LOAD) {
            return SimdOps.INSTANCE.load(bytes, (int) ea);
        }
        return compose(into, WasmMemory.bits(bytes, ea, width));
    }

    /** The vector of a load narrower than 16 bytes from the loaded {@code bits} (and, for a lane load, the vector operand {@code into}). */
    private Object compose(Object into, long bits) {
        SimdOps ops = SimdOps.INSTANCE;
        if (family == SimdFamily.LOAD_EXTEND) {
            return extend.apply(ops.fromLongs(bits, 0));
        } else if (family == SimdFamily.LOAD_SPLAT) {
            return ops.splat(laneLog2, bits);
        } else if (family == SimdFamily.LOAD_ZERO) {
            return ops.fromLongs(bits, 0);
        }
        return ops.replaceLane(into, laneLog2, lane, bits);
    }

    @Override
    public String getDescription() {
        return op.mnemonic();
    }
}
