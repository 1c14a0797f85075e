package dev.herald.structure;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * docs/architecture.md names files, classes and browser modules; a reader who opens one must
 * find it. Every such name in it exists, and every browser module is in its table, so the
 * document cannot keep a module that is gone or miss one that replaced it.
 */
class ArchitectureDocTest {
    private static final Path DOC = Path.of("docs/architecture.md");
    private static final Path JAVA = Path.of("src/main/java/dev/herald");
    private static final Path WEB = Path.of("web/js");
    private static final Pattern SPAN = Pattern.compile("`([^`\\n]+)`");
    /** A class, perhaps with its package in front and a member or nested type behind. */
    private static final Pattern CLASS = Pattern.compile("(?:([a-z]+)\\.)?([A-Z][A-Za-z0-9]*)(?:\\.[A-Za-z]+(?:\\(\\))?)?");
    private static final Pattern PATH = Pattern.compile("(?:src|liberty|web|bench|docs)/[^ …*]*|[a-z]+/[A-Z][A-Za-z0-9]+");
    private static final Pattern FILE = Pattern.compile("[A-Za-z][A-Za-z0-9*-]*(?:\\.[a-z0-9]+)*\\.(js|md|lua|java)");
    /** Named by the document, but the platform's, the browser's or Redis's, not ours. */
    private static final Set<String> NOT_OURS = Set.of("EventSource", "SharedWorker", "OutboundSseEvent", "SseEventSink",
            "ServletOutputStream", "XADD", "PUBLISH");

    @Test
    void everyFileAndClassTheDocumentNamesExists() {
        var missing = new TreeSet<String>();
        for (String name : spans()) {
            if (!exists(name)) missing.add(name);
        }
        assertEquals(Set.of(), missing, DOC + " names what the checkout does not hold");
    }

    @Test
    void everyBrowserModuleIsInTheDocumentsTable() {
        var named = spans();
        var unnamed = new TreeSet<String>();
        for (Path module : list(WEB)) {
            String file = module.getFileName().toString();
            if (named.stream().noneMatch(n -> glob(n).matches(Path.of(file)))) unnamed.add(file);
        }
        assertEquals(Set.of(), unnamed, "browser modules missing from the module table of " + DOC);
    }

    @Test
    void aStaleNameIsFound() {
        assertEquals(false, exists("pool.js"));
        assertEquals(false, exists("security.NoSuchGuard"));
        assertEquals(false, exists("src/test/java/dev/herald/structure/PackageGraphTest"));
        assertEquals(true, exists("hub.js"));
        assertEquals(true, exists("chat*.js"));
        assertEquals(true, exists("RoomAccess.checkTopic"));
    }

    static boolean exists(String name) {
        if (PATH.matcher(name).matches()) {
            Path path = name.matches("[a-z]+/[A-Z].*") ? JAVA.resolve(name + ".java") : Path.of(name);
            return Files.exists(path) || Files.exists(Path.of(name + ".java"));
        }
        Matcher file = FILE.matcher(name);
        if (file.matches()) {
            if (file.group(1).equals("md")) return Files.exists(Path.of(name)) || Files.exists(Path.of("docs", name));
            Path where = file.group(1).equals("js") ? WEB : Path.of("src/main");
            return walk(where).anyMatch(p -> glob(name).matches(p.getFileName()));
        }
        Matcher type = CLASS.matcher(name);
        if (type.matches()) {
            if (NOT_OURS.contains(type.group(2))) return true;
            String pkg = type.group(1);
            if (pkg != null) return Files.exists(JAVA.resolve(pkg).resolve(type.group(2) + ".java"));
            return Stream.of("src/main/java", "src/test/java", "src/bench/java")
                    .anyMatch(dir -> walk(Path.of(dir)).anyMatch(p -> p.getFileName().toString().equals(type.group(2) + ".java")))
                    || walk(WEB).anyMatch(p -> read(p).contains("class " + type.group(2) + " "));
        }
        return true; // not a name of a file or class: an endpoint, a key, a piece of code
    }

    private static Set<String> spans() {
        var spans = new TreeSet<String>();
        Matcher m = SPAN.matcher(read(DOC));
        while (m.find()) spans.add(m.group(1));
        return spans;
    }

    private static java.nio.file.PathMatcher glob(String name) {
        return FileSystems.getDefault().getPathMatcher("glob:" + name);
    }

    private static Stream<Path> walk(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return new ArrayList<>(files.filter(Files::isRegularFile).toList()).stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".js")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
