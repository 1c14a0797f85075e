package dev.herald.broker;

import dev.herald.hub.DaemonThreads;
import dev.herald.hub.Event;
import dev.herald.hub.EventId;
import dev.herald.store.Database;
import dev.herald.store.StoreUnavailableException;

import static dev.herald.store.Sql.bind;
import static dev.herald.store.Sql.query;
import static dev.herald.store.Sql.update;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The memory broker's retention kept in the database: an event is inserted (and committed)
 * before the publisher's answer; what retention drops is deleted in the background, a batch
 * per topic each second, so trimming never holds up a publish. The epoch is the database's
 * own: it changes only when the data does (a new, empty database).
 */
public final class SqlEventJournal implements EventJournal {
    private static final Logger LOG = Logger.getLogger(SqlEventJournal.class.getName());
    private static final long FLUSH_MILLIS = 1000;
    private static final String INSERT = "INSERT INTO herald_events (ms, seq, topic, type, ts, data, audience) VALUES (?, ?, ?, ?, ?, ?, ?)";

    private final Database db;
    private final Map<String, EventId> pendingDrops = new ConcurrentHashMap<>();
    private final ScheduledExecutorService trimmer =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("herald-journal-trim"));

    public SqlEventJournal(Database db) {
        this.db = db;
        trimmer.scheduleWithFixedDelay(this::flushDrops, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public Recovered recover(String newEpoch) {
        String epoch = db.remember("epoch", newEpoch);
        return db.transaction(c -> {
            Map<String, EventId> dropped = query(c, "SELECT topic, dropped_ms, dropped_seq FROM herald_topics", r -> {
                Map<String, EventId> upTo = new HashMap<>();
                while (r.next()) upTo.put(r.getString(1), new EventId(epoch, r.getLong(2), r.getLong(3)));
                return upTo;
            });
            EventId last = dropped.values().stream().max(EventId::compareTo).orElse(null);
            List<Event> events = query(c, "SELECT ms, seq, topic, type, ts, data, audience FROM herald_events ORDER BY ms, seq", r -> {
                List<Event> kept = new ArrayList<>();
                while (r.next()) {
                    kept.add(new Event(new EventId(epoch, r.getLong(1), r.getLong(2)), r.getString(3), r.getString(4),
                            r.getLong(5), r.getString(6), r.getString(7)));
                }
                return kept;
            });
            if (!events.isEmpty()) {
                EventId newest = events.get(events.size() - 1).id();
                if (last == null || newest.isAfter(last)) last = newest;
            }
            return new Recovered(epoch, last, events, dropped);
        });
    }

    @Override
    public void append(Event event) {
        db.update(INSERT, row(event));
    }

    private static Object[] row(Event event) {
        return new Object[]{event.id().millis(), event.id().sequence(), event.topic(), event.type(), event.timestamp(),
                event.data(), event.audience()};
    }

    /** One transaction for the batch: a commit (and with herald.store.sync=FULL an fsync) per batch, not per event. */
    @Override
    public void appendAll(List<Event> events) {
        if (events.isEmpty()) return;
        db.transaction(c -> {
            try (var insert = c.prepareStatement(INSERT)) {
                for (Event event : events) {
                    bind(insert, row(event));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return null;
        });
    }

    @Override
    public void dropped(String topic, EventId upTo) {
        pendingDrops.merge(topic, upTo, (a, b) -> b.isAfter(a) ? b : a);
    }

    /** Deletes what retention dropped; a failed batch stays pending for the next pass. */
    private void flushDrops() {
        for (String topic : List.copyOf(pendingDrops.keySet())) {
            EventId upTo = pendingDrops.remove(topic);
            if (upTo == null) continue;
            try {
                db.transaction(c -> {
                    update(c, "DELETE FROM herald_events WHERE topic = ? AND (ms, seq) <= (?, ?)", topic, upTo.millis(), upTo.sequence());
                    update(c, "INSERT INTO herald_topics (topic, dropped_ms, dropped_seq) VALUES (?, ?, ?) ON CONFLICT (topic)"
                            + " DO UPDATE SET dropped_ms = excluded.dropped_ms, dropped_seq = excluded.dropped_seq",
                            topic, upTo.millis(), upTo.sequence());
                    return null;
                });
            } catch (StoreUnavailableException e) {
                dropped(topic, upTo);
                LOG.warning(() -> "trimming " + topic + " waits for the database: " + e.getMessage());
                return;
            }
        }
    }

    @Override
    public void close() {
        trimmer.shutdown();
        try {
            trimmer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flushDrops();
    }
}
