package dev.twasm.wasi;

import org.graalvm.options.OptionType;

import java.util.ArrayList;
import java.util.List;

/**
 * One directory granted to WASI modules: the host directory {@code host}, which the guest sees as
 * the preopened directory named {@code guest}. Written {@code HOST[::GUEST]} (GUEST defaults to
 * HOST), several separated by commas, in the option {@code wasm.WasiMapDirs}.
 */
public record DirMapping(String host, String guest) {
    private static final String SEPARATOR = "::";

    /** The option type of {@code wasm.WasiMapDirs}: syntax errors are reported when the context is built. */
    public static final OptionType<List<DirMapping>> LIST_TYPE = new OptionType<>("HOST[::GUEST],...", DirMapping::parseList);

    public DirMapping {
        if (host.isEmpty() || guest.isEmpty()) {
            throw new IllegalArgumentException("a directory mapping needs a host directory and a guest name, as HOST or HOST::GUEST");
        }
    }

    /** Parses {@code HOST[::GUEST]}. */
    public static DirMapping parse(String text) {
        int separator = text.indexOf(SEPARATOR);
        if (separator < 0) {
            return new DirMapping(text, text);
        }
        return new DirMapping(text.substring(0, separator), text.substring(separator + SEPARATOR.length()));
    }

    /** Parses a comma-separated list of mappings; empty entries are ignored. */
    public static List<DirMapping> parseList(String text) {
        List<DirMapping> mappings = new ArrayList<>();
        for (String entry : text.split(",")) {
            if (!entry.isBlank()) {
                mappings.add(parse(entry.strip()));
            }
        }
        return List.copyOf(mappings);
    }

    @Override
    public String toString() {
        return host.equals(guest) ? host : host + SEPARATOR + guest;
    }
}
