package dev.twasm.launcher;

import dev.twasm.binary.BinaryDecoder;
import dev.twasm.exception.MalformedModuleException;
import dev.twasm.model.Module;
import dev.twasm.model.Features;
import dev.twasm.text.WatParser;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.io.ByteSequence;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A module file named on the command line: binary (spec §5) when it starts with the magic
 * {@code \0asm} or is named {@code .wasm}, text (spec §6) otherwise. Reading it turns the usual
 * file problems into one-line {@link Failure}s; {@link #decode()} gives the plain-Java model
 * ({@code validate}, {@code inspect}, {@code compile}) and {@link #source()} the polyglot source
 * ({@code run}).
 *
 * @param name the file as the user wrote it, for messages
 */
record ModuleFile(String name, byte[] bytes, boolean binary) {
    /** The rules the commands that read a module without an engine follow: the engine's defaults, Wasm 3.0's. */
    static final Features FEATURES = Features.WASM_3_0;

    private static final byte[] MAGIC = {0x00, 0x61, 0x73, 0x6D};

    static ModuleFile read(String name) {
        Path path = Path.of(name);
        if (Files.isDirectory(path)) {
            throw Failure.of("cannot read " + name + ": is a directory");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw Failure.of("cannot read " + name + ": no such file");
        } catch (IOException e) {
            throw Failure.of("cannot read " + name + ": " + Failure.reason(e));
        } catch (OutOfMemoryError e) {
            throw Failure.of("cannot read " + name + ": too large");
        }
        boolean binary = name.endsWith(".wasm") || startsWithMagic(bytes);
        return new ModuleFile(name, bytes, binary);
    }

    private static boolean startsWithMagic(byte[] bytes) {
        if (bytes.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (bytes[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /** "binary" or "text". */
    String format() {
        return binary ? "binary" : "text";
    }

    /** The module; throws a {@link dev.twasm.exception.ModuleException} when it is malformed. */
    Module decode() {
        return binary ? BinaryDecoder.decode(bytes, FEATURES) : WatParser.parseModule(text(), FEATURES);
    }

    /**
     * The source to evaluate in the {@code wasm} language, named as the user named the file (error
     * messages start with it), with the bytes already read. It is a file's source, with its path:
     * the tools find the C/Rust files that the module's DWARF names relative to it (docs/tools.md).
     */
    Source source() {
        Source.Builder builder = Source.newBuilder("wasm", new File(name)).name(name);
        builder = binary ? builder.content(ByteSequence.create(bytes)).mimeType("application/wasm") : builder.content(text()).mimeType("text/x-wasm-text");
        try {
            return builder.build();
        } catch (IOException e) {
            throw Failure.of("cannot read " + name + ": " + Failure.reason(e));
        }
    }

    private String text() {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new MalformedModuleException("malformed UTF-8 encoding", (String) null);
        }
    }
}
