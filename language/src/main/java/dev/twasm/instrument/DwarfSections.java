package dev.twasm.instrument;

import com.oracle.truffle.api.source.Source;
import com.oracle.truffle.api.source.SourceSection;
import dev.twasm.binary.CodeReader;
import dev.twasm.debug.DebugInfo;
import dev.twasm.debug.SourceLine;
import dev.twasm.model.Module;

/**
 * Source sections from DWARF {@code .debug_line}: a statement's section is the C/Rust line of its
 * first instruction ({@link DebugInfo#lineAt}), in the {@link SourceFiles} source of the line's
 * file; a function's section spans the lines of its instructions in the file of its first line.
 * An instruction without a line (line 0, or outside every sequence) has no section here, and a
 * function none of whose instructions has a line is left to the listing ({@link ModuleSources}).
 * Function sections are computed on request and kept (an array slot per function, written with
 * the same value by whichever thread computes it first: racy but idempotent).
 */
final class DwarfSections {
    private final Module model;
    private final DebugInfo info;
    private final SourceFiles files;
    /** Per defined function: its section, {@link #NO_SECTION}, or null while not computed. */
    private final Object[] functions;
    private static final Object NO_SECTION = new Object();

    DwarfSections(Module model, DebugInfo info, SourceFiles files) {
        this.model = model;
        this.info = info;
        this.files = files;
        int defined = model.functions().size();
        this.functions = new Object[defined];
    }

    DebugInfo info() {
        return info;
    }

    /** The line of the instruction at {@code moduleOffset}, or null when it has none. */
    SourceLine line(int moduleOffset) {
        SourceLine line = info.lineAt(moduleOffset);
        return line == null || line.line() <= 0 ? null : line;
    }

    /** The section of the instruction at {@code moduleOffset}, or null when it has no line. */
    SourceSection instruction(int moduleOffset) {
        SourceLine line = line(moduleOffset);
        if (line == null) {
            return null;
        }
        try {
            return files.source(line.file()).createSection(line.line());
        } catch (IllegalArgumentException e) {
            // a file with fewer lines than the DWARF says (edited since the build)
            return null;
        }
    }

    /** The section of defined function {@code defined}, or null when none of its instructions has a line. */
    SourceSection function(int defined) {
        Object known = functions[defined];
        if (known == null) {
            SourceSection section = computeFunction(defined);
            known = section != null ? section : NO_SECTION;
            functions[defined] = known;
        }
        return known == NO_SECTION ? null : (SourceSection) known;
    }

    private SourceSection computeFunction(int defined) {
        CodeReader reader = new CodeReader(model.definedFunction(model.importedFunctionCount() + defined).body());
        SourceLine first = null;
        int last = 0;
        while (reader.hasNext()) {
            reader.next();
            SourceLine line = line(reader.instructionOffset());
            if (line == null) {
                continue;
            }
            if (first == null) {
                first = line;
            }
            if (line.file().equals(first.file())) {
                last = Math.max(last, line.line());
            }
        }
        if (first == null) {
            return null;
        }
        Source source = files.source(first.file());
        int start = first.line();
        try {
            if (source.hasCharacters()) {
                int end = Math.min(Math.max(last, start), source.getLineCount());
                int from = source.getLineStartOffset(start);
                return source.createSection(from, source.getLineStartOffset(end) + source.getLineLength(end) - from);
            }
            return source.createSection(start, 1, Math.max(last, start), 1);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
