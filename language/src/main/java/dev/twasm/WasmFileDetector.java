package dev.twasm;

import com.oracle.truffle.api.TruffleFile;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Tells Truffle which files are Wasm and whether to read them as bytes ({@code .wasm}) or as text
 * ({@code .wat}, {@code .wast}), so {@code Source.newBuilder("wasm", file)} does the right thing.
 */
public final class WasmFileDetector implements TruffleFile.FileTypeDetector {
    @Override
    public String findMimeType(TruffleFile file) {
        String name = file.getName();
        if (name == null) {
            return null;
        }
        if (name.endsWith(".wasm")) {
            return WasmLanguage.BINARY_MIME_TYPE;
        }
        if (name.endsWith(".wat") || name.endsWith(".wast")) {
            return WasmLanguage.TEXT_MIME_TYPE;
        }
        return null;
    }

    @Override
    public Charset findEncoding(TruffleFile file) {
        return StandardCharsets.UTF_8;
    }
}
