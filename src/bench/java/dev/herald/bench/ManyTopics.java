package dev.herald.bench;

import java.util.List;

/**
 * Workload: many topics with one subscriber each (chat, notifications), N subscribers each on
 * its own topic and several publishers together at a fixed total rate spread over them. Each
 * topic is published to by one publisher only, so its events stay in order; each carries its
 * number within the topic and the send time. Figures: deliveries/s, publish round trip,
 * delivery latency, CPU of the server and of the generator.
 */
final class ManyTopics {
    private final Bench bench;

    ManyTopics(Bench bench) {
        this.bench = bench;
    }

    record Result(String target, int subscribers, int rate, int publishers, double seconds, int connected, double connectSeconds,
                  long published, long publishFailed, double deliveriesPerSecond, long delivered, Latency latency,
                  long lost, long duplicates, long reorders, Publisher.Result publish, Bench.Cpu cpu,
                  double serverCpuMicrosPerDelivery) {
    }

    Result run(Target target, int subscribers, int rate, int publishers, double seconds) throws InterruptedException {
        if (subscribers % publishers != 0) throw new IllegalArgumentException("subscribers must be a multiple of publishers");
        String run = "topics-" + System.currentTimeMillis();
        var recorder = new Recorder(bench.client.ioThreads());
        bench.progress.phase("topics " + target + " " + subscribers + " topics x 1 sub, " + rate + " publishes/s", null);
        target.awaitNoConnections(60);
        long c0 = System.nanoTime();
        List<Stream> streams = bench.open(target, i -> channel(run, i), subscribers, recorder, 0, null);
        double connectSeconds = (System.nanoTime() - c0) / 1e9;
        int connected = (int) Bench.countOpen(streams);
        Bench.sayFailures(bench.progress, streams);
        bench.progress.say(String.format("   %d of %d open in %.1f s", connected, subscribers, connectSeconds));
        Thread.sleep(1000);

        // Publisher p sends global events g = i * P + p: topic g % N, number g / N within it. With N a multiple
        // of P every topic has one publisher.
        int perPublisher = (int) Math.round(rate * seconds / publishers);
        long total = (long) perPublisher * publishers;
        var cpu = new Bench.CpuMeter(target);
        recorder.start();
        long t0 = System.nanoTime();
        Publisher.Result pub = PublisherGroup.run(target, publishers, p -> new Publisher.Plan(
                i -> channel(run, (int) (((long) i * publishers + p) % subscribers)),
                i -> ((long) i * publishers + p) / subscribers), perPublisher, (double) rate / publishers, Payload.SIZE);
        long expected = 0;
        for (Stream s : streams) if (s.isOpen()) expected += eventsFor(s.index, total, subscribers);
        bench.awaitDeliveries(recorder.delivered::sum, expected, 3, 30);
        recorder.stop();
        Bench.Cpu used = cpu.stop();
        bench.client.barrier();

        long lastDelivery = streams.stream().mapToLong(s -> s.lastEventNanos).max().orElse(t0);
        double span = Math.max(pub.seconds(), (lastDelivery - t0) / 1e9);
        long delivered = recorder.delivered.sum();
        long lost = 0, dups = 0, reorders = 0;
        for (Stream s : streams) {
            if (s.openedNanos == 0 || s.openedNanos > t0) continue;
            long n = eventsFor(s.index, total, subscribers);
            if (n > 0) lost += n - s.distinctSeen(0, n - 1);
            dups += s.duplicates;
            reorders += s.reorders;
        }
        var result = new Result(target.name, subscribers, rate, publishers, seconds, connected, connectSeconds, pub.ok(), pub.failed(),
                delivered / span, delivered, Latency.of(recorder.latency()), lost, dups, reorders, pub, used,
                delivered == 0 ? Double.NaN : used.serverCores() * used.seconds() / delivered * 1e6);
        bench.progress.say(String.format("   %s: %,.0f deliveries/s, publish RTT p99 %.1f ms (%d failed), delivery p50 %.1f p99 %.1f ms, "
                        + "lost %d dup %d reord %d, cpu server %.2f (%.1f us/delivery) generator %.2f, load %.2f",
                target, result.deliveriesPerSecond, pub.roundTrip().p99(), pub.failed(), result.latency.p50(), result.latency.p99(),
                lost, dups, reorders, used.serverCores(), result.serverCpuMicrosPerDelivery, used.generatorCores(), used.loadAverage1()));
        bench.closeAll(streams);
        return result;
    }

    /** Subscriber {@code n}'s own channel (Herald: topic {@code custom/bench/<run>/u<n>}). */
    private static String channel(String run, int n) {
        return run + "/u" + n;
    }

    /** How many of {@code total} events spread round-robin over {@code topics} go to topic {@code n}. */
    private static long eventsFor(int n, long total, int topics) {
        return total / topics + (n < total % topics ? 1 : 0);
    }
}
