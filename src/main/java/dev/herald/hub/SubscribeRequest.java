package dev.herald.hub;

import java.util.List;
import java.util.Objects;

/**
 * A client's ask for a stream, after the resource has checked grammar and access.
 *
 * @param userId         the signed-in user, or null
 * @param lastEventId    the raw resume id as the client sent it, or null
 * @param unnamedEvents  {@code ?events=unnamed}: events go out without an {@code event:} line
 *                       (the envelope carries the type), so a browser's {@code onmessage}
 *                       sees every type; control events keep their names
 * @param admittedAfter  for a stream without a resume id: the hub's newest event (in each order) when
 *                       the stream was admitted, before its response went out, or null. A client may publish
 *                       as soon as it sees the response; what it published while the stream was
 *                       still being subscribed reaches the stream all the same.
 */
public record SubscribeRequest(List<String> topics, String userId, String lastEventId, boolean heartbeatAsEvent,
                               boolean unnamedEvents, Cursor admittedAfter) {
    public SubscribeRequest {
        topics = List.copyOf(topics);
    }

    public SubscribeRequest(List<String> topics, String userId, String lastEventId, boolean heartbeatAsEvent,
                            boolean unnamedEvents) {
        this(topics, userId, lastEventId, heartbeatAsEvent, unnamedEvents, null);
    }

    /** Named events, the default. */
    public SubscribeRequest(List<String> topics, String userId, String lastEventId, boolean heartbeatAsEvent) {
        this(topics, userId, lastEventId, heartbeatAsEvent, false);
    }

    /** This request, starting after {@code position} unless it resumes by id. */
    public SubscribeRequest admittedAfter(Cursor position) {
        if (lastEventId != null || Objects.equals(position, admittedAfter)) return this;
        return new SubscribeRequest(topics, userId, lastEventId, heartbeatAsEvent, unnamedEvents, position);
    }
}
