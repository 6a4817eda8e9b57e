package dev.twasm.model;

/**
 * The address type of a memory or a table (spec 3.0 §2.3.10 "Address Types", {@code addrtype}):
 * the number type of the addresses and sizes its instructions take and return. {@code i64} is
 * the memory64/table64 extension; a module that declares one needs the option
 * {@code wasm.Memory64}.
 */
public enum AddressType {
    I32(ValType.I32, 0xFFFF_FFFFL),
    I64(ValType.I64, -1L);

    private final ValType valType;
    private final long maxUnsigned;

    AddressType(ValType valType, long maxUnsigned) {
        this.valType = valType;
        this.maxUnsigned = maxUnsigned;
    }

    /** The value type of addresses, sizes and counts: {@code i32} or {@code i64}. */
    public ValType valType() {
        return valType;
    }

    /** The largest unsigned address of this type (2^32 - 1, or 2^64 - 1 as the long -1). */
    public long maxUnsigned() {
        return maxUnsigned;
    }

    public boolean is64() {
        return this == I64;
    }

    /**
     * The address type of an operand that addresses two of them at once ({@code memory.copy}'s and
     * {@code table.copy}'s length): {@code i32} unless both are {@code i64} (spec 3.0 §3.3.7).
     */
    public static AddressType min(AddressType a, AddressType b) {
        return a.is64() && b.is64() ? I64 : I32;
    }

    /** The spec's name ({@code i32} or {@code i64}), as the text format writes it before limits. */
    @Override
    public String toString() {
        return valType.toString();
    }
}
