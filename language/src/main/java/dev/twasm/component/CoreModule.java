package dev.twasm.component;

/**
 * A core module embedded in a component (section 1), kept undecoded: {@code length} bytes at
 * {@code offset} in the bytes given to {@link ComponentDecoder#decode(byte[])} (for a module of a
 * nested component too), a complete core module from its magic on, which
 * {@link dev.twasm.binary.BinaryDecoder} decodes.
 */
public record CoreModule(int offset, int length) implements Definition {
}
