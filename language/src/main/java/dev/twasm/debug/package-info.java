/**
 * DWARF debugging information of a Wasm module: a small decoder of its {@code .debug_*} custom
 * sections (DWARF versions 2 to 5, as clang emits for wasm32 and wasm64) into source lines, source
 * files, subprograms and their variables, all addressed by byte offsets in the module binary.
 *
 * <p>Plain Java with no Truffle dependency, like {@code dev.twasm.binary}: the instrumentation and
 * the debugger read {@link dev.twasm.debug.DebugInfo}, decoded once per module on first use.
 * Malformed DWARF never throws: a unit that cannot be read is skipped, a module whose DWARF cannot
 * be read at all gets {@link dev.twasm.debug.DebugInfo#NONE}. See docs/rationale.md, "Why our own
 * DWARF decoder?".
 */
package dev.twasm.debug;
