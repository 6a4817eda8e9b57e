package dev.twasm.instrument;

import com.oracle.truffle.api.instrumentation.EventContext;
import com.oracle.truffle.api.instrumentation.ExecutionEventListener;
import com.oracle.truffle.api.instrumentation.SourceSectionFilter;
import com.oracle.truffle.api.instrumentation.StandardTags;
import com.oracle.truffle.api.instrumentation.TruffleInstrument;
import com.oracle.truffle.api.frame.VirtualFrame;
import com.oracle.truffle.api.nodes.Node;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The tags the language provides, as an instrument with a {@link SourceSectionFilter} sees them:
 * {@code RootTag} on each function entered, with the function's name and its listing section;
 * {@code CallTag} on each call, whether an operand ({@code i32.add (call ...)}), a dropped
 * result, or a tail call; {@code StatementTag} on statements only. In the default configuration,
 * so the functions start in the baseline tier and leave it when instrumented.
 */
class TagsTest {
    /** Records the events of one tag: the root's name, and the section's first line. */
    @TruffleInstrument.Registration(id = TagsTest.Recorder.ID, services = Recorder.class)
    public static final class Recorder extends TruffleInstrument {
        static final String ID = "twasm-test-tag-recorder";
        final List<String> events = Collections.synchronizedList(new ArrayList<>());
        private Env env;

        @Override
        protected void onCreate(Env environment) {
            this.env = environment;
            environment.registerService(this);
        }

        void record(Class<?> tag) {
            env.getInstrumenter().attachExecutionEventListener(SourceSectionFilter.newBuilder().tagIs(tag).build(), new ExecutionEventListener() {
                @Override
                public void onEnter(EventContext context, VirtualFrame frame) {
                    Node node = context.getInstrumentedNode();
                    events.add(tag.getSimpleName() + " " + node.getRootNode().getName() + " " + context.getInstrumentedSourceSection().getStartLine());
                }

                @Override
                public void onReturnValue(EventContext context, VirtualFrame frame, Object result) {
                }

                @Override
                public void onReturnExceptional(EventContext context, VirtualFrame frame, Throwable exception) {
                }
            });
        }
    }

    static final String WAT = """
                    (module
                      (func $leaf (result i32) (i32.const 1))
                      (func $effect)
                      (func $tail (result i32) (return_call $leaf))
                      (func $main (export "main") (result i32)
                        (call $effect)
                        (i32.add (call $leaf) (call $tail))))
                    """;

    static List<String> run(Class<?> tag) {
        try (Engine engine = Engine.newBuilder("wasm").option("engine.WarnInterpreterOnly", "false").build();
                        Context context = Context.newBuilder("wasm").engine(engine).build()) {
            Recorder recorder = engine.getInstruments().get(Recorder.ID).lookup(Recorder.class);
            recorder.record(tag);
            Value main = context.eval(Source.create("wasm", WAT)).newInstance().getMember("exports").getMember("main");
            assertEquals(2, main.execute().asInt());
            return List.copyOf(recorder.events);
        }
    }

    @Test
    void rootsAreFunctionsWithTheirNamesAndListingSections() {
        // the listing's headers: line 3 $leaf's, 7 $effect's, 10 $tail's, 14 $main's
        assertEquals(List.of("RootTag main 14", "RootTag effect 7", "RootTag leaf 3", "RootTag tail 10", "RootTag leaf 3"), run(StandardTags.RootTag.class));
    }

    @Test
    void callsAreTaggedAsOperandsAsDroppedResultsAndAsTailCalls() {
        // main: call $effect (line 15, result dropped: the call inside a drop statement), call $leaf
        // and call $tail (16, 17: operands of i32.add); tail: return_call (11, the statement itself)
        assertEquals(List.of("CallTag main 15", "CallTag main 16", "CallTag main 17", "CallTag tail 11"), run(StandardTags.CallTag.class));
    }

    @Test
    void statementsStartAtTheirFirstInstruction() {
        // main: the dropped call (15), then the store of i32.add's result, whose first instruction
        // is call $leaf (16); leaf: its result (4); tail: the return_call (11); effect has none
        assertEquals(List.of("StatementTag main 15", "StatementTag main 16", "StatementTag leaf 4", "StatementTag tail 11", "StatementTag leaf 4"),
                        run(StandardTags.StatementTag.class));
    }
}
