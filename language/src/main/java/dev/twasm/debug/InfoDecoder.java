package dev.twasm.debug;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a {@link DebugInfo} from a module's DWARF: for each unit of {@code .debug_info}, its line
 * table ({@code DW_AT_stmt_list}) and the tree of its entries, from which it keeps the
 * subprograms with code, their lexical blocks and inlined calls as variable scopes, their
 * parameters and variables, and the types those have. A unit that cannot be read is skipped.
 */
final class InfoDecoder {
    private static final int TAG_ARRAY_TYPE = 0x01;
    private static final int TAG_CLASS_TYPE = 0x02;
    private static final int TAG_ENUMERATION_TYPE = 0x04;
    private static final int TAG_FORMAL_PARAMETER = 0x05;
    private static final int TAG_LEXICAL_BLOCK = 0x0b;
    private static final int TAG_POINTER_TYPE = 0x0f;
    private static final int TAG_REFERENCE_TYPE = 0x10;
    private static final int TAG_COMPILE_UNIT = 0x11;
    private static final int TAG_STRUCTURE_TYPE = 0x13;
    private static final int TAG_SUBROUTINE_TYPE = 0x15;
    private static final int TAG_TYPEDEF = 0x16;
    private static final int TAG_UNION_TYPE = 0x17;
    private static final int TAG_INLINED_SUBROUTINE = 0x1d;
    private static final int TAG_SUBRANGE_TYPE = 0x21;
    private static final int TAG_BASE_TYPE = 0x24;
    private static final int TAG_CONST_TYPE = 0x26;
    private static final int TAG_SUBPROGRAM = 0x2e;
    private static final int TAG_VARIABLE = 0x34;
    private static final int TAG_VOLATILE_TYPE = 0x35;
    private static final int TAG_RESTRICT_TYPE = 0x37;
    private static final int TAG_NAMESPACE = 0x39;
    private static final int TAG_UNSPECIFIED_TYPE = 0x3b;
    private static final int TAG_PARTIAL_UNIT = 0x3c;
    private static final int TAG_RVALUE_REFERENCE_TYPE = 0x42;
    private static final int TAG_ATOMIC_TYPE = 0x47;
    private static final int TAG_SKELETON_UNIT = 0x4a;

    private static final int AT_LOCATION = 0x02;
    private static final int AT_BYTE_SIZE = 0x0b;
    private static final int AT_CONST_VALUE = 0x1c;
    private static final int AT_UPPER_BOUND = 0x2f;
    private static final int AT_ABSTRACT_ORIGIN = 0x31;
    private static final int AT_COUNT = 0x37;
    private static final int AT_DECL_FILE = 0x3a;
    private static final int AT_DECL_LINE = 0x3b;
    private static final int AT_ENCODING = 0x3e;
    private static final int AT_FRAME_BASE = 0x40;
    private static final int AT_SPECIFICATION = 0x47;
    private static final int AT_TYPE = 0x49;
    private static final int AT_LINKAGE_NAME = 0x6e;

    private static final int ATE_ADDRESS = 0x01;
    private static final int ATE_BOOLEAN = 0x02;
    private static final int ATE_FLOAT = 0x04;
    private static final int ATE_SIGNED = 0x05;
    private static final int ATE_SIGNED_CHAR = 0x06;
    private static final int ATE_UNSIGNED = 0x07;
    private static final int ATE_UNSIGNED_CHAR = 0x08;
    private static final int ATE_UTF = 0x10;

    /** Entries nest deeper than this only in malformed DWARF. */
    private static final int MAX_DEPTH = 256;
    /** Type chains (typedefs, qualifiers, pointers) longer than this are taken as cycles. */
    private static final int MAX_TYPE_DEPTH = 32;

    private final DwarfSections sections;
    private final int codeSectionOffset;
    private final Map<Long, Map<Long, Abbreviation>> abbreviationTables = Unit.newTableCache();
    private final Set<SourceFile> files = new LinkedHashSet<>();
    private final List<DebugInfo.LineSequence> sequences = new ArrayList<>();
    private final List<Subprogram> subprograms = new ArrayList<>();
    private final Map<Variable, List<DebugInfo.LocationRange>> locationLists = new IdentityHashMap<>();
    /** The {@code .debug_line} offsets of the line programs read with their units. */
    private final Set<Long> lineTablesRead = new java.util.HashSet<>();

    /** Of the unit being read. */
    private Unit unit;
    private LineTable lineTable;
    private final Map<Long, VariableType> types = new HashMap<>();

