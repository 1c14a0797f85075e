package dev.herald.boot;

import dev.herald.hub.HubSettings;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Properties;

/** The defaults Herald ships, read from {@code META-INF/microprofile-config.properties} without a server. */
public final class ShippedDefaults {
    private static final Properties FILE = load();

    private ShippedDefaults() {
    }

    /** A key's shipped default; fails the test for a key the file leaves unset. */
    public static String of(String key) {
        return config().string(key);
    }

    /** Configuration as a fresh node without overrides has it. */
    public static HeraldConfig config() {
        return new HeraldConfig(key -> Optional.ofNullable(FILE.getProperty(key)));
    }

    /** The hub's settings as shipped. */
    public static HubSettings hubSettings() {
        return config().hubSettings();
    }

    private static Properties load() {
        var properties = new Properties();
        try (InputStream in = ShippedDefaults.class.getResourceAsStream("/META-INF/microprofile-config.properties")) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }
}
