package dev.herald.chat;

import java.time.Clock;

/** What every part of {@link Chat} works with: one store, one rule of access, one fan-out, one clock. */
record ChatContext(ChatStore store, RoomAccess access, ChatFanout fanout, ChatOutbox outbox, ChatSettings settings,
                   Clock clock) {
}
