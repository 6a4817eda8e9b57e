package dev.twasm.validation;

import static dev.twasm.validation.ValidationContext.invalid;

import dev.twasm.model.ArrayType;
import dev.twasm.model.CompositeType;
import dev.twasm.model.FieldType;
import dev.twasm.model.FuncType;
import dev.twasm.model.Module;
import dev.twasm.model.StructType;
import dev.twasm.model.SubType;
import dev.twasm.model.ValType;

import java.util.List;

/**
 * Validates the type section (spec 3.0 §3.2.9–§3.2.11 "Recursive Types", "Sub Types", and §3.3.3
 * "Defined Types" matching): a value type inside a recursion group names a type before the end of
 * the group ("unknown type"), a declared supertype has a smaller index ("unknown type"), is not
 * final, and its composite type is matched by the subtype's ("sub type"): function types
 * contravariantly in their parameters and covariantly in their results, structure types as a
 * prefix of fields, array types by their element, where a mutable field's storage type must be
 * equivalent and an immutable one's a subtype.
 */
final class TypeSectionValidator {
    private final Module module;

    TypeSectionValidator(Module module) {
        this.module = module;
    }

    /** The references of every type: they need no canonical ids, so this runs first. */
    void checkReferences(int typeIndex) {
        SubType type = module.types().get(typeIndex);
        int groupEnd = module.recGroupStart(typeIndex) + module.recGroupSize(typeIndex);
        for (ValType t : valTypes(type.composite())) {
            ValidationContext.checkValType(t, groupEnd);
        }
        int[] supers = type.supertypes();
        if (supers.length > 1) {
            throw invalid("sub type: type " + typeIndex + " has more than one supertype");
        }
        for (int s : supers) {
            if (s >= typeIndex) {
                throw invalid("unknown type " + Integer.toUnsignedString(s) + ": a supertype must be defined before its subtype");
            }
        }
    }

    /** The declared supertypes of type {@code typeIndex}: not final, matched structurally per {@code types}. */
    void checkSupertypes(int typeIndex, ValType.TypeEquivalence types) {
        SubType type = module.types().get(typeIndex);
        for (int s : type.supertypes()) {
            SubType sup = module.types().get(s);
            if (sup.isFinal()) {
                throw invalid("sub type: type " + typeIndex + " declares the final type " + s + " as its supertype");
            }
            if (!matches(type.composite(), sup.composite(), types)) {
                throw invalid("sub type: type " + typeIndex + " does not match its supertype " + s);
            }
        }
    }

    /** Composite type matching (spec 3.0 §3.3.3): {@code sub <: sup} between the structures. */
    static boolean matches(CompositeType sub, CompositeType sup, ValType.TypeEquivalence types) {
        return switch (sub) {
            case FuncType f -> sup instanceof FuncType g && all(g.params(), f.params(), types) && all(f.results(), g.results(), types);
            case StructType s -> {
                if (!(sup instanceof StructType t) || s.fields().size() < t.fields().size()) {
                    yield false;
                }
                for (int i = 0; i < t.fields().size(); i++) {
                    if (!matches(s.fields().get(i), t.fields().get(i), types)) {
                        yield false;
                    }
                }
                yield true;
            }
            case ArrayType a -> sup instanceof ArrayType b && matches(a.element(), b.element(), types);
        };
    }

    private static boolean all(ValType[] sub, ValType[] sup, ValType.TypeEquivalence types) {
        if (sub.length != sup.length) {
            return false;
        }
        for (int i = 0; i < sub.length; i++) {
            if (!sub[i].isSubtypeOf(sup[i], types)) {
                return false;
            }
        }
        return true;
    }

    /** Field type matching: same mutability; packed types equal; a mutable value type invariant, an immutable one covariant. */
    private static boolean matches(FieldType sub, FieldType sup, ValType.TypeEquivalence types) {
        if (sub.mutable() != sup.mutable() || sub.packed() != sup.packed()) {
            return false;
        }
        if (sub.packed() != null) {
            return true;
        }
        return sub.valType().isSubtypeOf(sup.valType(), types) && (!sub.mutable() || sup.valType().isSubtypeOf(sub.valType(), types));
    }

    /** The value types a composite type mentions. */
    static List<ValType> valTypes(CompositeType type) {
        return switch (type) {
            case FuncType f -> {
                ValType[] all = new ValType[f.paramCount() + f.resultCount()];
                System.arraycopy(f.params(), 0, all, 0, f.paramCount());
                System.arraycopy(f.results(), 0, all, f.paramCount(), f.resultCount());
                yield List.of(all);
            }
            case StructType s -> s.fields().stream().filter(f -> f.valType() != null).map(FieldType::valType).toList();
            case ArrayType a -> a.element().valType() == null ? List.of() : List.of(a.element().valType());
        };
    }
}
