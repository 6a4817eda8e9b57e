package dev.twasm.debug;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A unit of {@code .debug_info} (DWARF 5 §7.5.1): its header, and the reading of its entries and
 * of their attribute values by class (addresses, constants, strings, references, blocks, range
 * lists, location lists) for DWARF 2 to 5.
 */
final class Unit {
    static final int AT_NAME = 0x03;
    static final int AT_LOW_PC = 0x11;
    static final int AT_HIGH_PC = 0x12;
    static final int AT_COMP_DIR = 0x1b;
    static final int AT_STMT_LIST = 0x10;
    static final int AT_RANGES = 0x55;
    static final int AT_STR_OFFSETS_BASE = 0x72;
    static final int AT_ADDR_BASE = 0x73;
    static final int AT_RNGLISTS_BASE = 0x74;
    static final int AT_LOCLISTS_BASE = 0x8c;
    static final int AT_GNU_ADDR_BASE = 0x2133;
    static final int AT_GNU_RANGES_BASE = 0x2132;

    /** No value: an absent attribute, or one of the wrong class. */
    static final long NONE = Long.MIN_VALUE;

    final DwarfSections sections;
    final long offset;
    final long end;
    final int version;
    final int addressSize;
    final int offsetSize;
    private final long firstEntry;
    private final Map<Long, Abbreviation> abbreviations;
    private final DwarfInput in;
    long baseAddress;
    private long strOffsetsBase = NONE;
    private long addrBase = NONE;
    private long rnglistsBase = NONE;
    private long loclistsBase = NONE;

    private Unit(DwarfSections sections, long offset, long end, int version, int addressSize, int offsetSize, long firstEntry,
                    Map<Long, Abbreviation> abbreviations) {
        this.sections = sections;
        this.offset = offset;
        this.end = end;
        this.version = version;
        this.addressSize = addressSize;
        this.offsetSize = offsetSize;
        this.firstEntry = firstEntry;
        this.abbreviations = abbreviations;
        this.in = new DwarfInput(sections.info, 0);
        in.limitTo(end);
    }

    /** The end of the unit whose header is at {@code offset} (where the next one starts). */
    static long endOf(byte[] info, long offset) {
        DwarfInput header = new DwarfInput(info, 0);
        header.seek(offset);
        long length = header.initialLength();
        return header.position() + length;
    }

    /** Reads the unit header at {@code offset}; abbreviation tables are shared through {@code tables}. */
    static Unit read(DwarfSections sections, long offset, Map<Long, Map<Long, Abbreviation>> tables) {
        DwarfInput header = new DwarfInput(sections.info, 0);
        header.seek(offset);
        long length = header.initialLength();
        int offsetSize = header.offsetSize;
        long end = header.position() + length;
        if (end > sections.info.length) {
            throw new DwarfFormatException("unit past the end of .debug_info");
        }
        int version = header.u16();
        if (version < 2 || version > 5) {
            throw new DwarfFormatException("unit version " + version);
        }
        long abbrevOffset;
        int addressSize;
        if (version >= 5) {
            int unitType = header.u8();
            addressSize = header.u8();
            abbrevOffset = header.unsigned(offsetSize);
            switch (unitType) {
                case 0x02, 0x06 -> header.skip(8 + offsetSize); // type units: signature, type offset
                case 0x04, 0x05 -> header.skip(8); // skeleton and split units: DWO id
                default -> {
                }
            }
        } else {
            abbrevOffset = header.unsigned(offsetSize);
            addressSize = header.u8();
        }
        if (addressSize != 4 && addressSize != 8) {
            throw new DwarfFormatException("address size " + addressSize);
        }
        Map<Long, Abbreviation> table = tables.get(abbrevOffset);
        if (table == null) {
            table = Abbreviation.readTable(sections.abbrev, abbrevOffset);
            tables.put(abbrevOffset, table);
        }
        Unit unit = new Unit(sections, offset, end, version, addressSize, offsetSize, header.position(), table);
        Die root = unit.entry(unit.firstEntry);
        if (root != null) {
            unit.strOffsetsBase = unit.constant(root, AT_STR_OFFSETS_BASE);
            unit.addrBase = unit.constant(root, AT_ADDR_BASE);
            if (unit.addrBase == NONE) {
                unit.addrBase = unit.constant(root, AT_GNU_ADDR_BASE);
            }
            unit.rnglistsBase = unit.constant(root, AT_RNGLISTS_BASE);
            unit.loclistsBase = unit.constant(root, AT_LOCLISTS_BASE);
            long low = unit.address(root, AT_LOW_PC);
            unit.baseAddress = low == NONE ? 0 : low;
        }
        return unit;
    }

