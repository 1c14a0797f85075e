package dev.herald.broker;

import dev.herald.hub.Broker;
import dev.herald.hub.BrokerListener;
import dev.herald.hub.DaemonThreads;
import dev.herald.hub.Event;
import dev.herald.hub.EventDraft;
import dev.herald.hub.EventId;
import dev.herald.hub.Replay;
import dev.herald.hub.RetentionRules;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The embedded, single-node broker. Ids are assigned and events retained under one
 * lock, and handed in the same critical section to a single dispatch thread, so
 * listeners see exactly the id order and the publisher never waits on fan-out.
 * Retained events are served from memory and kept in its {@link EventJournal}, which
 * gives them, and the epoch, back after a restart.
 */
public final class MemoryBroker implements Broker {
    private static final Logger LOG = Logger.getLogger(MemoryBroker.class.getName());

    private final String epoch;
    private final RetentionRules rules;
    private final Clock clock;
    private final EventJournal journal;
    private final Map<String, RetentionLog> logs = new HashMap<>();
    private final ExecutorService dispatcher;
    private volatile BrokerListener listener = e -> { };
    private EventId last;
    private volatile boolean closed;

    public MemoryBroker(RetentionRules rules, Clock clock) {
        this(newEpoch(clock), rules, clock);
    }

    public MemoryBroker(String epoch, RetentionRules rules, Clock clock) {
        this(rules, clock, EventJournal.NONE, epoch);
    }

    /** A broker that keeps its retention in {@code journal} and starts from what it kept. */
    public MemoryBroker(RetentionRules rules, Clock clock, EventJournal journal) {
        this(rules, clock, journal, newEpoch(clock));
    }

    private MemoryBroker(RetentionRules rules, Clock clock, EventJournal journal, String newEpoch) {
        this.rules = rules;
        this.clock = clock;
        this.journal = journal;
        EventJournal.Recovered kept = journal.recover(newEpoch);
        this.epoch = kept.epoch();
        if (!epoch.equals(newEpoch)) restore(kept);
        this.dispatcher = Executors.newSingleThreadExecutor(DaemonThreads.named("herald-dispatch"));
    }

    /**
     * Refills retention from the journal under today's rules. The newest id is at least this
     * start's millisecond: an id a client saw before the restart on an event never kept
     * (volatile, or of a {@code latest} topic) is then in the past, not from the future.
     */
    private void restore(EventJournal.Recovered kept) {
        long now = clock.millis();
        kept.dropped().forEach((topic, upTo) -> log(topic).restoreDropped(upTo));
        for (Event event : kept.events()) {
            RetentionLog log = log(event.topic());
            if (log.append(event, now)) dropped(event.topic(), log);
        }
        EventId started = new EventId(epoch, now, 0);
        last = kept.lastId() != null && kept.lastId().isAfter(started) ? kept.lastId() : started;
    }

    private RetentionLog log(String topic) {
        return logs.computeIfAbsent(topic, t -> new RetentionLog(rules.forTopic(t)));
    }

    /** Retention dropped events of a kept topic: they leave the journal too. */
    private void dropped(String topic, RetentionLog log) {
        if (!log.conflated()) journal.dropped(topic, log.droppedUpTo());
    }

    /** Start time in base 36 plus a random tail: a restarted hub never reuses an epoch. */
    static String newEpoch(Clock clock) {
        long random = java.util.concurrent.ThreadLocalRandom.current().nextLong(36 * 36);
        return Long.toString(clock.millis(), 36) + Long.toString(random, 36);
    }

    public String epoch() {
        return epoch;
    }

    @Override
    public Event publish(EventDraft draft) {
        Objects.requireNonNull(draft);
        synchronized (this) {
            if (closed) throw new IllegalStateException("broker closed");
            long now = clock.millis();
            EventId id = nextId(now);
            Event event = new Event(id, draft.topic(), draft.type(), now, draft.data(), draft.audience());
            if (draft.retained()) {
                // Kept before it is retained or sent: an event the journal refused was never accepted.
                // A `latest` topic is never replayed (its snapshot is): nothing to keep.
                RetentionLog log = log(draft.topic());
                if (!log.conflated()) journal.append(event);
                if (log.append(event, now)) dropped(draft.topic(), log);
            }
            String traceparent = draft.traceparent();
            dispatcher.execute(() -> deliver(event, traceparent));
            return event;
        }
    }

    /**
     * The batch under the same lock: ids first, then every kept event into the journal at
     * once (one transaction), then retention and dispatch. Until the journal has taken them,
     * nothing is retained or sent, so a refused batch leaves no trace but skipped ids.
     */
    @Override
    public List<Event> publishAll(List<EventDraft> drafts) {
        synchronized (this) {
            if (closed) throw new IllegalStateException("broker closed");
            long now = clock.millis();
            List<Event> events = new ArrayList<>(drafts.size());
            List<Event> kept = new ArrayList<>(drafts.size());
            for (EventDraft draft : Objects.requireNonNull(drafts)) {
                Event event = new Event(nextId(now), draft.topic(), draft.type(), now, draft.data(), draft.audience());
                events.add(event);
                if (draft.retained() && !log(draft.topic()).conflated()) kept.add(event);
            }
            journal.appendAll(kept);
            for (int i = 0; i < events.size(); i++) {
                Event event = events.get(i);
                if (drafts.get(i).retained()) {
                    RetentionLog log = log(event.topic());
                    if (log.append(event, now)) dropped(event.topic(), log);
                }
            }
            // One task for the batch: the dispatcher hands its events on in id order, as ever.
            dispatcher.execute(() -> {
                for (int i = 0; i < events.size(); i++) deliver(events.get(i), drafts.get(i).traceparent());
            });
            return events;
        }
    }

    /** Redis-style ids: the clock's millisecond, and a sequence when it has not moved (or went back). */
    private EventId nextId(long now) {
        if (last == null || now > last.millis()) {
            last = new EventId(epoch, now, 0);
        } else {
            last = new EventId(epoch, last.millis(), last.sequence() + 1);
        }
        return last;
    }

    private void deliver(Event event, String traceparent) {
        try {
            listener.event(event, traceparent);
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "listener failed for " + event.id(), e);
        }
    }

    @Override
    public void subscribe(BrokerListener listener) {
        this.listener = Objects.requireNonNull(listener);
    }

    @Override
    public synchronized Replay readAfter(Collection<String> topics, EventId after) {
        if (!after.epoch().equals(epoch)) return new Replay.Gap("epoch", earliest(topics));
        if (last == null || after.isAfter(last)) return new Replay.Gap("unknown", earliest(topics));
        long now = clock.millis();
        var found = new ArrayList<Event>();
        for (String topic : topics) {
            RetentionLog log = logs.get(topic);
            if (log == null) continue;
            if (log.trim(now)) dropped(topic, log);
            if (log.lostAfter(after)) return new Replay.Gap("stale", earliest(topics));
            found.addAll(log.after(after));
        }
        if (topics.size() > 1) found.sort(Comparator.comparing(Event::id));
        return new Replay.Events(List.copyOf(found));
    }

    private EventId earliest(Collection<String> topics) {
        EventId earliest = null;
        for (String topic : topics) {
            RetentionLog log = logs.get(topic);
            EventId first = log == null ? null : log.firstId();
            if (first != null && (earliest == null || first.compareTo(earliest) < 0)) earliest = first;
        }
        return earliest;
    }

    @Override
    public synchronized EventId lastId() {
        return last;
    }

    @Override
    public boolean isReady() {
        return !closed;
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        dispatcher.shutdown();
        try {
            dispatcher.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        journal.close();
    }
}
