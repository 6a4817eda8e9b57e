package dev.twasm.tests;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

class SmokeTest {
    @Test
    void smoke() throws Exception {
        byte[] bytes = Files.readAllBytes(Path.of("/tmp/smoke/loop.wasm"));
        try (Context c = Context.newBuilder().build()) {
            Value module = c.eval(Source.newBuilder("wasm", ByteSequence.create(bytes), "loop.wasm").mimeType("application/wasm").build());
            Value exports = module.newInstance().getMember("exports");
            for (int i = 0; i < 5; i++) {
                long t = System.nanoTime();
                int r = exports.getMember("loop").execute(100_000_000).asInt();
                System.out.println("loop " + r + " " + (System.nanoTime() - t) / 1e6 + " ms");
            }
            System.out.println("fac " + exports.getMember("fac").execute(20L));
            try {
                exports.getMember("div").execute(1, 0);
            } catch (PolyglotException e) {
                System.out.println("trap: " + e.getMessage() + " guest=" + e.isGuestException());
            }
            try {
                exports.getMember("rec").execute(1);
            } catch (PolyglotException e) {
                System.out.println("exhaustion: " + e.getMessage() + " guest=" + e.isGuestException());
            }
            System.out.println("after " + exports.getMember("fac").execute(5L));
        }
    }
}
