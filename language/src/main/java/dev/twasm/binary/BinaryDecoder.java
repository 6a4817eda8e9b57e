package dev.twasm.binary;

import dev.twasm.exception.MalformedModuleException;
import dev.twasm.model.CustomSection;
import dev.twasm.model.Export;
import dev.twasm.model.Expr;
import dev.twasm.model.ExternKind;
import dev.twasm.model.Function;
import dev.twasm.model.Global;
import dev.twasm.model.Import;
import dev.twasm.model.ImportDesc;
import dev.twasm.model.Features;
import dev.twasm.model.Module;
import dev.twasm.model.Names;
import dev.twasm.model.ValType;

import java.util.ArrayList;
import java.util.Arrays;
import dev.twasm.model.TableType;
import java.util.List;

/**
 * Decodes a module in the binary format (spec §5 "Binary Format", Wasm 2.0) into a {@link Module}.
 *
 * <p>The module is the magic and version followed by sections (spec §5.5.16): each non-custom
 * section at most once and in the order of {@link SectionId}, custom sections anywhere. Every
 * instruction of every function body and constant expression is decoded here ({@link ExprDecoder}),
 * so a module that decodes has well-formed code; validation (spec §3) is a separate stage.
 *
 * <p>Error messages are the reference interpreter's, which the official {@code assert_malformed}
 * tests expect. To report the same error for the same input, contents are read the way the
 * reference interpreter reads them: up to the end of the module rather than of the enclosing
 * section or function, checking each declared size afterwards ("section size mismatch"), and the
 * consistency of function and code sections and of data count and data sections once all sections
 * are read. Every length is checked against the bytes left before anything is allocated
 * ({@link BinaryInput#readLength}), and nothing recurses on the input, so any byte array decodes in
 * linear time to a module or a {@link MalformedModuleException}.
 */
public final class BinaryDecoder {
    /** {@code \0asm} as a little-endian u32: the first word of a core module and of a component. */
    public static final int MAGIC = 0x6D73_6100;
    private static final int VERSION = 1;
    /** The version word of a component (component model: version 0x0d, layer 1), which is not a core module. */
    public static final int COMPONENT_VERSION = 0x0001000d;
    /**
     * An implementation limit on the locals a function may declare (spec §A.4 allows limits). Like
     * V8's, it keeps a lying local count from exhausting memory when locals are expanded.
     */
    public static final int MAX_LOCALS = 50_000;

    private final BinaryInput in;
    private final Features features;
    private final ExprDecoder exprs;
    private final SegmentDecoder segments;
    private final Module.Builder module = Module.builder();
    private final List<Integer> functionTypeIndices = new ArrayList<>();
    private final List<Code> codes = new ArrayList<>();
    private boolean codeReferencesDataSegment;
    private long dataCount = -1;
    private int dataSegmentCount;
    private Names names;
    /** The last non-custom section before the one being read ({@code CUSTOM}: none yet), which places custom sections. */
    private SectionId lastSection = SectionId.CUSTOM;

    /**
     * {@code table ::= tt:tabletype | 0x40 0x00 tt:tabletype e:expr} (spec 3.0 §5.5.6): a table
     * whose elements start as the value of {@code e} instead of null. 0x40 is no reference type,
     * so the two forms cannot be confused.
     */
    private void table() {
        if (in.peekByte() == ModuleEncoder.TABLE_WITH_INIT) {
            in.readByte();
            int at = in.index();
            if (in.readByte() != 0x00) {
                throw in.malformedAt("malformed table", at);
            }
            TableType type = TypeDecoder.tableType(in, features);
            module.addTable(type, exprs.read(in));
        } else {
            module.addTable(TypeDecoder.tableType(in, features));
        }
    }

    /** A code section entry (spec §5.5.13): a function's declared locals and its body. */
    private record Code(ValType[] locals, Expr body) {
    }

    private BinaryDecoder(byte[] bytes, Features features) {
        this.in = new BinaryInput(bytes);
        this.features = features;
        this.exprs = new ExprDecoder(features);
        this.segments = new SegmentDecoder(exprs);
    }

    /** Decodes a complete binary module with Wasm 2.0's rules; throws {@link MalformedModuleException} on any error. */
    public static Module decode(byte[] bytes) {
        return decode(bytes, Features.WASM_2_0);
    }

