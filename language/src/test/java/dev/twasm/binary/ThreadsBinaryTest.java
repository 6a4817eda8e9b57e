package dev.twasm.binary;

import static dev.twasm.binary.ModuleDescription.assertSameModule;
import static dev.twasm.binary.TestBytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.twasm.exception.MalformedModuleException;
import dev.twasm.model.AddressType;
import dev.twasm.model.Features;
import dev.twasm.model.ImportDesc;
import dev.twasm.model.Limits;
import dev.twasm.model.MemoryType;
import dev.twasm.model.Module;
import dev.twasm.model.Opcode;
import dev.twasm.text.WatParser;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

/**
 * The binary format of the threads proposal: the {@code shared} flag (bit 1) of a memory type's
 * limits, under Wasm 3.0's flags byte and Wasm 2.0's 1-bit flag ({@link Features#threads()}), never
 * for tables; the {@code 0xFE}-prefixed atomic instructions with their memarg, and
 * {@code atomic.fence}'s reserved zero byte; encoded back by {@link ModuleEncoder}.
 */
class ThreadsBinaryTest {
    private static final String HEADER = "0061736d 01000000";

    /** A module with one memory whose limits are {@code limits} (hex: flags, then sizes). */
    private static byte[] memory(String limits) {
        byte[] entry = hex("01 " + limits);
        return TestBytes.module(TestBytes.section(5, entry));
    }

    /** A module with one funcref table whose limits are {@code limits}. */
    private static byte[] table(String limits) {
        byte[] entry = hex("01 70 " + limits);
        return TestBytes.module(TestBytes.section(4, entry));
    }

    private static MemoryType memoryType(byte[] module, Features features) {
        return BinaryDecoder.decode(module, features).memories().get(0);
    }

    private static String malformed(byte[] module, Features features) {
        return assertThrows(MalformedModuleException.class, () -> BinaryDecoder.decode(module, features)).reason();
    }

    @Test
    void theSharedFlagOfMemoryLimitsDecodes() {
        for (Features features : new Features[] {Features.WASM_3_0, Features.WASM_2_0_THREADS}) {
            assertEquals(new MemoryType(AddressType.I32, new Limits(1, 2), true), memoryType(memory("03 01 02"), features));
            // without a maximum it decodes; validation rejects it
            assertEquals(new MemoryType(AddressType.I32, new Limits(1, Limits.NO_MAX), true), memoryType(memory("02 01"), features));
            assertEquals(new MemoryType(AddressType.I32, new Limits(1, 2), false), memoryType(memory("01 01 02"), features));
        }
        // memory64's address type bit together with the shared bit
        assertEquals(new MemoryType(AddressType.I64, new Limits(1, 2, true), true), memoryType(memory("07 01 02"), Features.WASM_3_0));
        assertEquals(new MemoryType(AddressType.I64, new Limits(1, Limits.NO_MAX, false), true), memoryType(memory("06 01"), Features.WASM_3_0));
    }

    /** A limits encoding that does not decode: of a memory or a table, under some rules, with the expected error. */
    private record MalformedLimits(boolean isMemory, String limits, Features features, String reason) {
    }

    @Test
    void malformedFlagsKeepTheirErrorsAndTablesAreNeverShared() {
        MalformedLimits[] cases = {
            // Wasm 2.0's rules read the flag as a 1-bit number: 2 is too large (2.0's binary.wast)
            new MalformedLimits(true, "02 00", Features.WASM_2_0, "integer too large"),
            // with the threads proposal a memory's flag is a 2-bit number
            new MalformedLimits(true, "04 00", Features.WASM_2_0_THREADS, "integer too large"),
            new MalformedLimits(true, "81 00 00", Features.WASM_2_0_THREADS, "integer representation too long"),
            new MalformedLimits(true, "08 00", Features.WASM_3_0, "malformed limits flags"),
            new MalformedLimits(true, "13 00 00", Features.WASM_3_0, "malformed limits flags"),
            // a table's flags never have the shared bit
            new MalformedLimits(false, "02 00", Features.WASM_2_0_THREADS, "integer too large"),
            new MalformedLimits(false, "03 00 01", Features.WASM_2_0_THREADS, "integer too large"),
            new MalformedLimits(false, "03 00 01", Features.WASM_3_0, "malformed limits flags"),
            new MalformedLimits(false, "02 00", Features.WASM_3_0, "malformed limits flags"),
        };
        for (MalformedLimits c : cases) {
            byte[] module = c.isMemory() ? memory(c.limits()) : table(c.limits());
            assertEquals(c.reason(), malformed(module, c.features()), c.toString());
        }
        assertEquals(new Limits(0, 1), BinaryDecoder.decode(table("01 00 01"), Features.WASM_3_0).tables().get(0).limits());
    }

