package dev.herald.structure;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The package rules of docs/architecture.md, read from the sources: no two packages of
 * {@code src/main} need each other (directly or round a longer loop), the core,
 * {@code dev.herald.hub}, uses no other Herald package, the infrastructure uses no
 * capability (capabilities plug in through {@code api.TopicFamily}), and every package
 * says what it is for.
 */
class PackageGraphTest {
    private static final Path MAIN = Path.of("src/main/java/dev/herald");
    /** What capabilities are built on; none of it may know a capability. */
    private static final Set<String> INFRASTRUCTURE = Set.of("hub", "redis", "store", "broker", "http", "boot", "liveness", "security", "sse", "api");

    @Test
    void noPackageCycles() {
        Map<String, Set<String>> graph = PackageGraph.read(MAIN);
        assertTrue(graph.size() > 10, "read the packages of " + MAIN.toAbsolutePath() + ": " + graph.keySet());
        List<String> cycle = PackageGraph.cycle(graph);
        assertEquals(List.of(), cycle, "package cycle " + String.join(" -> ", cycle) + " in " + graph);
    }

    @Test
    void theHubUsesNoOtherHeraldPackage() {
        assertEquals(Set.of(), PackageGraph.read(MAIN).get("hub"), "dev.herald.hub must stand alone");
    }

    @Test
    void theInfrastructureUsesNoCapability() {
        PackageGraph.read(MAIN).forEach((pkg, uses) -> {
            if (!INFRASTRUCTURE.contains(pkg)) return;
            var capabilities = new TreeSet<>(uses);
            capabilities.removeAll(INFRASTRUCTURE);
            assertEquals(Set.of(), capabilities, pkg + " uses a capability; make it plug in instead");
        });
    }

    @Test
    void everyPackageSaysWhatItIsFor() {
        for (String pkg : PackageGraph.read(MAIN).keySet()) {
            assertTrue(Files.exists(MAIN.resolve(pkg.replace('.', '/')).resolve("package-info.java")), pkg + " has no package-info.java");
        }
    }

    @Test
    void aCycleIsFound() {
        var graph = new TreeMap<String, Set<String>>(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"), "d", Set.of("a")));
        assertEquals(List.of("a", "b", "c", "a"), PackageGraph.cycle(graph));
        assertEquals(List.of(), PackageGraph.cycle(Map.of("a", Set.of("b"), "b", Set.of(), "c", Set.of("a", "b"))));
    }

    @Test
    void referencesAreFoundInImportsAndCodeButNotComments() {
        String source = """
                package dev.herald.x;
                import dev.herald.a.A;
                import static dev.herald.b.B.CONSTANT;
                /** see {@code dev.herald.c.C} */
                class X { // dev.herald.d.D
                    dev.herald.e.E e = new dev.herald.e.E(); /* dev.herald.f.F */
                }
                """;
        assertEquals(Set.of("a", "b", "e"), PackageGraph.uses(source));
    }

    /** Packages as nodes, "uses" as edges: any reference to {@code dev.herald.<package>.} outside comments. */
    static final class PackageGraph {
        private static final Pattern COMMENT = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);
        private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.herald\\.([a-z0-9_]+)\\.");

        static Map<String, Set<String>> read(Path root) {
            var graph = new TreeMap<String, Set<String>>();
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    String pkg = root.relativize(file.getParent()).toString().replace('/', '.');
                    Set<String> uses = graph.computeIfAbsent(pkg, p -> new TreeSet<>());
                    for (String used : uses(Files.readString(file))) if (!used.equals(pkg)) uses.add(used);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return graph;
        }

        static Set<String> uses(String source) {
            String code = COMMENT.matcher(source).replaceAll(" ").replaceFirst("(?m)^package [^;]+;", "");
            var used = new TreeSet<String>();
            Matcher m = REFERENCE.matcher(code);
            while (m.find()) used.add(m.group(1));
            return used;
        }

        /** The first cycle found, from and back to the same package, or an empty list. */
        static List<String> cycle(Map<String, Set<String>> graph) {
            var done = new TreeSet<String>();
            for (String start : new TreeSet<>(graph.keySet())) {
                List<String> found = walk(graph, start, new ArrayList<>(), done);
                if (!found.isEmpty()) return found;
            }
            return List.of();
        }

        private static List<String> walk(Map<String, Set<String>> graph, String node, List<String> path, Set<String> done) {
            int seen = path.indexOf(node);
            if (seen >= 0) {
                var cycle = new ArrayList<>(path.subList(seen, path.size()));
                cycle.add(node);
                return cycle;
            }
            if (done.contains(node)) return List.of();
            path.add(node);
            for (String next : new TreeSet<>(graph.getOrDefault(node, Set.of()))) {
                List<String> found = walk(graph, next, path, done);
                if (!found.isEmpty()) return found;
            }
            path.remove(path.size() - 1);
            done.add(node);
            return List.of();
        }
    }
}
