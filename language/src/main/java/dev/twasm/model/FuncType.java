package dev.twasm.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A function type {@code [t1*] -> [t2*]} (spec §2.3.6 "Function Types"). Two function types are
 * equal when their parameter and result sequences are equal, which is what the runtime's canonical
 * type ids are built on. The arrays are never modified after construction.
 */
public final class FuncType implements CompositeType {
    public static final FuncType EMPTY = new FuncType(new ValType[0], new ValType[0]);

    private final ValType[] params;
    private final ValType[] results;
    private final int hash;

    public FuncType(ValType[] params, ValType[] results) {
        this.params = params;
        this.results = results;
        this.hash = 31 * Arrays.hashCode(params) + Arrays.hashCode(results);
    }

    public static FuncType of(ValType[] params, ValType... results) {
        return new FuncType(params.clone(), results.clone());
    }

    /** The parameter types; callers must not modify the returned array. */
    public ValType[] params() {
        return params;
    }

    /** The result types; callers must not modify the returned array. */
    public ValType[] results() {
        return results;
    }

    public int paramCount() {
        return params.length;
    }

    public int resultCount() {
        return results.length;
    }

    public ValType param(int i) {
        return params[i];
    }

    public ValType result(int i) {
        return results[i];
    }

    @Override
    public HeapType topKind() {
        return HeapType.FUNC;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FuncType other && hash == other.hash && Arrays.equals(params, other.params)
                        && Arrays.equals(results, other.results);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** Text-format-like rendering: {@code [i32 i64] -> [f32]}. */
    @Override
    public String toString() {
        return render(params) + " -> " + render(results);
    }

    public static String render(ValType[] types) {
        return Arrays.stream(types).map(ValType::textName).collect(Collectors.joining(" ", "[", "]"));
    }
}
