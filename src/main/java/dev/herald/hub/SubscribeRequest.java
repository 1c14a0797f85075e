package dev.herald.hub;

import java.util.List;

/**
 * A client's ask for a stream, after the resource has checked grammar and access.
 *
 * @param userId         the signed-in user, or null
 * @param lastEventId    the raw resume id as the client sent it, or null
 * @param unnamedEvents  {@code ?events=unnamed}: events go out without an {@code event:} line
 *                       (the envelope carries the type), so a browser's {@code onmessage}
 *                       sees every type; control events keep their names
 */
public record SubscribeRequest(List<String> topics, String userId, String lastEventId, boolean heartbeatAsEvent,
                               boolean unnamedEvents) {
    public SubscribeRequest {
        topics = List.copyOf(topics);
    }

    /** Named events, the default. */
    public SubscribeRequest(List<String> topics, String userId, String lastEventId, boolean heartbeatAsEvent) {
        this(topics, userId, lastEventId, heartbeatAsEvent, false);
    }
}
