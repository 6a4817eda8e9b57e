package dev.twasm.instrument;

import com.oracle.truffle.api.source.SourceSection;
import dev.twasm.debug.DebugInfo;
import dev.twasm.debug.SourceLine;
import dev.twasm.runtime.WasmModule;

/**
 * The sources and source sections of one module, made once per {@link WasmModule} (so once per
 * engine: modules are shared by its contexts) on the first request of an instrument, and
 * immutable after, except for caches that are idempotent: any thread may ask.
 *
 * <p>Every module has its disassembly {@link Listing}. A module with DWARF line information
 * ({@link DebugInfo#hasLines}) maps the functions the line table covers to their C/Rust lines
 * ({@link DwarfSections}) instead; functions it does not cover (a library built without
 * {@code -g}) keep their listing lines, so each function is shown in exactly one source.
 */
final class ModuleSources {
    private final WasmModule module;
    private final Listing listing;
    /** The DWARF sections, or null when the module has no line information. */
    private final DwarfSections dwarf;

    private ModuleSources(WasmModule module) {
        this.module = module;
        String sourceName = module.source() != null ? module.source().getName() : module.name();
        this.listing = Listing.of(module.model(), sourceName);
        DebugInfo info = DebugInfo.of(module.model());
        String path = module.source() != null ? module.source().getPath() : null;
        this.dwarf = info.hasLines() ? new DwarfSections(module.model(), info, new SourceFiles(path)) : null;
    }

    /** The module's sources, made on first use; making them takes the module out of the baseline tier. */
    static ModuleSources of(WasmModule module) {
        return (ModuleSources) module.instrumentation(m -> {
            Instrumentation.leaveBaselineTier(m);
            return new ModuleSources(m);
        });
    }

    /** The module's sources if an instrument has prepared the module, else null (no sections before). */
    static ModuleSources ifPrepared(WasmModule module) {
        return (ModuleSources) module.instrumentationIfPresent();
    }

    private int defined(int functionIndex) {
        return functionIndex - module.model().importedFunctionCount();
    }

    /** Whether function {@code functionIndex} is shown in C/Rust lines. */
    private boolean inDwarf(int functionIndex) {
        return dwarf != null && dwarf.function(defined(functionIndex)) != null;
    }

    /**
     * The section of the instruction at {@code moduleOffset} in function {@code functionIndex}:
     * its source line, or its listing line in a function without DWARF lines or when the
     * instruction has no line of its own (such a statement is then no {@code StatementTag}).
     */
    SourceSection instruction(int functionIndex, int moduleOffset) {
        if (inDwarf(functionIndex)) {
            SourceSection section = dwarf.instruction(moduleOffset);
            if (section != null) {
                return section;
            }
        }
        return listing.instruction(defined(functionIndex), moduleOffset);
    }

    /**
     * Whether a statement whose first instruction is at {@code moduleOffset} is a statement of its
     * source ({@code StatementTag}): every one in the listing, where each instruction has a line;
     * with DWARF, one whose instruction has a line (not 0) that differs from the line of the
     * instruction before it, so that a source line the compiler split into several Wasm
     * statements is one statement to breakpoints and stepping.
     */
    boolean hasLine(int functionIndex, int moduleOffset) {
        if (!inDwarf(functionIndex)) {
            return true;
        }
        SourceLine line = dwarf.line(moduleOffset);
        if (line == null) {
            return false;
        }
        int previous = listing.previousInstruction(defined(functionIndex), moduleOffset);
        SourceLine before = previous < 0 ? null : dwarf.line(previous);
        return before == null || before.line() != line.line() || !before.file().equals(line.file());
    }

    /** The section of function {@code functionIndex}. */
    SourceSection function(int functionIndex) {
        return inDwarf(functionIndex) ? dwarf.function(defined(functionIndex)) : listing.function(defined(functionIndex));
    }

    /** The module's DWARF information, or null when it has no line information. */
    DebugInfo debugInfo() {
        return dwarf == null ? null : dwarf.info();
    }
}
