package dev.herald.chat;

import dev.herald.security.limits.MemoryThrottle;
import dev.herald.security.limits.Throttle;

import java.time.Clock;

/**
 * Chat, one part per concern, built together because they share one store, one fan-out
 * and one rule of access: rooms and membership, messages, typing and presence, read markers.
 */
public record Chat(RoomAccess access, Rooms rooms, Messages messages, RoomActivity activity, ReadMarkers reads,
                   ChatSettings settings) {

    /** Chat on one node: presence and message rate in memory. */
    public static Chat build(ChatStore store, ChatOutbox outbox, SystemLog systemLog, ChatSettings settings, Clock clock) {
        // On chat's clock, so a test that moves it moves the message rate's window too.
        return build(store, new MemoryPresence(), new MemoryThrottle(settings.messageRate(), () -> clock.millis() * 1_000_000L),
                outbox, systemLog, settings, clock);
    }

    /** @param rate how fast a user may post ({@link ChatSettings#messageRate}): this node's throttle, or the cluster's */
    public static Chat build(ChatStore store, Presence presence, Throttle rate, ChatOutbox outbox, SystemLog systemLog,
                             ChatSettings settings, Clock clock) {
        var context = new ChatContext(store, new RoomAccess(store), new ChatFanout(store, presence, outbox), outbox, settings, clock);
        var activity = new RoomActivity(context, presence);
        var messages = new Messages(context, activity, rate);
        var rooms = new Rooms(context, messages, activity, systemLog);
        return new Chat(context.access(), rooms, messages, activity, new ReadMarkers(context), settings);
    }

    /** Chat's housekeeping, on a schedule: default rooms a shared store refused at start, typing. */
    public void sweep() {
        rooms.ensureDefaultRooms();
        activity.expireTyping();
    }
}