    InfoDecoder(DwarfSections sections, int codeSectionOffset) {
        this.sections = sections;
        this.codeSectionOffset = codeSectionOffset;
    }

    DebugInfo decode() {
        if (sections.info != null) {
            forEachUnit(sections.info, this::readUnit);
        }
        readLineTablesAlone();
        return new DebugInfo(new ArrayList<>(files), sequences, subprograms, locationLists);
    }

    /** Calls {@code read} with the offset of each unit of a section of units with initial lengths, up to one that is cut short. */
    private static void forEachUnit(byte[] section, java.util.function.LongConsumer read) {
        long offset = 0;
        while (offset < section.length) {
            long next;
            try {
                next = Unit.endOf(section, offset);
            } catch (DwarfFormatException e) {
                return;
            }
            read.accept(offset);
            if (next <= offset) {
                return;
            }
            offset = next;
        }
    }

    /**
     * The line programs no readable unit names (all of them when there is no {@code .debug_info}),
     * one after the other in {@code .debug_line}, without a compilation directory.
     */
    private void readLineTablesAlone() {
        forEachUnit(sections.line, offset -> {
            if (!lineTablesRead.contains(offset)) {
                int sequenceCount = sequences.size();
                try {
                    addLines(LineTable.read(sections, offset, null, null));
                } catch (RuntimeException e) {
                    // an unreadable line program: skip it
                    sequences.subList(sequenceCount, sequences.size()).clear();
                }
            }
        });
    }

    private void readUnit(long offset) {
        int subprogramCount = subprograms.size();
        int sequenceCount = sequences.size();
        try {
            unit = Unit.read(sections, offset, abbreviationTables);
            types.clear();
            lineTable = null;
            Die root = unit.root();
            if (root == null || root.tag() != TAG_COMPILE_UNIT && root.tag() != TAG_PARTIAL_UNIT && root.tag() != TAG_SKELETON_UNIT) {
                return;
            }
            long statements = unit.constant(root, Unit.AT_STMT_LIST);
            if (statements != Unit.NONE && lineTablesRead.add(statements)) {
                try {
                    lineTable = LineTable.read(sections, statements, unit.string(root, Unit.AT_COMP_DIR), unit.string(root, Unit.AT_NAME));
                    addLines(lineTable);
                } catch (DwarfFormatException | IndexOutOfBoundsException e) {
                    lineTable = null;
                }
            }
            readChildren(root, null, 0);
        } catch (RuntimeException e) {
            // a malformed unit (DwarfFormatException, or a value no well-formed unit has): keep its lines if they were read, drop its partly read subprograms
            subprograms.subList(subprogramCount, subprograms.size()).clear();
            if (lineTable == null) {
                sequences.subList(sequenceCount, sequences.size()).clear();
            }
        }
    }

    private void addLines(LineTable table) {
        for (SourceFile file : table.files) {
            if (file != null) {
                files.add(file);
            }
        }
        for (LineTable.Sequence sequence : table.sequences) {
            long[] addresses = sequence.addresses();
            if (!isLive(addresses[0]) || moduleOffset(sequence.end()) < 0) {
                continue;
            }
            int[] offsets = new int[addresses.length];
            SourceLine[] rows = new SourceLine[addresses.length];
            for (int i = 0; i < addresses.length; i++) {
                offsets[i] = moduleOffset(addresses[i]);
                SourceFile file = table.file(sequence.files()[i]);
                rows[i] = new SourceLine(file == null ? new SourceFile("?") : file, sequence.lines()[i], sequence.columns()[i]);
            }
            sequences.add(new DebugInfo.LineSequence(offsets[0], moduleOffset(sequence.end()), offsets, rows));
        }
    }

    /**
     * Whether a code address is that of live code: linkers point the DWARF of code they dropped
     * at 0 (the code section's function count, where no function starts) or at a tombstone
     * ({@code -1} or {@code -2} of the address size).
     */
    private static boolean isLive(long address) {
        return address > 0 && address < 0xFFFF_FFFEL;
    }

    /** The module offset of a code address, or -1 when it does not fit. */
    private int moduleOffset(long address) {
        long offset = codeSectionOffset + address;
        return address < 0 || offset > Integer.MAX_VALUE ? -1 : (int) offset;
    }

    /** What the entries being read belong to: the subprogram, and the scope of variables. */
    private record Scope(SubprogramBuilder subprogram, int low, int high, boolean inlined) {
    }

    private static final class SubprogramBuilder {
        final List<Variable> variables = new ArrayList<>();
    }

