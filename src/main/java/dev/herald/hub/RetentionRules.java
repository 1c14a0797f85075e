package dev.herald.hub;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Retention by topic prefix: the longest matching prefix wins, else the default.
 * Configured as {@code herald.retention.rules=metrics=latest,chat/=10000/PT24H}.
 */
public final class RetentionRules {
    private final RetentionPolicy fallback;
    private final List<Map.Entry<String, RetentionPolicy>> byPrefix;

    public RetentionRules(RetentionPolicy fallback, Map<String, RetentionPolicy> byPrefix) {
        this.fallback = fallback;
        this.byPrefix = new ArrayList<>(byPrefix.entrySet());
        this.byPrefix.sort(Comparator.comparingInt((Map.Entry<String, RetentionPolicy> e) -> e.getKey().length()).reversed());
    }

    public static RetentionRules uniform(RetentionPolicy policy) {
        return new RetentionRules(policy, Map.of());
    }

    public RetentionPolicy forTopic(String topic) {
        for (var rule : byPrefix) {
            if (topic.startsWith(rule.getKey())) return rule.getValue();
        }
        return fallback;
    }

    /**
     * Parses {@code prefix=count/ISO-duration} or {@code prefix=latest} entries,
     * comma-separated. Errors name the entry, since a typo here silently losing
     * history would be worse than refusing to start.
     */
    public static RetentionRules parse(RetentionPolicy fallback, String spec) {
        var rules = new java.util.LinkedHashMap<String, RetentionPolicy>();
        if (spec != null) {
            for (String entry : spec.split(",")) {
                entry = entry.trim();
                if (entry.isEmpty()) continue;
                int eq = entry.indexOf('=');
                if (eq <= 0) throw new IllegalArgumentException("herald.retention.rules: '" + entry + "' is not prefix=rule");
                String prefix = entry.substring(0, eq).trim();
                String rule = entry.substring(eq + 1).trim();
                try {
                    if (rule.equals("latest")) {
                        rules.put(prefix, RetentionPolicy.latestOnly(fallback.age()));
                    } else {
                        String[] parts = rule.split("/");
                        int count = Integer.parseInt(parts[0]);
                        Duration age = parts.length > 1 ? Duration.parse(parts[1]) : fallback.age();
                        rules.put(prefix, new RetentionPolicy(count, age, false));
                    }
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("herald.retention.rules: '" + entry + "': " + e.getMessage(), e);
                }
            }
        }
        return new RetentionRules(fallback, rules);
    }
}
