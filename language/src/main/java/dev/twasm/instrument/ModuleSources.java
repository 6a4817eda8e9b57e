package dev.twasm.instrument;

import java.util.concurrent.atomic.AtomicBoolean;
import com.oracle.truffle.api.source.SourceSection;
import dev.twasm.debug.DebugInfo;
import dev.twasm.debug.SourceLine;
import com.oracle.truffle.api.TruffleLanguage;
import dev.twasm.WasmContext;
import dev.twasm.runtime.WasmModule;

/**
 * The sources and source sections of one module, made once per {@link WasmModule} (so once per
 * engine: modules are shared by its contexts) on the first request for a section (an instrument,
 * the CPU sampler's stack filter, or a guest exception's stack trace), and immutable after, except
 * for caches that are idempotent: any thread may ask.
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
    private final AtomicBoolean baselineLeft = new AtomicBoolean();

    private ModuleSources(WasmModule module, TruffleLanguage.Env env) {
        this.module = module;
        String sourceName = module.source() != null ? module.source().getName() : module.name();
        this.listing = Listing.of(module.model(), sourceName);
        DebugInfo info = DebugInfo.of(module.model());
        String path = module.source() != null ? module.source().getPath() : null;
        this.dwarf = info.hasLines() ? new DwarfSections(module.model(), info, new SourceFiles(path, sourceName, info.files(), env)) : null;
    }

    /**
     * The module's sources, made on first use, on whatever thread asks (an instrument's, the CPU
     * sampler's, a compiler thread). The C/Rust files are read under the file-system policy of the
     * context entered on that thread, or, on a thread without one, of the context that parsed the
     * module while it is open ({@link WasmModule#parsingEnvironment}); with neither, they are
     * sources without content.
     */
    static ModuleSources of(WasmModule module) {
        return (ModuleSources) module.instrumentation(m -> {
            TruffleLanguage.Env env = currentEnv();
            return new ModuleSources(m, env != null ? env : m.parsingEnvironment());
        });
    }

    private static TruffleLanguage.Env currentEnv() {
        try {
            return WasmContext.get(null).env();
        } catch (RuntimeException | AssertionError e) {
            return null; // no context entered on this thread (Truffle throws an internal exception)
        }
    }

    /**
     * Takes the module out of the baseline tier the first time an instrument prepares one of its
     * roots; a section asked for without an instrument (a stack trace, the sampler) leaves the
     * module where it is.
     */
    void leaveBaselineTierOnce() {
        if (!baselineLeft.getAndSet(true)) {
            Instrumentation.leaveBaselineTier(module);
        }
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
