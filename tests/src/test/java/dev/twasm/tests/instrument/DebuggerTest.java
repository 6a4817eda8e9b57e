package dev.twasm.tests.instrument;

import com.oracle.truffle.api.debug.Breakpoint;
import com.oracle.truffle.api.debug.DebugException;
import com.oracle.truffle.api.debug.DebugScope;
import com.oracle.truffle.api.debug.DebugStackFrame;
import com.oracle.truffle.api.debug.DebugValue;
import com.oracle.truffle.api.debug.Debugger;
import com.oracle.truffle.api.debug.DebuggerSession;
import com.oracle.truffle.api.debug.SourceElement;
import com.oracle.truffle.api.debug.SuspendedEvent;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.io.IOAccess;
import com.oracle.truffle.api.source.SourceSection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Truffle debugger on Wasm code, in-process: breakpoints on lines of a module's disassembly
 * listing, the Wasm locals of a suspended frame with their names and values (and set), stepping over and
 * into a call, frame names from the name section, and function (root) sections, in the
 * interpreter, with every function Graal-compiled, and in the default tiered configuration,
 * where functions start in the baseline tier and leave it when the debugger instruments them.
 */
class DebuggerTest {
    /** How the engine runs: the interpreter, compiled on first call, and the default (baseline tier first). */
    enum Configuration {
        INTERPRETER(Map.of("engine.Compilation", "false", "wasm.Baseline", "false")),
        COMPILED(Map.of("engine.CompileImmediately", "true", "engine.BackgroundCompilation", "false", "wasm.Baseline", "false")),
        DEFAULT(Map.of());

        final Map<String, String> options;

        Configuration(Map<String, String> options) {
            this.options = options;
        }

        Engine engine() {
            return Engine.newBuilder("wasm").allowExperimentalOptions(true).options(options).option("engine.WarnInterpreterOnly", "false").build();
        }
    }

    static final String SUM = """
                    (module
                      (func $add (param $a i32) (param $b i32) (result i32)
                        (i32.add (local.get $a) (local.get $b)))
                      (func $sum (export "sum") (param $n i32) (result i32) (local $i i32) (local $acc i32)
                        (block $done
                          (loop $next
                            (br_if $done (i32.ge_s (local.get $i) (local.get $n)))
                            (local.set $acc (call $add (local.get $acc) (local.get $i)))
                            (local.set $i (i32.add (local.get $i) (i32.const 1)))
                            (br $next)))
                        (local.get $acc)))
                    """;

    /** What the debugger saw at one suspension. */
    record Stop(String frame, int line, Map<String, Object> locals) {
    }

    static Stop stop(SuspendedEvent event) {
        DebugStackFrame frame = event.getTopStackFrame();
        Map<String, Object> locals = new LinkedHashMap<>();
        DebugScope scope = frame.getScope();
        for (DebugValue value : scope.getDeclaredValues()) {
            locals.put(value.getName(), value.isNumber() ? (Object) value.asLong() : value.toDisplayString());
        }
        return new Stop(frame.getName(), event.getSourceSection().getStartLine(), locals);
    }

    /** Runs {@code sum(n)} with a session whose breakpoints {@code install} adds; returns the result. */
    static int runSum(Engine engine, int n, Consumer<DebuggerSession> install, Consumer<SuspendedEvent> onSuspend) {
        try (Context context = Context.newBuilder("wasm").engine(engine).build();
                        DebuggerSession session = Debugger.find(engine).startSession(onSuspend::accept)) {
            install.accept(session);
            Value module = context.eval(Source.newBuilder("wasm", SUM, "sum.wat").buildLiteral());
            return module.newInstance().getMember("exports").getMember("sum").execute(n).asInt();
        }
    }

    static final URI LISTING = URI.create("wasm-listing:/sum.wat.listing");

