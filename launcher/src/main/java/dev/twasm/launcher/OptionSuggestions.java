package dev.twasm.launcher;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Known options similar to a mistyped one, by the Dice coefficient of their character bigrams
 * (the measure GraalVM's launchers and HotSpot use for their suggestions), comparing names without
 * their {@code =VALUE}.
 */
final class OptionSuggestions {
    /** How similar a known option must be to be suggested. */
    static final double THRESHOLD = 0.7;
    static final int MAX_SUGGESTIONS = 3;

    private OptionSuggestions() {
    }

    static List<String> similar(String option, Collection<String> known) {
        String name = nameOf(option);
        List<String> matches = new ArrayList<>();
        for (String candidate : known) {
            if (similarity(name, nameOf(candidate)) >= THRESHOLD) {
                matches.add(candidate);
            }
        }
        matches.sort(Comparator.comparingDouble((String candidate) -> -similarity(name, nameOf(candidate))));
        return matches.subList(0, Math.min(matches.size(), MAX_SUGGESTIONS));
    }

    private static String nameOf(String option) {
        int eq = option.indexOf('=');
        return eq < 0 ? option : option.substring(0, eq);
    }

    /** Twice the shared bigrams over the total bigrams of both strings. */
    static double similarity(String a, String b) {
        if (a.length() < 2 || b.length() < 2) {
            return a.equals(b) ? 1 : 0;
        }
        List<String> bigramsOfB = new ArrayList<>();
        for (int i = 0; i + 1 < b.length(); i++) {
            bigramsOfB.add(b.substring(i, i + 2));
        }
        int total = a.length() - 1 + bigramsOfB.size();
        int shared = 0;
        for (int i = 0; i + 1 < a.length(); i++) {
            if (bigramsOfB.remove(a.substring(i, i + 2))) {
                shared++;
            }
        }
        return 2.0 * shared / total;
    }
}