    /** The unit's root entry (normally {@code DW_TAG_compile_unit}), or null. */
    Die root() {
        return entry(firstEntry);
    }

    /** The entry at offset {@code at} of {@code .debug_info}, or null for a null entry (the end of a list of children). */
    Die entry(long at) {
        in.seek(at);
        long code = in.uleb();
        if (code == 0) {
            return null;
        }
        Abbreviation abbreviation = abbreviations.get(code);
        if (abbreviation == null) {
            throw new DwarfFormatException("unknown abbreviation " + code);
        }
        int count = abbreviation.attributes().length;
        Form[] forms = abbreviation.forms().clone();
        long[] values = new long[count];
        long[] lengths = new long[count];
        for (int i = 0; i < count; i++) {
            Form form = forms[i];
            while (form == Form.INDIRECT) {
                form = Form.of(in.uleb());
                if (form == null) {
                    throw new DwarfFormatException("unknown indirect form");
                }
            }
            forms[i] = form;
            values[i] = form == Form.IMPLICIT_CONST ? abbreviation.implicitConstants()[i] : readValue(form, lengths, i);
        }
        return new Die(at, abbreviation.tag(), abbreviation.hasChildren(), in.position(), abbreviation.attributes(), forms, values, lengths);
    }

    /** The offset right after the null entry that ends the children of an entry: where the next sibling is. */
    long skipChildren(Die die) {
        if (!die.hasChildren()) {
            return die.next();
        }
        long at = die.next();
        int depth = 1;
        while (depth > 0 && at < end) {
            Die child = entry(at);
            if (child == null) {
                depth--;
                at = in.position();
            } else {
                at = child.next();
                if (child.hasChildren()) {
                    depth++;
                }
            }
        }
        return at;
    }

    /** The offset after the entry or null entry last read. */
    long position() {
        return in.position();
    }

    long firstEntry() {
        return firstEntry;
    }

    private long readValue(Form form, long[] lengths, int i) {
        return switch (form) {
            case ADDR -> in.unsigned(addressSize);
            case DATA1, REF1, FLAG, STRX1, ADDRX1 -> in.unsigned(1);
            case DATA2, REF2, STRX2, ADDRX2 -> in.unsigned(2);
            case STRX3, ADDRX3 -> in.unsigned(3);
            case DATA4, REF4, REF_SUP4, STRX4, ADDRX4 -> in.unsigned(4);
            case DATA8, REF8, REF_SIG8, REF_SUP8 -> in.unsigned(8);
            case DATA16 -> {
                in.skip(16);
                yield 0;
            }
            case SDATA -> in.sleb();
            case UDATA, REF_UDATA, STRX, ADDRX, LOCLISTX, RNGLISTX, GNU_ADDR_INDEX, GNU_STR_INDEX -> in.uleb();
            case STRP, LINE_STRP, SEC_OFFSET, STRP_SUP, GNU_REF_ALT, GNU_STRP_ALT -> in.unsigned(offsetSize);
            case REF_ADDR -> in.unsigned(version <= 2 ? addressSize : offsetSize);
            case FLAG_PRESENT -> 1;
            case STRING -> {
                long start = in.position();
                in.cString();
                yield start;
            }
            case BLOCK1, BLOCK2, BLOCK4, BLOCK, EXPRLOC -> {
                long length = switch (form) {
                    case BLOCK1 -> in.unsigned(1);
                    case BLOCK2 -> in.unsigned(2);
                    case BLOCK4 -> in.unsigned(4);
                    default -> in.uleb();
                };
                long start = in.position();
                in.skip(length);
                lengths[i] = length;
                yield start;
            }
            case IMPLICIT_CONST, INDIRECT -> throw new DwarfFormatException("unexpected form " + form);
        };
    }

    // ---- attribute values by class ------------------------------------------------------------

    /** An unsigned constant (or flag, or section offset); {@link #NONE} when absent or not a constant. */
    long constant(Die die, int attribute) {
        int i = die.find(attribute);
        return i < 0 || die.forms()[i].kind != Form.Kind.CONSTANT ? NONE : die.values()[i];
    }

    /** A signed constant: {@code DW_FORM_sdata} and {@code implicit_const} as they are, fixed-size data sign-extended from their size. */
    long signedConstant(Die die, int attribute) {
        int i = die.find(attribute);
        if (i < 0 || die.forms()[i].kind != Form.Kind.CONSTANT) {
            return NONE;
        }
        long value = die.values()[i];
        return switch (die.forms()[i]) {
            case DATA1 -> (byte) value;
            case DATA2 -> (short) value;
            case DATA4 -> (int) value;
            default -> value;
        };
    }

