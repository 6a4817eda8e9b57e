package dev.twasm.component;

import java.util.ArrayList;
import java.util.List;

/**
 * A component's imports and exports in WIT terms, as {@code wasm inspect} shows them: one line per
 * import and export ({@code import wasi:cli/stdout@0.2.0;}, or {@code import name: func(...)} for a
 * function), and under an instance its members: {@code resource r;}, {@code type t = ...;} for
 * other types, {@code f: func(a: T) -> R;} for functions.
 *
 * <p>An import's instance type is the component's type it names. An export without an ascribed
 * type is followed to its definition: an instance made of exports (its functions' types are those
 * of the {@code canon lift} that defined them) or a lifted function; anything else (an instance of
 * a nested component, say) shows only its sort. Type names come from the scope the type is in
 * ({@link TypeNames}); what cannot be named is shown as {@code type N}. No validation: an index
 * out of range shows as that, it never fails.
 */
public final class WorldDescription {
    private final Component component;
    private final TypeNames names;
    private final List<String> lines = new ArrayList<>();

    private WorldDescription(Component component) {
        this.component = component;
        this.names = component.typeNames();
    }

    /** The lines of {@code component}'s world: {@code world {}, its imports and exports, indented, and {@code }}. */
    public static List<String> of(Component component) {
        WorldDescription d = new WorldDescription(component);
        d.lines.add("world {");
        for (ComponentImport imp : component.imports()) {
            d.item("import", imp.name(), imp.desc());
        }
        for (ComponentExport export : component.exports()) {
            if (export.ascribedType() != null) {
                d.item("export", export.name(), export.ascribedType());
            } else {
                d.definition(export.name(), export.target());
            }
        }
        d.lines.add("}");
        return List.copyOf(d.lines);
    }

    private void item(String keyword, String name, ExternDesc desc) {
        switch (desc) {
            case ExternDesc.Instance(int type) when component.definedType(type) instanceof InstanceType instance -> {
                lines.add("  " + keyword + " " + name + ": interface {");
                members(instance);
                lines.add("  }");
            }
            case ExternDesc.Func(int type) when component.definedType(type) instanceof FuncType func -> lines.add("  " + keyword + " " + name + ": " + func.witName(names) + ";");
            case ExternDesc.Type(ExternDesc.SubResource r) -> lines.add("  " + keyword + " " + name + ": resource;");
            default -> lines.add("  " + keyword + " " + name + ": " + desc.sort().textName() + ";");
        }
    }

    /** An export without an ascribed type: what its definition shows of its type. */
    private void definition(String name, SortIndex target) {
        Definition defined = at(target);
        if (defined instanceof ComponentInstance.FromExports(List<ComponentInstance.Export> exports)) {
            lines.add("  export " + name + ": interface {");
            for (ComponentInstance.Export e : exports) {
                Definition member = at(e.target());
                if (member instanceof Canon.Lift lift && component.definedType(lift.typeIndex()) instanceof FuncType func) {
                    lines.add("    " + e.name() + ": " + func.witName(names) + ";");
                } else {
                    lines.add("    " + e.name() + ": " + e.target().sort().textName() + ";");
                }
            }
            lines.add("  }");
        } else if (defined instanceof Canon.Lift lift && component.definedType(lift.typeIndex()) instanceof FuncType func) {
            lines.add("  export " + name + ": " + func.witName(names) + ";");
        } else if (defined instanceof ComponentImport imp) {
            item("export", name, imp.desc());
        } else {
            lines.add("  export " + name + ": " + target.sort().textName() + ";");
        }
    }

    private void members(InstanceType instance) {
        TypeNames inner = instance.typeNames();
        List<Declaration> types = instance.typeSpace();
        for (Declaration.ExportDecl export : instance.exports()) {
            switch (export.desc()) {
                case ExternDesc.Type(ExternDesc.SubResource r) -> lines.add("    resource " + export.name() + ";");
                case ExternDesc.Type(ExternDesc.Eq(int i)) -> lines.add("    " + typeExport(export.name(), types, i, inner));
                case ExternDesc.Func(int i) when i >= 0 && i < types.size() && types.get(i) instanceof Declaration.TypeDecl(FuncType func) ->
                    lines.add("    " + export.name() + ": " + func.witName(inner) + ";");
                default -> lines.add("    " + export.name() + ": " + export.desc().sort().textName() + ";");
            }
        }
    }

    /**
     * An instance type's exported type equal to type {@code index} of its scope: {@code use
     * iface.{name};} when that is a type the component took from an imported instance (the form of
     * a WIT {@code use}), else {@code type name = ...;}.
     */
    private String typeExport(String name, List<Declaration> types, int index, TypeNames inner) {
        if (index >= 0 && index < types.size() && types.get(index) instanceof Declaration.AliasDecl(Alias.Outer o) && o.count() == 1
                        && at(new SortIndex(Sort.TYPE, o.index())) instanceof Alias.InstanceExport a
                        && at(new SortIndex(Sort.INSTANCE, a.instance())) instanceof ComponentImport from) {
            return "use " + from.name() + ".{" + (a.name().equals(name) ? name : a.name() + " as " + name) + "};";
        }
        return "type " + name + " = " + typeText(types, index, inner) + ";";
    }

    /** Type {@code index} of an instance type's scope written out: an alias by its name, a value type in WIT. */
    private static String typeText(List<Declaration> types, int index, TypeNames names) {
        if (index < 0 || index >= types.size()) {
            return "type " + index;
        }
        return switch (types.get(index)) {
            case Declaration.TypeDecl(ValType v) -> v.witName(names);
            case Declaration.AliasDecl(Alias.InstanceExport a) -> a.name();
            case Declaration.AliasDecl(Alias.Outer o) -> "outer type";
            case Declaration.ExportDecl e -> e.name();
            case Declaration.ImportDecl i -> i.name();
            default -> "type " + index;
        };
    }

    private Definition at(SortIndex target) {
        List<Definition> space = component.space(target.sort());
        return target.index() >= 0 && target.index() < space.size() ? space.get(target.index()) : null;
    }
}
