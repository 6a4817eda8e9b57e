/**
 * The Truffle side of debugging and profiling Wasm code: the sources that the GraalVM tools show
 * (a module's disassembly listing, or the C/Rust files its DWARF line table names), the source
 * sections of functions and statements, and the scopes of suspended frames (Wasm locals, and the
 * C/Rust variables of the DWARF subprogram). The nodes ask {@link dev.twasm.instrument.Instrumentation}
 * only when Truffle instruments them, never while they are built or run; the data is made once per
 * module and shared by every context of the engine. Decoding DWARF is package {@code dev.twasm.debug}'s.
 */
package dev.twasm.instrument;
