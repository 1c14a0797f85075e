package dev.herald.alerts;

import dev.herald.boot.HeraldConfig;
import dev.herald.metrics.Metric;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Parses {@code herald.alerts.rules}: comma-separated {@code metric>threshold:severity},
 * e.g. {@code errorRate>0.05:critical}. Every rule shares {@code herald.alerts.hold}
 * and {@code herald.alerts.hysteresis} (a fraction of the threshold: 0.1 clears an
 * error-rate alert at 4.5 % when it fired above 5 %).
 */
public final class AlertRules {
    private static final Set<String> SEVERITIES = Set.of("info", "warning", "critical");

    private AlertRules() {
    }

    public static List<AlertRule> from(HeraldConfig config) {
        return parse(config.string("herald.alerts.rules"), config.duration("herald.alerts.hold"),
                parseFraction("herald.alerts.hysteresis", config.string("herald.alerts.hysteresis")));
    }

    public static List<AlertRule> parse(String text, Duration hold, double hysteresis) {
        var rules = new ArrayList<AlertRule>();
        for (String raw : text.split(",")) {
            String rule = raw.strip();
            if (rule.isEmpty() || rule.equals("none")) continue;
            rules.add(parseOne(rule, hold, hysteresis));
        }
        if (rules.stream().map(AlertRule::metric).distinct().count() < rules.size()) {
            throw new IllegalArgumentException("herald.alerts.rules: one rule per metric");
        }
        return List.copyOf(rules);
    }

    private static AlertRule parseOne(String rule, Duration hold, double hysteresis) {
        int gt = rule.indexOf('>');
        int colon = rule.indexOf(':', Math.max(gt, 0));
        if (gt <= 0 || colon < 0) throw bad(rule, "write metric>threshold:severity");
        String key = rule.substring(0, gt).strip();
        Metric metric = Metric.byKey(key).orElseThrow(() -> bad(rule, "'" + key + "' is not one of "
                + Arrays.stream(Metric.values()).map(Metric::key).toList()));
        double threshold;
        try {
            threshold = Double.parseDouble(rule.substring(gt + 1, colon).strip());
        } catch (NumberFormatException e) {
            throw bad(rule, "the threshold is not a number");
        }
        String severity = rule.substring(colon + 1).strip();
        if (!SEVERITIES.contains(severity)) throw bad(rule, "severity is one of " + SEVERITIES);
        return new AlertRule(metric, threshold, threshold - Math.abs(threshold) * hysteresis, severity, hold);
    }

    private static double parseFraction(String key, String raw) {
        try {
            double v = Double.parseDouble(raw);
            if (v >= 0 && v < 1) return v;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(key + ": '" + raw + "' is not a fraction from 0 to below 1");
    }

    private static IllegalArgumentException bad(String rule, String why) {
        return new IllegalArgumentException("herald.alerts.rules: '" + rule + "': " + why);
    }
}