    /** Reads the children of {@code parent}; returns the offset after them. */
    private long readChildren(Die parent, Scope scope, int depth) {
        if (!parent.hasChildren()) {
            return parent.next();
        }
        if (depth > MAX_DEPTH) {
            throw new DwarfFormatException("entries nested too deeply");
        }
        long at = parent.next();
        while (at < unit.end) { // some producers leave out the null entries that end a unit
            Die child = unit.entry(at);
            if (child == null) {
                return unit.position();
            }
            at = readEntry(child, scope, depth + 1);
        }
        return at;
    }

    /** Reads one entry and its children; returns the offset of its next sibling. */
    private long readEntry(Die die, Scope scope, int depth) {
        switch (die.tag()) {
            case TAG_SUBPROGRAM -> {
                return readSubprogram(die, depth);
            }
            case TAG_LEXICAL_BLOCK, TAG_INLINED_SUBROUTINE -> {
                if (scope == null) {
                    return readChildren(die, null, depth);
                }
                int[] range = moduleRange(unit.ranges(die));
                Scope inner = range == null ? scope : new Scope(scope.subprogram(), range[0], range[1], scope.inlined() || die.tag() == TAG_INLINED_SUBROUTINE);
                return readChildren(die, inner, depth);
            }
            case TAG_FORMAL_PARAMETER, TAG_VARIABLE -> {
                if (scope != null) {
                    Variable variable = variable(die, scope);
                    if (variable != null) {
                        scope.subprogram().variables.add(variable);
                    }
                }
                return unit.skipChildren(die);
            }
            case TAG_NAMESPACE, TAG_STRUCTURE_TYPE, TAG_CLASS_TYPE, TAG_UNION_TYPE -> {
                // C++ may nest function definitions in these
                return readChildren(die, scope, depth);
            }
            default -> {
                return unit.skipChildren(die);
            }
        }
    }

    private long readSubprogram(Die die, int depth) {
        int[] range = moduleRange(unit.ranges(die));
        if (range == null) {
            return unit.skipChildren(die);
        }
        SubprogramBuilder builder = new SubprogramBuilder();
        long next = readChildren(die, new Scope(builder, range[0], range[1], false), depth);
        Die origin = origin(die);
        String name = firstString(die, origin, Unit.AT_NAME);
        if (name == null) {
            name = firstString(die, origin, AT_LINKAGE_NAME);
        }
        long fileIndex = firstConstant(die, origin, AT_DECL_FILE);
        long line = firstConstant(die, origin, AT_DECL_LINE);
        DwarfInput frameBaseExpression = unit.block(die, AT_FRAME_BASE);
        FrameBase frameBase = frameBaseExpression == null ? new FrameBase.None() : Expressions.frameBase(frameBaseExpression);
        SourceFile file = lineTable == null || fileIndex == Unit.NONE ? null : lineTable.file(fileIndex);
        subprograms.add(new Subprogram(name, range[0], range[1], file, line == Unit.NONE ? 0 : (int) Math.min(line, Integer.MAX_VALUE), frameBase,
                        List.copyOf(builder.variables)));
        return next;
    }

    /**
     * The entry that completes this one ({@code DW_AT_abstract_origin} of a concrete instance,
     * or {@code DW_AT_specification} of a definition), in this unit, or null; followed at most
     * two steps (a concrete instance of an inline definition of a declaration).
     */
    private Die origin(Die die) {
        Die origin = referenced(die, AT_ABSTRACT_ORIGIN);
        if (origin == null) {
            origin = referenced(die, AT_SPECIFICATION);
        }
        if (origin != null && !origin.has(Unit.AT_NAME)) {
            Die further = referenced(origin, AT_SPECIFICATION);
            if (further != null) {
                return further;
            }
        }
        return origin;
    }

    private Die referenced(Die die, int attribute) {
        long target = unit.reference(die, attribute);
        if (target == Unit.NONE || target <= unit.offset || target >= unit.end || target == die.offset()) {
            return null;
        }
        return unit.entry(target);
    }

    private String firstString(Die die, Die origin, int attribute) {
        String value = unit.string(die, attribute);
        return value != null || origin == null ? value : unit.string(origin, attribute);
    }

    private long firstConstant(Die die, Die origin, int attribute) {
        long value = unit.constant(die, attribute);
        return value != Unit.NONE || origin == null ? value : unit.constant(origin, attribute);
    }

