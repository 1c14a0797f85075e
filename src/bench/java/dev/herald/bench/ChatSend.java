package dev.herald.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Workload: chat-send latency. Signed-in users post to the public room {@value #ROOM} at a steady rate
 * in all, open loop: each user has its own keep-alive connection and a schedule (a message due every
 * {@code users / rate} s, the users staggered so the room gets an even stream), and a message's latency
 * runs from when it was due to its 201. A user whose previous message is still unanswered sends late,
 * and that wait counts against the late message too, as it would for a person waiting on the send
 * button, so a slow answer cannot hide the ones queued behind it. Herald only: Nchan has no chat.
 */
final class ChatSend {
    static final String ROOM = "general";
    private final Bench bench;

    ChatSend(Bench bench) {
        this.bench = bench;
    }

    /**
     * @param created  messages answered 201
     * @param failed   the rest, by status or exception
     * @param latency  from when each created message was due to its 201
     */
    record Result(String target, int users, int rate, double seconds, long sent, long created, Map<String, Long> failed,
                  double createdPerSecond, Latency latency, Bench.Cpu cpu, double serverCpuMicrosPerMessage) {
        /**
         * The part of {@link #serverCpuMicrosPerMessage} spent on Liberty's request threads, which serve the posts (the
         * store's write included). At 50 messages/s the chat path is still being compiled long after the warm-up, and the
         * JIT's share swamps the total; this part is what one message costs.
         */
        double requestMicrosPerMessage() {
            return created == 0 ? Double.NaN
                    : cpu.serverCoresByThreadKind().getOrDefault(ThreadKind.REQUESTS, 0.0) * cpu.seconds() / created * 1e6;
        }
    }

    Result run(HeraldTarget target, int users, int rate, double seconds) throws Exception {
        var sent = new LongAdder();
        bench.progress.phase("chat send " + target + " " + users + " users x " + rate + "/s in all", () -> "chat sent " + sent.sum());
        // The same names every run: a user who signs in again is the same user with a new token.
        var tokens = new ArrayList<String>();
        for (int u = 0; u < users; u++) tokens.add(target.signIn("bench" + u));
        String run = Long.toString(System.currentTimeMillis(), 36);
        int perUser = (int) Math.round(rate * seconds / users);
        long interval = (long) (1e9 / rate);
        long period = interval * users;

        var created = new LongAdder();
        var failed = new TreeMap<String, Long>();
        var histograms = new ArrayList<Histogram>();
        var threads = new ArrayList<Thread>();
        var cpu = new Bench.CpuMeter(target);
        long start = System.nanoTime() + 50_000_000L;
        for (int u = 0; u < users; u++) {
            var h = new Histogram();
            histograms.add(h);
            int user = u;
            String token = tokens.get(u);
            long first = start + u * interval;
            Thread t = new Thread(() -> {
                try (var http = new HttpConnection(target.address)) {
                    for (int i = 0; i < perUser; i++) {
                        byte[] request = target.chatRequest(token, ROOM, run + "-" + user + "-" + i,
                                "bench message " + i + " from user " + user + ", about as long as a line of chat");
                        long due = first + i * period;
                        long wait = due - System.nanoTime();
                        if (wait > 0) LockSupport.parkNanos(wait);
                        String outcome;
                        try {
                            int status = http.send(request);
                            outcome = status == 201 ? null : Integer.toString(status);
                        } catch (IOException e) {
                            outcome = e.getClass().getSimpleName();
                        }
                        sent.increment();
                        if (outcome == null) {
                            h.record((System.nanoTime() - due) / 1000);
                            created.increment();
                        } else {
                            synchronized (failed) {
                                failed.merge(outcome, 1L, Long::sum);
                            }
                        }
                    }
                }
            }, "bench-chat-" + u);
            t.setDaemon(true);
            threads.add(t);
        }
        for (Thread t : threads) t.start();
        for (Thread t : threads) t.join();
        double span = (System.nanoTime() - start) / 1e9;
        Bench.Cpu used = cpu.stop();

        var all = new Histogram();
        for (Histogram h : histograms) all.add(h);
        long ok = created.sum();
        var result = new Result(target.name, users, rate, seconds, sent.sum(), ok, failed, ok / span, Latency.of(all), used,
                ok == 0 ? Double.NaN : used.serverCores() * used.seconds() / ok * 1e6);
        bench.progress.say(String.format("   %s: %d of %d created (%,.1f/s, offered %d/s), failed %s; p50 %.2f ms p99 %.2f ms max %.1f ms; "
                        + "cpu server %.2f (%.0f us/message, %.0f on request threads) generator %.2f, load %.2f",
                target, ok, result.sent, result.createdPerSecond, rate, failed, result.latency.p50(), result.latency.p99(),
                result.latency.max(), used.serverCores(), result.serverCpuMicrosPerMessage, result.requestMicrosPerMessage(),
                used.generatorCores(), used.loadAverage1()));
        return result;
    }

    /** Runs on every Herald among {@code targets}; Nchan has no chat, which is said once. */
    static void runAll(Bench bench, List<Target> targets, int users, int rate, double seconds, List<Result> into) throws Exception {
        var w = new ChatSend(bench);
        for (Target t : targets) {
            if (t instanceof HeraldTarget h) {
                Result r = w.run(h, users, rate, seconds);
                if (into != null) into.add(r);
            } else {
                bench.progress.say("   " + t + ": no chat to measure (Nchan has none)");
            }
        }
    }
}
