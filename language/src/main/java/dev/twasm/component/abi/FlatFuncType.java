package dev.twasm.component.abi;

import java.util.List;

/**
 * The core function type of a component function type ({@code flatten_functype}).
 * {@code paramsInMemory}: the parameters flattened to more than
 * {@link Layout#MAX_FLAT_PARAMS} values, so they travel as one i32 pointer to a tuple of them.
 * {@code resultsInMemory}: likewise for more than {@link Layout#MAX_FLAT_RESULTS} result values,
 * returned as an i32 pointer (lifting) or written through an extra i32 parameter that points to
 * space the caller provides (lowering).
 */
public record FlatFuncType(List<FlatType> params, List<FlatType> results, boolean paramsInMemory, boolean resultsInMemory) {
    public FlatFuncType {
        params = List.copyOf(params);
        results = List.copyOf(results);
    }

    @Override
    public String toString() {
        return params + " -> " + results;
    }
}
