package dev.herald.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Herald divided by Nchan for each headline figure, and whether the target is met; Herald on its
 * durable default divided by Herald on the memory store (issue 22); and Herald on the JAX-RS stream transport
 * divided by Herald on its servlet (the default); all from the same run.
 */
final class Ratios {
    /** Memory per idle stream the issue asks for at most, in KB. */
    static final int IDLE_KB_CEILING = 20;
    /** Issue 22: the durable default accepts at least this share of the memory store's publishes per second. */
    static final double DURABLE_PUBLISH_FLOOR = 0.80;
    /** Issue 25: events accepted per second through batches, over Nchan's single publishes per second. */
    static final double BATCH_EVENTS_FLOOR = 1.0;
    /** The JAX-RS transport's p99 and CPU per delivery, at most this many times the servlet's at {@link #TRANSPORT_GOAL_POINTS}. */
    static final double JAXRS_CEILING = 1.2;
    /** The fan-out points (subscribers, events/s) the transport target is set at: everyday load, and many streams. */
    static final List<int[]> TRANSPORT_GOAL_POINTS = List.of(new int[]{1000, 50}, new int[]{5000, 10});

    private Ratios() {
    }

    /**
     * One figure of two servers in the same run: {@code value} over {@code peer} (Herald over Nchan, or
     * Herald's durable store over its memory store), and whether the target is met.
     *
     * @param higherIsBetter whether the target is a floor ({@code ratio >= goal}) or a ceiling
     * @param goal           the target ratio, or NaN where the issue sets none
     */
    record Ratio(String figure, String unit, double value, double peer, double ratio, boolean higherIsBetter, double goal,
                 String verdict) {
        Ratio withVerdict(String v) {
            return new Ratio(figure, unit, value, peer, ratio, higherIsBetter, goal, v);
        }

        String line(String valueName, String peerName) {
            return String.format("%-44s %-7s %12.2f  %-6s %12.2f  ratio %6.2f  %s", figure + " (" + unit + ")", valueName, value,
                    peerName, peer, ratio, verdict);
        }
    }

    static Ratio ratio(String figure, String unit, double value, double peer, boolean higherIsBetter, double goal) {
        double r = peer == 0 ? Double.NaN : value / peer;
        return new Ratio(figure, unit, value, peer, r, higherIsBetter, goal, verdict(r, higherIsBetter, goal));
    }

    private static String verdict(double r, boolean higherIsBetter, double goal) {
        if (Double.isNaN(goal)) return "";
        if (Double.isNaN(r)) return "n/a";
        return (higherIsBetter ? r >= goal : r <= goal) ? "met (" + (higherIsBetter ? ">= " : "<= ") + goal + ")"
                : "MISSED (" + (higherIsBetter ? ">= " : "<= ") + goal + ")";
    }

    /**
     * Durable over memory: publishes/s with the floor, chat-send latency, and fan-out where it also ran
     * on the memory server (issue 22 asks that it does not move; no figure for "does not move", so no verdict).
     */
    static List<Ratio> stores(List<PublishRate.Result> publish, List<ChatSend.Result> chat, List<FanOut.Result> fanout) {
        var out = new ArrayList<Ratio>();
        for (PublishRate.Result d : publish) {
            if (!d.target().equals("herald")) continue;
            publish.stream().filter(r -> r.target().equals(HeraldTarget.MEMORY) && r.subscribers() == d.subscribers()).findFirst().ifPresent(m -> {
                String at = "one topic, " + d.subscribers() + " subs";
                Ratio r = ratio("publishes/s " + at, "1/s", d.publishesPerSecond(), m.publishesPerSecond(), true, DURABLE_PUBLISH_FLOOR);
                if (d.lost() > 0) r = r.withVerdict(r.verdict() + "; durable lost " + d.lost());
                out.add(r);
                out.add(ratio("publish RTT p99 " + at, "ms", d.roundTrip().p99(), m.roundTrip().p99(), false, Double.NaN));
                out.add(ratio("server CPU per publish " + at, "µs", d.serverCpuMicrosPerPublish(), m.serverCpuMicrosPerPublish(), false, Double.NaN));
            });
        }
        pair(chat, r -> true, ChatSend.Result::target, "herald", HeraldTarget.MEMORY).forEach(p -> {
            String at = p.h().users() + " users, " + p.h().rate() + "/s";
            out.add(ratio("chat send p50 " + at, "ms", p.h().latency().p50(), p.n().latency().p50(), false, Double.NaN));
            out.add(ratio("chat send p99 " + at, "ms", p.h().latency().p99(), p.n().latency().p99(), false, Double.NaN));
            out.add(ratio("server CPU per chat message on request threads " + at, "µs", p.h().requestMicrosPerMessage(),
                    p.n().requestMicrosPerMessage(), false, Double.NaN));
        });
        for (FanOut.Result d : fanout) {
            if (!d.target().equals("herald")) continue;
            fanout.stream().filter(r -> r.target().equals(HeraldTarget.MEMORY) && r.subscribers() == d.subscribers() && r.rate() == d.rate())
                    .findFirst().ifPresent(m -> {
                        String at = d.subscribers() + " subs x " + d.rate() + "/s";
                        out.add(ratio("fan-out deliveries/s " + at, "1/s", d.deliveriesPerSecond(), m.deliveriesPerSecond(), true, Double.NaN));
                        out.add(ratio("fan-out p99 " + at, "ms", d.latency().p99(), m.latency().p99(), false, Double.NaN));
                    });
        }
        return out;
    }