    /** An address ({@code DW_FORM_addr}, or an index into {@code .debug_addr}); {@link #NONE} otherwise. */
    long address(Die die, int attribute) {
        int i = die.find(attribute);
        if (i < 0 || die.forms()[i].kind != Form.Kind.ADDRESS) {
            return NONE;
        }
        return die.forms()[i] == Form.ADDR ? die.values()[i] : indexedAddress(die.values()[i]);
    }

    /** Entry {@code index} of this unit's part of {@code .debug_addr}, or {@link #NONE}. */
    long indexedAddress(long index) {
        if (sections.addr == null || addrBase == NONE || index < 0) {
            return NONE;
        }
        DwarfInput addresses = new DwarfInput(sections.addr, 0);
        addresses.seek(addrBase + index * addressSize);
        return addresses.unsigned(addressSize);
    }

    /** A string attribute, or null. */
    String string(Die die, int attribute) {
        int i = die.find(attribute);
        if (i < 0) {
            return null;
        }
        long value = die.values()[i];
        return switch (die.forms()[i]) {
            case STRING -> DwarfInput.cStringAt(sections.info, value);
            case STRP -> DwarfInput.cStringAt(sections.str, value);
            case LINE_STRP -> DwarfInput.cStringAt(sections.lineStr, value);
            case STRX, STRX1, STRX2, STRX3, STRX4, GNU_STR_INDEX -> indexedString(value);
            default -> null;
        };
    }

    private String indexedString(long index) {
        if (sections.strOffsets == null || index < 0) {
            return null;
        }
        // DWARF 5 units name their base; GNU split DWARF starts at the section's start
        long base = strOffsetsBase == NONE ? (version >= 5 ? 8 : 0) : strOffsetsBase;
        DwarfInput offsets = new DwarfInput(sections.strOffsets, 0);
        offsets.seek(base + index * offsetSize);
        return DwarfInput.cStringAt(sections.str, offsets.unsigned(offsetSize));
    }

    /** The {@code .debug_info} offset of the entry a reference attribute names, or {@link #NONE}. */
    long reference(Die die, int attribute) {
        int i = die.find(attribute);
        if (i < 0 || die.forms()[i].kind != Form.Kind.REFERENCE) {
            return NONE;
        }
        return die.forms()[i] == Form.REF_ADDR ? die.values()[i] : offset + die.values()[i];
    }

    /** A block or expression attribute as an input limited to it, or null. */
    DwarfInput block(Die die, int attribute) {
        int i = die.find(attribute);
        if (i < 0 || die.forms()[i].kind != Form.Kind.BLOCK) {
            return null;
        }
        DwarfInput block = new DwarfInput(sections.info, 0);
        block.seek(die.values()[i]);
        block.limitTo(die.values()[i] + die.lengths()[i]);
        return block;
    }

    // ---- address ranges --------------------------------------------------------------------

    /**
     * The code address ranges of an entry, as {@code [low, high)} pairs: from {@code DW_AT_low_pc}
     * and {@code DW_AT_high_pc} (an address, or a length past low_pc), or from the range list of
     * {@code DW_AT_ranges}. Empty when it has neither.
     */
    List<long[]> ranges(Die die) {
        List<long[]> ranges = new ArrayList<>();
        long low = address(die, AT_LOW_PC);
        if (low != NONE) {
            long high = address(die, AT_HIGH_PC);
            if (high == NONE) {
                long length = constant(die, AT_HIGH_PC);
                high = length == NONE ? low + 1 : low + length;
            }
            ranges.add(new long[]{low, high});
            return ranges;
        }
        int i = die.find(AT_RANGES);
        if (i < 0) {
            return ranges;
        }
        if (die.forms()[i].kind != Form.Kind.CONSTANT) {
            return ranges;
        }
        long value = die.values()[i];
        try {
            long at = die.forms()[i] == Form.RNGLISTX ? listOffset(sections.rnglists, rnglistsBase, value) : value;
            for (LocationEntry entry : readList(at, false)) {
                ranges.add(new long[]{entry.low(), entry.high()});
            }
        } catch (DwarfFormatException e) {
            // an unreadable range list: the entry has no code of its own
        }
        return ranges;
    }

