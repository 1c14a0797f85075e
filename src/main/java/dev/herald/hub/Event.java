package dev.herald.hub;

/**
 * One accepted event. {@code data} is the event's JSON payload as text, serialised
 * once by whoever published it; {@code envelope} is the wire JSON built once here,
 * so fan-out to thousands of streams never serialises again.
 *
 * @param audience the only user who may receive it, or null for everyone allowed on the topic
 */
public record Event(EventId id, String topic, String type, long timestamp, String data, String audience,
                    String envelope) {

    public Event(EventId id, String topic, String type, long timestamp, String data, String audience) {
        this(id, topic, type, timestamp, data, audience, Envelope.json(id, topic, type, timestamp, data));
    }

    public boolean visibleTo(String userId) {
        return audience == null || audience.equals(userId);
    }
}
