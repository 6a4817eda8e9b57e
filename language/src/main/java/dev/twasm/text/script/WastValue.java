package dev.twasm.text.script;

/** A constant argument or result in a script: {@code (i32.const 1)}, {@code (ref.extern 2)}, ... */
public sealed interface WastValue {
    record I32(int value) implements WastValue {
    }

    record I64(long value) implements WastValue {
    }

    /** An f32 by its exact bit pattern (NaN payloads matter). */
    record F32(int bits) implements WastValue {
    }

    /** An f64 by its exact bit pattern (NaN payloads matter). */
    record F64(long bits) implements WastValue {
    }

    /**
     * {@code (v128.const shape lane*)}: the 128 bits as two little-endian halves, {@code lo} the
     * bytes 0-7 (lanes 0.. of every {@link VectorShape}) and {@code hi} the bytes 8-15.
     */
    record V128(long lo, long hi) implements WastValue {
        @Override
        public String toString() {
            return "V128[" + VectorShape.I32X4.vectorText(lo, hi) + "]";
        }
    }

    /**
     * {@code (ref.null func)} / {@code (ref.null extern)}; heapType is the token after ref.null
     * (a keyword, or in Wasm 3.0 scripts a {@code $type} or type index), or null for a bare
     * {@code (ref.null)} result pattern of Wasm 3.0 scripts, which any null reference matches.
     */
    record RefNull(String heapType) implements WastValue {
    }

    /** {@code (ref.extern N)}: the host reference numbered N. */
    record RefExtern(long id) implements WastValue {
    }

    /** {@code (ref.host N)} (Wasm 3.0 scripts). */
    record RefHost(long id) implements WastValue {
    }
}