    /** Decodes a complete binary module accepting what {@code features} allow. */
    public static Module decode(byte[] bytes, Features features) {
        return new BinaryDecoder(bytes, features).module();
    }

    private Module module() {
        if (readWord() != MAGIC) {
            throw new MalformedModuleException("magic header not detected", 0);
        }
        int version = readWord();
        if (version == COMPONENT_VERSION) {
            // Component-model binaries share the magic and differ in the version word: say what the file is.
            throw new MalformedModuleException("unknown binary version: this is a WebAssembly component (component model, version 0x0d, layer 1),"
                            + " and twasm runs core modules only so far", 4);
        }
        if (version != VERSION) {
            throw new MalformedModuleException("unknown binary version", 4);
        }
        SectionId last = SectionId.CUSTOM;
        while (!in.atEnd()) {
            int idOffset = in.index();
            SectionId section = SectionId.fromId(in.readByte());
            if (section == null || section == SectionId.TAG && !features.exceptionHandling()) {
                throw new MalformedModuleException("malformed section id", idOffset);
            }
            if (section != SectionId.CUSTOM) {
                if (!last.mayBeFollowedBy(section)) {
                    throw new MalformedModuleException("unexpected content after last section", idOffset);
                }
                last = section;
            }
            int size = in.readLength();
            int start = in.index();
            lastSection = last;
            // Wasm 3.0 reads a section's constant expressions within the section (2.0 reads on, and
            // reports what it finds past the end); function bodies have sizes of their own
            exprs.limitTo(features.memory64() && section != SectionId.CODE ? start + size : -1);
            readSection(section, size);
            requireSize(start, size);
        }
        return finish();
    }

    /** The section's contents must end exactly where its size says. */
    private void requireSize(int start, int size) {
        if (in.index() != start + size) {
            throw new MalformedModuleException("section size mismatch", start);
        }
    }

    private int readWord() {
        int word = 0;
        for (int i = 0; i < 4; i++) {
            word |= in.readByte() << 8 * i;
        }
        return word;
    }

    private void readSection(SectionId section, int size) {
        switch (section) {
            case CUSTOM -> customSection(size);
            case TYPE -> repeat(() -> {
                if (features.functionReferences()) {
                    module.addRecGroup(TypeDecoder.recType(in));
                } else {
                    module.addType(TypeDecoder.funcType(in));
                }
            });
            case IMPORT -> repeat(() -> module.addImport(importEntry()));
            case FUNCTION -> repeat(() -> functionTypeIndices.add(in.readIndex()));
            case TABLE -> repeat(this::table);
            case MEMORY -> repeat(() -> module.addMemory(TypeDecoder.memoryType(in, features)));
            case TAG -> repeat(() -> module.addTag(tagType(in)));
            case GLOBAL -> repeat(() -> module.addGlobal(new Global(TypeDecoder.globalType(in), exprs.read(in))));
            case EXPORT -> repeat(() -> module.addExport(exportEntry()));
            case START -> module.start(in.readIndex());
            case ELEMENT -> repeat(() -> module.addElem(segments.elem(in)));
            case DATA_COUNT -> dataCount = in.readU32();
            case CODE -> {
                module.codeSectionOffset(in.index());
                repeat(() -> codes.add(codeEntry()));
            }
            case DATA -> repeat(() -> {
                module.addData(segments.data(in));
                dataSegmentCount++;
            });
        }
    }

    /** Reads {@code vec(entry)} (spec §5.1.3). */
    private void repeat(Runnable entry) {
        int count = in.readLength();
        for (int i = 0; i < count; i++) {
            entry.run();
        }
    }

    /** {@code customsec ::= section_0(name byte*)} (spec §5.5.3); the name section also gives {@link Names}. */
    private void customSection(int size) {
        int start = in.index();
        String name = in.readName();
        byte[] contents = in.readBytes(size - (in.index() - start));
        int placement = lastSection == SectionId.CUSTOM ? CustomSection.FIRST : CustomSection.after(lastSection.textName);
        module.addCustomSection(new CustomSection(name, contents, placement));
        if (name.equals(NameSectionDecoder.SECTION_NAME) && names == null) {
            names = NameSectionDecoder.decode(contents);
        }
    }

