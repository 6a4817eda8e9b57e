/**
 * The GC heap of Wasm 3.0 (spec 3.0 §4.2 "structure and array instances"): the run-time form of
 * defined types ({@link dev.twasm.gc.DefinedType}, with the supertype display that makes a cast
 * one load and compare), and struct and array instances as plain JVM objects that the JVM's own
 * collector manages. A struct is an instance of a class generated per field layout through
 * Truffle's static object model ({@link dev.twasm.gc.StructLayout}), so a field access is a field
 * load in compiled code; an array is one JVM array of its storage type ({@link dev.twasm.gc.WasmArray}).
 */
package dev.twasm.gc;
