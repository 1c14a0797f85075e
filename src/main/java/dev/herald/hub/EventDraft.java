package dev.herald.hub;

import java.util.Objects;

/**
 * What a publisher hands the hub: everything but the id and timestamp, which only
 * the broker may assign.
 *
 * <p>The topic and type are checked once, where a draft is made ({@link #of}): the publish
 * path checks them nowhere else, and a draft addressed ({@link #to}) or made volatile is
 * the same topic and type, so it is not checked again. A class rather than a record, since
 * a record's constructor, public by force, would let a draft skip the check.
 */
public final class EventDraft {
    private final String topic;
    private final String type;
    private final String data;
    private final String audience;
    private final boolean retained;
    /** The W3C traceparent of the publish this draft belongs to, or null: not part of what the event is. */
    private final String traceparent;

    private EventDraft(String topic, String type, String data, String audience, boolean retained, String traceparent) {
        this.topic = topic;
        this.type = type;
        this.data = data;
        this.audience = audience;
        this.retained = retained;
        this.traceparent = traceparent;
    }

    /**
     * @param data the payload as JSON text; null or empty is {@code {}}
     * @throws InvalidDraftException naming {@code topic} or {@code type} when it breaks {@link Topics}' grammar
     */
    public static EventDraft of(String topic, String type, String data) {
        if (!Topics.isValid(topic)) throw new InvalidDraftException("topic", "invalid topic: " + topic);
        if (!Topics.isValidType(type)) throw new InvalidDraftException("type", "invalid type: " + type);
        return new EventDraft(topic, type, data == null || data.isEmpty() ? "{}" : data, null, true, null);
    }

    public String topic() {
        return topic;
    }

    public String type() {
        return type;
    }

    /** The payload as JSON text. */
    public String data() {
        return data;
    }

    /** A single user id, or null for every subscriber of the topic. */
    public String audience() {
        return audience;
    }

    /** False for volatile events (typing): fanned out, never replayed. */
    public boolean retained() {
        return retained;
    }

    /**
     * The W3C {@code traceparent} of the traced publish this event belongs to, or null: what a
     * broker hands back with the event ({@link BrokerListener#event(Event, String)}), so that its
     * fan-out joins the trace. Not part of the event: equal drafts may differ in it.
     */
    public String traceparent() {
        return traceparent;
    }

    public EventDraft to(String userId) {
        return new EventDraft(topic, type, data, userId, retained, traceparent);
    }

    public EventDraft volatileEvent() {
        return new EventDraft(topic, type, data, audience, false, traceparent);
    }

    /** The same draft as part of the trace {@code traceparent} (W3C), or of none (null). */
    public EventDraft traced(String traceparent) {
        return new EventDraft(topic, type, data, audience, retained, traceparent);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EventDraft d && topic.equals(d.topic) && type.equals(d.type) && data.equals(d.data)
                && Objects.equals(audience, d.audience) && retained == d.retained;
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, type, data, audience, retained);
    }

    @Override
    public String toString() {
        return "EventDraft[topic=" + topic + ", type=" + type + ", data=" + data + ", audience=" + audience
                + ", retained=" + retained + "]";
    }
}
