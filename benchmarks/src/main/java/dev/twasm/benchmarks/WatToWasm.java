package dev.twasm.benchmarks;

import dev.twasm.binary.ModuleEncoder;
import dev.twasm.text.WatParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Converts a benchmark program from text to binary with twasm's own parser and encoder. */
public final class WatToWasm {
    private WatToWasm() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: WatToWasm IN.wat OUT.wasm");
            System.exit(2);
        }
        Files.write(Path.of(args[1]), ModuleEncoder.encode(WatParser.parseModule(Files.readString(Path.of(args[0])))));
    }
}
