package dev.twasm.launcher;

import dev.twasm.binary.BinaryInput;
import dev.twasm.component.Component;
import dev.twasm.component.ComponentDecoder;
import dev.twasm.component.WorldDescription;
import dev.twasm.exception.ModuleException;
import dev.twasm.model.Export;
import dev.twasm.model.Import;
import dev.twasm.model.ImportDesc;
import dev.twasm.model.Limits;
import dev.twasm.model.Module;
import dev.twasm.model.TableType;
import dev.twasm.validation.Validator;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code wasm inspect FILE}: what a module declares (spec §2.5): imports, exports, functions,
 * memories, tables, globals, the start function, segments and custom sections, and for a binary
 * module its sections (spec §5.5.2) with offsets and sizes. Uses the plain-Java stages only; the
 * module is validated first so that every index it shows is meaningful.
 */
final class InspectCommand implements Command {
    static final String HELP = """
                    Usage: wasm inspect [OPTIONS] FILE

                    Shows what module FILE (.wasm or .wat) declares: imports, exports, functions, memories,
                    tables, globals, start function, segments, custom sections and, for a binary module,
                    its sections with their offsets and sizes. Memories, tables and globals are numbered
                    in their index spaces (imports first). For a component (component model), its
                    imports and exports in WIT terms.
                    """;

    /** Section names by id (spec §5.5.2). */
    private static final String[] SECTION_NAMES = {"custom", "type", "import", "function", "table", "memory", "global", "export", "start",
                    "element", "code", "data", "datacount"};

    private final String file;

    private InspectCommand(String file) {
        this.file = file;
    }

    static InspectCommand parse(Arguments args) {
        String file = null;
        while (args.hasNext()) {
            if (args.atOption()) {
                args.common();
            } else if (file != null) {
                throw Failure.usage("'inspect' takes one module file (see: wasm help inspect)");
            } else {
                file = args.next();
            }
        }
        if (file == null) {
            throw Failure.usage("'inspect' needs a module file (see: wasm help inspect)");
        }
        return new InspectCommand(file);
    }

    @Override
    public int execute(Invocation invocation) {
        ModuleFile moduleFile = ModuleFile.read(file);
        if (moduleFile.binary() && ComponentDecoder.isComponent(moduleFile.bytes())) {
            return inspectComponent(invocation.out(), moduleFile);
        }
        Module module;
        try {
            module = moduleFile.decode();
            Validator.analyze(module, ModuleFile.FEATURES);
        } catch (ModuleException e) {
            throw Failure.of(file + ": " + e.getMessage());
        }
        PrintStream out = invocation.out();
        out.printf("%s: %s module, %d bytes%n", file, moduleFile.format(), moduleFile.bytes().length);
        if (module.names().moduleName() != null) {
            out.println("name: " + module.names().moduleName());
        }
        list(out, "imports", module.imports().stream().map(i -> describe(module, i)).toList());
        list(out, "exports", module.exports().stream().map(e -> describe(module, e)).toList());
        out.printf("functions: %d (%d imported, %d defined), %d types%n", module.functionCount(), module.importedFunctionCount(),
                        module.functions().size(), module.types().size());
        List<String> memories = new ArrayList<>();
        for (int i = 0; i < module.memoryCount(); i++) {
            memories.add(i + ": " + pages(module.memoryType(i).limits()) + imported(i < module.importedMemoryCount()));
        }
        list(out, "memories", memories);
        List<String> tables = new ArrayList<>();
        for (int i = 0; i < module.tableCount(); i++) {
            TableType type = module.tableType(i);
            tables.add(i + ": " + type.elemType() + ", " + elements(type.limits()) + imported(i < module.importedTableCount()));
        }
        list(out, "tables", tables);
        List<String> globals = new ArrayList<>();
        for (int i = 0; i < module.globalCount(); i++) {
            globals.add(i + ": " + module.globalType(i) + imported(i < module.importedGlobalCount()));
        }
        list(out, "globals", globals);
        out.println("start: " + (module.start().isPresent() ? "function " + module.start().getAsInt() + " (" + module.functionDisplayName(module.start().getAsInt()) + ")" : "none"));
        out.printf("element segments: %d, data segments: %d%n", module.elems().size(), module.datas().size());
        list(out, "custom sections", module.customSections().stream().map(c -> "\"" + c.name() + "\", " + c.contents().length + " bytes").toList());
        if (moduleFile.binary()) {
            list(out, "sections", sections(moduleFile.bytes()));
        }
        return 0;
    }

