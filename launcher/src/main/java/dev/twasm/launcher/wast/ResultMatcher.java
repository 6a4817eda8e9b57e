package dev.twasm.launcher.wast;

import dev.twasm.model.ValType;
import dev.twasm.text.script.Expected;
import dev.twasm.text.script.WastValue;
import org.graalvm.polyglot.Value;

/**
 * Compares a result with a script's expectation (the reference interpreter's rules): numbers bit
 * for bit, so NaN payloads and signed zeros count; {@code nan:canonical} and {@code nan:arithmetic}
 * by the payload's top bit; null by {@code isNull}; extern references by their number.
 */
final class ResultMatcher {
    private ResultMatcher() {
    }

    /** Returns null when {@code actual} matches, else a description of the mismatch. */
    static String mismatch(Expected expected, Value actual) {
        return switch (expected) {
            case Expected.Exact e -> exact(e.value(), actual);
            case Expected.CanonicalNan n -> nan(n.type(), actual, true);
            case Expected.ArithmeticNan n -> nan(n.type(), actual, false);
            case Expected.AnyRef r -> actual.isNull() ? "expected a non-null " + r.kind() + " reference, got null" : null;
            case Expected.Either either -> {
                for (Expected alternative : either.alternatives()) {
                    if (mismatch(alternative, actual) == null) {
                        yield null;
                    }
                }
                yield "matches none of " + either.alternatives() + ": " + actual;
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
        if (type == ValType.F32) {
            if (!actual.fitsInFloat()) {
                return "expected an f32 NaN, got " + actual;
            }
            int bits = Float.floatToRawIntBits(actual.asFloat());
            boolean ok = canonical ? (bits & 0x7FFF_FFFF) == 0x7FC0_0000 : Float.isNaN(actual.asFloat()) && (bits & 0x0040_0000) != 0;
            return ok ? null : "expected " + (canonical ? "canonical" : "arithmetic") + " f32 NaN, got " + f32(actual);
        }
        if (!actual.fitsInDouble()) {
            return "expected an f64 NaN, got " + actual;
        }
        long bits = Double.doubleToRawLongBits(actual.asDouble());
        boolean ok = canonical ? (bits & 0x7FFF_FFFF_FFFF_FFFFL) == 0x7FF8_0000_0000_0000L
                        : Double.isNaN(actual.asDouble()) && (bits & 0x0008_0000_0000_0000L) != 0;
        return ok ? null : "expected " + (canonical ? "canonical" : "arithmetic") + " f64 NaN, got " + f64(actual);
    }

    private static String f32(Value v) {
        return v.fitsInFloat() ? "bits 0x" + Integer.toHexString(Float.floatToRawIntBits(v.asFloat())) + " (" + v.asFloat() + ")" : v.toString();
    }

    private static String f64(Value v) {
        return v.fitsInDouble() ? "bits 0x" + Long.toHexString(Double.doubleToRawLongBits(v.asDouble())) + " (" + v.asDouble() + ")" : v.toString();
    }
}
