package dev.twasm.builder;

import dev.twasm.binary.CodeReader;
import dev.twasm.model.Expr;
import dev.twasm.model.Module;
import dev.twasm.model.Opcode;
import dev.twasm.text.WatParser;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The cost rule of {@code wasm.Fuel}: one unit per instruction, in the region of its innermost loop or the function. */
class FuelCostsTest {
    private static Expr body(String wat) {
        Module module = WatParser.parseModule(wat);
        return module.definedFunction(module.importedFunctionCount()).body();
    }

    /** The module offsets of the body's loop instructions, in order. */
    private static List<Integer> loops(Expr body) {
        List<Integer> offsets = new ArrayList<>();
        CodeReader reader = new CodeReader(body);
        while (reader.hasNext()) {
            if (reader.next() == Opcode.LOOP) {
                offsets.add(reader.instructionOffset());
            }
        }
        return offsets;
    }

    @Test
    void aFunctionWithoutLoopsCostsItsInstructions() {
        // i32.const, i32.const, i32.add, end
        assertEquals(4, FuelCosts.of(body("(module (func (result i32) (i32.add (i32.const 1) (i32.const 2))))")).entry());
        // only the final end
        assertEquals(1, FuelCosts.of(body("(module (func))")).entry());
    }

    @Test
    void aLoopsInstructionsAreChargedPerIteration() {
        Expr body = body("(module (func (loop $l (br $l))))");
        FuelCosts costs = FuelCosts.of(body);
        assertEquals(3, costs.entry()); // loop, its end, the function's end
        assertEquals(1, costs.loop(loops(body).get(0))); // br
    }

    @Test
    void nestedLoopsAndBlocksEachBelongToTheirInnermostLoop() {
        Expr body = body("""
                        (module (func (param $n i32) (local $j i32)
                          (block
                            (loop $outer
                              (local.set $j (i32.const 3))
                              (loop $inner
                                (local.set $j (i32.sub (local.get $j) (i32.const 1)))
                                (br_if $inner (local.get $j)))
                              (if (local.get $n) (then (nop)) (else (nop)))
                              (br_if $outer (local.get $n))))
                          (loop (nop))
                          (unreachable)
                          (drop (i32.const 0))))
                        """);
        FuelCosts costs = FuelCosts.of(body);
        List<Integer> loops = loops(body);
        // block, loop, end (outer), end (block), loop, end, unreachable, i32.const, drop, end (function)
        assertEquals(10, costs.entry());
        // i32.const, local.set, loop, end (inner), local.get, if, nop, else, nop, end (if), local.get, br_if
        assertEquals(12, costs.loop(loops.get(0)));
        assertEquals(6, costs.loop(loops.get(1)));
        assertEquals(1, costs.loop(loops.get(2)));
        assertThrows(IllegalArgumentException.class, () -> costs.loop(loops.get(0) + 1));
    }
}
