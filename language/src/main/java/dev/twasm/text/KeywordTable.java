package dev.twasm.text;

import dev.twasm.model.Opcode;

import java.util.ArrayList;
import java.util.List;

/**
 * Recognises keyword tokens without allocating: maps a range of the source text to its
 * {@link Keyword} or instruction {@link Opcode} through an open-addressing hash table keyed by the
 * characters, so the lexer can tag every keyword token once.
 */
final class KeywordTable {
    private static final String[] KEYS;
    private static final Object[] VALUES;
    private static final int MASK;

    static {
        List<String> names = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (Keyword k : Keyword.values()) {
            names.add(k.text());
            values.add(k);
        }
        for (Opcode op : Opcode.values()) {
            if (!op.sharesMnemonic()) {
                names.add(op.mnemonic());
                values.add(op);
            }
        }
        int size = Integer.highestOneBit(names.size() * 4);
        KEYS = new String[size];
        VALUES = new Object[size];
        MASK = size - 1;
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            int slot = hash(name, 0, name.length()) & MASK;
            while (KEYS[slot] != null) {
                slot = (slot + 1) & MASK;
            }
            KEYS[slot] = name;
            VALUES[slot] = values.get(i);
        }
    }

    private KeywordTable() {
    }

    private static int hash(CharSequence s, int start, int end) {
        int h = 0;
        for (int i = start; i < end; i++) {
            h = 31 * h + s.charAt(i);
        }
        return h ^ (h >>> 16);
    }

    /** The {@link Keyword} or {@link Opcode} spelled by {@code text[start, end)}, or null. */
    static Object lookup(String text, int start, int end) {
        int length = end - start;
        int slot = hash(text, start, end) & MASK;
        while (true) {
            String key = KEYS[slot];
            if (key == null) {
                return null;
            }
            if (key.length() == length && text.regionMatches(start, key, 0, length)) {
                return VALUES[slot];
            }
            slot = (slot + 1) & MASK;
        }
    }
}