    /**
     * JAX-RS transport over servlet transport ({@link HeraldTarget#JAXRS} over {@code herald}), for every fan-out point both
     * ran: p99 and server CPU per delivery, with the target ({@link #JAXRS_CEILING}, without loss) where it is set, and
     * deliveries/s with what either lost.
     */
    static List<Ratio> transports(List<FanOut.Result> fanout) {
        var out = new ArrayList<Ratio>();
        for (FanOut.Result s : fanout) {
            if (!s.target().equals("herald")) continue;
            fanout.stream().filter(r -> r.target().equals(HeraldTarget.JAXRS) && r.subscribers() == s.subscribers() && r.rate() == s.rate())
                    .findFirst().ifPresent(j -> {
                        String at = s.subscribers() + " subs x " + s.rate() + "/s";
                        boolean goal = TRANSPORT_GOAL_POINTS.stream().anyMatch(p -> p[0] == s.subscribers() && p[1] == s.rate());
                        double ceiling = goal ? JAXRS_CEILING : Double.NaN;
                        for (Ratio r : List.of(ratio("fan-out p99 " + at, "ms", j.latency().p99(), s.latency().p99(), false, ceiling),
                                ratio("server CPU per delivery " + at, "µs", j.serverCpuMicrosPerDelivery(), s.serverCpuMicrosPerDelivery(), false, ceiling))) {
                            // A transport that met the figure by losing events did not meet the target; a servlet run that
                            // lost some is no baseline to be measured against.
                            if (goal && j.lost() > 0) r = r.withVerdict("MISSED (<= " + JAXRS_CEILING + " without loss: JAX-RS lost " + j.lost() + ")");
                            else if (goal && s.lost() > 0) r = r.withVerdict("n/a (servlet lost " + s.lost() + ")");
                            out.add(r);
                        }
                        Ratio d = ratio("fan-out deliveries/s " + at, "1/s", j.deliveriesPerSecond(), s.deliveriesPerSecond(), true, Double.NaN);
                        if (j.lost() > 0 || s.lost() > 0) d = d.withVerdict("lost: JAX-RS " + j.lost() + ", servlet " + s.lost());
                        out.add(d);
                    });
        }
        return out;
    }

