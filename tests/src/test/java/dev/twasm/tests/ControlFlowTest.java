package dev.twasm.tests;

import dev.twasm.tests.spec.EngineConfiguration;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Branch shapes whose compiled form differs from the interpreted one: branches that leave a loop
 * (to its end or to a label further out), go round it again or leave the function become
 * exceptions in compiled code (CompiledExits), and a {@code br_if} that ends a loop body leaves
 * the loop when not taken. Each function is run in every engine
 * configuration, the compiled one compiling it on its first call, and checked against the same
 * computation in Java.
 */
class ControlFlowTest {
    private static final String MODULE = """
                    (module
                      ;; while (i < n && x + i <= limit) i++: the second exit is a br_if to a block
                      ;; at the tail of the loop body, the back edge a br_if inside that block.
                      (func (export "twoExits") (param $n i32) (param $x i32) (param $limit i32) (result i32)
                        (local $i i32)
                        (loop $again
                          (block $stop
                            (br_if $stop (i32.ge_s (local.get $i) (local.get $n)))
                            (br_if $stop (i32.gt_s (i32.add (local.get $x) (local.get $i)) (local.get $limit)))
                            (local.set $i (i32.add (local.get $i) (i32.const 1)))
                            (br_if $again (i32.const 1))))
                        (local.get $i))

                      ;; block { loop { br_if exit; ...; br loop } }, then code after the block.
                      (func (export "whileLoop") (param $n i32) (result i32)
                        (local $sum i32)
                        (block $exit
                          (loop $top
                            (br_if $exit (i32.eqz (local.get $n)))
                            (local.set $sum (i32.add (local.get $sum) (local.get $n)))
                            (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                            (br $top)))
                        (i32.add (local.get $sum) (i32.const 1000)))

                      ;; return from inside two loops, and a branch from the inner loop to the outer
                      ;; loop's tail block, which must leave both loops, not only the inner one.
                      (func (export "nested") (param $n i32) (result i32)
                        (local $i i32) (local $j i32) (local $count i32)
                        (loop $outer
                          (block $outerTail
                            (local.set $j (i32.const 0))
                            (loop $inner
                              (if (i32.eq (local.get $count) (i32.const 50))
                                (then (return (i32.const -1))))
                              (br_if $outerTail (i32.eq (i32.mul (local.get $i) (local.get $j)) (i32.const 12)))
                              (local.set $count (i32.add (local.get $count) (i32.const 1)))
                              (local.set $j (i32.add (local.get $j) (i32.const 1)))
                              (br_if $inner (i32.lt_s (local.get $j) (local.get $n))))
                            (local.set $i (i32.add (local.get $i) (i32.const 1)))
                            (br_if $outer (i32.lt_s (local.get $i) (local.get $n)))))
                        (i32.add (i32.mul (local.get $i) (i32.const 1000)) (local.get $count)))

                      ;; The first mismatch breaks out of the loop, with a value, to a block that skips
                      ;; what the loop's normal end runs (LOOP_BREAK, in a loop closed by br_if).
                      (func (export "firstMatch") (param $n i32) (param $max i32) (result i32)
                        (local $l i32)
                        (i32.add
                          (block $found (result i32)
                            (loop $next
                              (drop (br_if $found (i32.mul (local.get $l) (i32.const 10)) (i32.eq (local.get $l) (local.get $n))))
                              (local.set $l (i32.add (local.get $l) (i32.const 1)))
                              (br_if $next (i32.lt_s (local.get $l) (local.get $max))))
                            (i32.const -1))
                          (i32.const 7)))

                      ;; br_table whose cases leave the loop through tail blocks or go round again.
                      (func (export "table") (param $n i32) (result i32)
                        (local $steps i32)
                        (loop $top
                          (block $tail
                            (local.set $steps (i32.add (local.get $steps) (i32.const 1)))
                            (local.set $n (i32.sub (local.get $n) (i32.const 1)))
                            (br_table $top $top $tail (i32.and (local.get $n) (i32.const 3)))))
                        (i32.add (i32.mul (local.get $steps) (i32.const 100)) (local.get $n)))

                      ;; A switch in a loop whose cases go round again with a value for the loop's parameter,
                      ;; and an inner loop that continues the outer loop, which the inner loop must not
                      ;; take for its own next iteration.
                      (func (export "switchLoop") (param $n i32) (result i32)
                        (local $acc i32) (local $k i32) (local $j i32)
                        (i32.const 0)
                        (loop $top (param i32)
                          (local.set $k)
                          (if (i32.ge_s (local.get $k) (local.get $n)) (then (return (local.get $acc))))
                          (block $c2
                            (block $c1
                              (block $c0
                                (br_table $c0 $c1 $c2 (i32.rem_u (local.get $k) (i32.const 3))))
                              (local.set $acc (i32.add (local.get $acc) (local.get $k)))
                              (br $top (i32.add (local.get $k) (i32.const 1))))
                            (local.set $acc (i32.mul (local.get $acc) (i32.const 3)))
                            (br $top (i32.add (local.get $k) (i32.const 2))))
                          (local.set $j (i32.const 0))
                          (loop $inner
                            (local.set $acc (i32.xor (local.get $acc) (i32.shl (local.get $j) (local.get $k))))
                            (local.set $j (i32.add (local.get $j) (i32.const 1)))
                            (drop (br_if $top (i32.add (local.get $k) (i32.const 1)) (i32.eq (local.get $j) (i32.const 4))))
                            (br $inner)))
                        (local.get $acc))

                      ;; br_if with two values below which the stack holds another value: the values
                      ;; move down one slot, so moving them twice would overwrite the first.
                      (func (export "brIfValues") (param $c i32) (result i32)
                        (local $a i32) (local $b i32)
                        (block (result i32 i32)
                          (i32.const 5)
                          (i32.const 1)
                          (i32.const 2)
                          (br_if 0 (local.get $c))
                          (drop) (drop) (drop)
                          (i32.const 7) (i32.const 8))
                        (local.set $b)
                        (local.set $a)
                        (i32.add (i32.mul (local.get $a) (i32.const 10)) (local.get $b))))
                    """;

