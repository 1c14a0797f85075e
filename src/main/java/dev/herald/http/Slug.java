package dev.herald.http;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The one rule that turns a name into an id for URLs and topics ("Design Team!" →
 * "design-team", "Zoë" → "zoe"): accents dropped, lower case, every run of other
 * characters one dash, no dash at either end. User ids and room ids are both made so,
 * each with its own length and its own answer for a name that leaves nothing.
 */
public final class Slug {
    private Slug() {
    }

    /** The slug of {@code name}, at most {@code max} characters; empty when no letter or digit is left. */
    public static String of(String name, int max) {
        String s = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "")
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        return s.length() > max ? s.substring(0, max).replaceAll("-+$", "") : s;
    }
}
