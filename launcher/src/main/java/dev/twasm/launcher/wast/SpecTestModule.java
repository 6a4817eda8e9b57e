package dev.twasm.launcher.wast;

/**
 * The {@code spectest} module that the official scripts import from, as the reference interpreter
 * defines it: globals holding 666 and 666.6, a table of 10 to 20 funcrefs, a memory of 1 to 2
 * pages, and {@code print*} functions; with memory64 enabled (Wasm 3.0) also a 64-bit table
 * {@code table64} of 10 to 20 funcrefs, as the 3.0 reference interpreter adds; and the threads
 * proposal's {@code shared_memory}, a shared memory of 1 to 2 pages (a module of its own,
 * {@link #SHARED_MEMORY_TEXT}). It is an ordinary Wasm module run on the engine under test;
 * its print functions forward to a host function so scripts' output can be observed.
 */
final class SpecTestModule {
    static final String TEXT = """
                    (module
                      (import "host" "print" (func $print (param i32)))
                      (global (export "global_i32") i32 (i32.const 666))
                      (global (export "global_i64") i64 (i64.const 666))
                      (global (export "global_f32") f32 (f32.const 666.6))
                      (global (export "global_f64") f64 (f64.const 666.6))
                      (table (export "table") 10 20 funcref)
                      (memory (export "memory") 1 2)
                      (func (export "print") (call $print (i32.const 0)))
                      (func (export "print_i32") (param i32) (call $print (i32.const 1)))
                      (func (export "print_i64") (param i64) (call $print (i32.const 1)))
                      (func (export "print_f32") (param f32) (call $print (i32.const 1)))
                      (func (export "print_f64") (param f64) (call $print (i32.const 1)))
                      (func (export "print_i32_f32") (param i32 f32) (call $print (i32.const 2)))
                      (func (export "print_f64_f64") (param f64 f64) (call $print (i32.const 2))))
                    """;

    /** {@link #TEXT} with the 3.0 additions, for contexts that accept 64-bit tables. */
    static final String TEXT_MEMORY64 = TEXT.replace("(table (export \"table\") 10 20 funcref)",
                    "(table (export \"table\") 10 20 funcref)\n  (table (export \"table64\") i64 10 20 funcref)");

    /** The name of the threads proposal's shared memory export. */
    static final String SHARED_MEMORY = "shared_memory";

    /** The module that provides {@link #SHARED_MEMORY}. */
    static final String SHARED_MEMORY_TEXT = "(module (memory (export \"" + SHARED_MEMORY + "\") 1 2 shared))";

    private SpecTestModule() {
    }
}
