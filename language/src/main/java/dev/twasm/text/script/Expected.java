package dev.twasm.text.script;

import dev.twasm.model.ValType;

import java.util.List;

/** An expected result in {@code assert_return}. */
public sealed interface Expected {
    /** Exactly this value (floats compared bit for bit, references by identity). */
    record Exact(WastValue value) implements Expected {
    }

    /** {@code nan:canonical}: a NaN whose payload is the canonical one, either sign. */
    record CanonicalNan(ValType type) implements Expected {
    }

    /** {@code nan:arithmetic}: a NaN whose payload has the most significant bit set. */
    record ArithmeticNan(ValType type) implements Expected {
    }

    /**
     * {@code (ref.func)}, {@code (ref.extern)} and the like without an operand: any non-null
     * reference of that kind ({@code "func"}, {@code "extern"}, ...).
     */
    record AnyRef(String kind) implements Expected {
    }

    /**
     * {@code (v128.const shape lanepat*)}: a vector whose lanes, split by {@code shape}, match
     * {@code lanes} one by one; float lanes may be NaN patterns (spec script format:
     * {@code result ::= (v128.const shape numpat*)}).
     */
    record V128Pattern(VectorShape shape, List<LanePattern> lanes) implements Expected {
        public V128Pattern {
            lanes = List.copyOf(lanes);
            if (lanes.size() != shape.laneCount()) {
                throw new IllegalArgumentException(shape.text() + " has " + shape.laneCount() + " lanes, not " + lanes.size());
            }
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("(v128.const ").append(shape.text());
            for (LanePattern lane : lanes) {
                sb.append(' ').append(lane.text(shape));
            }
            return sb.append(')').toString();
        }
    }

    /** What one lane of a {@link V128Pattern} must be. */
    sealed interface LanePattern {
        /** The pattern as the script writes it, for messages. */
        String text(VectorShape shape);

        /** Exactly these lane bits (zero-extended to 64 bits; floats bit for bit). */
        record Bits(long bits) implements LanePattern {
            @Override
            public String text(VectorShape shape) {
                return shape.laneText(bits);
            }
        }

        /** {@code nan:canonical} (when {@code canonical}) or {@code nan:arithmetic} in a float lane. */
        record Nan(boolean canonical) implements LanePattern {
            @Override
            public String text(VectorShape shape) {
                return canonical ? "nan:canonical" : "nan:arithmetic";
            }
        }
    }

    /** {@code (either r1 r2 ...)}: any of the alternatives (Wasm 3.0 scripts). */
    record Either(List<Expected> alternatives) implements Expected {
    }
}
