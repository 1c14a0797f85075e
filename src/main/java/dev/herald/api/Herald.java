package dev.herald.api;

import dev.herald.hub.EventDraft;
import dev.herald.hub.EventHub;
import dev.herald.hub.Topics;
import dev.herald.security.access.TopicAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import jakarta.json.bind.JsonbException;
import jakarta.json.stream.JsonParser;

import java.io.StringReader;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Publishing from Java: {@code @Inject Herald herald;} then
 * {@code herald.publish("custom/orders", "created", data)}. The event goes to every
 * stream of the topic, live and in replay, exactly as one posted to {@code /api/publish};
 * the call returns its id once it is retained.
 *
 * <p>Everything is checked before the hub sees it and refused with an
 * {@link IllegalArgumentException} saying what is wrong: a topic that breaks the grammar
 * or that no topic family serves (nobody could subscribe to it), a type that breaks the
 * grammar, data that is null or is not JSON. Data is re-read and written compactly, so
 * whatever the caller hands over becomes one line of JSON on the wire, never a broken frame.
 */
@ApplicationScoped
public class Herald {
    private EventHub hub;
    private TopicAccess access;
    private Function<Object, String> toJson;

    /** For CDI's proxy. */
    protected Herald() {
    }

    @Inject
    Herald(EventHub hub, TopicAccess access) {
        this(hub, access, Herald::jsonb);
    }

    /** {@code toJson} stands in for JSON-B (tests; JSON-B is the server's). */
    Herald(EventHub hub, TopicAccess access, Function<Object, String> toJson) {
        this.hub = hub;
        this.access = access;
        this.toJson = toJson;
    }

    /** Publishes {@code data} to every subscriber of {@code topic}; returns the event's id. */
    public String publish(String topic, String type, JsonValue data) {
        if (data == null) throw new IllegalArgumentException("data is null; publish JsonValue.EMPTY_JSON_OBJECT for no data");
        return send(topic, type, data.toString());
    }

    /**
     * Publishes {@code data} turned into JSON by JSON-B (a record, a bean, a map, a list,
     * a string, a number); a {@link JsonValue} is taken as it is.
     */
    public String publish(String topic, String type, Object data) {
        if (data instanceof JsonValue json) return publish(topic, type, json);
        if (data == null) throw new IllegalArgumentException("data is null; publish JsonValue.EMPTY_JSON_OBJECT for no data");
        String json;
        try {
            json = toJson.apply(data);
        } catch (JsonbException | JsonException failed) {
            throw new IllegalArgumentException("data of " + data.getClass().getName() + " cannot be written as JSON: "
                    + failed.getMessage(), failed);
        }
        return send(topic, type, json);
    }

    private String send(String topic, String type, String json) {
        if (!Topics.isValid(topic)) {
            throw new IllegalArgumentException("invalid topic '" + topic + "': 1-" + Topics.MAX_LENGTH + " of A-Za-z0-9._:/-");
        }
        if (topic.startsWith("custom/") && !Topics.isCustom(topic)) {
            throw new IllegalArgumentException("invalid topic '" + topic + "': custom/ then 1-200 of A-Za-z0-9._:/-");
        }
        if (!access.isServed(topic)) {
            throw new IllegalArgumentException("no topic family serves '" + topic + "': register a TopicFamily for it, or use custom/…");
        }
        if (!Topics.isValidType(type)) {
            throw new IllegalArgumentException("invalid type '" + type + "': a letter, then up to 63 of A-Za-z0-9_.:-");
        }
        return hub.publish(EventDraft.of(topic, type, compact(json))).id().toString();
    }

    /** One JSON value, written without line breaks: what the wire needs, whatever the caller's writer did. */
    static String compact(String json) {
        try (JsonParser parser = Json.createParser(new StringReader(json))) {
            if (!parser.hasNext()) throw new IllegalArgumentException("data is not one JSON value: it is empty");
            parser.next();
            JsonValue value = parser.getValue();
            // A reader stops after the first value; what follows it would go out unchecked.
            if (parser.hasNext()) throw new IllegalArgumentException("data is not one JSON value: more follows the first");
            return value.toString();
        } catch (JsonException | IllegalStateException | NoSuchElementException notJson) {
            throw new IllegalArgumentException("data is not one JSON value: " + notJson.getMessage(), notJson);
        }
    }

    private static final class Holder {
        static final Jsonb JSONB = JsonbBuilder.create();
    }

    private static String jsonb(Object data) {
        return Holder.JSONB.toJson(data);
    }
}
