package dev.twasm.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.twasm.exception.MalformedModuleException;
import dev.twasm.model.AddressType;
import dev.twasm.model.DataSegment;
import dev.twasm.model.ElemSegment;
import dev.twasm.model.Export;
import dev.twasm.model.ExternKind;
import dev.twasm.model.Features;
import dev.twasm.model.ImportDesc;
import dev.twasm.model.Limits;
import dev.twasm.model.MemoryType;
import dev.twasm.model.Module;
import dev.twasm.model.SegmentMode;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

/**
 * The text format of the threads proposal: {@code shared} after a memory's limits (definitions,
 * imports, inline imports and exports), the atomic instructions with their memarg and
 * {@code atomic.fence} without immediates, and Wasm 1.0's {@code (elem x offset ...)} and
 * {@code (data x offset ...)} that the proposal's scripts still write.
 */
class ThreadsTextTest {
    private static final MemoryType SHARED_1_2 = new MemoryType(AddressType.I32, new Limits(1, 2), true);

    private static byte[] body(String instructions) {
        return WatParser.parseModule("(module (memory 1 1 shared) (func " + instructions + "))").definedFunction(0).body().code();
    }

    @Test
    void sharedFollowsTheLimitsOfAMemory() {
        assertEquals(SHARED_1_2, WatParser.parseModule("(module (memory 1 2 shared))").memories().get(0));
        assertEquals(new MemoryType(AddressType.I32, new Limits(1, 2), false), WatParser.parseModule("(module (memory 1 2))").memories().get(0));
        // without a maximum it parses; validation says "shared memory must have maximum"
        assertEquals(new MemoryType(AddressType.I32, new Limits(1, Limits.NO_MAX), true),
                        WatParser.parseModule("(module (memory 1 shared))").memories().get(0));
        Module exported = WatParser.parseModule("(module (memory $a (export \"a\") 0 1 shared))");
        assertEquals(new MemoryType(AddressType.I32, new Limits(0, 1), true), exported.memories().get(0));
        assertEquals(new Export("a", ExternKind.MEMORY, 0), exported.exports().get(0));
        assertEquals(new MemoryType(AddressType.I64, new Limits(1, 2, true), true),
                        WatParser.parseModule("(module (memory i64 1 2 shared))", Features.WASM_3_0).memories().get(0));
    }

    @Test
    void importedMemoriesMayBeShared() {
        for (String text : new String[] {"(module (import \"m\" \"n\" (memory 1 2 shared)))", "(module (memory (import \"m\" \"n\") 1 2 shared))"}) {
            assertEquals(new ImportDesc.Memory(SHARED_1_2), WatParser.parseModule(text).imports().get(0).desc(), text);
        }
        assertEquals(new ImportDesc.Memory(new MemoryType(new Limits(1, 2))),
                        WatParser.parseModule("(module (import \"m\" \"n\" (memory 1 2)))").imports().get(0).desc());
    }

    @Test
    void sharedOnlyAfterTheLimits() {
        for (String text : new String[] {"(module (memory shared 1 2))", "(module (memory 1 2 shared shared))", "(module (table 1 2 shared funcref))",
                        "(module (table 1 2 funcref shared))"}) {
            assertThrows(MalformedModuleException.class, () -> WatParser.parseModule(text), text);
        }
    }

    @Test
    void atomicInstructionsTakeAMemargWithTheNaturalAlignment() {
        // i64.atomic.rmw32.cmpxchg_u is 0xFE 0x4E; natural alignment 4 (2^2)
        assertArrayEquals(HexFormat.of().parseHex("fe4e02100b"), body("i64.atomic.rmw32.cmpxchg_u offset=16"));
        assertArrayEquals(HexFormat.of().parseHex("fe4e02000b"), body("i64.atomic.rmw32.cmpxchg_u align=4"));
        // a smaller alignment is written as given; validation calls it "atomic alignment must be natural"
        assertArrayEquals(HexFormat.of().parseHex("fe1101000b"), body("i64.atomic.load align=2"));
        // memory.atomic.wait64 is 0xFE 0x02 with alignment 8, folded with its operands
        assertArrayEquals(HexFormat.of().parseHex("41004200427ffe0203080b"),
                        body("(memory.atomic.wait64 offset=8 (i32.const 0) (i64.const 0) (i64.const -1))"));
        assertThrows(MalformedModuleException.class, () -> body("i32.atomic.load align=3"));
    }

    @Test
    void atomicFenceHasNoTextImmediate() {
        assertArrayEquals(HexFormat.of().parseHex("fe03000b"), body("atomic.fence"));
        assertArrayEquals(HexFormat.of().parseHex("fe0300fe03000b"), body("(atomic.fence) (atomic.fence)"));
        assertThrows(MalformedModuleException.class, () -> body("atomic.fence 0"));
    }

    @Test
    void wasm10SegmentsNameTheirTableOrMemoryByABareIndex() {
        Module module = WatParser.parseModule("""
                        (module (table 2 funcref) (memory 1)
                          (elem 0 (i32.const 1) $f)
                          (data 0 (i32.const 10) "\\10")
                          (func $f))
                        """);
        ElemSegment elem = module.elems().get(0);
        assertEquals(SegmentMode.ACTIVE, elem.mode());
        assertEquals(0, elem.tableIndex());
        assertEquals(1, elem.items().length);
        DataSegment data = module.datas().get(0);
        assertEquals(SegmentMode.ACTIVE, data.mode());
        assertEquals(0, data.memoryIndex());
        assertArrayEquals(new byte[] {0x10}, data.bytes());
        assertArrayEquals(HexFormat.of().parseHex("410a0b"), data.offset().code());
        // since 2.0 an identifier there names the segment, and passive segments stay passive
        Module named = WatParser.parseModule("(module (memory 1) (data $d (i32.const 0) \"a\") (data $p \"b\"))");
        assertEquals(SegmentMode.ACTIVE, named.datas().get(0).mode());
        assertEquals(SegmentMode.PASSIVE, named.datas().get(1).mode());
        assertEquals(0, named.datas().get(1).memoryIndex());
        // with multi-memory the bare index selects the memory
        assertEquals(1, WatParser.parseModule("(module (memory 1) (memory 1) (data 1 (i32.const 0) \"a\"))", Features.WASM_3_0).datas().get(0)
                        .memoryIndex());
    }
}
