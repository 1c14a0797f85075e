package dev.herald.hub;

/**
 * What a publisher hands the hub: everything but the id and timestamp, which only
 * the broker may assign.
 *
 * @param data      the payload as JSON text
 * @param audience  a single user id, or null for every subscriber of the topic
 * @param retained  false for volatile events (typing): fanned out, never replayed
 */
public record EventDraft(String topic, String type, String data, String audience, boolean retained) {

    public EventDraft {
        if (!Topics.isValid(topic)) throw new IllegalArgumentException("invalid topic: " + topic);
        if (!Topics.isValidType(type)) throw new IllegalArgumentException("invalid type: " + type);
        if (data == null || data.isEmpty()) data = "{}";
    }

    public static EventDraft of(String topic, String type, String data) {
        return new EventDraft(topic, type, data, null, true);
    }

    public EventDraft to(String userId) {
        return new EventDraft(topic, type, data, userId, retained);
    }

    public EventDraft volatileEvent() {
        return new EventDraft(topic, type, data, audience, false);
    }
}
