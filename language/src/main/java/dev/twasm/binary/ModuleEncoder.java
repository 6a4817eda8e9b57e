package dev.twasm.binary;

import dev.twasm.model.AddressType;
import dev.twasm.model.ArrayType;
import dev.twasm.model.CustomSection;
import dev.twasm.model.DataSegment;
import dev.twasm.model.ElemSegment;
import dev.twasm.model.Export;
import dev.twasm.model.Expr;
import dev.twasm.model.FieldType;
import dev.twasm.model.FuncType;
import dev.twasm.model.Function;
import dev.twasm.model.Global;
import dev.twasm.model.GlobalType;
import dev.twasm.model.Import;
import dev.twasm.model.ImportDesc;
import dev.twasm.model.Limits;
import dev.twasm.model.MemoryType;
import dev.twasm.model.Module;
import dev.twasm.model.Names;
import dev.twasm.model.SegmentMode;
import dev.twasm.model.StructType;
import dev.twasm.model.SubType;
import dev.twasm.model.TableType;
import dev.twasm.model.ValType;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Encodes a {@link Module} in the binary format (spec §5), the inverse of {@link BinaryDecoder}:
 * for a module {@code m} the decoder produced, {@code decode(encode(m))} equals {@code m} field by
 * field (expression offsets aside, which are positions in the new bytes). A module from the text
 * format comes back with what its binary form adds: the generated name section among the custom
 * sections, and a data count if its code needed one.
 *
 * <p>Sections are written in the spec's order and omitted when empty; custom sections where their
 * {@link CustomSection#placement()} puts them (next to the section they followed in a decoded
 * binary, where a text module's {@code @custom} annotation says, else last), in their order in
 * the model within one place. When the module has no {@code name} custom section but has
 * {@link Names} (from a text module's identifiers), a name section is generated from them. A data
 * count section is written when the model has a data count, or when a function body uses a data
 * index, which the binary format requires (spec §5.5.15). Element segments use function-index
 * encodings when every item is a canonical {@code ref.func} ({@link RefFuncItem}).
 */
public final class ModuleEncoder {
    private static final byte[] HEADER = {0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00};

    private final BinaryOutput out = new BinaryOutput(256);

    private ModuleEncoder() {
    }

    /** The binary encoding of {@code module}. */
    public static byte[] encode(Module module) {
        return new ModuleEncoder().module(module);
    }

    /** The first byte of a table entry with an initializer expression (spec 3.0 §5.5.6). */
    static final int TABLE_WITH_INIT = 0x40;
    /** The bytes of {@code rec}, {@code sub}, {@code sub final}, structure and array types (spec 3.0 §5.3.7–8). */
    private static final int REC = 0x4E;
    private static final int SUB = 0x50;
    private static final int SUB_FINAL = 0x4F;
    private static final int STRUCT_TYPE = 0x5F;
    private static final int ARRAY_TYPE = 0x5E;

    private byte[] module(Module m) {
        out.writeBytes(HEADER);
        customSections(m, CustomSection.FIRST);
        placed(m, "type", () -> vectorSection(SectionId.TYPE, Arrays.stream(m.recGroupStarts()).boxed().toList(), (s, start) -> recType(s, m, start)));
        placed(m, "import", () -> vectorSection(SectionId.IMPORT, m.imports(), this::importEntry));
        placed(m, "func", () -> vectorSection(SectionId.FUNCTION, m.functions(), (s, f) -> s.writeU32(f.typeIndex())));
        placed(m, "table", () -> vectorSection(SectionId.TABLE, indices(m.tables().size()), (s, i) -> table(s, m.tables().get(i), m.tableInit(i))));
        placed(m, "memory", () -> vectorSection(SectionId.MEMORY, m.memories(), ModuleEncoder::memoryType));
        placed(m, "tag", () -> vectorSection(SectionId.TAG, m.tags(), ModuleEncoder::tagType));
        placed(m, "global", () -> vectorSection(SectionId.GLOBAL, m.globals(), this::global));
        placed(m, "export", () -> vectorSection(SectionId.EXPORT, m.exports(),
                        (s, e) -> s.writeName(e.name()).writeByte(e.kind().ordinal()).writeU32(e.index())));
        placed(m, "start", () -> {
            if (m.start().isPresent()) {
                section(SectionId.START, s -> s.writeU32(m.start().getAsInt()));
            }
        });
        placed(m, "elem", () -> vectorSection(SectionId.ELEMENT, m.elems(), this::elem));
        placed(m, "datacount", () -> {
            if (m.dataCount().isPresent() || usesDataIndex(m)) {
                long count = m.dataCount().isPresent() ? Integer.toUnsignedLong(m.dataCount().getAsInt()) : m.datas().size();
                section(SectionId.DATA_COUNT, s -> s.writeU32(count));
            }
        });
        placed(m, "code", () -> vectorSection(SectionId.CODE, m.functions(), this::code));
        placed(m, "data", () -> vectorSection(SectionId.DATA, m.datas(), this::data));
        customSections(m, CustomSection.LAST);
        boolean hasNameSection = false;
        for (CustomSection c : m.customSections()) {
            hasNameSection |= c.name().equals(NameSectionDecoder.SECTION_NAME);
        }
        if (!hasNameSection && !isEmpty(m.names())) {
            customSection(NameSectionDecoder.SECTION_NAME, nameSection(m.names()).toByteArray());
        }
        return out.toByteArray();
    }

    // ---- sections ---------------------------------------------------------------------------

    private void section(SectionId id, Consumer<BinaryOutput> contents) {
        BinaryOutput s = new BinaryOutput();
        contents.accept(s);
        out.writeByte(id.id).writeSized(s);
    }

    /** A section holding {@code vec(entry)}; omitted when there are no entries. */
    private <T> void vectorSection(SectionId id, List<T> entries, BiConsumer<BinaryOutput, T> writer) {
        if (entries.isEmpty()) {
            return;
        }
        section(id, s -> {
            s.writeU32(entries.size());
            for (T entry : entries) {
                writer.accept(s, entry);
            }
        });
    }

    /** Writes a non-custom section with the custom sections placed before and after it. */
    private void placed(Module m, String section, Runnable writer) {
        customSections(m, CustomSection.before(section));
        writer.run();
        customSections(m, CustomSection.after(section));
    }

    /** The custom sections of {@code slot} ({@link CustomSection#placement()}), in module order. */
    private void customSections(Module m, int slot) {
        for (CustomSection c : m.customSections()) {
            if (c.placement() == slot) {
                customSection(c.name(), c.contents());
            }
        }
    }

    private void customSection(String name, byte[] contents) {
        section(SectionId.CUSTOM, s -> s.writeName(name).writeBytes(contents));
    }

    // ---- types ------------------------------------------------------------------------------

    /** {@code rectype} (spec 3.0 §5.3.8): a group of one without {@code rec}, a plain sub type as its composite type alone. */
    private static void recType(BinaryOutput s, Module m, int start) {
        int size = m.recGroupSize(start);
        if (size > 1) {
            s.writeByte(REC);
            s.writeU32(size);
        }
        for (int i = start; i < start + size; i++) {
            subType(s, m.types().get(i));
        }
    }

    private static void subType(BinaryOutput s, SubType type) {
        if (!type.isPlain()) {
            s.writeByte(type.isFinal() ? SUB_FINAL : SUB);
            s.writeU32(type.supertypes().length);
            for (int t : type.supertypes()) {
                s.writeU32(t);
            }
        }
        switch (type.composite()) {
            case FuncType f -> {
                s.writeByte(Types.FUNC_TYPE);
                valTypes(s, f.params());
                valTypes(s, f.results());
            }
            case StructType st -> {
                s.writeByte(STRUCT_TYPE);
                s.writeU32(st.fields().size());
                for (FieldType f : st.fields()) {
                    fieldType(s, f);
                }
            }
            case ArrayType a -> {
                s.writeByte(ARRAY_TYPE);
                fieldType(s, a.element());
            }
        }
    }

    private static void fieldType(BinaryOutput s, FieldType f) {
        if (f.packed() != null) {
            s.writeByte(f.packed() == FieldType.PackedType.I8 ? 0x78 : 0x77);
        } else {
            Types.write(s, f.valType());
        }
        s.writeByte(f.mutable() ? 1 : 0);
    }

    private static void valTypes(BinaryOutput s, ValType[] types) {
        s.writeU32(types.length);
        for (ValType t : types) {
            Types.write(s, t);
        }
    }

    /**
     * Limits with their flags (spec 3.0 §5.3.7): bit 0 for a maximum, bit 1 for a {@code shared}
     * memory (threads), bit 2 for the {@code i64} address type; 2.0's encoding for an unshared
     * {@code i32} memory or table.
     */
    private static void limits(BinaryOutput s, AddressType addressType, Limits limits, boolean shared) {
        int flags = (limits.hasMax() ? TypeDecoder.LIMITS_HAS_MAX : 0) | (shared ? TypeDecoder.LIMITS_SHARED : 0)
                        | (addressType.is64() ? TypeDecoder.LIMITS_I64 : 0);
        s.writeByte(flags).writeU32(limits.min());
        if (limits.hasMax()) {
            s.writeU32(limits.max());
        }
    }

    /** {@code memtype ::= addrtype limits} (spec 3.0 §5.3.8), the limits' flags saying whether it is shared. */
    private static void memoryType(BinaryOutput s, MemoryType type) {
        limits(s, type.addressType(), type.limits(), type.shared());
    }

    private void tableType(BinaryOutput s, TableType type) {
        Types.write(s, type.elemType());
        limits(s, type.addressType(), type.limits(), false);
    }

    private static void globalType(BinaryOutput s, GlobalType type) {
        Types.write(s, type.valType());
        s.writeByte(type.mutable() ? 1 : 0);
    }

    /** {@code tagtype ::= 0x00 typeidx}: the attribute byte 0 is an exception. */
    private static void tagType(BinaryOutput s, int typeIndex) {
        s.writeByte(0x00).writeU32(typeIndex);
    }

    // ---- entries ----------------------------------------------------------------------------

    private void importEntry(BinaryOutput s, Import imp) {
        s.writeName(imp.module()).writeName(imp.name()).writeByte(imp.kind().ordinal());
        switch (imp.desc()) {
            case ImportDesc.Func f -> s.writeU32(f.typeIndex());
            case ImportDesc.Table t -> tableType(s, t.type());
            case ImportDesc.Memory mem -> memoryType(s, mem.type());
            case ImportDesc.Global g -> globalType(s, g.type());
            case ImportDesc.Tag t -> tagType(s, t.typeIndex());
        }
    }

    /** {@code table ::= tabletype | 0x40 0x00 tabletype expr} (spec 3.0 §5.5.6): the second form when the table has an initializer. */
    private void table(BinaryOutput s, TableType type, Expr init) {
        if (init != null) {
            s.writeByte(TABLE_WITH_INIT).writeByte(0x00);
        }
        tableType(s, type);
        if (init != null) {
            s.writeBytes(init.code());
        }
    }

    private static List<Integer> indices(int n) {
        return java.util.stream.IntStream.range(0, n).boxed().toList();
    }

    private void global(BinaryOutput s, Global global) {
        globalType(s, global.type());
        s.writeBytes(global.init().code());
    }

    /** Chooses among the eight element segment encodings (spec §5.5.12) the one that fits. */
    private void elem(BinaryOutput s, ElemSegment e) {
        // function indices decode as (ref func) (spec 3.0 §5.5.12), so only segments of that type use them
        boolean funcIndices = e.elemType() == ElemSegment.FUNCTION_INDICES;
        for (Expr item : e.items()) {
            funcIndices &= RefFuncItem.indexOf(item) >= 0;
        }
        int flags = funcIndices ? 0 : 4;
        boolean implicitTable = e.mode() == SegmentMode.ACTIVE && e.tableIndex() == 0
                        && (funcIndices || e.elemType() == ValType.FUNCREF);
        switch (e.mode()) {
            case ACTIVE -> flags |= implicitTable ? 0 : 2;
            case PASSIVE -> flags |= 1;
            case DECLARATIVE -> flags |= 3;
        }
        s.writeByte(flags);
        if (e.mode() == SegmentMode.ACTIVE) {
            if (!implicitTable) {
                s.writeU32(e.tableIndex());
            }
            s.writeBytes(e.offset().code());
        }
        if (!implicitTable) {
            if (funcIndices) {
                s.writeByte(0x00);
            } else {
                Types.write(s, e.elemType());
            }
        }
        s.writeU32(e.items().length);
        for (Expr item : e.items()) {
            if (funcIndices) {
                s.writeU32(RefFuncItem.indexOf(item));
            } else {
                s.writeBytes(item.code());
            }
        }
    }

    private void code(BinaryOutput s, Function f) {
        BinaryOutput func = new BinaryOutput(f.body().code().length + 8);
        ValType[] locals = f.locals();
        int groups = 0;
        for (int i = 0; i < locals.length; i++) {
            if (i == 0 || !locals[i].equals(locals[i - 1])) {
                groups++;
            }
        }
        func.writeU32(groups);
        for (int i = 0; i < locals.length;) {
            int run = 1;
            while (i + run < locals.length && locals[i + run].equals(locals[i])) {
                run++;
            }
            func.writeU32(run);
            Types.write(func, locals[i]);
            i += run;
        }
        func.writeBytes(f.body().code());
        s.writeSized(func);
    }

    private void data(BinaryOutput s, DataSegment d) {
        if (d.mode() == SegmentMode.PASSIVE) {
            s.writeByte(1);
        } else if (d.memoryIndex() == 0) {
            s.writeByte(0).writeBytes(d.offset().code());
        } else {
            s.writeByte(2).writeU32(d.memoryIndex()).writeBytes(d.offset().code());
        }
        s.writeU32(d.bytes().length).writeBytes(d.bytes());
    }

    /**
     * Whether a function body uses {@code memory.init} or {@code data.drop}. Bodies must be
     * well-formed, as the decoder and the text parser produce them.
     */
    private static boolean usesDataIndex(Module m) {
        ExprDecoder exprs = new ExprDecoder();
        for (Function f : m.functions()) {
            exprs.read(new BinaryInput(f.body().code()));
            if (exprs.referencesDataSegment()) {
                return true;
            }
        }
        return false;
    }

    // ---- names ------------------------------------------------------------------------------

    private static boolean isEmpty(Names names) {
        return names.moduleName() == null && names.functionNames().isEmpty() && names.localNames().isEmpty();
    }

    /** The name section (spec §7.4.1): subsections 0, 1 and 2, name maps in increasing index order. */
    private static BinaryOutput nameSection(Names names) {
        BinaryOutput s = new BinaryOutput();
        if (names.moduleName() != null) {
            s.writeByte(NameSectionDecoder.MODULE_NAME).writeSized(new BinaryOutput().writeName(names.moduleName()));
        }
        if (!names.functionNames().isEmpty()) {
            s.writeByte(NameSectionDecoder.FUNCTION_NAMES).writeSized(nameMap(new BinaryOutput(), names.functionNames()));
        }
        if (!names.localNames().isEmpty()) {
            BinaryOutput sub = new BinaryOutput();
            sub.writeU32(names.localNames().size());
            new TreeMap<>(names.localNames()).forEach((func, locals) -> nameMap(sub.writeU32(func), locals));
            s.writeByte(NameSectionDecoder.LOCAL_NAMES).writeSized(sub);
        }
        return s;
    }

    private static BinaryOutput nameMap(BinaryOutput s, Map<Integer, String> map) {
        s.writeU32(map.size());
        new TreeMap<>(map).forEach((index, name) -> s.writeU32(index).writeName(name));
        return s;
    }
}
