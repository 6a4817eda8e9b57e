package dev.twasm.tests.polyglot;

import dev.twasm.binary.ModuleEncoder;
import dev.twasm.text.WatParser;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Value;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Wasm text to binary with the engine's own parser and encoder, for handing modules to JavaScript and Python as bytes. */
final class Wat {
    private Wat() {
    }

    static byte[] encode(String wat) {
        return ModuleEncoder.encode(WatParser.parseModule(wat));
    }

    /** {@code module} followed by a custom section (spec §5.5.3) named {@code name} holding {@code text}. */
    static byte[] withCustomSection(byte[] module, String name, String text) {
        byte[] n = name.getBytes(StandardCharsets.UTF_8);
        byte[] t = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(module);
        out.write(0);
        out.write(1 + n.length + t.length); // small sections only: one-byte LEB128 sizes
        out.write(n.length);
        out.writeBytes(n);
        out.writeBytes(t);
        return out.toByteArray();
    }

    /** A JS Uint8Array holding {@code b}. */
    static Value jsBytes(Context context, byte[] b) {
        Value array = context.eval("js", "(n) => new Uint8Array(n)").execute(b.length);
        for (int i = 0; i < b.length; i++) {
            array.setArrayElement(i, b[i] & 0xFF);
        }
        return array;
    }

    static Value bytes(Context context, String wat) {
        return jsBytes(context, encode(wat));
    }
}
