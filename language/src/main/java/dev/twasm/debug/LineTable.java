package dev.twasm.debug;

import java.util.ArrayList;
import java.util.List;

/**
 * One line number program of {@code .debug_line} (DWARF 5 §6.2), run: its file names and the
 * sequences of rows its state machine emits. DWARF 2 to 5 headers are read; rows keep only what
 * {@link SourceLine} shows (address, file, line, column).
 */
final class LineTable {
    /** The file names by DWARF file number: index 0 is file 0 (DWARF 5) or unused (earlier versions, where files count from 1). */
    final List<SourceFile> files = new ArrayList<>();
    final List<Sequence> sequences = new ArrayList<>();

    /** A run of rows with increasing addresses up to {@code end}, the address of its {@code DW_LNE_end_sequence}. */
    record Sequence(long[] addresses, int[] files, int[] lines, int[] columns, long end) {
    }

    private static final int LNS_COPY = 1;
    private static final int LNS_ADVANCE_PC = 2;
    private static final int LNS_ADVANCE_LINE = 3;
    private static final int LNS_SET_FILE = 4;
    private static final int LNS_SET_COLUMN = 5;
    private static final int LNS_CONST_ADD_PC = 8;
    private static final int LNS_FIXED_ADVANCE_PC = 9;
    private static final int LNE_END_SEQUENCE = 1;
    private static final int LNE_SET_ADDRESS = 2;
    private static final int LNE_DEFINE_FILE = 3;

    private static final int LNCT_PATH = 1;
    private static final int LNCT_DIRECTORY_INDEX = 2;

    /** The file name of file number {@code index}, or null. */
    SourceFile file(long index) {
        return index >= 0 && index < files.size() ? files.get((int) index) : null;
    }

    /**
     * Reads the program at {@code offset} of {@code .debug_line}, resolving relative paths against
     * {@code compDir} (may be null).
     */
    static LineTable read(DwarfSections sections, long offset, String compDir, String unitName) {
        if (sections.line == null) {
            throw new DwarfFormatException("no .debug_line");
        }
        DwarfInput in = new DwarfInput(sections.line, 0);
        in.seek(offset);
        long length = in.initialLength();
        int offsetSize = in.offsetSize;
        long end = in.position() + length;
        int outerLimit = in.limitTo(end);
        try {
            LineTable table = new LineTable();
            int version = in.u16();
            if (version < 2 || version > 5) {
                throw new DwarfFormatException("line table version " + version);
            }
            if (version >= 5) {
                in.u8(); // address size: DW_LNE_set_address gives its own
                in.u8(); // segment selector size
            }
            long headerLength = in.unsigned(offsetSize);
            long programStart = in.position() + headerLength;
            int minimumInstructionLength = in.u8();
            int maximumOperationsPerInstruction = version >= 4 ? in.u8() : 1;
            in.u8(); // default_is_stmt: not kept, a statement row and the rows after it map alike
            int lineBase = (byte) in.u8();
            int lineRange = in.u8();
            int opcodeBase = in.u8();
            if (lineRange == 0) {
                throw new DwarfFormatException("line_range 0");
            }
            int[] standardOpcodeLengths = new int[Math.max(opcodeBase, 1)];
            for (int i = 1; i < opcodeBase; i++) {
                standardOpcodeLengths[i] = in.u8();
            }
            List<String> directories = new ArrayList<>();
            if (version >= 5) {
                readEntries(in, sections, offsetSize, (path, dir) -> directories.add(path));
                readEntries(in, sections, offsetSize, (path, dir) -> table.files.add(new SourceFile(join(directories, dir, path, compDir, true))));
            } else {
                directories.add(compDir);
                while (true) {
                    String directory = in.cString();
                    if (directory.isEmpty()) {
                        break;
                    }
                    directories.add(directory);
                }
                table.files.add(unitName == null ? null : new SourceFile(resolve(compDir, unitName)));
                while (true) {
                    String name = in.cString();
                    if (name.isEmpty()) {
                        break;
                    }
                    long dir = in.uleb();
                    in.uleb(); // modification time
                    in.uleb(); // length
                    table.files.add(new SourceFile(join(directories, dir, name, compDir, false)));
                }
            }
            in.seek(programStart);
            table.run(in, version, minimumInstructionLength, maximumOperationsPerInstruction, lineBase,
                            lineRange, opcodeBase, standardOpcodeLengths, directories, compDir);
            return table;
        } finally {
            in.restoreLimit(outerLimit);
        }
    }

