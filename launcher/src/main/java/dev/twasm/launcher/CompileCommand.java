package dev.twasm.launcher;

import dev.twasm.binary.ModuleEncoder;
import dev.twasm.exception.ModuleException;
import dev.twasm.model.Module;
import dev.twasm.validation.Validator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code wasm compile FILE -o OUT}: parses (or decodes) a module, validates it and writes its binary
 * encoding (spec §5) with {@link ModuleEncoder}; identifiers of a text module become its name
 * section.
 */
final class CompileCommand implements Command {
    static final String HELP = """
                    Usage: wasm compile [OPTIONS] FILE [-o OUT]

                    Parses FILE (usually .wat text), validates it and writes its binary encoding to OUT
                    (default: FILE with the extension .wasm). The text's $identifiers become the name
                    section, so traps name the functions. Invalid modules are not written.

                    Options:
                      -o, --output OUT         The file to write.
                    """;

    private final String file;
    private final String output;

    private CompileCommand(String file, String output) {
        this.file = file;
        this.output = output;
    }

    static CompileCommand parse(Arguments args) {
        String file = null;
        String output = null;
        while (args.hasNext()) {
            String value;
            if (!args.atOption()) {
                if (file != null) {
                    throw Failure.usage("'compile' takes one module file (see: wasm help compile)");
                }
                file = args.next();
            } else if ((value = args.value("-o")) != null || (value = args.value("--output")) != null) {
                output = value;
            } else {
                args.common();
            }
        }
        if (file == null) {
            throw Failure.usage("'compile' needs a module file (see: wasm help compile)");
        }
        if (output == null) {
            if (!file.endsWith(".wat") && !file.endsWith(".wast")) {
                throw Failure.usage("'compile' needs -o OUT for " + file);
            }
            output = file.substring(0, file.lastIndexOf('.')) + ".wasm";
        }
        return new CompileCommand(file, output);
    }

    @Override
    public int execute(Invocation invocation) {
        byte[] encoded;
        try {
            Module module = ModuleFile.read(file).decode();
            Validator.analyze(module, ModuleFile.FEATURES);
            encoded = ModuleEncoder.encode(module);
        } catch (ModuleException e) {
            throw Failure.of(file + ": " + e.getMessage());
        }
        try {
            Files.write(Path.of(output), encoded);
        } catch (IOException e) {
            throw Failure.of("cannot write " + output + ": " + Failure.reason(e));
        }
        return 0;
    }
}
