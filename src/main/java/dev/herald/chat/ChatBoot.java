package dev.herald.chat;

import dev.herald.boot.HeraldConfig;
import dev.herald.boot.ManagedThreads;
import dev.herald.boot.Storage;
import dev.herald.events.SystemEvents;
import dev.herald.hub.Cursor;
import dev.herald.hub.DisconnectReason;
import dev.herald.hub.EventDraft;
import dev.herald.hub.EventHub;
import dev.herald.hub.Subscription;
import dev.herald.hub.SubscriptionListener;
import dev.herald.security.limits.Throttle;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Builds chat (its store where {@code herald.store} keeps data; presence and message rate in
 * memory or Redis, as {@link Storage} says)
 * and runs what chat does by itself: presence from streams opening and closing, typing expiry.
 * Its topics plug in as {@link RoomListTopic} and {@link RoomTopics}.
 */
@ApplicationScoped
public class ChatBoot {
    private static final Logger LOG = Logger.getLogger(ChatBoot.class.getName());
    /** How often typing states are checked for expiry: the stop comes at most this late. */
    private static final long SWEEP_MILLIS = 250;

    /** Housekeeping that may wait a moment behind requests: the server's scheduler, not a thread of ours. */
    @Resource(lookup = ManagedThreads.SCHEDULER)
    ManagedScheduledExecutorService scheduler;
    private ScheduledFuture<?> typingSweep;
    private ScheduledFuture<?> presenceRefresh;

    @Produces
    @Singleton
    Chat chat(HeraldConfig config, Storage storage, EventHub hub, SystemEvents systemEvents) {
        ChatSettings settings = ChatSettings.from(config);
        var outbox = new ChatOutbox() {
            @Override
            public void publish(EventDraft draft) {
                hub.publish(draft);
            }

            @Override
            public void revoke(String userId, String topic) {
                hub.revoke(userId, topic);
            }

            @Override
            public String lastEventId() {
                Cursor last = hub.lastId();
                return last.isEmpty() ? null : last.toString();
            }
        };
        ChatStore store = storage.keep(() -> new MemoryChatStore(settings.historyLimit()),
                db -> new SqlChatStore(db, settings.historyLimit()), redis -> new RedisChatStore(redis.keys(), settings.historyLimit()));
        Presence presence = storage.choose(MemoryPresence::new,
                redis -> new RedisPresence(redis.keys(), config.nodeId(), Clock.systemUTC()));
        return Chat.build(store, presence, Throttle.of(storage, "chat", settings.messageRate()), outbox, systemEvents::record,
                settings, Clock.systemUTC());
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored, Chat chat, EventHub hub) {
        hub.addListener(new SubscriptionListener() {
            @Override
            public void opened(Subscription s) {
                eachRoom(s, chat.activity()::streamOpened);
            }

            @Override
            public void closed(Subscription s, DisconnectReason reason) {
                eachRoom(s, chat.activity()::streamClosed);
            }
        });
        typingSweep = scheduler.scheduleWithFixedDelay(() -> {
            try {
                chat.sweep();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "chat housekeeping failed", e);
            }
        }, SWEEP_MILLIS, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
        long refresh = RedisPresence.REFRESH.toMillis();
        presenceRefresh = scheduler.scheduleWithFixedDelay(() -> {
            try {
                chat.activity().refreshPresence();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "presence refresh failed", e);
            }
        }, refresh, refresh, TimeUnit.MILLISECONDS);
    }

    private static void eachRoom(Subscription s, BiConsumer<String, String> action) {
        if (s.userId() == null) return;
        for (String topic : s.topics()) ChatTopics.roomOf(topic).ifPresent(roomId -> action.accept(roomId, s.userId()));
    }

    void stop(@Disposes Chat chat) {
        // The server's scheduler is not ours to shut down; stopping the application cancels it too.
        if (typingSweep != null) typingSweep.cancel(false);
        if (presenceRefresh != null) presenceRefresh.cancel(false);
    }
}
