package dev.twasm.component;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An import or export name in the interface form {@code namespace:package/interface@version}, as
 * WASI's interfaces are named ({@code wasi:cli/stdout@0.2.0}). The version is optional (null when
 * absent) and kept as written; nested namespaces and packages ({@code a:b:c/d}) are not parsed.
 */
public record InterfaceName(String namespace, String packageName, String interfaceName, String version) {
    private static final String LABEL = "[a-zA-Z][a-zA-Z0-9]*(?:-[a-zA-Z0-9]+)*";
    private static final Pattern FORM = Pattern.compile("(" + LABEL + "):(" + LABEL + ")/(" + LABEL + ")(?:@([0-9A-Za-z.+-]+))?");

    /** The interface form of {@code name}, if it has that form. */
    public static Optional<InterfaceName> parse(String name) {
        Matcher m = FORM.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new InterfaceName(m.group(1), m.group(2), m.group(3), m.group(4)));
    }

    /** {@code namespace:package}, the package the interface belongs to. */
    public String packageId() {
        return namespace + ":" + packageName;
    }

    @Override
    public String toString() {
        return packageId() + "/" + interfaceName + (version == null ? "" : "@" + version);
    }
}
