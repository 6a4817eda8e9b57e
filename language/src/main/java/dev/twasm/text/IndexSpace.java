package dev.twasm.text;

import java.util.HashMap;
import java.util.Map;

/**
 * One index space of a module (spec §6.6.1 "Indices"): types, functions, tables, memories,
 * globals, element or data segments, or the locals of a function. Binds identifiers to indices
 * ("duplicate func $f" when bound twice) and resolves references, either numeric indices or
 * identifiers ("unknown function $f" when unbound).
 */
final class IndexSpace {
    private final String bindCategory;
    private final String lookupCategory;
    private final Map<String, Integer> indices = new HashMap<>();
    private int count;

    /**
     * @param bindCategory the word in "duplicate ..." errors (the keyword of the field, e.g. func)
     * @param lookupCategory the word in "unknown ..." errors (as the validator says it, e.g. function)
     */
    IndexSpace(String bindCategory, String lookupCategory) {
        this.bindCategory = bindCategory;
        this.lookupCategory = lookupCategory;
    }

    /** Allocates the next index, binding {@code id} (with {@code $}) to it when not null. */
    int add(String id, TokenCursor at, int token) {
        int index = count++;
        if (id != null && indices.putIfAbsent(id, index) != null) {
            throw at.error("duplicate " + bindCategory + " " + id, token);
        }
        return index;
    }

    int count() {
        return count;
    }

    /** The index an identifier is bound to, or -1. */
    int indexOf(String id) {
        Integer index = indices.get(id);
        return index == null ? -1 : index;
    }

    /**
     * Reads a reference at the cursor ({@code u32} or {@code $id}) and returns its index as an
     * unsigned 32-bit value.
     */
    long resolve(TokenCursor in) {
        if (in.at(TokenKind.ID)) {
            int token = in.pos++;
            String id = in.tokens.id(token);
            Integer index = indices.get(id);
            if (index == null) {
                throw in.error("unknown " + lookupCategory + " " + id, token);
            }
            return index;
        }
        return in.u32();
    }

    /** Whether the cursor is at a reference (a {@code u32} or an identifier). */
    static boolean atReference(TokenCursor in) {
        return in.at(TokenKind.ID) || in.at(TokenKind.NAT);
    }

    /** An index for the model, which keeps indices as ints: larger ones can never be valid. */
    static int clamp(long index) {
        return (int) Math.min(index, Integer.MAX_VALUE);
    }
}