    /** The smallest module-offset range holding the live ones of these code address ranges, or null when none is live. */
    private int[] moduleRange(List<long[]> ranges) {
        long low = Long.MAX_VALUE;
        long high = Long.MIN_VALUE;
        for (long[] range : ranges) {
            if (isLive(range[0]) && range[1] > range[0] && moduleOffset(range[1]) >= 0) {
                low = Math.min(low, range[0]);
                high = Math.max(high, range[1]);
            }
        }
        return low == Long.MAX_VALUE ? null : new int[]{moduleOffset(low), moduleOffset(high)};
    }

    private Variable variable(Die die, Scope scope) {
        Die origin = referenced(die, AT_ABSTRACT_ORIGIN);
        String name = firstString(die, origin, Unit.AT_NAME);
        if (name == null) {
            return null;
        }
        long typeOffset = unit.reference(die, AT_TYPE);
        if (typeOffset == Unit.NONE && origin != null) {
            typeOffset = unit.reference(origin, AT_TYPE);
        }
        VariableType type = type(typeOffset, 0);
        boolean parameter = die.tag() == TAG_FORMAL_PARAMETER && !scope.inlined();
        DwarfInput expression = unit.block(die, AT_LOCATION);
        List<DebugInfo.LocationRange> list = null;
        Location location;
        if (expression != null) {
            location = Expressions.location(expression, unit);
        } else if (die.has(AT_LOCATION)) {
            list = locationRanges(die);
            location = new Location.Unknown(list == null ? "unreadable location list" : "location list");
        } else if (die.has(AT_CONST_VALUE)) {
            long value = unit.signedConstant(die, AT_CONST_VALUE);
            location = new Location.Unknown(value == Unit.NONE ? "constant" : "constant " + value);
        } else {
            location = new Location.Unknown("optimized out");
        }
        Variable variable = new Variable(name, parameter, location, type, scope.low(), scope.high());
        if (list != null) {
            locationLists.put(variable, list);
        }
        return variable;
    }