    static List<Ratio> of(List<FanOut.Result> fanout, List<Idle.Result> idle, List<Storm.Result> storm,
                          List<SlowConsumers.Result> slow, List<ManyTopics.Result> topics, List<PublishRate.Result> publish,
                          List<BatchRate.Result> batch) {
        var out = new ArrayList<Ratio>();
        for (FanOut.Result h : fanout) {
            if (!h.target().equals("herald")) continue;
            Optional<FanOut.Result> n = fanout.stream().filter(r -> r.target().equals("nchan") && r.subscribers() == h.subscribers() && r.rate() == h.rate()).findFirst();
            if (n.isEmpty()) continue;
            String at = h.subscribers() + " subs x " + h.rate() + "/s";
            boolean deliveryGoal = h.subscribers() >= 5000;
            Ratio deliveries = ratio("deliveries/s " + at, "1/s", h.deliveriesPerSecond(), n.get().deliveriesPerSecond(), true, deliveryGoal ? 1.0 : Double.NaN);
            // Deliveries bought with lost events (subscribers dropped as slow) do not meet a throughput target.
            if (deliveryGoal && h.lost() > 0) deliveries = deliveries.withVerdict("MISSED (>= 1.0 without loss: Herald lost " + h.lost() + ")");
            out.add(deliveries);
            out.add(ratio("server CPU per delivery " + at, "µs", h.serverCpuMicrosPerDelivery(), n.get().serverCpuMicrosPerDelivery(), false, Double.NaN));
            boolean p99Goal = h.subscribers() == 1000 && h.rate() == 50;
            out.add(ratio("latency p99 " + at, "ms", h.latency().p99(), n.get().latency().p99(), false, p99Goal ? 1.0 : Double.NaN));
        }
        // Issue 17 sets an absolute ceiling per idle stream, the ratio is shown beside it.
        pair(idle, r -> true, Idle.Result::target).forEach(p -> {
            double kb = p.h().bytesPerConnection() / 1024;
            out.add(ratio("idle memory per connection " + p.h().requested(), "KB", kb, p.n().bytesPerConnection() / 1024, false, Double.NaN)
                    .withVerdict(kb <= IDLE_KB_CEILING ? "met (<= " + IDLE_KB_CEILING + " KB)" : "MISSED (<= " + IDLE_KB_CEILING + " KB)"));
        });
        // Herald dropped by the server against Nchan's lossless variant (clients dropped); Nchan's channel
        // delete is in the storm table with its loss.
        var heraldStorm = storm.stream().filter(r -> r.target().equals("herald") && r.drop() == Storm.Drop.SERVER).toList();
        var nchanStorm = storm.stream().filter(r -> r.target().equals("nchan") && r.drop() == Storm.Drop.CLIENT).toList();
        for (int i = 0; i < Math.min(heraldStorm.size(), nchanStorm.size()); i++) {
            Storm.Result h = heraldStorm.get(i), n = nchanStorm.get(i);
            Ratio r = ratio("storm catch-up " + h.subscribers() + " subs", "s", h.catchUpSeconds(), n.catchUpSeconds(), false, 2.0);
            if (h.caughtUp() < h.reconnected()) r = r.withVerdict("MISSED (Herald: " + h.caughtUp() + " of " + h.reconnected() + " caught up)");
            else if (n.caughtUp() < n.reconnected()) r = r.withVerdict("n/a (Nchan: only " + n.caughtUp() + " of " + n.reconnected() + " caught up, lost " + n.lost() + ")");
            out.add(r);
        }
        pair(storm, r -> r.drop() == Storm.Drop.CHURN, Storm.Result::target).forEach(p -> {
            Ratio r = ratio("churn catch-up " + p.h().subscribers() + " subs", "s", p.h().catchUpSeconds(), p.n().catchUpSeconds(), false, 1.0);
            if (p.h().lost() > 0 || p.h().duplicates() > 0 || p.h().caughtUp() < p.h().subscribers()) {
                r = r.withVerdict("MISSED (Herald: " + p.h().caughtUp() + " of " + p.h().subscribers() + " caught up, lost " + p.h().lost()
                        + ", dup " + p.h().duplicates() + ")");
            }
            out.add(r);
        });
        pair(slow, r -> true, SlowConsumers.Result::target).forEach(p -> out.add(ratio("slow consumers: readers' p99", "ms",
                p.h().readersLatency().p99(), p.n().readersLatency().p99(), false, Double.NaN)));
        pair(topics, r -> true, ManyTopics.Result::target).forEach(p -> {
            String at = p.h().subscribers() + " topics x 1 sub, " + p.h().rate() + "/s";
            Ratio d = ratio("deliveries/s " + at, "1/s", p.h().deliveriesPerSecond(), p.n().deliveriesPerSecond(), true, Double.NaN);
            if (p.h().lost() > 0) d = d.withVerdict("Herald lost " + p.h().lost());
            out.add(d);
            out.add(ratio("publish RTT p99 " + at, "ms", p.h().publish().roundTrip().p99(), p.n().publish().roundTrip().p99(), false, Double.NaN));
            out.add(ratio("delivery p99 " + at, "ms", p.h().latency().p99(), p.n().latency().p99(), false, Double.NaN));
            out.add(ratio("server CPU per delivery " + at, "µs", p.h().serverCpuMicrosPerDelivery(), p.n().serverCpuMicrosPerDelivery(), false, Double.NaN));
        });
        for (PublishRate.Result h : publish) {
            if (!h.target().equals("herald")) continue;
            publish.stream().filter(r -> r.target().equals("nchan") && r.subscribers() == h.subscribers()).findFirst().ifPresent(n -> {
                String at = "one topic, " + h.subscribers() + " subs";
                Ratio r = ratio("publishes/s " + at, "1/s", h.publishesPerSecond(), n.publishesPerSecond(), true, Double.NaN);
                if (h.lost() > 0) r = r.withVerdict("Herald lost " + h.lost());
                out.add(r);
                out.add(ratio("publish RTT p99 " + at, "ms", h.roundTrip().p99(), n.roundTrip().p99(), false, Double.NaN));
            });
        }
        // Issue 25: events accepted through batches, at least Nchan's single publishes (it has no batch).
        for (BatchRate.Result h : batch) {
            if (!h.target().equals("herald")) continue;
            publish.stream().filter(r -> r.target().equals("nchan") && r.subscribers() == 0).findFirst().ifPresent(n ->
                    out.add(ratio("events/s in batches of " + h.batchSize() + " (Nchan: single publishes)", "1/s", h.eventsPerSecond(),
                            n.publishesPerSecond(), true, BATCH_EVENTS_FLOOR)));
        }
        return out;
    }

    record Pair<T>(T h, T n) {
    }

    /** Herald's results each with the Nchan result at the same position among Nchan's. */
    static <T> List<Pair<T>> pair(List<T> results, Predicate<T> filter, java.util.function.Function<T, String> target) {
        return pair(results, filter, target, "herald", "nchan");
    }

    /** Target {@code a}'s results each with target {@code b}'s at the same position among b's. */
    static <T> List<Pair<T>> pair(List<T> results, Predicate<T> filter, java.util.function.Function<T, String> target, String a, String b) {
        var hs = results.stream().filter(filter).filter(r -> target.apply(r).equals(a)).toList();
        var ns = results.stream().filter(filter).filter(r -> target.apply(r).equals(b)).toList();
        var out = new ArrayList<Pair<T>>();
        for (int i = 0; i < Math.min(hs.size(), ns.size()); i++) out.add(new Pair<>(hs.get(i), ns.get(i)));
        return out;
    }
}
