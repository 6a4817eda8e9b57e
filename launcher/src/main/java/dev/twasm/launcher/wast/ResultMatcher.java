package dev.twasm.launcher.wast;

import dev.twasm.model.ValType;
import dev.twasm.text.script.Expected;
import dev.twasm.text.script.VectorShape;
import dev.twasm.text.script.WastValue;
import org.graalvm.polyglot.Value;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares a result with a script's expectation (the reference interpreter's rules): numbers bit
 * for bit, so NaN payloads and signed zeros count; {@code nan:canonical} and {@code nan:arithmetic}
 * by the payload's top bit; null by {@code isNull}; extern references by their number; a
 * {@code v128}, which the engine returns as a 16-byte buffer (little-endian), lane by lane in the
 * pattern's shape, each lane by the same rules as a scalar of its type.
 */
final class ResultMatcher {
    private static final int V128_BYTES = 16;

    private ResultMatcher() {
    }

    /** Returns null when {@code actual} matches, else a description of the mismatch. */
    static String mismatch(Expected expected, Value actual) {
        return switch (expected) {
            case Expected.Exact e -> exact(e.value(), actual);
            case Expected.CanonicalNan n -> nan(n.type(), actual, true);
            case Expected.ArithmeticNan n -> nan(n.type(), actual, false);
            case Expected.AnyRef r -> actual.isNull() ? "expected a non-null " + r.kind() + " reference, got null" : null;
            case Expected.V128Pattern p -> vector(p, actual);
            case Expected.Either either -> {
                List<String> mismatches = new ArrayList<>();
                for (Expected alternative : either.alternatives()) {
                    String mismatch = mismatch(alternative, actual);
                    if (mismatch == null) {
                        yield null;
                    }
                    mismatches.add(mismatch);
                }
                yield "matches none of the alternatives: " + String.join("; or ", mismatches);
            }
        };
    }

    private static String exact(WastValue expected, Value actual) {
        switch (expected) {
            case WastValue.I32 v -> {
                if (!actual.fitsInInt() || actual.asInt() != v.value()) {
                    return "expected i32 " + v.value() + ", got " + actual;
                }
            }
            case WastValue.I64 v -> {
                if (!actual.fitsInLong() || actual.asLong() != v.value()) {
                    return "expected i64 " + v.value() + ", got " + actual;
                }
            }
            case WastValue.F32 v -> {
                if (!actual.fitsInFloat() || Float.floatToRawIntBits(actual.asFloat()) != v.bits()) {
                    return "expected f32 bits 0x" + Integer.toHexString(v.bits()) + " (" + Float.intBitsToFloat(v.bits()) + "), got " + f32(actual);
                }
            }
            case WastValue.F64 v -> {
                if (!actual.fitsInDouble() || Double.doubleToRawLongBits(actual.asDouble()) != v.bits()) {
                    return "expected f64 bits 0x" + Long.toHexString(v.bits()) + " (" + Double.longBitsToDouble(v.bits()) + "), got " + f64(actual);
                }
            }
            case WastValue.V128 v -> {
                List<Expected.LanePattern> halves = List.of(new Expected.LanePattern.Bits(v.lo()), new Expected.LanePattern.Bits(v.hi()));
                return vector(new Expected.V128Pattern(VectorShape.I64X2, halves), actual);
            }
            case WastValue.RefNull v -> {
                if (!actual.isNull()) {
                    return "expected null, got " + actual;
                }
            }
            case WastValue.RefExtern v -> {
                return externMismatch(v.id(), actual);
            }
            case WastValue.RefHost v -> {
                return externMismatch(v.id(), actual);
            }
        }
        return null;
    }

    private static String externMismatch(long id, Value actual) {
        if (actual.isHostObject() && actual.asHostObject() instanceof ExternRef ref && ref.id() == id) {
            return null;
        }
        return "expected extern reference " + id + ", got " + actual;
    }

    private static String nan(ValType type, Value actual, boolean canonical) {
        String kind = canonical ? "canonical" : "arithmetic";
        if (type == ValType.F32) {
            if (!actual.fitsInFloat()) {
                return "expected an f32 NaN, got " + actual;
            }
            long bits = Float.floatToRawIntBits(actual.asFloat()) & 0xFFFF_FFFFL;
            return isNan(bits, 32, canonical) ? null : "expected " + kind + " f32 NaN, got " + f32(actual);
        }
        if (!actual.fitsInDouble()) {
            return "expected an f64 NaN, got " + actual;
        }
        return isNan(Double.doubleToRawLongBits(actual.asDouble()), 64, canonical) ? null : "expected " + kind + " f64 NaN, got " + f64(actual);
    }

    /**
     * Whether the bits of a float of {@code width} 32 or 64 are a canonical NaN (quiet bit only,
     * either sign) or, when not {@code canonical}, an arithmetic NaN (quiet bit set, any other
     * payload bits): spec §4.3.3 "Floating-Point Operations", NaN propagation.
     */
    private static boolean isNan(long bits, int width, boolean canonical) {
        long magnitude = width == 32 ? bits & 0x7FFF_FFFFL : bits & Long.MAX_VALUE;
        long exponent = width == 32 ? 0x7F80_0000L : 0x7FF0_0000_0000_0000L;
        long quiet = width == 32 ? 0x0040_0000L : 0x0008_0000_0000_0000L;
        if (canonical) {
            return magnitude == (exponent | quiet);
        }
        return (magnitude & exponent) == exponent && (magnitude & quiet) != 0;
    }

    /** A v128 result: a buffer of 16 bytes, compared lane by lane in the pattern's shape. */
    private static String vector(Expected.V128Pattern expected, Value actual) {
        if (!actual.hasBufferElements() || actual.getBufferSize() != V128_BYTES) {
            return "expected v128 " + expected + ", got " + actual;
        }
        long lo = actual.readBufferLong(ByteOrder.LITTLE_ENDIAN, 0);
        long hi = actual.readBufferLong(ByteOrder.LITTLE_ENDIAN, 8);
        VectorShape shape = expected.shape();
        List<Integer> differing = new ArrayList<>();
        for (int i = 0; i < shape.laneCount(); i++) {
            long lane = shape.lane(lo, hi, i);
            boolean matches = switch (expected.lanes().get(i)) {
                case Expected.LanePattern.Bits b -> b.bits() == lane;
                case Expected.LanePattern.Nan n -> shape.isFloat() && isNan(lane, shape.laneBits(), n.canonical());
            };
            if (!matches) {
                differing.add(i);
            }
        }
        if (differing.isEmpty()) {
            return null;
        }
        return "expected " + expected + ", got (v128.const " + shape.vectorText(lo, hi) + "): lanes " + differing + " differ";
    }

    private static String f32(Value v) {
        return v.fitsInFloat() ? "bits 0x" + Integer.toHexString(Float.floatToRawIntBits(v.asFloat())) + " (" + v.asFloat() + ")" : v.toString();
    }

    private static String f64(Value v) {
        return v.fitsInDouble() ? "bits 0x" + Long.toHexString(Double.doubleToRawLongBits(v.asDouble())) + " (" + v.asDouble() + ")" : v.toString();
    }
}
