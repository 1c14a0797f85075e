package dev.herald.http;

import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbConfig;

/**
 * The one JSON-B writer of Herald's answers and events: a service returns a record, and the
 * REST answer and the event that tell of it are that record written here, so they cannot
 * differ. Nulls are written ({@code "lastMessage": null}, {@code "userId": null} are in the
 * contract); a record leaves out what it must not send as null with
 * {@code @JsonbNillable(false)}, and keeps its fields in the contract's order with
 * {@code @JsonbPropertyOrder}. Written here rather than through the JAX-RS provider's JSON-B,
 * whose configuration is every resource's, an application's too.
 */
public final class JsonOut {
    private static final Jsonb JSONB = JsonbBuilder.create(new JsonbConfig().withNullValues(true));

    private JsonOut() {
    }

    public static String of(Object value) {
        return JSONB.toJson(value);
    }
}
