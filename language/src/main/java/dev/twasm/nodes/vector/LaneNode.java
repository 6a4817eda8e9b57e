package dev.twasm.nodes.vector;

import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.NodeInfo;
import dev.twasm.model.Opcode;
import dev.twasm.nodes.ExprNode;
import dev.twasm.nodes.ValueKind;
import dev.twasm.simd.SimdFamily;
import dev.twasm.simd.SimdOps;

/**
 * The lane instructions (spec §4.4.3 {@code shape.splat}, {@code shape.extract_lane_sx?},
 * {@code shape.replace_lane}): scalars enter and leave vectors as raw lane bits, so one class
 * covers every shape. A scalar operand is turned into bits by its kind (floats by their raw bit
 * patterns, which keeps NaN payloads), and an extracted lane is sign-extended or reinterpreted by
 * the result type the parent asks for. Lane width, lane index, kind and signedness are final
 * fields, constants in compiled code, where these become single insert/extract/broadcast
 * instructions.
 */
@NodeInfo(shortName = "v128.lane")
public final class LaneNode extends ExprNode {
    private final Opcode op;
    private final SimdFamily family;
    private final int laneLog2;
    private final int lane;
    private final int scalarKind;
    private final boolean signExtends;
    /** The vector operand (extract and replace). */
    @Child private ExprNode vector;
    /** The scalar operand (splat and replace). */
    @Child private ExprNode scalar;

    private LaneNode(Opcode op, int lane, ExprNode vector, ExprNode scalar) {
        this.op = op;
        this.family = SimdFamily.of(op);
        this.laneLog2 = SimdFamily.laneLog2(op);
        this.lane = lane;
        this.scalarKind = ValueKind.of(family == SimdFamily.EXTRACT_LANE ? op.results()[0] : op.params()[op.params().length - 1]);
        this.signExtends = family == SimdFamily.EXTRACT_LANE && SimdFamily.signExtends(op);
        this.vector = vector;
        this.scalar = scalar;
    }

    public static LaneNode splat(Opcode op, ExprNode scalar) {
        return new LaneNode(op, 0, null, scalar);
    }

    public static LaneNode extractLane(Opcode op, int lane, ExprNode vector) {
        return new LaneNode(op, lane, vector, null);
    }

    public static LaneNode replaceLane(Opcode op, int lane, ExprNode vector, ExprNode scalar) {
        return new LaneNode(op, lane, vector, scalar);
    }

    private long scalarBits(VirtualFrame frame) {
        return switch (scalarKind) {
            case ValueKind.I32 -> scalar.executeI32(frame);
            case ValueKind.I64 -> scalar.executeI64(frame);
            case ValueKind.F32 -> Float.floatToRawIntBits(scalar.executeF32(frame));
            default -> Double.doubleToRawLongBits(scalar.executeF64(frame));
        };
    }

    @Override
    public Object executeV128(VirtualFrame frame) {
        if (family == SimdFamily.SPLAT) {
            return SimdOps.INSTANCE.splat(laneLog2, scalarBits(frame));
        }
        Object v = vector.executeV128(frame);
        return SimdOps.INSTANCE.replaceLane(v, laneLog2, lane, scalarBits(frame));
    }

    private long laneBits(VirtualFrame frame) {
        return SimdOps.INSTANCE.extractLane(vector.executeV128(frame), laneLog2, lane);
    }

    @Override
    public int executeI32(VirtualFrame frame) {
        long bits = laneBits(frame);
        if (signExtends) {
            int shift = 64 - (8 << laneLog2);
            return (int) (bits << shift >> shift);
        }
        return (int) bits;
    }

    @Override
    public long executeI64(VirtualFrame frame) {
        return laneBits(frame);
    }

    @Override
    public float executeF32(VirtualFrame frame) {
        return Float.intBitsToFloat((int) laneBits(frame));
    }

    @Override
    public double executeF64(VirtualFrame frame) {
        return Double.longBitsToDouble(laneBits(frame));
    }

    @Override
    public String getDescription() {
        return op.mnemonic();
    }
}
