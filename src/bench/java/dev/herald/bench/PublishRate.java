package dev.herald.bench;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Workload: the most publishes per second one node accepts on one topic. Several publishers,
 * each on its own keep-alive connection, send one request after another as fast as the server
 * answers for a fixed time, with no subscriber or with N. Events share one sequence (taken as
 * each is sent), so with subscribers every delivery is checked for loss; the order across
 * publishers is not defined, so reorderings are not counted.
 */
final class PublishRate {
    private final Bench bench;

    PublishRate(Bench bench) {
        this.bench = bench;
    }

    record Result(String target, int subscribers, int publishers, double seconds, int connected, long published, long failed,
                  double publishesPerSecond, Latency roundTrip, long delivered, double deliveriesPerSecond, Latency latency,
                  long lost, long duplicates, long serverDisconnectedSlow, Bench.Cpu cpu, double serverCpuMicrosPerPublish) {
    }

    Result run(Target target, int subscribers, int publishers, double seconds) throws InterruptedException {
        String channel = "publish-" + subscribers + "-" + System.currentTimeMillis();
        var recorder = new Recorder(bench.client.ioThreads());
        bench.progress.phase("publish rate " + target + " " + publishers + " publishers, " + subscribers + " subs", null);
        target.awaitNoConnections(60);
        List<Stream> streams = bench.open(target, channel, subscribers, recorder, 0, null);
        int connected = (int) Bench.countOpen(streams);
        if (subscribers > 0) Thread.sleep(1000);
        long slowBefore = target.slowDisconnects();

        var next = new AtomicLong();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        var cpu = new Bench.CpuMeter(target);
        recorder.start();
        long t0 = System.nanoTime();
        Publisher.Result pub = PublisherGroup.run(target, publishers, p -> new Publisher.Plan(i -> channel,
                i -> System.nanoTime() < deadline ? next.getAndIncrement() : -1), Integer.MAX_VALUE, Double.POSITIVE_INFINITY, Payload.SIZE);
        double publishSeconds = (System.nanoTime() - t0) / 1e9;
        long sent = next.get();
        if (connected > 0) bench.awaitDeliveries(recorder.delivered::sum, sent * connected, 3, 30);
        recorder.stop();
        Bench.Cpu used = cpu.stop();
        bench.client.barrier();

        long lastDelivery = streams.stream().mapToLong(s -> s.lastEventNanos).max().orElse(t0);
        long delivered = recorder.delivered.sum();
        long lost = 0, dups = 0;
        for (Stream s : streams) {
            if (s.openedNanos == 0 || s.openedNanos > t0) continue;
            lost += pub.ok() - Math.min(pub.ok(), s.distinctSeen(0, sent - 1));
            dups += s.duplicates;
        }
        long slow = target.slowDisconnects() < 0 ? -1 : target.slowDisconnects() - slowBefore;
        var result = new Result(target.name, subscribers, publishers, publishSeconds, connected, pub.ok(), pub.failed(),
                pub.ok() / publishSeconds, pub.roundTrip(), delivered,
                delivered == 0 ? 0 : delivered / Math.max(publishSeconds, (lastDelivery - t0) / 1e9), Latency.of(recorder.latency()),
                lost, dups, slow, used, pub.ok() == 0 ? Double.NaN : used.serverCores() * used.seconds() / pub.ok() * 1e6);
        bench.progress.say(String.format("   %s: %,.0f publishes/s (%d failed), RTT p50 %.2f p99 %.2f ms; %,.0f deliveries/s, p99 %.1f ms, "
                        + "lost %d dup %d, dropped as slow %d; cpu server %.2f (%.1f us/publish) generator %.2f, load %.2f",
                target, result.publishesPerSecond, pub.failed(), pub.roundTrip().p50(), pub.roundTrip().p99(), result.deliveriesPerSecond,
                result.latency.p99(), lost, dups, slow, used.serverCores(), result.serverCpuMicrosPerPublish, used.generatorCores(),
                used.loadAverage1()));
        bench.closeAll(streams);
        return result;
    }
}
