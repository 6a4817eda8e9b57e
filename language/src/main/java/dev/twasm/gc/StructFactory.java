package dev.twasm.gc;

/**
 * The allocator of a {@link StructLayout}'s generated class (Truffle's static object model
 * implements it per shape): a new struct of defined type {@code type} with every field zero or
 * Java null, which {@link StructLayout} then fills.
 */
public interface StructFactory {
    WasmStruct create(DefinedType type);
}