    /** A component (component model): its world in WIT terms, its core modules and nested components. */
    private int inspectComponent(PrintStream out, ModuleFile moduleFile) {
        Component component;
        try {
            component = ComponentDecoder.decode(moduleFile.bytes());
        } catch (ModuleException e) {
            throw Failure.of(file + ": " + e.getMessage());
        }
        out.printf("%s: component (component model, WASI preview 2), %d bytes%n", file, moduleFile.bytes().length);
        for (String line : WorldDescription.of(component)) {
            out.println(line);
        }
        out.printf("core modules: %d, nested components: %d, canonical functions: %d%n", component.coreModules().size(), component.components().size(),
                        component.canons().size());
        out.println("(twasm does not run components yet)");
        return 0;
    }

    private static void list(PrintStream out, String title, List<String> items) {
        if (items.isEmpty()) {
            out.println(title + ": none");
            return;
        }
        out.println(title + " (" + items.size() + "):");
        for (String item : items) {
            out.println("  " + item);
        }
    }

    private static String describe(Module module, Import imp) {
        String what = switch (imp.desc()) {
            case ImportDesc.Func f -> "func " + module.funcType(f.typeIndex());
            case ImportDesc.Table t -> "table " + t.type().elemType() + ", " + elements(t.type().limits());
            case ImportDesc.Memory m -> "memory " + pages(m.type().limits());
            case ImportDesc.Global g -> "global " + g.type();
            case ImportDesc.Tag t -> "tag " + module.funcType(t.typeIndex());
        };
        return imp.module() + "." + imp.name() + ": " + what;
    }

    private static String describe(Module module, Export export) {
        String what = switch (export.kind()) {
            case FUNC -> "func " + module.functionDisplayName(export.index()) + " " + module.functionType(export.index());
            case TABLE -> "table " + export.index();
            case MEMORY -> "memory " + export.index();
            case GLOBAL -> "global " + export.index() + " " + module.globalType(export.index());
            case TAG -> "tag " + export.index() + " " + module.funcType(module.tagTypeIndex(export.index()));
        };
        return export.name() + ": " + what;
    }

    private static String pages(Limits limits) {
        return limits(limits, "pages");
    }

    private static String elements(Limits limits) {
        return limits(limits, "elements");
    }

    private static String limits(Limits limits, String unit) {
        return "initial " + limits.min() + " " + unit + ", " + (limits.hasMax() ? "maximum " + limits.max() : "no maximum");
    }

    private static String imported(boolean imported) {
        return imported ? " (imported)" : "";
    }

    /** The sections of a binary module that decoded, in order: name, offset of the contents, size. */
    static List<String> sections(byte[] bytes) {
        List<String> sections = new ArrayList<>();
        BinaryInput in = new BinaryInput(bytes);
        in.skip(8);
        while (!in.atEnd()) {
            int id = in.readByte();
            int size = in.readU32AsInt("section too large");
            int start = in.index();
            String name = SECTION_NAMES[id];
            if (id == 0) {
                int limit = in.setLimit(start + size);
                name = "custom \"" + in.readName() + "\"";
                in.setLimit(limit);
            }
            sections.add(String.format("%-18s %8d bytes at 0x%x", name, size, start));
            in.seek(start + size);
        }
        return sections;
    }
}
