package dev.twasm.launcher;

import dev.twasm.exception.ModuleException;
import dev.twasm.validation.Validator;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code wasm validate FILE...}: decodes or parses each module (spec §5, §6) and validates it
 * (spec §3), with the plain-Java stages only: no engine is created.
 */
final class ValidateCommand implements Command {
    static final String HELP = """
                    Usage: wasm validate [OPTIONS] FILE...

                    Decodes (.wasm) or parses (.wat) each module and validates it. Prints "FILE: valid",
                    or the error on stderr; exits with 1 when any module is malformed or invalid.
                    """;

    private final List<String> files;

    private ValidateCommand(List<String> files) {
        this.files = files;
    }

    static ValidateCommand parse(Arguments args) {
        List<String> files = new ArrayList<>();
        while (args.hasNext()) {
            if (args.atOption()) {
                args.common();
            } else {
                files.add(args.next());
            }
        }
        if (files.isEmpty()) {
            throw Failure.usage("'validate' needs a module file (see: wasm help validate)");
        }
        return new ValidateCommand(files);
    }

    @Override
    public int execute(Invocation invocation) {
        int exitCode = 0;
        for (String file : files) {
            try {
                Validator.analyze(ModuleFile.read(file).decode(), ModuleFile.FEATURES);
                invocation.out().println(file + ": valid");
            } catch (ModuleException e) {
                invocation.err().println("wasm: " + file + ": " + e.getMessage());
                exitCode = Main.FAILURE;
            } catch (Failure e) {
                invocation.err().println("wasm: " + e.getMessage());
                exitCode = Main.FAILURE;
            }
        }
        return exitCode;
    }
}
