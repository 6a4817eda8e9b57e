package dev.twasm.instrument;

import com.oracle.truffle.api.source.Source;
import com.oracle.truffle.api.source.SourceSection;
import dev.twasm.binary.CodeReader;
import dev.twasm.model.Module;
import dev.twasm.model.Opcode;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;

/**
 * The disassembly listing of a module: the source that the debugger, the profilers and coverage
 * show for a module without DWARF line information. One character source per module, named after
 * the module's source with {@code .listing} appended ({@code prog.wasm.listing}), MIME type
 * {@code text/plain}, with one line per instruction of each defined function, under a header line
 * naming the function ({@code func 3 $name}, the name section's name or {@code $funcN}):
 *
 * <pre>
 * ;; twasm disassembly listing of prog.wasm: module offset, instruction
 *
 * func 1 $add
 * 00002e  local.get 0
 * 000030  local.get 1
 * 000032  i32.add
 * 000033  end
 * </pre>
 *
 * Each instruction line begins with the instruction's module offset in hex (the offset tools such
 * as {@code wasm-objdump} and trap messages name), nested instructions indented. A statement's
 * section is the line of its first instruction, a function's the lines from its header to its
 * {@code end}. Plain Java over the module model, built once per module on first request.
 */
final class Listing {
    private final Source source;
    /** Per defined function: the module offsets of its instructions, ascending. */
    private final int[][] offsets;
    /** Per defined function: the line of its header; its instructions follow on the next lines. */
    private final int[] headerLines;

    private Listing(Source source, int[][] offsets, int[] headerLines) {
        this.source = source;
        this.offsets = offsets;
        this.headerLines = headerLines;
    }

    /** The listing of {@code model}, whose source is named {@code sourceName}. */
    static Listing of(Module model, String sourceName) {
        int imported = model.importedFunctionCount();
        int defined = model.functions().size();
        int[][] offsets = new int[defined][];
        int[] headerLines = new int[defined];
        StringBuilder text = new StringBuilder(";; twasm disassembly listing of ").append(sourceName).append(": module offset, instruction\n");
        int line = 1;
        for (int i = 0; i < defined; i++) {
            int functionIndex = imported + i;
            String name = model.names().functionName(functionIndex);
            text.append('\n').append("func ").append(functionIndex).append(" $").append(name != null ? name : "func" + functionIndex).append('\n');
            line += 2;
            headerLines[i] = line;
            int[] functionOffsets = new int[16];
            int count = 0;
            int depth = 1;
            CodeReader reader = new CodeReader(model.definedFunction(functionIndex).body());
            while (reader.hasNext()) {
                Opcode op = reader.next();
                if (op == Opcode.END || op == Opcode.ELSE || op == Opcode.CATCH || op == Opcode.CATCH_ALL || op == Opcode.DELEGATE) {
                    depth = Math.max(depth - 1, 0);
                }
                text.append(String.format("%06x  ", reader.instructionOffset())).append("  ".repeat(depth)).append(Disassembler.instruction(reader)).append('\n');
                if (op == Opcode.BLOCK || op == Opcode.LOOP || op == Opcode.IF || op == Opcode.TRY || op == Opcode.TRY_TABLE || op == Opcode.ELSE
                                || op == Opcode.CATCH || op == Opcode.CATCH_ALL) {
                    depth++;
                }
                if (count == functionOffsets.length) {
                    functionOffsets = Arrays.copyOf(functionOffsets, count * 2);
                }
                functionOffsets[count++] = reader.instructionOffset();
                line++;
            }
            offsets[i] = Arrays.copyOf(functionOffsets, count);
        }
        String name = sourceName + ".listing";
        Source source = Source.newBuilder("wasm", text, name).mimeType("text/plain").uri(uri(name)).build();
        return new Listing(source, offsets, headerLines);
    }

    /** A stable address for breakpoints by URI: {@code wasm-listing:/prog.wasm.listing}. */
    private static URI uri(String name) {
        try {
            return new URI("wasm-listing", null, "/" + name, null);
        } catch (URISyntaxException e) {
            return null;
        }
    }

    Source source() {
        return source;
    }

    /** The line of the instruction at {@code moduleOffset} of defined function {@code defined} (the nearest before it). */
    int line(int defined, int moduleOffset) {
        int[] functionOffsets = offsets[defined];
        int i = Arrays.binarySearch(functionOffsets, moduleOffset);
        if (i < 0) {
            i = Math.max(-i - 2, 0);
        }
        return headerLines[defined] + 1 + i;
    }

    /** The module offset of the instruction before the one at {@code moduleOffset} in defined function {@code defined}, or -1. */
    int previousInstruction(int defined, int moduleOffset) {
        int[] functionOffsets = offsets[defined];
        int i = Arrays.binarySearch(functionOffsets, moduleOffset);
        return i > 0 ? functionOffsets[i - 1] : -1;
    }

    /** The section of the instruction at {@code moduleOffset} of defined function {@code defined}: its line. */
    SourceSection instruction(int defined, int moduleOffset) {
        return source.createSection(line(defined, moduleOffset));
    }

    /** The section of defined function {@code defined}: from its header to its last instruction. */
    SourceSection function(int defined) {
        int first = headerLines[defined];
        int last = first + offsets[defined].length;
        int start = source.getLineStartOffset(first);
        int end = source.getLineStartOffset(last) + source.getLineLength(last);
        return source.createSection(start, end - start);
    }
}
