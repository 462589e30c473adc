package io.jenkins.plugins.iamjanitor.integrations.config;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for unknown keys: a near typo at the same level, or the same name in another section. */
final class Suggestions {
    private Suggestions() {
    }

    /** The allowed name closest to {@code name}, if close enough to be a typo (or differing only in case). */
    static Optional<String> closest(String name, List<String> allowed) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            int d = distance(name.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        int tolerance = Math.max(2, name.length() / 3);
        return best != null && bestDistance <= tolerance ? Optional.of(best) : Optional.empty();
    }

    /** The full path of a key with this name in another section, e.g. {@code channel} -> {@code slack.channel}. */
    static Optional<String> elsewhere(String name, String path) {
        return PolicySchema.keyPaths().stream()
                .filter(p -> !p.equals(path))
                .filter(p -> p.endsWith("." + name) || p.endsWith("]." + name) || p.equals(name))
                .findFirst();
    }

    /** Levenshtein distance. */
    static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
