package dev.herald.broker;

import dev.herald.hub.Broker;
import dev.herald.hub.BrokerListener;
import dev.herald.hub.BrokerUnavailableException;
import dev.herald.hub.Cursor;
import dev.herald.hub.Event;
import dev.herald.hub.EventDraft;
import dev.herald.hub.EventId;
import dev.herald.hub.Replay;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Topics spread over several Redis instances ({@code herald.redis.shards}), each a whole
 * {@link RedisBroker} of its own: its own epoch and order of ids, its own retention, its own
 * subscriber connection. A topic lives on one shard ({@link ShardRing}), so a topic's events keep
 * one order, and a shard that is down takes only its own topics with it. Across shards there is
 * no order: a stream resumes from a {@link Cursor}, one position per shard.
 */
public final class ShardedBroker implements Broker {
    private final List<RedisBroker> shards;
    private final ShardRing ring;

    /** {@code shards} in the order of {@code names}, which name them for the ring. */
    public ShardedBroker(List<String> names, List<RedisBroker> shards) {
        if (names.size() != shards.size()) throw new IllegalArgumentException(names.size() + " names for " + shards.size() + " shards");
        this.ring = new ShardRing(names);
        this.shards = List.copyOf(shards);
        // Two names for one Redis (and prefix) would be one order counted twice.
        Map<String, String> byEpoch = new HashMap<>();
        for (int i = 0; i < shards.size(); i++) {
            String epoch = shards.get(i).epoch();
            String other = epoch == null ? null : byEpoch.putIfAbsent(epoch, names.get(i));
            if (other != null) {
                close();
                throw new IllegalArgumentException("herald.redis.shards: " + other + " and " + names.get(i) + " are the same Redis");
            }
        }
    }

    private RedisBroker shardOf(String topic) {
        return shards.get(ring.shardOf(topic));
    }

    @Override
    public Event publish(EventDraft draft) {
        return shardOf(draft.topic()).publish(draft);
    }

    /**
     * Each shard's part in one script, the parts one shard after another: all or nothing within a
     * shard, not across shards. Every shard the batch needs must answer before any part is sent,
     * which leaves a failure between two parts as the only way to accept a part of a batch.
     */
    @Override
    public List<Event> publishAll(List<EventDraft> drafts) {
        Map<RedisBroker, List<Integer>> parts = new LinkedHashMap<>();
        for (int i = 0; i < drafts.size(); i++) parts.computeIfAbsent(shardOf(drafts.get(i).topic()), s -> new ArrayList<>()).add(i);
        if (parts.size() == 1) return parts.keySet().iterator().next().publishAll(drafts);
        for (RedisBroker shard : parts.keySet()) {
            if (!shard.answers()) throw new BrokerUnavailableException("a shard of this batch (Redis at " + shard.address() + ") is unreachable", null);
        }
        Event[] events = new Event[drafts.size()];
        for (var part : parts.entrySet()) {
            List<EventDraft> mine = new ArrayList<>(part.getValue().size());
            for (int i : part.getValue()) mine.add(drafts.get(i));
            List<Event> accepted = part.getKey().publishAll(mine);
            for (int j = 0; j < accepted.size(); j++) events[part.getValue().get(j)] = accepted.get(j);
        }
        return List.of(events);
    }

    @Override
    public void subscribe(BrokerListener listener) {
        for (RedisBroker shard : shards) shard.subscribe(listener);
    }

    @Override
    public void follow(String topic) {
        shardOf(topic).follow(topic);
    }

    @Override
    public void unfollow(String topic) {
        shardOf(topic).unfollow(topic);
    }

    @Override
    public Replay readAfter(Collection<String> topics, EventId after) {
        return readAfter(topics, Cursor.of(after));
    }

    /**
     * Each shard's topics from the cursor's position in that shard's epoch. A shard the cursor has
     * no position in (its history was lost, or the topics moved to it since) cannot resume; nor can
     * one that is down. Those say why, and the others replay all the same.
     */
    @Override
    public Replay readAfter(Collection<String> topics, Cursor after) {
        Map<RedisBroker, List<String>> byShard = new LinkedHashMap<>();
        for (String topic : topics) byShard.computeIfAbsent(shardOf(topic), s -> new ArrayList<>()).add(topic);
        Replay.Gap gap = null;
        var events = new ArrayList<Event>();
        var from = new ArrayList<EventId>();
        for (var entry : byShard.entrySet()) {
            RedisBroker shard = entry.getKey();
            if (!shard.replays(entry.getValue())) continue;
            String epoch = shard.epoch();
            EventId position = epoch == null ? null : after.in(epoch);
            Replay replay = epoch == null ? new Replay.Gap("unavailable", null)
                    : position == null ? new Replay.Gap("epoch", null)
                    : shard.readAfter(entry.getValue(), position);
            if (replay instanceof Replay.Events found) {
                events.addAll(found.events());
                from.add(position);
            } else if (gap == null) {
                gap = (Replay.Gap) replay;
            }
        }
        // A position in an epoch no shard has: a shard removed (its topics moved) or one that lost
        // its history. Whatever of those topics it held after the position cannot be replayed.
        if (gap == null && after.ids().stream().anyMatch(id -> !epochs().contains(id.epoch()))) gap = new Replay.Gap("epoch", null);
        if (gap == null) return new Replay.Events(events);
        if (from.isEmpty()) return gap;
        from.sort(Comparator.comparing(EventId::epoch));
        return new Replay.Partial(gap, events, new Cursor(from));
    }

    private Set<String> epochs() {
        Set<String> epochs = new HashSet<>();
        for (RedisBroker shard : shards) if (shard.epoch() != null) epochs.add(shard.epoch());
        return epochs;
    }

    /** The newest of the shards' newest ids; {@link #lastIds} is what a stream starts from. */
    @Override
    public EventId lastId() {
        EventId newest = null;
        for (RedisBroker shard : shards) {
            EventId id = shard.lastId();
            if (id != null && (newest == null || id.isAfter(newest))) newest = id;
        }
        return newest;
    }

    /**
     * Every shard's newest id, {@code <epoch>:0-0} for one without events; none for a shard never
     * reached. A shard that does not answer is not asked (every stream opening would wait out its
     * connection timeout): its newest id known here stands in, which at worst replays a little more.
     */
    @Override
    public Cursor lastIds() {
        var ids = new ArrayList<EventId>(shards.size());
        for (RedisBroker shard : shards) {
            EventId id = shard.answers() ? shard.lastId() : shard.knownLastId();
            String epoch = shard.epoch();
            if (id == null && epoch != null) id = new EventId(epoch, 0, 0);
            if (id != null) ids.add(id);
        }
        ids.sort(Comparator.comparing(EventId::epoch));
        return new Cursor(ids);
    }

    /**
     * Ready while any shard answers: a shard that is down fails its own topics (503, a reset on
     * resume), and taking the node out of rotation for it would fail every other topic too.
     */
    @Override
    public boolean isReady() {
        for (RedisBroker shard : shards) if (shard.isReady()) return true;
        return false;
    }

    @Override
    public void close() {
        for (RedisBroker shard : shards) shard.close();
    }
}
