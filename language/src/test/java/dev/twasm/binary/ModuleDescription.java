package dev.twasm.binary;

import dev.twasm.model.CustomSection;
import dev.twasm.model.DataSegment;
import dev.twasm.model.ElemSegment;
import dev.twasm.model.Expr;
import dev.twasm.model.Function;
import dev.twasm.model.Global;
import dev.twasm.model.Module;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Structural comparison of modules for tests: renders every field of a {@link Module} as text
 * (arrays by content, expressions by their bytes, ignoring {@link Expr#moduleOffset()}, which is a
 * position in the bytes a module was decoded from), so two modules compare with a readable diff.
 */
final class ModuleDescription {
    private ModuleDescription() {
    }

    static void assertSameModule(Module expected, Module actual) {
        assertEquals(describe(expected), describe(actual));
    }

    static String describe(Module m) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < m.typeCount(); i++) {
            sb.append("type ").append(i).append(" rec ").append(m.recGroupStart(i)).append(" ").append(m.types().get(i)).append('\n');
        }
        m.imports().forEach(i -> sb.append("import ").append(i).append('\n'));
        for (Function f : m.functions()) {
            sb.append("func type=").append(f.typeIndex()).append(" locals=").append(Arrays.toString(f.locals()))
                            .append(" body=").append(hex(f.body())).append('\n');
        }
        m.tables().forEach(t -> sb.append("table ").append(t).append('\n'));
        m.memories().forEach(mem -> sb.append("memory ").append(mem).append('\n'));
        for (Global g : m.globals()) {
            sb.append("global ").append(g.type()).append(" init=").append(hex(g.init())).append('\n');
        }
        m.tags().forEach(t -> sb.append("tag type=").append(t).append('\n'));
        m.exports().forEach(e -> sb.append("export ").append(e).append('\n'));
        m.start().ifPresent(s -> sb.append("start ").append(s).append('\n'));
        for (ElemSegment e : m.elems()) {
            sb.append("elem ").append(e.mode()).append(' ').append(e.elemType()).append(" table=").append(e.tableIndex())
                            .append(" offset=").append(hex(e.offset())).append(" items=");
            Arrays.stream(e.items()).forEach(item -> sb.append(hex(item)).append(' '));
            sb.append('\n');
        }
        for (DataSegment d : m.datas()) {
            sb.append("data ").append(d.mode()).append(" memory=").append(d.memoryIndex()).append(" offset=").append(hex(d.offset()))
                            .append(" bytes=").append(HexFormat.of().formatHex(d.bytes())).append('\n');
        }
        m.dataCount().ifPresent(c -> sb.append("datacount ").append(c).append('\n'));
        for (CustomSection c : m.customSections()) {
            sb.append("custom ").append(c.name()).append(' ').append(HexFormat.of().formatHex(c.contents())).append('\n');
        }
        sb.append("names module=").append(m.names().moduleName()).append(" funcs=").append(new TreeMap<>(m.names().functionNames()))
                        .append(" locals=");
        TreeMap<Integer, TreeMap<Integer, String>> locals = new TreeMap<>();
        m.names().localNames().forEach((f, names) -> locals.put(f, new TreeMap<>(names)));
        sb.append(locals).append('\n');
        return sb.toString();
    }

    private static String hex(Expr e) {
        return e == null ? "none" : HexFormat.of().formatHex(e.code());
    }
}
