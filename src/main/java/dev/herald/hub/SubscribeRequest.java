package dev.herald.hub;

import java.util.List;

/**
 * A client's ask for a stream, after the resource has checked grammar and access.
 *
 * @param userId       the signed-in user, or null
 * @param lastEventId  the raw resume id as the client sent it, or null
 */
public record SubscribeRequest(List<String> topics, String userId, String lastEventId, boolean heartbeatAsEvent) {
    public SubscribeRequest {
        topics = List.copyOf(topics);
    }
}
