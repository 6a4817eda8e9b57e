package dev.twasm.instrument;

import com.oracle.truffle.api.instrumentation.AllocationEvent;
import com.oracle.truffle.api.instrumentation.AllocationEventFilter;
import com.oracle.truffle.api.instrumentation.AllocationListener;
import com.oracle.truffle.api.instrumentation.TruffleInstrument;
import com.oracle.truffle.api.interop.InteropLibrary;
import com.oracle.truffle.api.interop.UnsupportedMessageException;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * What an {@link AllocationListener} (the memory tracer, the heap monitor) hears: one event per
 * {@code struct.new}, {@code struct.new_default}, {@code array.new}, {@code array.new_default},
 * {@code array.new_fixed} and {@code array.new_data}, each with the object (its meta object names
 * its defined type) and its size; the memory and table an instance creates, and the global's
 * struct its constant expression makes; {@code memory.grow} and {@code table.grow} as
 * reallocations from the old size to the new. In the baseline tier (an allocation listener
 * instruments no code, so functions stay there) and in the AST interpreter. (The tree tier leaves
 * out an allocation whose result is dropped where nothing can trap, as {@code (drop
 * (struct.new_default $t))}: the tools see the allocations that happen.)
 */
class AllocationsTest {
    /** Records every allocation the language reports: "new TYPE SIZE" or "grow CLASS OLD->NEW". */
    @TruffleInstrument.Registration(id = Recorder.ID, services = Recorder.class)
    public static final class Recorder extends TruffleInstrument {
        static final String ID = "twasm-test-allocation-recorder";
        final List<String> events = Collections.synchronizedList(new ArrayList<>());

        @Override
        protected void onCreate(Env env) {
            env.registerService(this);
            env.getInstrumenter().attachAllocationListener(AllocationEventFilter.ANY, new AllocationListener() {
                @Override
                public void onEnter(AllocationEvent event) {
                }

                @Override
                public void onReturnValue(AllocationEvent event) {
                    Object value = event.getValue();
                    if (event.getOldSize() != 0) {
                        events.add("grow " + value.getClass().getSimpleName() + " " + event.getOldSize() + "->" + event.getNewSize());
                    } else {
                        events.add("new " + typeOf(value) + " " + event.getNewSize());
                    }
                }
            });
        }

        private static String typeOf(Object value) {
            InteropLibrary interop = InteropLibrary.getUncached();
            try {
                return interop.hasMetaObject(value) ? interop.asString(interop.getMetaQualifiedName(interop.getMetaObject(value))) : value.getClass().getSimpleName();
            } catch (UnsupportedMessageException e) {
                throw new AssertionError(e);
            }
        }
    }

    static final String WAT = """
                    (module
                      (type $pair (struct (field i32) (field i64)))
                      (type $bytes (array (mut i8)))
                      (memory 1)
                      (table 2 funcref)
                      (data $abcd "abcd")
                      (global $g (ref $pair) (struct.new $pair (i32.const 1) (i64.const 2)))
                      (func (export "make") (param $n i32) (result i32)
                        (local $i i32)
                        (local $s (ref null $pair))
                        (local $a (ref null $bytes))
                        (loop $l
                          (local.set $s (struct.new $pair (local.get $i) (i64.const 0)))
                          (local.set $s (struct.new_default $pair))
                          (local.set $a (array.new_default $bytes (i32.const 10)))
                          (local.set $a (array.new $bytes (i32.const 7) (i32.const 3)))
                          (local.set $a (array.new_fixed $bytes 2 (i32.const 1) (i32.const 2)))
                          (local.set $a (array.new_data $bytes $abcd (i32.const 0) (i32.const 4)))
                          (local.set $i (i32.add (local.get $i) (i32.const 1)))
                          (br_if $l (i32.lt_u (local.get $i) (local.get $n))))
                        (drop (memory.grow (i32.const 2)))
                        (drop (table.grow (ref.null func) (i32.const 3)))
                        (local.get $i)))
                    """;

    static final String PAIR = "(struct (field i32) (field i64))";
    static final String BYTES = "(array (mut i8))";

    @ParameterizedTest(name = "wasm.Baseline={0}")
    @ValueSource(booleans = {true, false})
    void everyAllocationIsReportedWithItsTypeAndSize(boolean baseline) {
        int n = 25;
        Map<String, Integer> counts = new TreeMap<>();
        try (Engine engine = Engine.newBuilder("wasm").allowExperimentalOptions(true).option("engine.WarnInterpreterOnly", "false")
                        .option("wasm.Baseline", String.valueOf(baseline)).build();
                        Context context = Context.newBuilder("wasm").engine(engine).build()) {
            Recorder recorder = engine.getInstruments().get(Recorder.ID).lookup(Recorder.class);
            Value instance = context.eval(Source.create("wasm", WAT)).newInstance();
            assertEquals(n, instance.getMember("exports").getMember("make").execute(n).asInt());
            for (String event : recorder.events) {
                counts.merge(event, 1, Integer::sum);
            }
        }
        Map<String, Integer> expected = new TreeMap<>();
        // Instantiation: the memory (1 page), the table (2 references), the global's struct.
        expected.put("new WasmMemory 65536", 1);
        expected.put("new WasmTable 16", 1);
        // A struct: 16 bytes of object, 4 + 8 of fields; an array: 16 and its elements.
        expected.put("new " + PAIR + " 28", 1 + 2 * n);
        expected.put("new " + BYTES + " 26", n);
        expected.put("new " + BYTES + " 19", n);
        expected.put("new " + BYTES + " 18", n);
        expected.put("new " + BYTES + " 20", n);
        expected.put("grow WasmMemory 65536->196608", 1);
        expected.put("grow WasmTable 16->40", 1);
        assertEquals(expected, counts);
    }
}
