package dev.herald.bench;

import java.util.List;

/**
 * Workload 2: N idle subscribers held for a while. Held means still open at the end and
 * each one receives a probe event published then. Memory per connection is the server's
 * growth from before the streams opened to the end of the hold, divided by N; for a JVM
 * the heap (pre-touched, so not in the RSS growth) counts with its live size after a GC.
 */
final class Idle {
    private final Bench bench;

    Idle(Bench bench) {
        this.bench = bench;
    }

    record Result(String target, int requested, int opened, double connectSeconds, double holdSeconds, long stillOpen,
                  long probeReceived, boolean allHeld, Target.Memory before, Target.Memory after,
                  double bytesPerConnection, double pssBytesPerConnection, double heapBytesPerConnection, Bench.Cpu cpu,
                  double waitedForEarlierStreamsSeconds) {
    }

    Result run(Target target, int count, double holdSeconds) throws InterruptedException {
        String channel = "idle-" + count + "-" + System.currentTimeMillis();
        var recorder = new Recorder(bench.client.ioThreads());
        bench.progress.phase("idle " + target + " " + count + " streams", null);
        double waited = target.awaitNoConnections(60);
        if (waited > 1) bench.progress.say(String.format("   waited %.0f s for the server to let go of earlier streams", waited));
        Target.Memory before = target.memory(true);
        long c0 = System.nanoTime();
        List<Stream> streams = bench.open(target, channel, count, recorder, 0, null);
        double connectSeconds = (System.nanoTime() - c0) / 1e9;
        int opened = (int) Bench.countOpen(streams);
        bench.progress.say(String.format("   %d of %d open in %.1f s; holding %.0f s", opened, count, connectSeconds, holdSeconds));
        var cpu = new Bench.CpuMeter(target);
        Thread.sleep((long) (holdSeconds * 1000));
        Bench.Cpu used = cpu.stop();
        long stillOpen = Bench.countOpen(streams);

        var probe = new Publisher(target, channel, Payload.SIZE).publish(0, 1, 1);
        bench.awaitDeliveries(recorder.delivered::sum, stillOpen, 3, 20);
        bench.client.barrier();
        long probeReceived = streams.stream().filter(s -> s.hasSeen(0)).count();
        Target.Memory after = target.memory(true);
        double n = Math.max(1, opened);
        var result = new Result(target.name, count, opened, connectSeconds, holdSeconds, stillOpen, probeReceived,
                opened == count && stillOpen == count && probeReceived == count && probe.ok() == 1, before, after,
                (after.footprint() - before.footprint()) / n, (after.pss() - before.pss()) / n,
                after.heapUsed() < 0 ? Double.NaN : (after.heapUsed() - before.heapUsed()) / n, used, waited);
        bench.progress.say(String.format("   %s: %d/%d held, probe reached %d; %.1f KB per connection (resident %.1f KB, heap %.1f KB)",
                target, stillOpen, count, probeReceived, result.bytesPerConnection / 1024, result.pssBytesPerConnection / 1024,
                result.heapBytesPerConnection / 1024));
        bench.closeAll(streams);
        return result;
    }
}
