package dev.herald.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The Prometheus text at {@code /metrics}, read as a scraper reads it: each family's {@code # TYPE}, and its samples. */
public record Prometheus(String text, Map<String, String> types, List<Sample> samples) {

    /** One line: the sample's full name ({@code x_bucket}), its labels as written, its value. */
    public record Sample(String name, String labels, double value) {
    }

    public static Prometheus scrape() {
        var response = Api.get("/metrics", Map.of("Accept", "text/plain"));
        if (response.statusCode() != 200) throw new AssertionError("/metrics answered " + response.statusCode());
        return parse(response.body());
    }

    public static Prometheus parse(String text) {
        var types = new HashMap<String, String>();
        var samples = new ArrayList<Sample>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.substring(7).trim().split(" ");
                types.put(parts[0], parts[1]);
            } else if (!line.isBlank() && !line.startsWith("#")) {
                int brace = line.indexOf('{');
                int space = line.lastIndexOf(' ');
                String name = brace > 0 ? line.substring(0, brace) : line.substring(0, line.indexOf(' '));
                String labels = brace > 0 ? line.substring(brace, line.lastIndexOf('}') + 1) : "";
                samples.add(new Sample(name, labels, Double.parseDouble(line.substring(space + 1))));
            }
        }
        return new Prometheus(text, types, samples);
    }

    /** The samples of that exact name whose labels contain every fragment given. */
    public List<Sample> find(String name, String... labelFragments) {
        return samples.stream().filter(s -> s.name().equals(name))
                .filter(s -> java.util.Arrays.stream(labelFragments).allMatch(s.labels()::contains)).toList();
    }

    /** The one value of that name and labels; fails when there is none. */
    public double value(String name, String... labelFragments) {
        List<Sample> found = find(name, labelFragments);
        if (found.isEmpty()) throw new AssertionError("no " + name + " " + List.of(labelFragments) + " in:\n" + text);
        return found.get(0).value();
    }
}