    @ParameterizedTest
    @EnumSource(EngineConfiguration.class)
    void branchesLeaveLoopsAndFunctions(EngineConfiguration configuration) throws Exception {
        try (Engine engine = configuration.createEngine(); Context context = Context.newBuilder("wasm").engine(engine).build()) {
            Value exports = context.eval(Source.newBuilder("wasm", MODULE, "control.wat").build()).newInstance().getMember("exports");
            for (int round = 0; round < 3; round++) {
                for (int n = 0; n < 12; n++) {
                    assertEquals(twoExits(n, n % 4, 9), exports.getMember("twoExits").execute(n, n % 4, 9).asInt(), "twoExits " + n);
                    assertEquals(n * (n + 1) / 2 + 1000, exports.getMember("whileLoop").execute(n).asInt(), "whileLoop " + n);
                    assertEquals(nested(n), exports.getMember("nested").execute(n).asInt(), "nested " + n);
                    assertEquals(table(n), exports.getMember("table").execute(n).asInt(), "table " + n);
                    assertEquals(firstMatch(n, 6), exports.getMember("firstMatch").execute(n, 6).asInt(), "firstMatch " + n);
                    assertEquals(switchLoop(n), exports.getMember("switchLoop").execute(n).asInt(), "switchLoop " + n);
                }
                assertEquals(12, exports.getMember("brIfValues").execute(1).asInt());
                assertEquals(78, exports.getMember("brIfValues").execute(0).asInt());
            }
        }
    }

    private static int firstMatch(int n, int max) {
        int l = 0;
        while (true) {
            if (l == n) {
                return l * 10 + 7;
            }
            l++;
            if (l >= max) {
                return -1 + 7;
            }
        }
    }

    private static int twoExits(int n, int x, int limit) {
        int i = 0;
        while (i < n && x + i <= limit) {
            i++;
        }
        return i;
    }

    private static int nested(int n) {
        int i = 0;
        int count = 0;
        outer:
        do {
            int j = 0;
            do {
                if (count == 50) {
                    return -1;
                }
                if (i * j == 12) {
                    break outer;
                }
                count++;
                j++;
            } while (j < n);
            i++;
        } while (i < n);
        return i * 1000 + count;
    }

    private static int switchLoop(int n) {
        int acc = 0;
        int k = 0;
        while (k < n) {
            switch (Integer.remainderUnsigned(k, 3)) {
                case 0 -> {
                    acc += k;
                    k += 1;
                }
                case 1 -> {
                    acc *= 3;
                    k += 2;
                }
                default -> {
                    int j = 0;
                    do {
                        acc ^= j << k;
                        j++;
                    } while (j != 4);
                    k += 1;
                }
            }
        }
        return acc;
    }

    private static int table(int n) {
        int steps = 0;
        while (true) {
            steps++;
            n--;
            int k = n & 3;
            if (k >= 2) {
                break;
            }
        }
        return steps * 100 + n;
    }
}
