package dev.twasm.component.abi;

/**
 * A trap that the canonical ABI defines ({@code trap_if} in its definitions): a guest pointer that
 * is misaligned or out of bounds, a string that is not valid UTF-8, a variant discriminant beyond
 * the cases, a {@code char} that is not a Unicode scalar value, a list or string too long for the
 * 32-bit address space. Plain Java; the runtime maps it to a Wasm trap with this message.
 */
public final class AbiTrap extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AbiTrap(String message) {
        super(message, null, false, false);
    }
}
