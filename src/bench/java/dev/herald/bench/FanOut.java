package dev.herald.bench;

import java.util.List;

/**
 * Workload 1: N subscribers on one topic, a publisher at a fixed rate, 64-byte events.
 * Deliveries/s is every delivery over the time from the first publish to the last
 * delivery, so a server that falls behind and catches up later scores lower.
 */
final class FanOut {
    private final Bench bench;

    FanOut(Bench bench) {
        this.bench = bench;
    }

    record Result(String target, int subscribers, int rate, double seconds, int connected, double connectSeconds,
                  long published, long expected, long delivered, double deliveriesPerSecond, double offeredPerSecond,
                  Latency latency, long lost, long duplicates, long reorders, Publisher.Result publish, Bench.Cpu cpu,
                  long serverOpenBefore, double serverCpuMicrosPerDelivery) {
    }

    Result run(Target target, int subscribers, int rate, double seconds) throws InterruptedException {
        String channel = "fanout-" + subscribers + "-" + rate + "-" + System.currentTimeMillis();
        var recorder = new Recorder(bench.client.ioThreads());
        bench.progress.phase("fan-out " + target + " " + subscribers + " subs x " + rate + "/s",
                () -> "lat p99 so far n/a");
        // Streams of the previous run the server has not noticed closing yet (Herald: until a write fails).
        long serverOpenBefore = target.openConnections();
        long c0 = System.nanoTime();
        List<Stream> streams = bench.open(target, channel, subscribers, recorder, 0, null);
        double connectSeconds = (System.nanoTime() - c0) / 1e9;
        int connected = (int) Bench.countOpen(streams);
        bench.progress.say(String.format("   %d of %d open in %.1f s", connected, subscribers, connectSeconds));
        Thread.sleep(1000);

        int count = (int) Math.round(rate * seconds);
        var publisher = new Publisher(target, channel, Payload.SIZE);
        var cpu = new Bench.CpuMeter(target);
        recorder.start();
        long t0 = System.nanoTime();
        Publisher.Result pub = publisher.publish(0, count, rate);
        long expected = (long) connected * count;
        bench.awaitDeliveries(recorder.delivered::sum, expected, 3, 30);
        recorder.stop();
        Bench.Cpu used = cpu.stop();
        bench.client.barrier();

        long lastDelivery = streams.stream().mapToLong(s -> s.lastEventNanos).max().orElse(t0);
        double span = Math.max(seconds, (lastDelivery - t0) / 1e9);
        long delivered = recorder.delivered.sum();
        long lost = 0, dups = 0, reorders = 0;
        for (Stream s : streams) {
            if (s.openedNanos == 0 || s.openedNanos > t0) continue;
            lost += count - s.distinctSeen(0, count - 1);
            dups += s.duplicates;
            reorders += s.reorders;
        }
        var result = new Result(target.name, subscribers, rate, seconds, connected, connectSeconds, count, expected, delivered,
                delivered / span, (double) connected * rate, Latency.of(recorder.latency()), lost, dups, reorders, pub, used,
                serverOpenBefore, delivered == 0 ? Double.NaN : used.serverCores() * used.seconds() / delivered * 1e6);
        bench.progress.say(String.format("   %s: %,.0f deliveries/s (offered %,.0f), p50 %.1f ms p99 %.1f ms max %.1f ms, lost %d dup %d reord %d, publish p99 %.1f ms, cpu server %.2f (%.1f us/delivery) generator %.2f",
                target, result.deliveriesPerSecond, result.offeredPerSecond, result.latency.p50(), result.latency.p99(),
                result.latency.max(), lost, dups, reorders, pub.roundTrip().p99(), used.serverCores(), result.serverCpuMicrosPerDelivery,
                used.generatorCores()));
        bench.closeAll(streams);
        return result;
    }
}
