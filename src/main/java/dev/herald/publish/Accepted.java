package dev.herald.publish;

import dev.herald.hub.Event;
import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** What a publisher is told of an accepted event: {@code {id, topic, type, timestamp}}. */
@JsonbPropertyOrder({"id", "topic", "type", "timestamp"})
public record Accepted(String id, String topic, String type, long timestamp) {

    static Accepted of(Event event) {
        return new Accepted(event.id().toString(), event.topic(), event.type(), event.timestamp());
    }
}