    /** The listing of {@link #SUM}: offsets in a module parsed from text are those of each function's code. */
    static final String SUM_LISTING = """
                    ;; twasm disassembly listing of sum.wat: module offset, instruction

                    func 0 $add
                    000000    local.get 0
                    000002    local.get 1
                    000004    i32.add
                    000005  end

                    func 1 $sum
                    000000    block
                    000002      loop
                    000004        local.get 1
                    000006        local.get 0
                    000008        i32.ge_s
                    000009        br_if 1
                    00000b        local.get 2
                    00000d        local.get 1
                    00000f        call 0
                    000011        local.set 2
                    000013        local.get 1
                    000015        i32.const 1
                    000017        i32.add
                    000018        local.set 1
                    00001a        br 0
                    00001c      end
                    00001d    end
                    00001e    local.get 2
                    000020  end
                    """;

    /** The listing line of {@code local.set $acc (call $add ...)}'s first instruction, and of the statement after it. */
    static final int CALL_LINE = 16;
    static final int NEXT_LINE = 20;

    @ParameterizedTest
    @EnumSource(Configuration.class)
    void breakpointOnAListingLineShowsTheLocalsAndSteps(Configuration configuration) {
        List<Stop> stops = new ArrayList<>();
        List<String> listing = new ArrayList<>();
        try (Engine engine = configuration.engine()) {
            int result = runSum(engine, 5, session -> session.install(Breakpoint.newBuilder(LISTING).lineIs(CALL_LINE).build()), event -> {
                listing.add(event.getSourceSection().getSource().getCharacters().toString());
                stops.add(stop(event));
                if (stops.size() == 3) {
                    event.prepareStepInto(1);
                } else if (stops.size() == 5) {
                    event.prepareStepOver(1);
                }
            });
            assertEquals(10, result);
        }
        assertEquals(SUM_LISTING, listing.get(0));
        assertEquals(List.of(
                        new Stop("sum", CALL_LINE, Map.of("n", 5L, "i", 0L, "acc", 0L)),
                        new Stop("sum", CALL_LINE, Map.of("n", 5L, "i", 1L, "acc", 0L)),
                        new Stop("sum", CALL_LINE, Map.of("n", 5L, "i", 2L, "acc", 1L)),
                        // stepped into the call: the callee's first statement, its parameters
                        new Stop("add", 4, Map.of("a", 1L, "b", 2L)),
                        new Stop("sum", CALL_LINE, Map.of("n", 5L, "i", 3L, "acc", 3L)),
                        // stepped over the call: the next statement of the caller, the call's result stored
                        new Stop("sum", NEXT_LINE, Map.of("n", 5L, "i", 3L, "acc", 6L)),
                        new Stop("sum", CALL_LINE, Map.of("n", 5L, "i", 4L, "acc", 6L))), stops);
    }

    /**
     * A Wasm local set in the debugger is what the function goes on with: at the first stop
     * {@code acc} becomes 100 and {@code n} 3, so {@code sum(5)} returns 100 + 0 + 1 + 2. A value
     * that does not fit the local's type is refused and changes nothing.
     */
    @ParameterizedTest
    @EnumSource(Configuration.class)
    void settingALocalChangesTheRun(Configuration configuration) {
        List<String> seen = new ArrayList<>();
        try (Engine engine = configuration.engine()) {
            int result = runSum(engine, 5, session -> session.install(Breakpoint.newBuilder(LISTING).lineIs(CALL_LINE).build()), event -> {
                DebugScope scope = event.getTopStackFrame().getScope();
                if (seen.isEmpty()) {
                    seen.add("writable " + scope.getDeclaredValue("acc").isWritable());
                    scope.getDeclaredValue("acc").set(100);
                    scope.getDeclaredValue("n").set(3);
                    try {
                        scope.getDeclaredValue("i").set(1L << 40);
                        seen.add("i set to 2^40");
                    } catch (DebugException e) {
                        seen.add("refused");
                    }
                }
                seen.add(stop(event).locals().toString());
            });
            assertEquals(103, result);
        }
        assertEquals(List.of("writable true", "refused", "{n=3, i=0, acc=100}", "{n=3, i=1, acc=100}", "{n=3, i=2, acc=101}"), seen);
    }

