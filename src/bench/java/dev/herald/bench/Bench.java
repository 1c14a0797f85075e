package dev.herald.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/** What every workload shares: the stream client, the progress line, the targets in alternating order. */
final class Bench {
    final BenchOptions options;
    final StreamClient client;
    final Progress progress;
    final List<Target> targets;
    private int rounds;

    Bench(BenchOptions options, StreamClient client, Progress progress, List<Target> targets) {
        this.options = options;
        this.client = client;
        this.progress = progress;
        this.targets = targets;
    }

    /**
     * The targets of {@code workload}'s next measurement, one after another (never two at once): the order
     * turns every time, so none always goes first. Only the targets that {@link #joins} the workload.
     */
    List<Target> nextOrder(String workload) {
        var order = new ArrayList<Target>();
        for (Target t : targets) if (joins(options, t.name, workload)) order.add(t);
        // With two targets a turn is the old flip; with three each goes first in turn.
        java.util.Collections.rotate(order, -(rounds++ % Math.max(1, order.size())));
        return order;
    }

    /**
     * Whether target {@code name} is loaded in {@code workload}. Herald on the memory store ({@link HeraldTarget#MEMORY})
     * and Herald on the JAX-RS transport ({@link HeraldTarget#JAXRS}) only join the workloads {@code --memory-workloads}
     * and {@code --jaxrs-workloads} name: they are there to be compared with the default Herald, not with Nchan.
     */
    static boolean joins(BenchOptions options, String name, String workload) {
        return switch (name) {
            case HeraldTarget.MEMORY -> options.memoryWorkloads().contains(workload);
            case HeraldTarget.JAXRS -> options.jaxrsWorkloads().contains(workload);
            default -> true;
        };
    }

    /**
     * Opens {@code count} streams and waits until each is open or has failed.
     * @param lastEventId per stream index, the id to resume after, or null
     */
    List<Stream> open(Target target, String channel, int count, Stream.Listener listener, int receiveBuffer,
                      IntFunction<String> lastEventId) throws InterruptedException {
        return open(target, i -> channel, count, listener, receiveBuffer, lastEventId);
    }

    /** Opens {@code count} streams, stream {@code i} on {@code channel.apply(i)}. */
    List<Stream> open(Target target, IntFunction<String> channel, int count, Stream.Listener listener, int receiveBuffer,
                      IntFunction<String> lastEventId) throws InterruptedException {
        List<Stream> streams = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Stream s = client.open(target.address, target.subscribeRequest(channel.apply(i), lastEventId == null ? null : lastEventId.apply(i)),
                    listener, receiveBuffer);
            s.index = i;
            streams.add(s);
        }
        awaitSettled(streams, 120);
        return streams;
    }

    /** Waits until no stream is still connecting. */
    void awaitSettled(List<Stream> streams, double timeoutSeconds) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (timeoutSeconds * 1e9);
        while (System.nanoTime() < deadline) {
            if (streams.stream().noneMatch(s -> s.state() == Stream.State.CONNECTING)) return;
            Thread.sleep(50);
        }
        progress.say("   some streams still connecting after " + timeoutSeconds + " s");
    }

    /** Why the streams that are not open ended, counted: a refusal's status, a reset, a timeout. */
    static void sayFailures(Progress progress, List<Stream> streams) {
        var why = new java.util.TreeMap<String, Integer>();
        for (Stream s : streams) if (!s.isOpen()) why.merge(String.valueOf(s.closedWhy()), 1, Integer::sum);
        if (!why.isEmpty()) progress.say("   not open: " + why);
    }

    static long countOpen(List<Stream> streams) {
        return streams.stream().filter(Stream::isOpen).count();
    }

    /** Closes every stream from the client side and gives the server a moment to let go of them. */
    void closeAll(List<Stream> streams) throws InterruptedException {
        for (Stream s : streams) s.close();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline && streams.stream().anyMatch(s -> !s.isClosed())) Thread.sleep(50);
        Thread.sleep((long) (options.settleSeconds() * 1000));
    }

    /** Waits until {@code delivered} reaches {@code expected}, or it stops growing for {@code quietSeconds}, or {@code maxSeconds} pass. */
    void awaitDeliveries(java.util.function.LongSupplier delivered, long expected, double quietSeconds, double maxSeconds)
            throws InterruptedException {
        long start = System.nanoTime();
        long last = delivered.getAsLong();
        long lastChange = start;
        while (true) {
            long now = System.nanoTime();
            long d = delivered.getAsLong();
            if (d >= expected) return;
            if (d != last) {
                last = d;
                lastChange = now;
            }
            if (now - lastChange > quietSeconds * 1e9 || now - start > maxSeconds * 1e9) return;
            Thread.sleep(20);
        }
    }

    /** CPU of the generator and of one server over a measured interval. */
    static final class CpuMeter {
        private final Target target;
        private final long t0 = System.nanoTime();
        private final double self0 = Proc.selfCpuSeconds();
        private final double server0;
        private final Map<String, Proc.ThreadCpu> threads0;

        CpuMeter(Target target) {
            this.target = target;
            this.server0 = target.cpuSeconds();
            this.threads0 = target.threadCpu();
        }

        Cpu stop() {
            double wall = (System.nanoTime() - t0) / 1e9;
            // By thread, then summed by kind: a thread that started meanwhile counts from zero; one that
            // ended is missing from both ends rather than subtracted (Liberty's executor retires threads).
            var byKind = new TreeMap<String, Double>();
            target.threadCpu().forEach((id, t) -> {
                Proc.ThreadCpu before = threads0.get(id);
                byKind.merge(t.kind(), (t.seconds() - (before == null ? 0 : before.seconds())) / wall, Double::sum);
            });
            return new Cpu(wall, (Proc.selfCpuSeconds() - self0) / wall, (target.cpuSeconds() - server0) / wall, byKind,
                    Proc.loadAverage1());
        }
    }

    /**
     * Cores used on average over {@code seconds}: 1.0 is one core busy all the time; the server's also by
     * what its threads do ({@link ThreadKind}); with the machine's 1-minute load average at the end, which
     * says how much else wanted the cores meanwhile.
     */
    record Cpu(double seconds, double generatorCores, double serverCores, Map<String, Double> serverCoresByThreadKind,
               double loadAverage1) {
    }
}
