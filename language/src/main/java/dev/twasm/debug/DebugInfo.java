package dev.twasm.debug;

import dev.twasm.model.Module;

import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DWARF debugging information of one module, decoded from its {@code .debug_*} custom
 * sections: the line table (source position of each instruction), the files it names, and the
 * subprograms with their variables. Everything is addressed by byte offsets in the module binary
 * (an {@code Expr}'s {@code moduleOffset()} plus a position in its code), not by DWARF's code
 * addresses, which count from the start of the code section's contents.
 *
 * <p>Immutable and safe to share between threads; decode it once per module, lazily (decoding
 * reads every unit). Malformed DWARF never throws: unreadable units are left out.
 */
public final class DebugInfo {
    /** No debugging information. */
    public static final DebugInfo NONE = new DebugInfo(List.of(), List.of(), List.of(), Map.of());

    /** Rows of one line table sequence: {@code rows[i]} covers {@code [offsets[i], offsets[i + 1])}, the last up to {@code end}. */
    record LineSequence(int start, int end, int[] offsets, SourceLine[] rows) {
    }

    /** One entry of a variable's location list, in module offsets. */
    record LocationRange(int low, int high, Location location) {
    }

    private final List<SourceFile> files;
    /** Sorted by start; {@code sequenceEndsSoFar[i]} is the largest end of sequences 0 to i. */
    private final LineSequence[] sequences;
    private final int[] sequenceEndsSoFar;
    /** Sorted by low offset; {@code subprogramEndsSoFar[i]} is the largest high offset of subprograms 0 to i. */
    private final Subprogram[] subprograms;
    private final int[] subprogramEndsSoFar;
    private final Map<Variable, List<LocationRange>> locationLists;

    DebugInfo(List<SourceFile> files, List<LineSequence> sequences, List<Subprogram> subprograms, Map<Variable, List<LocationRange>> locationLists) {
        this.files = List.copyOf(files);
        this.sequences = sequences.stream().sorted(Comparator.comparingInt(LineSequence::start)).toArray(LineSequence[]::new);
        this.sequenceEndsSoFar = new int[this.sequences.length];
        int end = Integer.MIN_VALUE;
        for (int i = 0; i < this.sequences.length; i++) {
            end = Math.max(end, this.sequences[i].end());
            sequenceEndsSoFar[i] = end;
        }
        this.subprograms = subprograms.stream().sorted(Comparator.comparingInt(Subprogram::lowModuleOffset)).toArray(Subprogram[]::new);
        this.subprogramEndsSoFar = new int[this.subprograms.length];
        end = Integer.MIN_VALUE;
        for (int i = 0; i < this.subprograms.length; i++) {
            end = Math.max(end, this.subprograms[i].highModuleOffset());
            subprogramEndsSoFar[i] = end;
        }
        IdentityHashMap<Variable, List<LocationRange>> lists = new IdentityHashMap<>(locationLists);
        this.locationLists = lists;
    }

    /** Decodes the module's DWARF sections; {@link #NONE} when it has no {@code .debug_line} (or no code section). */
    public static DebugInfo of(Module module) {
        try {
            DwarfSections sections = new DwarfSections(module);
            if (sections.line == null || module.codeSectionOffset() < 0) {
                return NONE;
            }
            return new InfoDecoder(sections, module.codeSectionOffset()).decode();
        } catch (RuntimeException | StackOverflowError e) {
            // the decoder skips unreadable units itself; this is the last line of defence
            return NONE;
        }
    }

    public boolean hasLines() {
        return sequences.length > 0;
    }

    /**
     * The row of the line table that covers the instruction at this byte offset of the module
     * binary: the last row with an offset at most {@code moduleOffset} in the sequence that holds
     * it (not past its end). Null where no sequence covers the offset.
     */
    public SourceLine lineAt(int moduleOffset) {
        int i = lastAtOrBefore(sequences.length, k -> sequences[k].start(), moduleOffset);
        for (; i >= 0 && sequenceEndsSoFar[i] > moduleOffset; i--) {
            LineSequence sequence = sequences[i];
            if (moduleOffset < sequence.end()) {
                int[] offsets = sequence.offsets();
                int row = lastAtOrBefore(offsets.length, k -> offsets[k], moduleOffset);
                if (row >= 0) {
                    return sequence.rows()[row];
                }
            }
        }
        return null;
    }

    /** The last index below {@code count} whose key, non-decreasing with the index, is at most {@code value}; -1 when none is. */
    private static int lastAtOrBefore(int count, java.util.function.IntUnaryOperator keyAt, int value) {
        int low = 0;
        int high = count - 1;
        int found = -1;
        while (low <= high) {
            int mid = low + high >>> 1;
            if (keyAt.applyAsInt(mid) <= value) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found;
    }

    /** Every file the line tables name, each once, in the order the tables name them. */
    public List<SourceFile> files() {
        return files;
    }

    /** The subprograms with code in the module, by their low offsets. */
    public List<Subprogram> subprograms() {
        return List.of(subprograms);
    }

    /** The innermost {@code DW_TAG_subprogram} whose pc range holds this module offset, or null. */
    public Subprogram subprogramAt(int moduleOffset) {
        int i = lastAtOrBefore(subprograms.length, k -> subprograms[k].lowModuleOffset(), moduleOffset);
        Subprogram innermost = null;
        for (; i >= 0 && subprogramEndsSoFar[i] > moduleOffset; i--) {
            Subprogram candidate = subprograms[i];
            if (candidate.contains(moduleOffset) && (innermost == null ||
                            candidate.highModuleOffset() - candidate.lowModuleOffset() < innermost.highModuleOffset() - innermost.lowModuleOffset())) {
                innermost = candidate;
            }
        }
        return innermost;
    }

    /**
     * Where {@code variable} (one of this info's) is at the instruction at {@code moduleOffset}:
     * its {@link Variable#location()}, or for a variable with a location list the location of the
     * entry that covers the offset ({@link Location.Unknown} "not available here" when none does).
     */
    public Location locationAt(Variable variable, int moduleOffset) {
        List<LocationRange> list = locationLists.get(variable);
        if (list == null) {
            return variable.location();
        }
        for (LocationRange range : list) {
            if (moduleOffset >= range.low() && moduleOffset < range.high()) {
                return range.location();
            }
        }
        return new Location.Unknown("not available here");
    }

    /** Whether {@code variable} has a location list (its location depends on the instruction). */
    public boolean hasLocationList(Variable variable) {
        return locationLists.containsKey(variable);
    }

    @Override
    public String toString() {
        return "DebugInfo[" + files.size() + " files, " + sequences.length + " sequences, " + subprograms.length + " subprograms]";
    }
}