    private interface EntryConsumer {
        void accept(String path, long directoryIndex);
    }

    /** A DWARF 5 directory or file name table: entry formats, then entries of those formats. */
    private static void readEntries(DwarfInput in, DwarfSections sections, int offsetSize, EntryConsumer consumer) {
        int formatCount = in.u8();
        long[] contentTypes = new long[formatCount];
        Form[] forms = new Form[formatCount];
        for (int i = 0; i < formatCount; i++) {
            contentTypes[i] = in.uleb();
            forms[i] = Form.of(in.uleb());
            if (forms[i] == null) {
                throw new DwarfFormatException("unknown form in line table header");
            }
        }
        long count = in.uleb();
        if (count > 0 && formatCount == 0 || count > in.limit() - in.position()) {
            // every entry takes at least a byte
            throw new DwarfFormatException("line table header entries past its end");
        }
        for (long n = 0; n < count; n++) {
            String path = null;
            long directory = 0;
            for (int i = 0; i < formatCount; i++) {
                Object value = headerValue(in, sections, forms[i], offsetSize);
                if (contentTypes[i] == LNCT_PATH && value instanceof String s) {
                    path = s;
                } else if (contentTypes[i] == LNCT_DIRECTORY_INDEX && value instanceof Long l) {
                    directory = l;
                }
            }
            consumer.accept(path == null ? "?" : path, directory);
        }
    }

    /** A value of a DWARF 5 line table header entry: a String for string forms, a Long for numbers, null for the rest. */
    private static Object headerValue(DwarfInput in, DwarfSections sections, Form form, int offsetSize) {
        return switch (form) {
            case STRING -> in.cString();
            case LINE_STRP -> DwarfInput.cStringAt(sections.lineStr, in.unsigned(offsetSize));
            case STRP -> DwarfInput.cStringAt(sections.str, in.unsigned(offsetSize));
            case UDATA -> in.uleb();
            case DATA1 -> in.unsigned(1);
            case DATA2 -> in.unsigned(2);
            case DATA4 -> in.unsigned(4);
            case DATA8 -> in.unsigned(8);
            case DATA16 -> {
                in.skip(16);
                yield null;
            }
            case BLOCK -> {
                in.skip(in.uleb());
                yield null;
            }
            default -> throw new DwarfFormatException("unexpected form in line table header: " + form);
        };
    }

    private static String join(List<String> directories, long index, String name, String compDir, boolean version5) {
        if (isAbsolute(name)) {
            return normalize(name);
        }
        String directory = index >= 0 && index < directories.size() ? directories.get((int) index) : null;
        if (version5 && index == 0) {
            // DWARF 5 directory 0 is the compilation directory itself
            return resolve(directory == null ? compDir : directory, name);
        }
        String path = directory == null ? name : directory + "/" + name;
        return resolve(compDir, path);
    }

    /** {@code path} against {@code directory} unless absolute, with "." segments dropped. */
    private static String resolve(String directory, String path) {
        if (isAbsolute(path) || directory == null || directory.isEmpty()) {
            return normalize(path);
        }
        return normalize(directory + "/" + path);
    }

    private static boolean isAbsolute(String path) {
        return path.startsWith("/") || path.length() > 2 && path.charAt(1) == ':' && (path.charAt(2) == '\\' || path.charAt(2) == '/');
    }

