package dev.twasm.tests.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The comparison of a tool's output with its transcript in {@code docs/tools.md}, line by line,
 * where what varies from run to run may vary and nothing else:
 * <ul>
 * <li>A <em>measurement</em>, a number standing on its own (after the start of the line, a space,
 * {@code (}, {@code [}, {@code #} or {@code ,}, and before the end of the line, a space,
 * {@code %}, {@code ms}, {@code s}, {@code )}, {@code ]}, {@code ,} or a final {@code .}), matches
 * any number: times, sample and call counts, percentages, thread ids.</li>
 * <li>Every other character must match, numbers inside words included: function names, file names
 * and locations ({@code hotspot.c~20-26:...}) are exact.</li>
 * <li>Runs of spaces count as one space and runs of three or more {@code -} or {@code =} as one
 * rule, so that columns may widen with the numbers in them; trailing spaces are ignored.</li>
 * <li>The secret path of a debugger URL ({@code ws://HOST:PORT/SECRET}) matches any path.</li>
 * <li>A warning block is left out on both sides: a line starting with {@code Warning: }, the
 * indented lines after it, and the rules ({@code ---...}) right before and after it. The CPU
 * sampler prints one when taking samples was slow (a loaded machine), which no transcript can
 * promise.</li>
 * </ul>
 * The lines, their order and their count must match.
 */
final class Transcript {
    private static final Pattern MEASUREMENT = Pattern.compile("(?<=^|[\\s(\\[#,])\\d+(?:\\.\\d+)?(?=$|[\\s%)\\],]|ms\\b|s\\b|\\.$)");
    private static final Pattern SECRET = Pattern.compile("(ws=|ws://)([^/\\s]+)/[\\w-]+");

    private Transcript() {
    }

    /** The line in a normalized form that two matching lines share. */
    static String normalize(String line) {
        String s = SECRET.matcher(line.stripTrailing()).replaceAll("$1$2/<secret>");
        s = MEASUREMENT.matcher(s).replaceAll("<n>");
        return s.replaceAll("[-=]{3,}", "---").replaceAll(" +", " ");
    }

    /** Null when {@code actual} matches {@code expected}, else a description of the first difference. */
    static String difference(String expected, String actual) {
        List<String> want = lines(expected);
        List<String> got = lines(actual);
        for (int i = 0; i < Math.max(want.size(), got.size()); i++) {
            String w = i < want.size() ? want.get(i) : null;
            String g = i < got.size() ? got.get(i) : null;
            if (w == null || g == null || !normalize(w).equals(normalize(g))) {
                return "line " + (i + 1) + ": expected\n  " + w + "\nbut was\n  " + g + "\n(normalized: " + (w == null ? null : normalize(w)) + " vs "
                                + (g == null ? null : normalize(g)) + ")\nwhole output:\n" + actual;
            }
        }
        return null;
    }

    private static List<String> lines(String text) {
        List<String> all = text.strip().lines().toList();
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (!all.get(i).startsWith("Warning: ")) {
                kept.add(all.get(i));
                continue;
            }
            if (!kept.isEmpty() && isRule(kept.getLast())) {
                kept.removeLast();
            }
            while (i + 1 < all.size() && all.get(i + 1).startsWith(" ") && !all.get(i + 1).isBlank()) {
                i++;
            }
            if (i + 1 < all.size() && isRule(all.get(i + 1))) {
                i++;
            }
        }
        return kept;
    }

    private static boolean isRule(String line) {
        return line.strip().matches("-{3,}");
    }

    /** The measurements of a line, for tests of the rule itself. */
    static List<String> measurements(String line) {
        List<String> found = new ArrayList<>();
        Matcher m = MEASUREMENT.matcher(line);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }
}
