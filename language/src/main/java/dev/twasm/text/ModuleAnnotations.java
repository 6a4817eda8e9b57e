package dev.twasm.text;

import dev.twasm.exception.InvalidModuleException;
import dev.twasm.model.CustomSection;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The annotations of a module's text that mean something to the engine (spec 3.0 appendix
 * "Custom Annotations", the name and branch hint annotations), read where the parser meets them:
 *
 * <ul>
 * <li>{@code (@custom "name" (before|after section)? "bytes"*)} between module fields: a custom
 * section with that placement ({@link CustomSection#placement()});</li>
 * <li>{@code (@name "name")} after the keyword (and identifier) of a module, function, named
 * parameter or local:
 * the name of the name section, which stack traces show; after other definitions it is
 * accepted and not kept;</li>
 * <li>{@code (@metadata.code.branch_hint "\00"|"\01")} before an {@code if} or {@code br_if}: a
 * branch hint, checked and not used.</li>
 * </ul>
 *
 * Other annotations are ignored. Once the module is parsed, {@link #checkUnused} reports a known
 * annotation that no parser took as misplaced, with the wording of the reference interpreter's
 * custom-section handlers (which the scripts' {@code assert_malformed_custom} checks).
 */
final class ModuleAnnotations {
    static final String CUSTOM = "custom";
    static final String NAME = "name";
    static final String BRANCH_HINT = "metadata.code.branch_hint";

    private final Tokens tokens;
    private final List<Annotation> all;
    private final BitSet used = new BitSet();

    ModuleAnnotations(Tokens tokens) {
        this.tokens = tokens;
        this.all = tokens.annotations();
    }

    /**
     * The annotations with {@code id} right before token {@code pos}, in text order (marked used).
     * The lexer records annotations in text order, so their positions never decrease: a binary
     * search finds the first one at {@code pos}.
     */
    private List<Annotation> take(int pos, String id) {
        int low = 0;
        int high = all.size();
        while (low < high) {
            int mid = (low + high) >>> 1;
            if (all.get(mid).before() < pos) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        List<Annotation> found = List.of();
        for (int i = low; i < all.size() && all.get(i).before() == pos; i++) {
            Annotation a = all.get(i);
            if (a.id().equals(id)) {
                if (found.isEmpty()) {
                    found = new ArrayList<>(1);
                }
                used.set(i);
                found.add(a);
            }
        }
        return found;
    }

    /** The custom sections of the {@code @custom} annotations between fields, before token {@code pos}. */
    List<CustomSection> customSections(int pos) {
        List<CustomSection> sections = new ArrayList<>();
        for (Annotation a : take(pos, CUSTOM)) {
            sections.add(customSection(a));
        }
        return sections;
    }

    private CustomSection customSection(Annotation a) {
        Tokens body = a.body();
        int p = 0;
        if (body.kind(p) != TokenKind.STRING) {
            throw body.errorAtToken("@custom annotation: missing section name", p);
        }
        String name = StringLiteral.utf8OrNull(StringLiteral.bytes(body.source(), body.start(p), body.end(p)));
        if (name == null) {
            throw body.errorAtToken("@custom annotation: malformed UTF-8 encoding", p);
        }
        p++;
        int placement = CustomSection.LAST;
        if (body.kind(p) == TokenKind.LPAR) {
            boolean before = body.textEquals(p + 1, "before");
            if (!before && !body.textEquals(p + 1, "after")) {
                throw body.errorAtToken("@custom annotation: malformed placement", p + 1);
            }
            String section = body.kind(p + 2) == TokenKind.KEYWORD ? body.text(p + 2) : "";
            if (section.equals("first") || section.equals("last")) {
                placement = section.equals("first") ? CustomSection.FIRST : CustomSection.LAST;
            } else if (CustomSection.SECTIONS.contains(section)) {
                placement = before ? CustomSection.before(section) : CustomSection.after(section);
            } else {
                throw body.errorAtToken("@custom annotation: malformed section kind", p + 2);
            }
            if (body.kind(p + 3) != TokenKind.RPAR) {
                throw body.errorAtToken("@custom annotation: malformed placement", p + 3);
            }
            p += 4;
        }
        ByteArrayOutputStream contents = new ByteArrayOutputStream();
        for (; body.kind(p) != TokenKind.EOF; p++) {
            if (body.kind(p) != TokenKind.STRING) {
                throw body.errorAtToken("@custom annotation: unexpected token", p);
            }
            contents.writeBytes(StringLiteral.bytes(body.source(), body.start(p), body.end(p)));
        }
        return new CustomSection(name, contents.toByteArray(), placement);
    }

    /**
     * The name that an {@code @name} annotation before token {@code pos} gives the {@code what}
     * defined there ("module", "function", "parameter", "local"), or null; two are an error.
     */
    String name(int pos, String what) {
        List<Annotation> names = take(pos, NAME);
        if (names.isEmpty()) {
            return null;
        }
        if (names.size() > 1) {
            throw tokens.errorAt("@name annotation: multiple " + what, names.get(1).start());
        }
        return nameOf(names.getFirst());
    }

    private static String nameOf(Annotation a) {
        Tokens body = a.body();
        if (body.kind(0) != TokenKind.STRING || body.kind(1) != TokenKind.EOF) {
            throw body.errorAtToken("@name annotation: unexpected token", body.kind(0) == TokenKind.STRING ? 1 : 0);
        }
        String name = StringLiteral.utf8OrNull(StringLiteral.bytes(body.source(), body.start(0), body.end(0)));
        if (name == null) {
            throw body.errorAtToken("@name annotation: malformed UTF-8 encoding", 0);
        }
        return name;
    }

    /**
     * Takes the branch hint before the {@code if} or {@code br_if} at token {@code pos}: its value
     * (0 likely not taken, 1 likely taken), or -1 when there is none.
     */
    int branchHint(int pos) {
        List<Annotation> hints = take(pos, BRANCH_HINT);
        if (hints.isEmpty()) {
            return -1;
        }
        if (hints.size() > 1) {
            throw tokens.errorAt("@metadata.code.branch_hint annotation: duplicate annotation", hints.get(1).start());
        }
        Tokens body = hints.getFirst().body();
        byte[] value = body.kind(0) == TokenKind.STRING && body.kind(1) == TokenKind.EOF
                        ? StringLiteral.bytes(body.source(), body.start(0), body.end(0))
                        : null;
        if (value == null || value.length != 1 || (value[0] != 0 && value[0] != 1)) {
            throw body.errorAtToken("@metadata.code.branch_hint annotation: malformed hint", 0);
        }
        return value[0];
    }

    /**
     * Reports the first known annotation that no parser took: a {@code @custom} inside a field,
     * a {@code @name} that follows no definition, a branch hint inside a function
     * ({@code functions}: the token ranges of the function fields) before an instruction that is
     * no branch (invalid) or outside functions (malformed).
     */
    void checkUnused(List<int[]> functions) {
        for (int i = 0; i < all.size(); i++) {
            Annotation a = all.get(i);
            if (used.get(i)) {
                continue;
            }
            switch (a.id()) {
                case CUSTOM -> throw tokens.errorAt("misplaced @custom annotation", a.start());
                case NAME -> {
                    if (!followsDefinition(a.before())) {
                        throw tokens.errorAt("misplaced @name annotation", a.start());
                    }
                    nameOf(a);
                }
                case BRANCH_HINT -> {
                    for (int[] range : functions) {
                        if (a.before() > range[0] && a.before() <= range[1]) {
                            throw new InvalidModuleException("@metadata.code.branch_hint annotation: invalid target",
                                            tokens.errorAt("", a.start()).location());
                        }
                    }
                    throw tokens.errorAt("@metadata.code.branch_hint annotation: not in a function", a.start());
                }
                default -> {
                    // an annotation the engine does not know: ignored (spec 3.0 §6.2.4)
                }
            }
        }
    }

    /** Whether token {@code pos} follows the keyword of a definition, or its identifier. */
    private boolean followsDefinition(int pos) {
        int keyword = pos > 0 && tokens.kind(pos - 1) == TokenKind.ID ? pos - 2 : pos - 1;
        if (keyword < 0 || tokens.kind(keyword) != TokenKind.KEYWORD) {
            return false;
        }
        return switch (tokens.text(keyword)) {
            case "module", "func", "param", "local", "type", "table", "memory", "global", "elem", "data", "tag", "field", "block", "loop",
                            "if", "try_table" ->
                true;
            default -> false;
        };
    }
}
