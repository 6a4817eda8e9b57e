package dev.twasm.component;

import java.util.OptionalInt;

/**
 * A defined type ({@code deftype}): a value type, a function type, a component or instance type,
 * or a resource type.
 */
public sealed interface DefType permits ValType, FuncType, ComponentType, InstanceType, DefType.Resource {
    /**
     * {@code (resource (rep i32) (dtor f)?)}: a resource type defined by this component, with its
     * representation {@code i32} and optionally the core function that destroys a representation.
     */
    record Resource(OptionalInt destructor) implements DefType {
    }
}