    @ParameterizedTest
    @EnumSource(Configuration.class)
    void aRootBreakpointSeesTheFunctionsSectionAndName(Configuration configuration) {
        List<String> roots = new ArrayList<>();
        try (Engine engine = configuration.engine()) {
            // line 3 is add's header: the root's section spans it and add's instructions (lines 4-7)
            runSum(engine, 2, session -> session.install(Breakpoint.newBuilder(LISTING).lineIs(3).sourceElements(SourceElement.ROOT).build()), event -> {
                SourceSection section = event.getSourceSection();
                roots.add(event.getTopStackFrame().getName() + " " + section.getStartLine() + "-" + section.getEndLine() + " " + event.hasSourceElement(SourceElement.ROOT));
            });
        }
        assertEquals(List.of("add 3-7 true", "add 3-7 true"), roots);
    }

    /**
     * A debugger attached after the functions ran in the baseline tier (JVM bytecode, no nodes):
     * installing the breakpoint takes the module out of the tier, and the next call stops, in the
     * caller and in the callee that baseline code had called directly.
     */
    @org.junit.jupiter.api.Test
    void aBreakpointSetWhileTheFunctionsRunInTheBaselineTierIsHit() {
        try (Engine engine = Configuration.DEFAULT.engine(); Context context = Context.newBuilder("wasm").engine(engine).build()) {
            Value sum = context.eval(Source.newBuilder("wasm", SUM, "sum.wat").buildLiteral()).newInstance().getMember("exports").getMember("sum");
            assertEquals(3, sum.execute(3).asInt());
            List<String> stops = new ArrayList<>();
            try (DebuggerSession session = Debugger.find(engine).startSession(event -> {
                Stop stop = stop(event);
                stops.add(stop.frame() + " " + stop.line());
            })) {
                session.install(Breakpoint.newBuilder(LISTING).lineIs(CALL_LINE).build());
                session.install(Breakpoint.newBuilder(LISTING).lineIs(4).build());
                assertEquals(3, sum.execute(3).asInt());
            }
            assertEquals(List.of("sum 16", "add 4", "sum 16", "add 4", "sum 16", "add 4"), stops);
            // without the session the functions run on
            assertEquals(10, sum.execute(5).asInt());
        }
    }

    static final Path PROGRAMS = Path.of(System.getProperty("twasm.projectRoot", "..")).toAbsolutePath().normalize().resolve("tests/debug-programs");

    /** The C variables (the top scope) and the names of the Wasm locals (its parent) at a suspension. */
    record SourceStop(String frame, int line, Map<String, Object> variables, List<String> wasmLocals) {
    }

    static SourceStop sourceStop(SuspendedEvent event) {
        DebugScope scope = event.getTopStackFrame().getScope();
        Map<String, Object> variables = new LinkedHashMap<>();
        for (DebugValue value : scope.getDeclaredValues()) {
            variables.put(value.getName(), value.isNumber() ? (Object) value.asLong() : value.toDisplayString());
        }
        List<String> wasmLocals = new ArrayList<>();
        if (scope.getParent() != null) {
            for (DebugValue value : scope.getParent().getDeclaredValues()) {
                wasmLocals.add(value.getName());
            }
        }
        return new SourceStop(event.getTopStackFrame().getName(), event.getSourceSection().getStartLine(), variables, wasmLocals);
    }

