package dev.herald.metrics;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.OperatingSystemMXBean;

/** The JVM's own view of itself: CPU used by this process and heap in use. */
final class ProcessGauges {
    private final OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();

    /**
     * This process's share of all CPUs since the previous call, 0 to 1. Where the JVM
     * cannot tell (no com.sun.management), the load average per CPU stands in.
     */
    double cpuLoad() {
        double load = os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuLoad() : -1;
        if (load < 0) {
            double average = os.getSystemLoadAverage();
            load = average < 0 ? 0 : average / Math.max(1, os.getAvailableProcessors());
        }
        return clamp(load);
    }

    /** Heap used over the most it may grow to (over what is committed when there is no maximum). */
    double heapUsage() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        long max = heap.getMax() > 0 ? heap.getMax() : heap.getCommitted();
        return max <= 0 ? 0 : clamp((double) heap.getUsed() / max);
    }

    private static double clamp(double v) {
        return Double.isNaN(v) ? 0 : Math.max(0, Math.min(1, v));
    }
}
