package dev.herald.http;

import jakarta.json.spi.JsonProvider;

/**
 * The one JSON-P provider, looked up once. {@code jakarta.json.Json}'s static factories
 * look the provider up through a {@code ServiceLoader} on every call, which showed up in
 * the fan-out benchmark's profile of the publish path.
 */
public final class Jsonp {
    public static final JsonProvider JSON = JsonProvider.provider();

    private Jsonp() {
    }
}