    @Test
    void sharedMemoriesAndImportsRoundTrip() {
        Module module = WatParser.parseModule("""
                        (module (import "m" "n" (memory 1 2 shared))
                                (memory (export "a") 0 1 shared))
                        """, Features.WASM_3_0);
        byte[] binary = ModuleEncoder.encode(module);
        // the import's limits: flags 0x03, min 1, max 2; the memory section's: 0x03, 0, 1
        assertTrue(containsSequence(binary, hex("01 6d 01 6e 02 03 01 02")));
        assertTrue(containsSequence(binary, hex("05 04 01 03 00 01")));
        for (Features features : new Features[] {Features.WASM_3_0, Features.WASM_2_0_THREADS}) {
            Module decoded = BinaryDecoder.decode(binary, features);
            assertSameModule(module, decoded);
            assertEquals(new ImportDesc.Memory(new MemoryType(AddressType.I32, new Limits(1, 2), true)), decoded.imports().get(0).desc());
            assertEquals(new MemoryType(AddressType.I32, new Limits(0, 1), true), decoded.memories().get(0));
        }
        // an unshared memory keeps 2.0's encoding
        byte[] plain = ModuleEncoder.encode(WatParser.parseModule("(module (memory 1 2))"));
        assertTrue(containsSequence(plain, hex("05 04 01 01 01 02")));
        assertTrue(containsSequence(ModuleEncoder.encode(WatParser.parseModule("(module (memory i64 1 2 shared))", Features.WASM_3_0)),
                        hex("05 04 01 07 01 02")));
    }

    /** Every atomic instruction: 0xFE, its u32 subopcode and a memarg of the natural alignment, through text, encoder and decoder. */
    @Test
    void everyAtomicInstructionRoundTrips() {
        int count = 0;
        for (Opcode op : Opcode.values()) {
            if (!op.isAtomic()) {
                continue;
            }
            count++;
            String instruction = op == Opcode.ATOMIC_FENCE ? op.mnemonic() : op.mnemonic() + " offset=24";
            Module module = WatParser.parseModule("(module (memory 1 1 shared) (func " + instruction + "))");
            byte[] body = module.definedFunction(0).body().code();
            byte[] expected = op == Opcode.ATOMIC_FENCE ? hex("fe 03 00 0b")
                            : new BinaryOutput().writeByte(0xFE).writeU32(op.subopcode()).writeU32(op.naturalAlignmentLog2()).writeU32(24).writeByte(0x0B)
                                            .toByteArray();
            assertArrayEquals(expected, body, op.mnemonic());
            for (Features features : new Features[] {Features.WASM_2_0_THREADS, Features.WASM_3_0}) {
                Module decoded = BinaryDecoder.decode(ModuleEncoder.encode(module), features);
                CodeReader reader = new CodeReader(decoded.definedFunction(0).body());
                assertEquals(op, reader.next(), op.mnemonic());
                if (op != Opcode.ATOMIC_FENCE) {
                    assertEquals(op.naturalAlignmentLog2(), reader.alignLog2(), op.mnemonic());
                    assertEquals(24, reader.memoryOffset(), op.mnemonic());
                    assertEquals(0, reader.index(), op.mnemonic());
                }
                assertEquals(Opcode.END, reader.next(), op.mnemonic());
            }
        }
        // the threads proposal's 67 instructions (4 of wait, notify and fence, 63 accesses)
        assertEquals(67, count);
    }

    @Test
    void malformedAtomicEncodings() {
        String types = "01 04 01 60 00 00";
        String funcs = "03 02 01 00";
        String memory = "05 04 01 03 01 01";
        // body: no locals, the instruction, end
        Function<String, byte[]> code = instr -> {
            byte[] bytes = hex("00 " + instr + " 0b");
            return hex(HEADER + types + funcs + memory + String.format("0a %02x 01 %02x ", bytes.length + 2, bytes.length)
                            + HexFormat.of().formatHex(bytes));
        };
        BinaryDecoder.decode(code.apply("fe 03 00"), Features.WASM_2_0_THREADS);
        assertEquals("zero byte expected", malformed(code.apply("fe 03 01"), Features.WASM_3_0));
        assertEquals("illegal opcode fe 04", malformed(code.apply("fe 04"), Features.WASM_3_0));
        assertEquals("illegal opcode fe 4f", malformed(code.apply("fe 4f 02 00"), Features.WASM_3_0));
        // a u32 subopcode may be padded, as for the other prefixes
        assertEquals(Opcode.I32_ATOMIC_LOAD, new CodeReader(BinaryDecoder.decode(code.apply("fe 90 00 02 00"), Features.WASM_3_0).definedFunction(0)
                        .body()).next());
        // alignment flags beyond 2.0's are malformed before validation sees them
        assertEquals("malformed memop flags", malformed(code.apply("fe 10 20 00"), Features.WASM_2_0_THREADS));
    }

    private static boolean containsSequence(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }
}
