package dev.twasm.runtime;

import dev.twasm.model.Opcode;

import java.util.Locale;

/**
 * What an atomic instruction of the threads proposal does ("Atomic Memory Accesses"), apart from
 * its width and value type: the table that sorts the {@code 0xFE}-prefixed {@link Opcode}s into
 * the few shapes that share a node and a baseline translation. The operation is read off the
 * mnemonic ({@code i32.atomic.rmw16.xor_u} is {@link #XOR}), so the table cannot drift from the
 * opcode table.
 */
public enum AtomicOperation {
    /** {@code t.atomic.load}, {@code t.atomic.loadN_u}. */
    LOAD,
    /** {@code t.atomic.store}, {@code t.atomic.storeN}. */
    STORE,
    ADD,
    SUB,
    AND,
    OR,
    XOR,
    XCHG,
    CMPXCHG,
    /** {@code memory.atomic.wait32}, {@code memory.atomic.wait64}. */
    WAIT,
    /** {@code memory.atomic.notify}. */
    NOTIFY,
    /** {@code atomic.fence}. */
    FENCE;

    private static final AtomicOperation[] BY_SUBOPCODE = new AtomicOperation[0x4F];

    static {
        for (Opcode op : Opcode.values()) {
            if (op.isAtomic()) {
                BY_SUBOPCODE[op.code() & 0xFF] = classify(op.mnemonic());
            }
        }
    }

    private static AtomicOperation classify(String mnemonic) {
        if (mnemonic.startsWith("memory.atomic.wait")) {
            return WAIT;
        } else if (mnemonic.equals("memory.atomic.notify")) {
            return NOTIFY;
        } else if (mnemonic.equals("atomic.fence")) {
            return FENCE;
        } else if (mnemonic.contains(".load")) {
            return LOAD;
        } else if (mnemonic.contains(".store")) {
            return STORE;
        }
        String name = mnemonic.substring(mnemonic.lastIndexOf('.') + 1);
        return valueOf(name.replace("_u", "").toUpperCase(Locale.ROOT));
    }

    /** The operation of atomic instruction {@code op}. */
    public static AtomicOperation of(Opcode op) {
        return BY_SUBOPCODE[op.code() & 0xFF];
    }

    /** Whether this is a read-modify-write with one operand ({@code add} ... {@code xchg}). */
    public boolean isReadModifyWrite() {
        return ordinal() >= ADD.ordinal() && ordinal() <= XCHG.ordinal();
    }
}
