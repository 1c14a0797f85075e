package dev.herald.api;

import dev.herald.boot.ShippedDefaults;
import dev.herald.broker.MemoryBroker;
import dev.herald.hub.Event;
import dev.herald.hub.EventDraft;
import dev.herald.hub.EventHub;
import dev.herald.hub.EventId;
import dev.herald.hub.Replay;
import dev.herald.hub.RetentionPolicy;
import dev.herald.hub.RetentionRules;
import dev.herald.security.access.TopicAccess;
import dev.herald.security.access.TopicGuard;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import jakarta.json.bind.JsonbException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The publish facade refuses what would not make a good event before the hub sees it. */
class HeraldTest {
    private final MemoryBroker broker = new MemoryBroker(
            RetentionRules.uniform(new RetentionPolicy(1000, Duration.ofHours(1), false)), Clock.systemUTC());
    private final EventHub hub = new EventHub(broker, ShippedDefaults.hubSettings());
    private final TopicAccess access = new TopicAccess();
    /** JSON-B stands in: maps write as a fixed object, anything else fails as JSON-B would. */
    private final Herald herald = new Herald(hub, access, data -> {
        if (data instanceof Map<?, ?>) return "{\n  \"pretty\": [1,\n 2]\n}";
        if (data instanceof String s) return s;
        throw new JsonbException("cannot serialize " + data.getClass().getSimpleName());
    });

    /** Published before each test, so what a test published is what the broker holds after it. */
    private final EventId origin;

    HeraldTest() {
        access.register("custom/", TopicGuard.PUBLIC);
        access.register("orders/", TopicGuard.PUBLIC);
        origin = hub.publish(EventDraft.of("custom/origin", "origin", "{}")).id();
    }

    @AfterEach
    void close() {
        hub.close();
    }

    private List<Event> published(String topic) {
        return ((Replay.Events) broker.readAfter(List.of(topic), origin)).events();
    }

    private String lastData(String topic) {
        var events = published(topic);
        return events.get(events.size() - 1).data();
    }

    @Test
    void publishesAndReturnsTheId() {
        String id = herald.publish("custom/orders", "created", Json.createObjectBuilder().add("n", 1).build());
        assertEquals(id, published("custom/orders").get(0).id().toString());
        assertEquals("{\"n\":1}", lastData("custom/orders"));
    }

    @Test
    void objectsGoThroughTheSerializerAndLeaveAsOneLine() {
        herald.publish("orders/7", "updated", Map.of("pretty", List.of(1, 2)));
        assertEquals("{\"pretty\":[1,2]}", lastData("orders/7"));
    }

    @Test
    void badTopicsAreRefusedWithTheReason() {
        var data = JsonValue.EMPTY_JSON_OBJECT;
        assertTrue(assertThrows(IllegalArgumentException.class, () -> herald.publish("custom/a b", "t", data))
                .getMessage().contains("invalid topic"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> herald.publish("", "t", data))
                .getMessage().contains("invalid topic"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> herald.publish("custom/", "t", data))
                .getMessage().contains("custom/ then"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> herald.publish("payroll", "t", data))
                .getMessage().contains("no topic family serves 'payroll'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> herald.publish(null, "t", data))
                .getMessage().contains("invalid topic"));
    }

    @Test
    void badTypesAreRefused() {
        var data = JsonValue.EMPTY_JSON_OBJECT;
        for (String type : new String[]{"", "1st", "with space", "line\nbreak", null}) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> herald.publish("custom/x", type, data))
                    .getMessage().contains("invalid type"), String.valueOf(type));
        }
    }

    @Test
    void dataThatIsNotJsonIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> herald.publish("custom/x", "t", (JsonValue) null));
        assertThrows(IllegalArgumentException.class, () -> herald.publish("custom/x", "t", (Object) null));
        var unserializable = assertThrows(IllegalArgumentException.class, () -> herald.publish("custom/x", "t", new Object()));
        assertTrue(unserializable.getMessage().contains("cannot be written as JSON"), unserializable.getMessage());
        // What a serializer hands back is checked too: never half a value or two of them on the wire.
        for (String broken : new String[]{"{\"a\":", "{} {}", "not json", "data: x\n\nevent: forged"}) {
            var e = assertThrows(IllegalArgumentException.class, () -> herald.publish("custom/x", "t", (Object) broken), broken);
            assertTrue(e.getMessage().contains("not one JSON value"), e.getMessage());
        }
        assertTrue(published("custom/x").isEmpty(), "a refused event reached the hub");
    }
}
