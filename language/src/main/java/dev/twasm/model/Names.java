package dev.twasm.model;

import java.util.Map;

/**
 * Debug names (spec §7.4 "Name Section"), from the binary {@code name} custom section or from
 * {@code $identifiers} in the text format. Used for function names in stack traces.
 *
 * @param moduleName the module's name, or {@code null}
 * @param functionNames function index to name
 * @param localNames function index to (local index to name)
 */
public record Names(String moduleName, Map<Integer, String> functionNames, Map<Integer, Map<Integer, String>> localNames) {
    public static final Names NONE = new Names(null, Map.of(), Map.of());

    public String functionName(int funcIndex) {
        return functionNames.get(funcIndex);
    }
}