    /** The section offset of list {@code index} of the DWARF 5 offset table at {@code base} of {@code section}. */
    private long listOffset(byte[] section, long base, long index) {
        if (base == NONE || section == null) {
            throw new DwarfFormatException("list index without a base");
        }
        DwarfInput table = new DwarfInput(section, 0);
        table.seek(base + index * offsetSize);
        return base + table.unsigned(offsetSize);
    }

    private long maxAddress() {
        return addressSize == 4 ? 0xFFFF_FFFFL : -1L;
    }

    /**
     * Reads a range list ({@code locations} false) or location list: DWARF 2-4 {@code .debug_ranges}
     * and {@code .debug_loc} (DWARF 4 §2.6.2, §2.17.3: address pairs, base address selections),
     * or DWARF 5 {@code .debug_rnglists} and {@code .debug_loclists} (DWARF 5 §7.7.3, §7.25: kinds
     * of entries, the same for both lists but for the location lists' default location). Range
     * list entries have a null location.
     */
    private List<LocationEntry> readList(long at, boolean locations) {
        byte[] section = version >= 5 ? (locations ? sections.loclists : sections.rnglists) : (locations ? sections.loc : sections.ranges);
        if (section == null) {
            throw new DwarfFormatException("no section for a list");
        }
        DwarfInput list = new DwarfInput(section, 0);
        list.seek(at);
        List<LocationEntry> entries = new ArrayList<>();
        long base = baseAddress;
        while (true) {
            long low;
            long high;
            if (version < 5) {
                low = list.unsigned(addressSize);
                high = list.unsigned(addressSize);
                if (low == 0 && high == 0) {
                    return entries;
                }
                if (low == maxAddress()) {
                    base = high;
                    continue;
                }
                low += base;
                high += base;
            } else {
                int kind = list.u8();
                if (locations && kind == LLE_DEFAULT_LOCATION) {
                    kind = -1;
                } else if (locations && kind > LLE_DEFAULT_LOCATION) {
                    kind--; // the location list kinds after default_location are the range list kinds
                }
                switch (kind) {
                    case 0 -> {
                        return entries;
                    }
                    case 1 -> {
                        base = indexedAddress(list.uleb());
                        continue;
                    }
                    case 2 -> {
                        low = indexedAddress(list.uleb());
                        high = indexedAddress(list.uleb());
                    }
                    case 3 -> {
                        low = indexedAddress(list.uleb());
                        high = low + list.uleb();
                    }
                    case 4 -> {
                        low = base + list.uleb();
                        high = base + list.uleb();
                    }
                    case 5 -> {
                        base = list.unsigned(addressSize);
                        continue;
                    }
                    case 6 -> {
                        low = list.unsigned(addressSize);
                        high = list.unsigned(addressSize);
                    }
                    case 7 -> {
                        low = list.unsigned(addressSize);
                        high = low + list.uleb();
                    }
                    case -1 -> {
                        low = 0;
                        high = maxAddress();
                    }
                    default -> throw new DwarfFormatException("list entry kind " + kind);
                }
            }
            Location location = locations ? expression(list, version >= 5 ? list.uleb() : list.u16()) : null;
            entries.add(new LocationEntry(low, high, location));
        }
    }

    /** {@code DW_LLE_default_location}, the one location list entry kind that range lists lack. */
    private static final int LLE_DEFAULT_LOCATION = 5;

    // ---- location lists -----------------------------------------------------------------------

    /** One entry of a location list: the location in {@code [low, high)} (null in a range list). */
    record LocationEntry(long low, long high, Location location) {
    }

    /**
     * The location list an attribute names (a section offset, or a DWARF 5 {@code loclistx}), or
     * null when the attribute is not one.
     */
    List<LocationEntry> locationList(Die die, int attribute) {
        int i = die.find(attribute);
        if (i < 0 || die.forms()[i].kind != Form.Kind.CONSTANT) {
            return null;
        }
        long value = die.values()[i];
        return readList(die.forms()[i] == Form.LOCLISTX ? listOffset(sections.loclists, loclistsBase, value) : value, true);
    }

    /** Decodes the expression of {@code length} bytes at the input's position and moves past it. */
    private Location expression(DwarfInput list, long length) {
        long start = list.position();
        int previous = list.limitTo(start + length);
        try {
            return Expressions.location(list, this);
        } finally {
            list.restoreLimit(previous);
            list.seek(start + length);
        }
    }

    /** Abbreviation tables by offset, shared by the units of one module. */
    static Map<Long, Map<Long, Abbreviation>> newTableCache() {
        return new HashMap<>();
    }
}