    /**
     * hotspot.c (built with -g -O0) under WASI: a breakpoint on line 23, the body of the loop of
     * count_collatz_steps, shows the loop variable {@code start} equal to the hit's number and the
     * accumulator {@code total_steps} the sum of the Collatz lengths before it, read from linear
     * memory at the frame base plus their DWARF offsets; stepping into the call stops in
     * collatz_length, whose parameter {@code n} is the loop variable once its prologue has run;
     * the run is then killed (it would take long in the interpreter).
     */
    @ParameterizedTest
    @EnumSource(Configuration.class)
    void breakpointOnACLineShowsTheCVariables(Configuration configuration) throws IOException {
        Source program = Source.newBuilder("wasm", PROGRAMS.resolve("hotspot-O0.wasm").toFile()).build();
        URI cFile = PROGRAMS.resolve("hotspot.c").toUri();
        List<SourceStop> stops = new ArrayList<>();
        List<String> sourceText = new ArrayList<>();
        try (Engine engine = configuration.engine();
                        DebuggerSession session = Debugger.find(engine).startSession(event -> {
                            SourceStop stop = sourceStop(event);
                            stops.add(stop);
                            sourceText.add(event.getSourceSection().getCharacters().toString());
                            if (stops.size() == 3) {
                                event.prepareStepInto(1);
                            } else if (stops.size() == 4) {
                                event.prepareStepOver(1);
                            } else if (stops.size() == 6) {
                                event.prepareKill();
                            }
                        })) {
            session.install(Breakpoint.newBuilder(cFile).lineIs(23).build());
            Context context = Context.newBuilder("wasm").engine(engine).option("wasm.Wasi", "true").allowIO(IOAccess.ALL)
                            .out(new ByteArrayOutputStream()).build();
            Value start = context.eval(program).newInstance().getMember("exports").getMember("_start");
            PolyglotException e = assertThrows(PolyglotException.class, start::execute);
            assertTrue(e.isCancelled(), e.getMessage());
            // a context whose execution the debugger killed reports that once more when closed
            PolyglotException closing = assertThrows(PolyglotException.class, context::close);
            assertTrue(closing.isCancelled(), closing.getMessage());
        }
        assertEquals("        total_steps += collatz_length(start);", sourceText.get(0));
        assertEquals(new SourceStop("count_collatz_steps", 23, Map.of("limit", 3000000L, "total_steps", 0L, "start", 1L), stops.get(0).wasmLocals()), stops.get(0));
        assertEquals(Map.of("limit", 3000000L, "total_steps", 0L, "start", 2L), stops.get(1).variables());
        assertEquals(Map.of("limit", 3000000L, "total_steps", 1L, "start", 3L), stops.get(2).variables());
        // stepped into the call: collatz_length's first line, where the prologue has not stored n yet
        assertEquals("collatz_length 10", stops.get(3).frame() + " " + stops.get(3).line());
        // stepped over the prologue: n is the argument, the loop variable
        assertEquals("collatz_length 11", stops.get(4).frame() + " " + stops.get(4).line());
        assertEquals(3L, stops.get(4).variables().get("n"));
        assertEquals(Map.of("limit", 3000000L, "total_steps", 8L, "start", 4L), stops.get(5).variables());
        // the Wasm locals are the C scope's parent, named $varN (the program's name section names only functions)
        assertEquals(27, stops.get(0).wasmLocals().size());
        assertEquals("$var0", stops.get(0).wasmLocals().get(0));
    }

    /**
     * Without file access the C file cannot be read: its source has no content, and breakpoints
     * by its URI and line still bind and show the variables.
     */
    @org.junit.jupiter.api.Test
    void aCFileTheContextCannotReadIsASourceWithoutContent() throws IOException {
        Source program = Source.newBuilder("wasm", PROGRAMS.resolve("hotspot-O0.wasm").toFile()).build();
        List<String> stops = new ArrayList<>();
        try (Engine engine = Configuration.DEFAULT.engine();
                        DebuggerSession session = Debugger.find(engine).startSession(event -> {
                            com.oracle.truffle.api.source.Source source = event.getSourceSection().getSource();
                            stops.add(source.getName() + " " + source.hasCharacters() + " " + event.getSourceSection().getStartLine() + " "
                                            + sourceStop(event).variables().get("start"));
                            event.prepareKill();
                        })) {
            session.install(Breakpoint.newBuilder(PROGRAMS.resolve("hotspot.c").toUri()).lineIs(23).build());
            Context context = Context.newBuilder("wasm").engine(engine).option("wasm.Wasi", "true").allowIO(IOAccess.NONE)
                            .out(new ByteArrayOutputStream()).build();
            Value start = context.eval(program).newInstance().getMember("exports").getMember("_start");
            assertTrue(assertThrows(PolyglotException.class, start::execute).isCancelled());
            assertTrue(assertThrows(PolyglotException.class, context::close).isCancelled());
        }
        // the module's source is named without its directory, so the C file is named by its full path
        assertEquals(List.of(PROGRAMS.resolve("hotspot.c") + " false 23 1"), stops);
    }
}
