/**
 * The baseline tier: each Wasm function translated to a static JVM method, which HotSpot's own
 * C1 and C2 compile like any Java code, so a program runs at compiled speed from its first
 * iteration. The Truffle AST stays the profiling tier and Graal the peak tier.
 *
 * <h2>Why</h2>
 * On a stock JDK the Graal compiler that Truffle uses is jargraal, itself Java code that starts
 * cold: the first on-stack-replacement compilation of a 153-node loop of the mandelbrot benchmark
 * took about a second, and the AST interpreter runs 25-40 times slower than compiled code, so a
 * first iteration that Chicory's compiler (Wasm to JVM bytecode) did in 330 ms took 2-3 s. No
 * interpreter closes that gap; bytecode that HotSpot compiles within milliseconds does.
 *
 * <h2>Shape</h2>
 * <ul>
 * <li>{@link dev.twasm.baseline.BaselineCompiler} translates one function in one pass: Wasm locals
 * are JVM locals, the Wasm operand stack is the JVM operand stack, blocks are labels.</li>
 * <li>{@link dev.twasm.baseline.RegionPlanner} splits a function whose translation would exceed
 * HotSpot's 8,000-byte limit for JIT compilation into {@link dev.twasm.baseline.Region}s, each a
 * method of its own; locals and operands cross the cuts in a {@code long[]}.</li>
 * <li>{@link dev.twasm.baseline.ModuleClass} puts every function of a module into one class, calls
 * between them being {@code invokestatic}; {@link dev.twasm.baseline.BaselineModule} defines it as
 * a hidden class on first use, shared by every instance and context of the engine.</li>
 * <li>{@link dev.twasm.baseline.BaselineSupport} holds what the generated code calls: memory,
 * tables, globals, vector lanes and accesses, call stubs' helpers and traps, and the bootstrap
 * methods of the dynamic constants of vector code.</li>
 * <li>{@link dev.twasm.baseline.BaselineFunction} is a root node's tier state: the root runs the
 * baseline code until the function's work exceeds {@code wasm.BaselineThreshold}, then its AST.</li>
 * <li>{@link dev.twasm.baseline.StackTraces} restores the guest stack trace of exceptions that
 * unwind through baseline frames.</li>
 * </ul>
 * See docs/architecture.md, "Baseline tier", and docs/rationale.md.
 */
package dev.twasm.baseline;
