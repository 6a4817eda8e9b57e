package dev.twasm.debug;

import dev.twasm.binary.BinaryDecoder;
import dev.twasm.binary.BinaryOutput;
import dev.twasm.model.Module;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hand-made line number programs (DWARF 5 §6.2) in a module of one empty function whose code
 * section's contents start at module offset 20: the state machine's opcodes, and headers that
 * lie about their sizes.
 */
class LineProgramTest {
    private static final int CODE = 20;

    /** {@code (module (func))} with a {@code .debug_line} section of these contents. */
    private static Module moduleWithLines(byte[] debugLine) {
        BinaryOutput out = new BinaryOutput();
        out.writeBytes(new byte[]{0, 'a', 's', 'm', 1, 0, 0, 0});
        out.writeBytes(new byte[]{1, 4, 1, 0x60, 0, 0}); // type section: [] -> []
        out.writeBytes(new byte[]{3, 2, 1, 0}); // function section
        out.writeBytes(new byte[]{10, 4, 1, 2, 0, 0x0b}); // code section: one body, no locals, end
        out.writeByte(0).writeSized(new BinaryOutput().writeName(".debug_line").writeBytes(debugLine));
        return BinaryDecoder.decode(out.toByteArray());
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    /** A DWARF 4 line program: {@code unit_length}, then version 4 and the rest. */
    private static byte[] version4(byte[] headerAfterLength, byte[] program) {
        BinaryOutput unit = new BinaryOutput();
        unit.writeBytes(bytes(4, 0));
        int headerLength = headerAfterLength.length;
        unit.writeBytes(bytes(headerLength, 0, 0, 0)).writeBytes(headerAfterLength).writeBytes(program);
        byte[] body = unit.toByteArray();
        return new BinaryOutput().writeBytes(bytes(body.length, 0, 0, 0)).writeBytes(body).toByteArray();
    }

    private static final byte[] HEADER = new BinaryOutput()
                    // min_inst_length 1, max_ops 1, default_is_stmt 1, line_base -5, line_range 14, opcode_base 13
                    .writeBytes(bytes(1, 1, 1, 0xfb, 14, 13))
                    .writeBytes(bytes(0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1))
                    .writeBytes(bytes('s', 'r', 'c', 0, 0)) // include_directories: "src"
                    .writeBytes(bytes('a', '.', 'c', 0, 1, 0, 0, 'b', '.', 'c', 0, 0, 0, 0, 0)) // files 1 "a.c" in dir 1, 2 "b.c"
                    .toByteArray();

    @Test
    void stateMachine() {
        byte[] program = bytes(
                        0, 5, 2, 2, 0, 0, 0, // DW_LNE_set_address 2 (the function body's locals)
                        1, // DW_LNS_copy: row (2, a.c:1:0)
                        5, 7, // DW_LNS_set_column 7
                        3, 4, // DW_LNS_advance_line +4
                        32, // special opcode: address +1, line +0 -> row (3, a.c:5:7)
                        4, 2, // DW_LNS_set_file 2
                        2, 1, // DW_LNS_advance_pc 1
                        3, 0x7e, // DW_LNS_advance_line -2
                        1, // row (4, b.c:3:7)
                        9, 1, 0, // DW_LNS_fixed_advance_pc 1
                        0, 1, 1); // DW_LNE_end_sequence at 5
        DebugInfo info = DebugInfo.of(moduleWithLines(version4(HEADER, program)));
        assertTrue(info.hasLines());
        SourceFile a = new SourceFile("src/a.c");
        SourceFile b = new SourceFile("b.c");
        assertEquals(List.of(a, b), info.files());
        assertNull(info.lineAt(CODE + 1));
        assertEquals(new SourceLine(a, 1, 0), info.lineAt(CODE + 2));
        assertEquals(new SourceLine(a, 5, 7), info.lineAt(CODE + 3));
        assertEquals(new SourceLine(b, 3, 7), info.lineAt(CODE + 4));
        assertNull(info.lineAt(CODE + 5));
    }

    @Test
    void sequenceAtTheDroppedCodeTombstone() {
        // wasm-ld points the lines of dropped functions at 0 or -2: no rows
        byte[] program = bytes(0, 5, 2, 0xfe, 0xff, 0xff, 0xff, 1, 2, 4, 0, 1, 1, 0, 5, 2, 0, 0, 0, 0, 1, 2, 4, 0, 1, 1);
        DebugInfo info = DebugInfo.of(moduleWithLines(version4(HEADER, program)));
        assertFalse(info.hasLines());
        assertNull(info.lineAt(CODE + 1));
    }

    @Test
    void decreasingAddressesDropTheSequence() {
        byte[] program = bytes(0, 5, 2, 3, 0, 0, 0, 1, 0, 5, 2, 2, 0, 0, 0, 1, 0, 1, 1);
        assertFalse(DebugInfo.of(moduleWithLines(version4(HEADER, program))).hasLines());
    }

    @Test
    void entryCountsPastTheHeaderEnd() {
        // DWARF 5: address_size 4, seg_sel 0, header_length, ..., directory_entry_format_count 0,
        // then a directories_count of 2^63: must neither loop nor allocate, only give no lines
        BinaryOutput unit = new BinaryOutput().writeBytes(bytes(5, 0, 4, 0, 40, 0, 0, 0, 1, 1, 1, 0xfb, 14, 13))
                        .writeBytes(bytes(0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1))
                        .writeBytes(bytes(0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f));
        byte[] body = unit.toByteArray();
        byte[] section = new BinaryOutput().writeBytes(bytes(body.length, 0, 0, 0)).writeBytes(body).toByteArray();
        DebugInfo info = DebugInfo.of(moduleWithLines(section));
        assertFalse(info.hasLines());
        assertTrue(info.files().isEmpty());
    }

    @Test
    void unitLengthPastTheSection() {
        byte[] section = version4(HEADER, bytes(0, 5, 2, 2, 0, 0, 0, 1, 0, 1, 1));
        section[0] = (byte) 0xf0;
        assertFalse(DebugInfo.of(moduleWithLines(section)).hasLines());
        // 64-bit DWARF's escape with a length past the section
        assertFalse(DebugInfo.of(moduleWithLines(bytes(0xff, 0xff, 0xff, 0xff, 1, 0, 0, 0, 0, 0, 0, 0x80))).hasLines());
    }
}
