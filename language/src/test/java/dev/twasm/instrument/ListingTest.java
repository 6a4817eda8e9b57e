package dev.twasm.instrument;

import dev.twasm.binary.BinaryDecoder;
import dev.twasm.binary.ModuleEncoder;
import dev.twasm.model.Module;
import dev.twasm.text.WatParser;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The disassembly listing: one line per instruction with its module offset (binary modules: the
 * offset in the module's bytes), immediates of each kind, nesting, function headers, and the
 * lines that statements and functions map to.
 */
class ListingTest {
    static final String WAT = """
                    (module
                      (import "env" "f" (func $imported (param i32)))
                      (memory 1)
                      (table 1 funcref)
                      (type $t (func (param i32)))
                      (func $kernel (param $p i32) (result i32)
                        (block $out (result i32)
                          (br_table $out $out (i32.const 7) (local.get $p)))
                        (i64.store offset=8 (i32.const 0) (i64.const -3))
                        (call_indirect (type $t) (i32.const 1) (i32.const 0))
                        (drop (f64.const 1.5))
                        (if (local.get $p) (then (call $imported (i32.const 2))) (else nop)))
                      (func (result v128) (v128.const i32x4 1 2 3 4)))
                    """;

    @Test
    void listsEveryInstructionUnderItsFunctionWithModuleOffsets() {
        Module model = BinaryDecoder.decode(ModuleEncoder.encode(WatParser.parseModule(WAT)));
        Listing listing = Listing.of(model, "kernel.wasm");
        String text = listing.source().getCharacters().toString();
        String[] lines = text.split("\n", -1);
        assertEquals(";; twasm disassembly listing of kernel.wasm: module offset, instruction", lines[0]);
        assertEquals("", lines[1]);
        assertEquals("func 1 $kernel", lines[2]);
        int first = Integer.parseInt(lines[3].substring(0, 6), 16);
        assertEquals(model.definedFunction(1).body().moduleOffset(), first, "the first instruction's offset is its function body's");
        String[] expected = {
            "block (result i32)",
            "  i32.const 7",
            "  local.get 0",
            "  br_table 0 0",
            "end",
            "i32.const 0",
            "i64.const -3",
            "i64.store offset=8 align=8",
            "i32.const 1",
            "i32.const 0",
            "call_indirect 0 0",
            "f64.const 1.5",
            "drop",
            "local.get 0",
            "if",
            "  i32.const 2",
            "  call 0",
            "else",
            "  nop",
            "end",
        };
        for (int i = 0; i < expected.length; i++) {
            assertEquals("    " + expected[i], lines[3 + i].substring(6), "line " + (4 + i));
        }
        assertEquals("  end", lines[3 + expected.length].substring(6));
        assertEquals("", lines[4 + expected.length]);
        assertEquals("func 2 $func2", lines[5 + expected.length]);
        assertEquals("    v128.const i64x2 0x0000000200000001 0x0000000400000003", lines[6 + expected.length].substring(6));
        assertEquals("  end", lines[7 + expected.length].substring(6));
        // sections: an instruction's line (1-based), a function from its header to its end
        assertEquals(4, listing.instruction(0, first).getStartLine());
        int store = Integer.parseInt(lines[10].substring(0, 6), 16);
        assertEquals(11, listing.instruction(0, store).getStartLine());
        assertEquals(3, listing.function(0).getStartLine());
        assertEquals(4 + expected.length, listing.function(0).getEndLine());
        assertEquals("wasm-listing:/kernel.wasm.listing", listing.source().getURI().toString());
        assertEquals("text/plain", listing.source().getMimeType());
    }
}
