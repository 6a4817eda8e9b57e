package dev.twasm.wasi;

import dev.twasm.model.FuncType;
import dev.twasm.model.ValType;

import java.io.IOException;

/**
 * One function of wasi_snapshot_preview1: its name, its core Wasm type (the witx signature lowered
 * as the witx ABI does: handles, enums, flags, pointers and sizes are {@code i32}; 64-bit integers
 * are {@code i64}; a string or list is a pointer and a length; each result other than the errno is
 * stored through a trailing pointer), and its implementation.
 *
 * <p>The implementation returns the errno code to give the guest (0 for success) or throws an
 * {@link ErrnoException}; I/O failures are turned into errnos by the function's root node.
 *
 * @param resultSizes for each parameter that points to where a fixed-size result is stored, that
 *            size, else 0: the root node checks those pointers before the function acts, so that a
 *            bad one traps before any effect
 */
record WasiFunction(String name, FuncType type, int[] resultSizes, Body body) {
    /** A function's behaviour. */
    @FunctionalInterface
    interface Body {
        int call(Call call) throws ErrnoException, IOException;
    }

    /**
     * A function whose parameters are given one character each: {@code i} an {@code i32},
     * {@code I} an {@code i64}, {@code r} and {@code R} an {@code i32} pointer to a 4- or 8-byte
     * result. It returns an errno ({@code i32}), or nothing when {@code returnsErrno} is false.
     */
    static WasiFunction of(String name, String params, boolean returnsErrno, Body body) {
        ValType[] types = new ValType[params.length()];
        int[] resultSizes = new int[params.length()];
        for (int i = 0; i < types.length; i++) {
            char c = params.charAt(i);
            types[i] = c == 'I' ? ValType.I64 : ValType.I32;
            resultSizes[i] = switch (c) {
                case 'i', 'I' -> 0;
                case 'r' -> 4;
                case 'R' -> 8;
                default -> throw new IllegalArgumentException("parameter type " + c + " of " + name);
            };
        }
        ValType[] results = returnsErrno ? new ValType[]{ValType.I32} : new ValType[0];
        return new WasiFunction(name, new FuncType(types, results), resultSizes, body);
    }

    /** A function returning an errno. */
    static WasiFunction of(String name, String params, Body body) {
        return of(name, params, true, body);
    }

    boolean returnsErrno() {
        return type.results().length == 1;
    }
}
