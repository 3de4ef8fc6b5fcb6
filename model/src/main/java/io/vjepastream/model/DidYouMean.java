package io.vjepastream.model;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.text.similarity.LevenshteinDistance;

/**
 * The known name a mistyped one was most likely meant to be, for error messages: names are compared
 * without case, underscores or hyphens (so {@code latentDim} and {@code latent-dim} find
 * {@code latent_dim}), then by edit distance, accepting at most one edit per three characters.
 */
final class DidYouMean {
    private static final int MAX_EDITS = 3;

    private DidYouMean() {
    }

    /** The closest of {@code known} to {@code typed}, if one is close enough. */
    static Optional<String> closest(String typed, Collection<String> known) {
        Map<String, String> spellings = new LinkedHashMap<>();
        known.forEach(name -> spellings.put(name, name));
        return closest(typed, spellings);
    }

    /**
     * As {@link #closest(String, Collection)}, where each known spelling (another name of a setting, for
     * example) maps to the name to suggest.
     */
    static Optional<String> closest(String typed, Map<String, String> spellings) {
        String wanted = fold(typed);
        int limit = Math.min(MAX_EDITS, wanted.length() / 3);
        LevenshteinDistance distance = new LevenshteinDistance(limit);
        String best = null;
        int bestEdits = Integer.MAX_VALUE;
        for (Map.Entry<String, String> spelling : spellings.entrySet()) {
            int edits = distance.apply(wanted, fold(spelling.getKey()));
            // -1: more than the limit apart.
            if (edits >= 0 && edits < bestEdits) {
                best = spelling.getValue();
                bestEdits = edits;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code "; did you mean 'NAME'?"} for the closest known name, or an empty string. */
    static String hint(String typed, Collection<String> known) {
        return format(closest(typed, known));
    }

    /** As {@link #hint(String, Collection)} over spellings that map to the names to suggest. */
    static String hint(String typed, Map<String, String> spellings) {
        return format(closest(typed, spellings));
    }

    private static String format(Optional<String> name) {
        return name.map(n -> "; did you mean '" + n + "'?").orElse("");
    }

    private static String fold(String name) {
        return name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }
}
