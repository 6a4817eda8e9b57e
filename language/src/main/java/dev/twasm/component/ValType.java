package dev.twasm.component;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A component value type: a primitive, a reference to a type index ({@code valtype}), or a defined
 * value type ({@code defvaltype}) that a type section or declaration defines.
 *
 * <p>{@link #witName(TypeNames)} prints a type in WIT's syntax, best effort: type indices become the
 * names {@link TypeNames} knows (for a component, {@link Component#typeNames()}; for an instance or
 * component type, {@link InstanceType#typeNames()}), an anonymous defined type is printed in place,
 * and a handle {@code own<R>} prints as {@code R}, as WIT writes it. Records, variants, enums and
 * flags, which WIT only declares by name, print inline as {@code record { a: u8 }} and so on.
 */
public sealed interface ValType extends DefType {
    /** This type in WIT syntax, type indices printed as {@code type N}. */
    default String witName() {
        return witName(TypeNames.NONE);
    }

    /** This type in WIT syntax, type indices named by {@code names}. */
    default String witName(TypeNames names) {
        return witName(names, 0);
    }

    /** This type in WIT syntax at reference depth {@code depth} (see {@link TypeNames#MAX_DEPTH}). */
    String witName(TypeNames names, int depth);

    private static String ref(int index, TypeNames names, int depth) {
        String name = depth < TypeNames.MAX_DEPTH ? names.witName(index, depth + 1) : null;
        return name != null ? name : "type " + index;
    }

    private static String list(List<ValType> types, TypeNames names, int depth) {
        return types.stream().map(t -> t.witName(names, depth)).collect(Collectors.joining(", "));
    }

    /** {@code primvaltype}, with its WIT name. */
    enum Primitive implements ValType {
        BOOL("bool"),
        S8("s8"),
        U8("u8"),
        S16("s16"),
        U16("u16"),
        S32("s32"),
        U32("u32"),
        S64("s64"),
        U64("u64"),
        F32("f32"),
        F64("f64"),
        CHAR("char"),
        STRING("string");

        private final String wit;

        Primitive(String wit) {
            this.wit = wit;
        }

        /** The primitive of an opcode 0x7f (bool) down to 0x73 (string), or null. */
        static Primitive ofOpcode(int b) {
            int i = 0x7f - b;
            return i >= 0 && i < values().length ? values()[i] : null;
        }

        @Override
        public String witName(TypeNames names, int depth) {
            return wit;
        }
    }

    /** A type index used as a value type. */
    record TypeRef(int index) implements ValType {
        @Override
        public String witName(TypeNames names, int depth) {
            return ref(index, names, depth);
        }
    }

    /** A labelled field of a record, or a labelled parameter. */
    record Field(String label, ValType type) {
    }

    /** A case of a variant, with its payload type or null. */
    record Case(String label, ValType type) {
    }

    /** {@code (record (field l t)+)}. */
    record RecordType(List<Field> fields) implements ValType {
        public RecordType {
            fields = List.copyOf(fields);
        }

        @Override
        public String witName(TypeNames names, int depth) {
            return fields.stream().map(f -> f.label() + ": " + f.type().witName(names, depth)).collect(Collectors.joining(", ", "record { ", " }"));
        }
    }

    /** {@code (variant (case l t?)+)}. */
    record VariantType(List<Case> cases) implements ValType {
        public VariantType {
            cases = List.copyOf(cases);
        }

        @Override
        public String witName(TypeNames names, int depth) {
            return cases.stream().map(c -> c.type() == null ? c.label() : c.label() + "(" + c.type().witName(names, depth) + ")")
                            .collect(Collectors.joining(", ", "variant { ", " }"));
        }
    }

    /** {@code (list t)}. */
    record ListType(ValType element) implements ValType {
        @Override
        public String witName(TypeNames names, int depth) {
            return "list<" + element.witName(names, depth) + ">";
        }
    }

    /** {@code (list t n)}, a list of fixed length (a newer addition to the component model). */
    record FixedList(ValType element, int length) implements ValType {
        @Override
        public String witName(TypeNames names, int depth) {
            return "list<" + element.witName(names, depth) + ", " + Integer.toUnsignedString(length) + ">";
        }
    }

    /** {@code (tuple t+)}. */
    record TupleType(List<ValType> types) implements ValType {
        public TupleType {
            types = List.copyOf(types);
        }

        @Override
        public String witName(TypeNames names, int depth) {
            return "tuple<" + list(types, names, depth) + ">";
        }
    }

    /** {@code (flags l+)}. */
    record FlagsType(List<String> labels) implements ValType {
        public FlagsType {
            labels = List.copyOf(labels);
        }

        @Override
        public String witName(TypeNames names, int depth) {
            return String.join(", ", labels).transform(s -> "flags { " + s + " }");
        }
    }

    /** {@code (enum l+)}. */
    record EnumType(List<String> labels) implements ValType {
        public EnumType {
            labels = List.copyOf(labels);
        }

        @Override
        public String witName(TypeNames names, int depth) {
            return String.join(", ", labels).transform(s -> "enum { " + s + " }");
        }
    }

    /** {@code (option t)}. */
    record OptionType(ValType type) implements ValType {
        @Override
        public String witName(TypeNames names, int depth) {
            return "option<" + type.witName(names, depth) + ">";
        }
    }

    /** {@code (result t? (error u)?)}: either type may be null. */
    record ResultType(ValType ok, ValType error) implements ValType {
        @Override
        public String witName(TypeNames names, int depth) {
            if (ok == null && error == null) {
                return "result";
            }
            if (error == null) {
                return "result<" + ok.witName(names, depth) + ">";
            }
            return "result<" + (ok == null ? "_" : ok.witName(names, depth)) + ", " + error.witName(names, depth) + ">";
        }
    }

    /** {@code (own i)}: an owned handle of resource type {@code resourceType}; WIT writes it as the resource's name. */
    record Own(int resourceType) implements ValType {
        @Override
        public String witName(TypeNames names, int depth) {
            return ref(resourceType, names, depth);
        }
    }

    /** {@code (borrow i)}: a borrowed handle of resource type {@code resourceType}. */
    record Borrow(int resourceType) implements ValType {
        @Override
        public String witName(TypeNames names, int depth) {
            return "borrow<" + ref(resourceType, names, depth) + ">";
        }
    }

    /** {@code (stream t?)} (component model async); the element type may be null. */
    record Stream(ValType element) implements ValType {
        @Override
        public String witName(TypeNames names, int depth) {
            return element == null ? "stream" : "stream<" + element.witName(names, depth) + ">";
        }
    }

    /** {@code (future t?)} (component model async); the value type may be null. */
    record Future(ValType value) implements ValType {
        @Override
        public String witName(TypeNames names, int depth) {
            return value == null ? "future" : "future<" + value.witName(names, depth) + ">";
        }
    }

    /** {@code error-context} (component model async). */
    record ErrorContext() implements ValType {
        @Override
        public String witName(TypeNames names, int depth) {
            return "error-context";
        }
    }
}