    /** Drops empty and "." segments: {@code ./build/./src/a.c} becomes {@code build/src/a.c}. */
    static String normalize(String path) {
        StringBuilder out = new StringBuilder(path.length());
        if (path.startsWith("/")) {
            out.append('/');
        }
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (!out.isEmpty() && out.charAt(out.length() - 1) != '/') {
                out.append('/');
            }
            out.append(segment);
        }
        return out.isEmpty() ? "." : out.toString();
    }

    /** Runs the line number state machine (DWARF 5 §6.2.2) over the program up to the unit's end. */
    private void run(DwarfInput in, int version, int minimumInstructionLength, int maximumOperationsPerInstruction, int lineBase, int lineRange, int opcodeBase, int[] standardOpcodeLengths, List<String> directories,
                    String compDir) {
        RowBuilder rows = new RowBuilder(version >= 5 ? 0 : 1);
        int opsPerInstruction = Math.max(1, maximumOperationsPerInstruction);
        while (!in.atEnd()) {
            int opcode = in.u8();
            if (opcode >= opcodeBase) {
                int adjusted = opcode - opcodeBase;
                rows.advance(adjusted / lineRange, minimumInstructionLength, opsPerInstruction);
                rows.line += lineBase + adjusted % lineRange;
                rows.emit();
                continue;
            }
            switch (opcode) {
                case 0 -> {
                    long length = in.uleb();
                    long next = in.position() + length;
                    if (length == 0) {
                        continue;
                    }
                    int extended = in.u8();
                    switch (extended) {
                        case LNE_END_SEQUENCE -> {
                            rows.endSequence(sequences);
                        }
                        case LNE_SET_ADDRESS -> {
                            rows.address = in.unsigned((int) Math.min(8, length - 1));
                            rows.opIndex = 0;
                        }
                        case LNE_DEFINE_FILE -> {
                            String name = in.cString();
                            long dir = in.uleb();
                            files.add(new SourceFile(join(directories, dir, name, compDir, false)));
                        }
                        default -> {
                        }
                    }
                    in.seek(next);
                }
                case LNS_COPY -> rows.emit();
                case LNS_ADVANCE_PC -> rows.advance(in.uleb(), minimumInstructionLength, opsPerInstruction);
                case LNS_ADVANCE_LINE -> rows.line += in.sleb();
                case LNS_SET_FILE -> rows.file = in.uleb();
                case LNS_SET_COLUMN -> rows.column = in.uleb();
                case LNS_CONST_ADD_PC -> rows.advance((255 - opcodeBase) / lineRange, minimumInstructionLength, opsPerInstruction);
                case LNS_FIXED_ADVANCE_PC -> {
                    rows.address += in.u16();
                    rows.opIndex = 0;
                }
                default -> {
                    // negate_stmt, set_basic_block, set_prologue_end, set_epilogue_begin, set_isa
                    // and opcodes of later versions: skip their operands
                    int operands = opcode < standardOpcodeLengths.length ? standardOpcodeLengths[opcode] : 0;
                    for (int i = 0; i < operands; i++) {
                        in.uleb();
                    }
                }
            }
        }
    }

    /** The state machine's registers and the rows of the sequence being built. */
    private static final class RowBuilder {
        private final long initialFile;
        long address;
        long opIndex;
        long file;
        long line = 1;
        long column;
        private long[] addresses = new long[16];
        private int[] rowFiles = new int[16];
        private int[] rowLines = new int[16];
        private int[] rowColumns = new int[16];
        private int count;

        RowBuilder(long initialFile) {
            this.initialFile = initialFile;
            this.file = initialFile;
        }

        void advance(long operationAdvance, int minimumInstructionLength, int opsPerInstruction) {
            if (opsPerInstruction == 1) {
                address += minimumInstructionLength * operationAdvance;
            } else {
                long ops = opIndex + operationAdvance;
                address += minimumInstructionLength * (ops / opsPerInstruction);
                opIndex = ops % opsPerInstruction;
            }
        }

        void emit() {
            if (count == addresses.length) {
                addresses = java.util.Arrays.copyOf(addresses, count * 2);
                rowFiles = java.util.Arrays.copyOf(rowFiles, count * 2);
                rowLines = java.util.Arrays.copyOf(rowLines, count * 2);
                rowColumns = java.util.Arrays.copyOf(rowColumns, count * 2);
            }
            addresses[count] = address;
            rowFiles[count] = (int) Math.min(file, Integer.MAX_VALUE);
            rowLines[count] = (int) Math.max(0, Math.min(line, Integer.MAX_VALUE));
            rowColumns[count] = (int) Math.max(0, Math.min(column, Integer.MAX_VALUE));
            count++;
        }

        /** Ends the sequence at the current address and resets the registers. */
        void endSequence(List<Sequence> sequences) {
            if (count > 0 && isOrdered()) {
                sequences.add(new Sequence(java.util.Arrays.copyOf(addresses, count), java.util.Arrays.copyOf(rowFiles, count),
                                java.util.Arrays.copyOf(rowLines, count), java.util.Arrays.copyOf(rowColumns, count), address));
            }
            count = 0;
            address = 0;
            opIndex = 0;
            file = initialFile;
            line = 1;
            column = 0;
        }

        /** Whether the rows' addresses never decrease up to the end (a sequence's must not; others are dropped as malformed). */
        private boolean isOrdered() {
            for (int i = 1; i < count; i++) {
                if (Long.compareUnsigned(addresses[i - 1], addresses[i]) > 0) {
                    return false;
                }
            }
            return Long.compareUnsigned(addresses[count - 1], address) <= 0;
        }
    }
}
