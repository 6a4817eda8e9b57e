package dev.twasm.component;

/**
 * What an import or export is ({@code externdesc}): its sort and a type. Type indices are into the
 * type index space of the scope the description appears in (component, component type or
 * instance type).
 */
public sealed interface ExternDesc {
    /** The sort of the imported or exported definition. */
    Sort sort();

    /** {@code (core module (type i))}: a core module of core type {@code coreTypeIndex}. */
    record CoreModule(int coreTypeIndex) implements ExternDesc {
        @Override
        public Sort sort() {
            return Sort.CORE_MODULE;
        }
    }

    /** {@code (func (type i))}. */
    record Func(int typeIndex) implements ExternDesc {
        @Override
        public Sort sort() {
            return Sort.FUNC;
        }
    }

    /** {@code (value b)}: a value, bound to a known value or of a value type. */
    record Value(ValueBound bound) implements ExternDesc {
        @Override
        public Sort sort() {
            return Sort.VALUE;
        }
    }

    /** {@code (type b)}: a type, equal to a known one or a fresh resource type. */
    record Type(TypeBound bound) implements ExternDesc {
        @Override
        public Sort sort() {
            return Sort.TYPE;
        }
    }

    /** {@code (component (type i))}. */
    record Component(int typeIndex) implements ExternDesc {
        @Override
        public Sort sort() {
            return Sort.COMPONENT;
        }
    }

    /** {@code (instance (type i))}. */
    record Instance(int typeIndex) implements ExternDesc {
        @Override
        public Sort sort() {
            return Sort.INSTANCE;
        }
    }

    /** {@code typebound}. */
    sealed interface TypeBound {
    }

    /** {@code (eq i)}: the same type as type {@code typeIndex}. */
    record Eq(int typeIndex) implements TypeBound {
    }

    /** {@code (sub resource)}: a fresh abstract resource type. */
    record SubResource() implements TypeBound {
    }

    /** {@code valuebound}. */
    sealed interface ValueBound {
    }

    /** {@code (eq i)}: the same value as value {@code valueIndex}. */
    record EqValue(int valueIndex) implements ValueBound {
    }

    /** A value of type {@code type}. */
    record OfType(ValType type) implements ValueBound {
    }
}
