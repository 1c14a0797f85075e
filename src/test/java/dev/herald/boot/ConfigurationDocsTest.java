package dev.herald.boot;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * docs/configuration.md and {@code META-INF/microprofile-config.properties} name the same
 * keys with the same defaults: a key the code reads but the reference omits, or a default
 * changed in one and not the other, fails here.
 */
class ConfigurationDocsTest {
    /** A reference row: {@code | `key` | `ENV` | default | what it does |}. */
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z][a-z0-9.-]+)` \\| `([A-Z][A-Z0-9_]*)` \\| ([^|]*) \\|");
    private static final Pattern ONE_VALUE = Pattern.compile("`([^`]*)`");

    @Test
    void everyKeyAndDefaultIsDocumentedAndEveryDocumentedKeyHasItsDefaultInTheFile() throws IOException {
        Map<String, String> file = new TreeMap<>();
        Properties properties = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/microprofile-config.properties")) {
            properties.load(in);
        }
        properties.stringPropertyNames().forEach(key -> file.put(key, properties.getProperty(key).strip()));

        Map<String, String> docs = new TreeMap<>();
        for (String line : Files.readAllLines(Path.of("docs/configuration.md"))) {
            var row = ROW.matcher(line);
            if (!row.find()) continue;
            String key = row.group(1);
            assertEquals(key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"), row.group(2), "env form of " + key);
            // A default in backticks is the value; prose ("none", "computed ...") means the file leaves it empty.
            var value = ONE_VALUE.matcher(row.group(3).strip());
            docs.put(key, value.matches() ? value.group(1) : "");
        }

        assertEquals(docs.keySet(), file.keySet(), "keys in docs/configuration.md vs microprofile-config.properties");
        assertEquals(docs, file, "defaults in docs/configuration.md vs microprofile-config.properties");
    }
}