    /** {@code import ::= name name importdesc} (spec §5.5.5). */
    private Import importEntry() {
        String moduleName = in.readName();
        String name = in.readName();
        return new Import(moduleName, name, importDesc(in, features));
    }

    /**
     * {@code importdesc} (spec 3.0 §5.5.5): a kind byte (0 func, 1 table, 2 memory, 3 global, 4
     * tag, the last only with exception handling) and the description of that kind. Shared with
     * the component decoder through {@link CoreTypeReader}.
     */
    static ImportDesc importDesc(BinaryInput in, Features features) {
        return switch (externKind(in, features, "malformed import kind")) {
            case FUNC -> new ImportDesc.Func(in.readIndex());
            case TABLE -> new ImportDesc.Table(TypeDecoder.tableType(in, features));
            case MEMORY -> new ImportDesc.Memory(TypeDecoder.memoryType(in, features));
            case GLOBAL -> new ImportDesc.Global(TypeDecoder.globalType(in));
            case TAG -> new ImportDesc.Tag(tagType(in));
        };
    }

    /** {@code export ::= name exportdesc} (spec §5.5.10). */
    private Export exportEntry() {
        String name = in.readName();
        ExternKind kind = externKind("malformed export kind");
        return new Export(name, kind, in.readIndex());
    }

    /**
     * {@code tagtype ::= 0x00 typeidx} (exception handling, spec §5.5.9): the attribute byte is
     * reserved, only exceptions exist.
     */
    private static int tagType(BinaryInput in) {
        if (in.readByte() != 0x00) {
            throw in.malformedAt("malformed tag attribute", in.index() - 1);
        }
        return in.readIndex();
    }

    /** The kind byte of an import or export description: 0 func, 1 table, 2 memory, 3 global, 4 tag. */
    private ExternKind externKind(String malformed) {
        return externKind(in, features, malformed);
    }

    private static ExternKind externKind(BinaryInput in, Features features, String malformed) {
        int b = in.readByte();
        if (b >= ExternKind.values().length || b == ExternKind.TAG.ordinal() && !features.exceptionHandling()) {
            throw in.malformedAt(malformed, in.index() - 1);
        }
        return ExternKind.values()[b];
    }

    /** {@code code ::= size:u32 func}, {@code func ::= vec(locals) expr} (spec §5.5.13). */
    private Code codeEntry() {
        int size = in.readLength();
        int start = in.index();
        ValType[] locals = locals();
        Expr body = exprs.read(in);
        codeReferencesDataSegment |= exprs.referencesDataSegment();
        requireSize(start, size);
        return new Code(locals, body);
    }

    /** {@code locals ::= n:u32 t:valtype}, expanded to {@code t^n}. */
    private ValType[] locals() {
        int start = in.index();
        int groups = in.readLength();
        long[] counts = new long[groups];
        ValType[] types = new ValType[groups];
        long total = 0;
        for (int i = 0; i < groups; i++) {
            counts[i] = in.readU32();
            types[i] = Types.readValType(in);
            total += counts[i];
        }
        if (total > MAX_LOCALS) {
            throw new MalformedModuleException("too many locals", start);
        }
        ValType[] locals = new ValType[(int) total];
        int next = 0;
        for (int i = 0; i < groups; i++) {
            Arrays.fill(locals, next, next + (int) counts[i], types[i]);
            next += (int) counts[i];
        }
        return locals;
    }

    /** The checks that need all sections (spec §5.5.16), in the reference interpreter's order. */
    private Module finish() {
        int end = in.index();
        if (functionTypeIndices.size() != codes.size()) {
            throw new MalformedModuleException("function and code section have inconsistent lengths", end);
        }
        if (dataCount >= 0 && dataCount != dataSegmentCount) {
            throw new MalformedModuleException("data count and data section have inconsistent lengths", end);
        }
        if (dataCount < 0 && codeReferencesDataSegment) {
            throw new MalformedModuleException("data count section required", end);
        }
        for (int i = 0; i < codes.size(); i++) {
            Code code = codes.get(i);
            module.addFunction(new Function(functionTypeIndices.get(i), code.locals(), code.body()));
        }
        if (dataCount >= 0) {
            module.dataCount((int) dataCount);
        }
        module.names(names == null ? Names.NONE : names);
        return module.build();
    }
}