    /** The location list of a variable in module offsets, or null when it cannot be read. */
    private List<DebugInfo.LocationRange> locationRanges(Die die) {
        try {
            List<Unit.LocationEntry> entries = unit.locationList(die, AT_LOCATION);
            if (entries == null) {
                return null;
            }
            List<DebugInfo.LocationRange> ranges = new ArrayList<>();
            for (Unit.LocationEntry entry : entries) {
                if (isLive(entry.low()) && entry.high() > entry.low() && moduleOffset(entry.high()) >= 0) {
                    ranges.add(new DebugInfo.LocationRange(moduleOffset(entry.low()), moduleOffset(entry.high()), entry.location()));
                }
            }
            return List.copyOf(ranges);
        } catch (DwarfFormatException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    // ---- types ------------------------------------------------------------------------------

    /** The type whose entry is at {@code offset} (in this unit), {@link VariableType#UNKNOWN} when it cannot be read. */
    private VariableType type(long offset, int depth) {
        if (offset == Unit.NONE) {
            return new VariableType("void", 0, VariableType.Encoding.OTHER);
        }
        if (depth > MAX_TYPE_DEPTH || offset <= unit.offset || offset >= unit.end) {
            return VariableType.UNKNOWN;
        }
        VariableType cached = types.get(offset);
        if (cached != null) {
            return cached;
        }
        VariableType type;
        try {
            Die die = unit.entry(offset);
            type = die == null ? VariableType.UNKNOWN : type(die, depth);
        } catch (DwarfFormatException e) {
            type = VariableType.UNKNOWN;
        }
        types.put(offset, type);
        return type;
    }

    private VariableType type(Die die, int depth) {
        String name = unit.string(die, Unit.AT_NAME);
        long size = unit.constant(die, AT_BYTE_SIZE);
        int byteSize = size == Unit.NONE || size > Integer.MAX_VALUE ? 0 : (int) size;
        switch (die.tag()) {
            case TAG_BASE_TYPE -> {
                long encoding = unit.constant(die, AT_ENCODING);
                return new VariableType(name == null ? "?" : name, byteSize, encoding(encoding));
            }
            case TAG_POINTER_TYPE, TAG_REFERENCE_TYPE, TAG_RVALUE_REFERENCE_TYPE -> {
                VariableType target = type(unit.reference(die, AT_TYPE), depth + 1);
                String mark = die.tag() == TAG_POINTER_TYPE ? "*" : die.tag() == TAG_REFERENCE_TYPE ? "&" : "&&";
                return new VariableType(target.name() + " " + mark, byteSize == 0 ? unit.addressSize : byteSize, VariableType.Encoding.POINTER);
            }
            case TAG_TYPEDEF, TAG_CONST_TYPE, TAG_VOLATILE_TYPE, TAG_RESTRICT_TYPE, TAG_ATOMIC_TYPE -> {
                VariableType target = type(unit.reference(die, AT_TYPE), depth + 1);
                String spelled = switch (die.tag()) {
                    case TAG_TYPEDEF -> name == null ? target.name() : name;
                    case TAG_CONST_TYPE -> qualified("const", target.name());
                    case TAG_VOLATILE_TYPE -> qualified("volatile", target.name());
                    case TAG_RESTRICT_TYPE -> target.name() + " restrict";
                    default -> "_Atomic " + target.name();
                };
                return new VariableType(spelled, target.byteSize(), target.encoding());
            }
            case TAG_ENUMERATION_TYPE -> {
                long underlying = unit.reference(die, AT_TYPE);
                VariableType.Encoding encoding = underlying == Unit.NONE ? VariableType.Encoding.OTHER : type(underlying, depth + 1).encoding();
                return new VariableType("enum " + (name == null ? "<anonymous>" : name), byteSize, encoding);
            }
            case TAG_STRUCTURE_TYPE, TAG_UNION_TYPE, TAG_CLASS_TYPE -> {
                String keyword = die.tag() == TAG_STRUCTURE_TYPE ? "struct " : die.tag() == TAG_UNION_TYPE ? "union " : "class ";
                return new VariableType(keyword + (name == null ? "<anonymous>" : name), byteSize, VariableType.Encoding.OTHER);
            }
            case TAG_ARRAY_TYPE -> {
                VariableType element = type(unit.reference(die, AT_TYPE), depth + 1);
                StringBuilder dimensions = new StringBuilder();
                long elements = arrayDimensions(die, dimensions);
                int total = byteSize != 0 ? byteSize : elements > 0 && elements * element.byteSize() <= Integer.MAX_VALUE ? (int) (elements * element.byteSize()) : 0;
                return new VariableType(element.name() + dimensions, total, VariableType.Encoding.OTHER);
            }
            case TAG_SUBROUTINE_TYPE -> {
                return new VariableType("function", 0, VariableType.Encoding.OTHER);
            }
            case TAG_UNSPECIFIED_TYPE -> {
                return new VariableType(name == null ? "?" : name, byteSize, VariableType.Encoding.OTHER);
            }
            default -> {
                return VariableType.UNKNOWN;
            }
        }
    }

    private static String qualified(String qualifier, String type) {
        // a qualified pointer is "T * const", others "const T"
        return type.endsWith("*") ? type + " " + qualifier : qualifier + " " + type;
    }

    /** Appends {@code [n]} per subrange child of an array type; returns the product of the counts (0 when one is unknown). */
    private long arrayDimensions(Die array, StringBuilder out) {
        long product = 1;
        long at = array.next();
        if (!array.hasChildren()) {
            out.append("[]");
            return 0;
        }
        while (true) {
            Die child = unit.entry(at);
            if (child == null) {
                return product;
            }
            if (child.tag() == TAG_SUBRANGE_TYPE) {
                long count = unit.constant(child, AT_COUNT);
                if (count == Unit.NONE) {
                    long upper = unit.constant(child, AT_UPPER_BOUND);
                    count = upper == Unit.NONE ? Unit.NONE : upper + 1;
                }
                out.append(count == Unit.NONE ? "[]" : "[" + count + "]");
                product = count == Unit.NONE || product == 0 ? 0 : product * count;
            }
            at = unit.skipChildren(child);
        }
    }

    private static VariableType.Encoding encoding(long ate) {
        if (ate == Unit.NONE) {
            return VariableType.Encoding.OTHER;
        }
        return switch ((int) ate) {
            case ATE_ADDRESS -> VariableType.Encoding.POINTER;
            case ATE_BOOLEAN -> VariableType.Encoding.BOOLEAN;
            case ATE_FLOAT -> VariableType.Encoding.FLOAT;
            case ATE_SIGNED -> VariableType.Encoding.SIGNED;
            case ATE_SIGNED_CHAR -> VariableType.Encoding.SIGNED_CHAR;
            case ATE_UNSIGNED -> VariableType.Encoding.UNSIGNED;
            case ATE_UNSIGNED_CHAR, ATE_UTF -> VariableType.Encoding.UNSIGNED_CHAR;
            default -> VariableType.Encoding.OTHER;
        };
    }
}
