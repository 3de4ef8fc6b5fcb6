package io.vjepastream.ingest.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Separates the ingest options ({@link SourceOptions#NETWORK_KEYS}) from the rest of a network URI's
 * query, which belongs to the server and goes to FFmpeg unchanged.
 */
final class NetworkQuery {
    private NetworkQuery() {
    }

    /** {@code [uri without ingest options, ingest options as a query]}. */
    static String[] split(String uri) {
        int q = uri.indexOf('?');
        if (q < 0) {
            return new String[] {uri, ""};
        }
        int hash = uri.indexOf('#', q);
        String query = hash < 0 ? uri.substring(q + 1) : uri.substring(q + 1, hash);
        String fragment = hash < 0 ? "" : uri.substring(hash);
        List<String> kept = new ArrayList<>();
        List<String> ours = new ArrayList<>();
        for (String part : query.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String key = (eq < 0 ? part : part.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
            (SourceOptions.NETWORK_KEYS.contains(key) ? ours : kept).add(part);
        }
        String base = uri.substring(0, q) + (kept.isEmpty() ? "" : "?" + String.join("&", kept)) + fragment;
        return new String[] {base, String.join("&", ours)};
    }
}
