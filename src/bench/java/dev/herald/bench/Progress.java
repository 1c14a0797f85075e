package dev.herald.bench;

import java.util.function.Supplier;

/** Prints one line every few seconds: elapsed time, phase, streams open, events delivered and their rate, generator CPU. */
final class Progress implements AutoCloseable {
    private final StreamClient client;
    private final Thread thread;
    private final long start = System.nanoTime();
    private volatile String phase = "starting";
    private volatile Supplier<String> extra = () -> "";
    private volatile boolean running = true;

    Progress(StreamClient client, double intervalSeconds) {
        this.client = client;
        this.thread = new Thread(() -> loop((long) (intervalSeconds * 1000)), "bench-progress");
        thread.setDaemon(true);
        thread.start();
    }

    void phase(String name, Supplier<String> detail) {
        phase = name;
        extra = detail == null ? () -> "" : detail;
        say("== " + name);
    }

    void say(String message) {
        System.out.printf("%7.1fs  %s%n", (System.nanoTime() - start) / 1e9, message);
        System.out.flush();
    }

    private void loop(long intervalMillis) {
        long lastDelivered = Recorder.DELIVERED.sum();
        double lastCpu = Proc.selfCpuSeconds();
        long last = System.nanoTime();
        while (running) {
            try {
                Thread.sleep(intervalMillis);
            } catch (InterruptedException e) {
                return;
            }
            long now = System.nanoTime();
            long delivered = Recorder.DELIVERED.sum();
            double cpu = Proc.selfCpuSeconds();
            double secs = (now - last) / 1e9;
            String detail;
            try {
                detail = extra.get();
            } catch (RuntimeException e) {
                detail = "";
            }
            say(String.format("   %-34s open=%-6d delivered=%-10d (%,.0f/s)  generator cpu=%.2f cores %s",
                    phase, client.openStreams(), delivered, (delivered - lastDelivered) / secs, (cpu - lastCpu) / secs, detail));
            lastDelivered = delivered;
            lastCpu = cpu;
            last = now;
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
