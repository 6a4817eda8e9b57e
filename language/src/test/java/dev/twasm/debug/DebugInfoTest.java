package dev.twasm.debug;

import dev.twasm.binary.BinaryDecoder;
import dev.twasm.binary.BinaryInput;
import dev.twasm.binary.BinaryOutput;
import dev.twasm.model.Features;
import dev.twasm.model.Module;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Decodes the DWARF of the committed debug program {@code tests/debug-programs/hotspot.c}, built
 * with clang 16 for wasm32-wasi at -O0 and -O2 (see its build.sh), and compares with what
 * {@code llvm-dwarfdump-16 --all} shows for it: DWARF 4, code addresses counted from the start of
 * the code section's contents (module offset 0x184 at -O0, 0x17e at -O2).
 */
class DebugInfoTest {
    private static final SourceFile HOTSPOT = new SourceFile("hotspot.c");
    private static final VariableType UNSIGNED_INT = new VariableType("unsigned int", 4, VariableType.Encoding.UNSIGNED);
    private static final VariableType UNSIGNED_LONG_LONG = new VariableType("unsigned long long", 8, VariableType.Encoding.UNSIGNED);

    static byte[] programBytes(String name) {
        Path dir = Paths.get("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("mvnw"))) {
                dir = d;
                break;
            }
        }
        try {
            return Files.readAllBytes(dir.resolve("tests/debug-programs").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Module decode(byte[] bytes) {
        return BinaryDecoder.decode(bytes, Features.WASM_3_0);
    }

    private static Variable variable(Subprogram subprogram, String name) {
        return subprogram.variables().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no variable " + name));
    }

    /** One build of the program, whose code section's contents start at module offset {@code code} (wasm-objdump -h). */
    abstract class Build {
        final Module module;
        final DebugInfo info;
        private final int code;

        Build(String file, int code) {
            this.module = decode(programBytes(file));
            this.info = DebugInfo.of(module);
            this.code = code;
        }

        @Test
        void codeSectionOffset() {
            assertEquals(code, module.codeSectionOffset());
            assertTrue(info.hasLines());
        }
    }

    /** hotspot-O0.wasm: DWARF code address A is module offset 0x184 + A. */
    @Nested
    class AtO0 extends Build {
        private static final int CODE = 0x184;

        AtO0() {
            super("hotspot-O0.wasm", CODE);
        }

        @Test
        void codeAddressesCountFromTheCodeSectionContents() {
            // count_collatz_steps: DW_AT_low_pc 0x1f, its body (at its locals vector) at 0x1a3 in wasm-objdump -d
            assertEquals(0x1a3, info.subprogramAt(0x1a3).lowModuleOffset());
        }

        @Test
        void instructionOffsetsOfFunctionBodies() {
            // the offsets callers pass: Expr.moduleOffset() plus a position in Expr.code()
            dev.twasm.model.Expr body = module.definedFunction(6).body();
            assertEquals("count_collatz_steps", module.names().functionName(6));
            assertEquals(0x1b6, body.moduleOffset()); // global.get __stack_pointer, after the locals
            assertEquals(new SourceLine(HOTSPOT, 20, 0), info.lineAt(body.moduleOffset()));
            // i64.const 0 at 0x1d8: total_steps = 0 on line 21
            assertEquals(0x42, body.code()[0x1d8 - body.moduleOffset()]);
            assertEquals(new SourceLine(HOTSPOT, 21, 24), info.lineAt(0x1d8));
            assertEquals("count_collatz_steps", info.subprogramAt(body.moduleOffset()).name());
        }

        @Test
        void lineTableRows() {
            assertTrue(info.hasLines());
            assertEquals(new SourceLine(HOTSPOT, 20, 0), info.lineAt(CODE + 0x1f));
            assertEquals(new SourceLine(HOTSPOT, 21, 24), info.lineAt(CODE + 0x5e));
            assertEquals(new SourceLine(HOTSPOT, 22, 23), info.lineAt(CODE + 0x5f));
            assertEquals(new SourceLine(HOTSPOT, 23, 39), info.lineAt(CODE + 0x9b));
            assertEquals(new SourceLine(HOTSPOT, 23, 21), info.lineAt(CODE + 0xd2));
            assertEquals(new SourceLine(HOTSPOT, 25, 5), info.lineAt(CODE + 0x10d));
            // collatz_length's loop body, and main's printf
            assertEquals(new SourceLine(HOTSPOT, 14, 14), info.lineAt(CODE + 0x1f1));
            assertEquals(new SourceLine(HOTSPOT, 31, 5), info.lineAt(CODE + 0x280));
        }

        @Test
        void noRowPastTheEndOfASequenceOrOutsideCode() {
            // count_collatz_steps' sequence ends at 0x10e, collatz_length's starts at 0x110
            assertNull(info.lineAt(CODE + 0x10e));
            assertNull(info.lineAt(CODE + 0x10f));
            assertEquals(new SourceLine(HOTSPOT, 10, 0), info.lineAt(CODE + 0x110));
            assertNull(info.lineAt(0));
            assertNull(info.lineAt(CODE));
            assertNull(info.lineAt(Integer.MAX_VALUE));
            assertNull(info.lineAt(-1));
        }

        @Test
        void filesOfAllUnitsWithDotSegmentsDropped() {
            List<SourceFile> files = info.files();
            assertTrue(files.contains(HOTSPOT), files.toString());
            // wasi-libc's units (comp_dir "./build" or ".", names "././libc-top-half/...")
            assertTrue(files.contains(new SourceFile("build/libc-bottom-half/crt/crt1-command.c")), files.toString());
            assertTrue(files.contains(new SourceFile("libc-top-half/musl/src/stdio/printf.c")), files.toString());
            assertEquals(files.size(), files.stream().distinct().count());
        }

        @Test
        void hotFunctionWithFrameBaseParametersAndBlockScopedVariable() {
            Subprogram hot = info.subprogramAt(CODE + 0x9b);
            assertEquals("count_collatz_steps", hot.name());
            assertEquals(CODE + 0x1f, hot.lowModuleOffset());
            assertEquals(CODE + 0x10e, hot.highModuleOffset());
            assertEquals(HOTSPOT, hot.file());
            assertEquals(20, hot.line());
            // DW_OP_WASM_location 0x0 0x3, DW_OP_stack_value
            assertEquals(new FrameBase.WasmLocal(3), hot.frameBase());
            assertEquals(List.of("limit", "total_steps", "start"), hot.variables().stream().map(Variable::name).toList());
            assertEquals(new Variable("limit", true, new Location.FrameOffset(28), UNSIGNED_INT, CODE + 0x1f, CODE + 0x10e), hot.variables().get(0));
            assertEquals(new Variable("total_steps", false, new Location.FrameOffset(16), UNSIGNED_LONG_LONG, CODE + 0x1f, CODE + 0x10e),
                            hot.variables().get(1));
            // in the for loop's lexical block [0x5f, 0xf0)
            Variable start = hot.variables().get(2);
            assertEquals(new Variable("start", false, new Location.FrameOffset(12), UNSIGNED_INT, CODE + 0x5f, CODE + 0xf0), start);
            assertTrue(start.inScope(CODE + 0x9b));
            assertFalse(start.inScope(CODE + 0xf0));
            assertSame(start.location(), info.locationAt(start, CODE + 0x9b));
            assertFalse(info.hasLocationList(start));
        }

        @Test
        void otherSubprogramsOfTheProgram() {
            Subprogram collatz = info.subprogramAt(CODE + 0x1f1);
            assertEquals("collatz_length", collatz.name());
            assertEquals(10, collatz.line());
            assertEquals(new Variable("n", true, new Location.FrameOffset(8), UNSIGNED_LONG_LONG, CODE + 0x110, CODE + 0x219), collatz.variables().get(0));
            Subprogram main = info.subprogramAt(CODE + 0x280);
            assertEquals("main", main.name());
            assertEquals(new FrameBase.WasmLocal(2), main.frameBase());
            assertEquals(new Variable("total", false, new Location.FrameOffset(16), UNSIGNED_LONG_LONG, CODE + 0x21b, CODE + 0x2bc), main.variables().get(1));
            assertNull(info.subprogramAt(CODE + 0x10f));
            assertNull(info.subprogramAt(CODE));
        }

        @Test
        void typeChainsThroughTypedefsQualifiersAndPointers() {
            // wasi-libc's printf(const char *restrict fmt, ...) { va_list ap; ... }
            Subprogram printf = info.subprograms().stream().filter(s -> "printf".equals(s.name())).findFirst().orElseThrow();
            assertEquals(new SourceFile("libc-top-half/musl/src/stdio/printf.c"), printf.file());
            assertEquals(new VariableType("const char * restrict", 4, VariableType.Encoding.POINTER), variable(printf, "fmt").type());
            assertEquals(new VariableType("va_list", 4, VariableType.Encoding.POINTER), variable(printf, "ap").type());
            assertEquals(new VariableType("int", 4, VariableType.Encoding.SIGNED), variable(printf, "ret").type());
            assertTrue(variable(printf, "fmt").parameter());
        }

        @Test
        void locationListsOfTheOptimizedLibc() {
            // printf's ap: [0x35b, 0x368) WASM_location 0x0 0x2 + 12 (computed), [0x368, 0x388) local 1
            Subprogram printf = info.subprograms().stream().filter(s -> "printf".equals(s.name())).findFirst().orElseThrow();
            Variable ap = variable(printf, "ap");
            assertTrue(info.hasLocationList(ap));
            assertEquals(new Location.WasmLocal(1), info.locationAt(ap, CODE + 0x370));
            assertTrue(info.locationAt(ap, CODE + 0x360) instanceof Location.Unknown);
            assertEquals(new Location.Unknown("not available here"), info.locationAt(ap, CODE + 0x34d));
        }
    }

    /** hotspot.wasm (-O2): collatz_length inlined, variables in Wasm locals through location lists. */
    @Nested
    class AtO2 extends Build {
        private static final int CODE = 0x17e;

        AtO2() {
            super("hotspot.wasm", CODE);
        }

        @Test
        void hotFunctionWithInlinedCall() {
            Subprogram hot = info.subprogramAt(CODE + 0x50);
            assertEquals("count_collatz_steps", hot.name());
            assertEquals(CODE + 0x1e, hot.lowModuleOffset());
            assertEquals(CODE + 0x96, hot.highModuleOffset());
            // DW_OP_WASM_location 0x3 0x0: __stack_pointer, a global with a fixed-size index
            assertEquals(new FrameBase.WasmGlobal(0), hot.frameBase());
            assertEquals(List.of("limit", "total_steps", "start", "n", "steps"), hot.variables().stream().map(Variable::name).toList());
            Variable n = variable(hot, "n");
            // a parameter of the inlined collatz_length, named and typed through DW_AT_abstract_origin
            assertFalse(n.parameter());
            assertEquals(UNSIGNED_LONG_LONG, n.type());
            assertEquals(CODE + 0x4c, n.scopeLowModuleOffset());
            assertEquals(CODE + 0x7d, n.scopeHighModuleOffset());
            assertEquals(new SourceLine(HOTSPOT, 14, 14), info.lineAt(CODE + 0x5d));
        }

        @Test
        void locationListEntriesByInstruction() {
            Subprogram hot = info.subprogramAt(CODE + 0x50);
            Variable total = variable(hot, "total_steps");
            assertEquals(new Location.Unknown("location list"), total.location());
            assertEquals(new Location.Unknown("constant 0"), info.locationAt(total, CODE + 0x1e));
            assertEquals(new Location.WasmLocal(1), info.locationAt(total, CODE + 0x85));
            assertEquals(new Location.Unknown("not available here"), info.locationAt(total, CODE + 0x50));
            Variable start = variable(hot, "start");
            assertEquals(new Location.Unknown("on the Wasm operand stack"), info.locationAt(start, CODE + 0x8a));
            assertEquals(new Location.WasmLocal(3), info.locationAt(start, CODE + 0x8c));
            assertEquals(new Location.WasmLocal(0), info.locationAt(variable(hot, "limit"), CODE + 0x1e));
        }

        @Test
        void constantVariable() {
            Subprogram main = info.subprogramAt(CODE + 0xa0);
            assertEquals("main", main.name());
            assertEquals(new FrameBase.WasmLocal(0), main.frameBase());
            assertEquals(new Location.Unknown("constant 3000000"), variable(main, "limit").location());
        }
    }

    /**
     * hotspot-dwarf5.wasm: the -O2 build in DWARF 5 (string offsets, address table, range and
     * location lists by index, line table with entry formats and directory 0 as comp_dir); the
     * libc units stay DWARF 4.
     */
    @Nested
    class InDwarf5 extends Build {
        private static final int CODE = 0x17e;

        InDwarf5() {
            super("hotspot-dwarf5.wasm", CODE);
        }

        @Test
        void linesAndFiles() {
            assertEquals(new SourceLine(HOTSPOT, 20, 0), info.lineAt(CODE + 0x1e));
            assertEquals(new SourceLine(HOTSPOT, 14, 14), info.lineAt(CODE + 0x5d));
            assertEquals(new SourceLine(HOTSPOT, 23, 24), info.lineAt(CODE + 0x81));
            assertNull(info.lineAt(CODE + 0x96 + 0x4c));
            assertTrue(info.files().contains(new SourceFile("/usr/include/wasm32-wasi/stdio.h")), info.files().toString());
        }

        @Test
        void subprogramsAndLocationLists() {
            Subprogram hot = info.subprogramAt(CODE + 0x50);
            assertEquals("count_collatz_steps", hot.name());
            assertEquals(HOTSPOT, hot.file());
            assertEquals(CODE + 0x1e, hot.lowModuleOffset());
            assertEquals(CODE + 0x96, hot.highModuleOffset());
            assertEquals(new FrameBase.WasmGlobal(0), hot.frameBase());
            assertEquals(List.of("limit", "total_steps", "start", "n", "steps"), hot.variables().stream().map(Variable::name).toList());
            Variable total = variable(hot, "total_steps");
            assertEquals(UNSIGNED_LONG_LONG, total.type());
            assertEquals(new Location.WasmLocal(1), info.locationAt(total, CODE + 0x85));
            assertEquals(new Location.Unknown("constant 0"), info.locationAt(total, CODE + 0x1e));
            Variable start = variable(hot, "start");
            assertEquals(CODE + 0x1e, start.scopeLowModuleOffset());
            assertEquals(CODE + 0x91, start.scopeHighModuleOffset());
            assertEquals(new Location.WasmLocal(3), info.locationAt(start, CODE + 0x8c));
            assertEquals(new Location.WasmLocal(4), info.locationAt(variable(hot, "n"), CODE + 0x76));
            assertEquals("main", info.subprogramAt(CODE + 0xa0).name());
        }
    }

    @Nested
    class Robustness {
        private final byte[] program = programBytes("hotspot-O0.wasm");

        @Test
        void noDwarfGivesNone() {
            assertSame(DebugInfo.NONE, DebugInfo.of(decode(rebuild(program, (name, contents) -> name.startsWith(".debug") ? null : contents))));
            assertFalse(DebugInfo.NONE.hasLines());
            assertNull(DebugInfo.NONE.lineAt(0x1a3));
            assertNull(DebugInfo.NONE.subprogramAt(0x1a3));
            assertTrue(DebugInfo.NONE.files().isEmpty());
        }

        @Test
        void linesWithoutDebugInfo() {
            DebugInfo info = DebugInfo.of(decode(rebuild(program, (name, contents) -> name.equals(".debug_info") ? null : contents)));
            // no comp_dir without .debug_info: the file is "hotspot.c" all the same, its directory being "."
            assertEquals(new SourceLine(new SourceFile("hotspot.c"), 23, 39), info.lineAt(0x184 + 0x9b));
            assertNull(info.subprogramAt(0x184 + 0x9b));
        }

        @Test
        void truncatedSectionsNeverThrow() {
            for (String section : List.of(".debug_info", ".debug_abbrev", ".debug_line", ".debug_str", ".debug_loc", ".debug_ranges")) {
                for (int keep : new int[]{0, 1, 3, 7, 11, 50, 200, 1000, 5000}) {
                    byte[] bytes = rebuild(program, (name, contents) -> name.equals(section) ? java.util.Arrays.copyOf(contents, Math.min(keep, contents.length)) : contents);
                    DebugInfo info = DebugInfo.of(decode(bytes));
                    assertNotNull(info);
                    info.lineAt(0x184 + 0x9b);
                    Subprogram hot = info.subprogramAt(0x184 + 0x9b);
                    if (hot != null) {
                        hot.variables().forEach(v -> info.locationAt(v, 0x184 + 0x9b));
                    }
                }
            }
        }

        @Test
        void linesOfUnreadableUnits() {
            // unreadable units: their line tables are still found in .debug_line, without the units' comp_dir
            DebugInfo info = DebugInfo.of(decode(rebuild(program, (name, contents) -> name.equals(".debug_abbrev") ? new byte[]{1, 0x11} : contents)));
            assertNull(info.subprogramAt(0x184 + 0x9b));
            assertEquals(new SourceLine(HOTSPOT, 23, 39), info.lineAt(0x184 + 0x9b));
        }

        @Test
        void garbledSectionsNeverThrow() {
            garble(program, List.of(".debug_info", ".debug_abbrev", ".debug_line", ".debug_loc", ".debug_ranges"), 200);
            garble(programBytes("hotspot-dwarf5.wasm"), List.of(".debug_info", ".debug_abbrev", ".debug_line", ".debug_line_str", ".debug_str_offsets",
                            ".debug_addr", ".debug_rnglists", ".debug_loclists"), 160);
        }

        /** Decodes {@code rounds} copies of a program with a few random bytes of one of {@code sections} changed, and looks everything up. */
        private void garble(byte[] original, List<String> sections, int rounds) {
            Random random = new Random(19);
            for (int r = 0; r < rounds; r++) {
                int round = r;
                String target = sections.get(round % sections.size());
                byte[] bytes = rebuild(original, (name, contents) -> {
                    if (!name.equals(target) || contents.length == 0) {
                        return contents;
                    }
                    byte[] garbled = contents.clone();
                    for (int i = 0; i < 1 + round % 20; i++) {
                        garbled[random.nextInt(garbled.length)] = (byte) random.nextInt(256);
                    }
                    return garbled;
                });
                DebugInfo info = DebugInfo.of(decode(bytes));
                for (int offset = 0x17e; offset < 0x184 + 0x300; offset += 7) {
                    info.lineAt(offset);
                    Subprogram subprogram = info.subprogramAt(offset);
                    if (subprogram != null) {
                        for (Variable v : subprogram.variables()) {
                            info.locationAt(v, offset);
                            v.type().decode(new byte[8]);
                        }
                    }
                }
            }
        }

        @Test
        void textModulesHaveNone() {
            Module text = dev.twasm.model.Module.builder().build();
            assertEquals(-1, text.codeSectionOffset());
            assertSame(DebugInfo.NONE, DebugInfo.of(text));
        }

        @Test
        void decodingIsFastEnoughToDoLazily() {
            // both programs carry wasi-libc's DWARF too (45 units); no timing assertion, but a
            // decode must not be quadratic in the units: decoding twice gives equal results
            DebugInfo first = DebugInfo.of(decode(program));
            DebugInfo second = DebugInfo.of(decode(program));
            assertEquals(first.subprograms().size(), second.subprograms().size());
            assertTrue(first.subprograms().size() > 40, first.toString());
        }
    }

    /**
     * A copy of a binary module with each custom section's contents replaced by what
     * {@code change} returns for it (null drops the section). Custom sections come last in these
     * programs, so the code section's offset stays.
     */
    static byte[] rebuild(byte[] module, BiFunction<String, byte[], byte[]> change) {
        BinaryInput in = new BinaryInput(module);
        BinaryOutput out = new BinaryOutput();
        out.writeBytes(in.readBytes(8));
        while (!in.atEnd()) {
            int id = in.readByte();
            int size = in.readLength();
            int end = in.index() + size;
            if (id != 0) {
                out.writeByte(id).writeU32(size).writeBytes(in.readBytes(size));
                continue;
            }
            String name = in.readName();
            byte[] contents = change.apply(name, in.readBytes(end - in.index()));
            if (contents != null) {
                out.writeByte(0).writeSized(new BinaryOutput().writeName(name).writeBytes(contents));
            }
        }
        return out.toByteArray();
    }
}
