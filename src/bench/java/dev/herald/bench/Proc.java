package dev.herald.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What Linux says about a process: memory from /proc/PID/status and smaps_rollup, CPU from /proc/PID/stat. */
final class Proc {
    /** USER_HZ: the unit of utime and stime; 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = 100.0;

    private Proc() {
    }

    static long rssBytes(long pid) {
        return statusKb(pid, "VmRSS:") * 1024;
    }

    /** Proportional set size: shared pages (nginx's shared memory zone) counted once over all processes. */
    static long pssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "smaps_rollup"))) {
                if (line.startsWith("Pss:")) return kb(line) * 1024;
            }
        } catch (IOException gone) {
            return 0;
        }
        return 0;
    }

    /** User plus system CPU time of the process, in seconds. */
    static double cpuSeconds(long pid) {
        try {
            return cpuSecondsOf(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
        } catch (IOException | RuntimeException gone) {
            return 0;
        }
    }

    /** One thread's kind ({@link ThreadKind}) and its user plus system CPU seconds so far. */
    record ThreadCpu(String kind, double seconds) {
    }

    /**
     * The process's threads by id, each with its kind and CPU seconds: where a server's CPU
     * goes, read from the kernel, so the figure includes what a profiler misses (system
     * calls, the JIT, the collector).
     */
    static Map<String, ThreadCpu> threadCpu(long pid) {
        var out = new HashMap<String, ThreadCpu>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : (Iterable<Path>) tasks::iterator) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    out.put(pid + "/" + task.getFileName(), new ThreadCpu(ThreadKind.of(name), cpuSecondsOf(stat)));
                } catch (IOException | RuntimeException ended) {
                    // a thread that ended between the listing and the read
                }
            }
        } catch (IOException | RuntimeException gone) {
            // the process is gone
        }
        return out;
    }

    /** User plus system CPU seconds from a process's or thread's {@code stat} line. */
    private static double cpuSecondsOf(String stat) {
        // Fields after the parenthesised command name; utime and stime are the 14th and 15th.
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS_PER_SECOND;
    }

    /** The generator's own CPU time in seconds, from the JVM. */
    static double selfCpuSeconds() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) return sun.getProcessCpuTime() / 1e9;
        return cpuSeconds(ProcessHandle.current().pid());
    }

    /** The process and its children (nginx's workers). */
    static List<Long> withChildren(long pid) {
        var pids = new ArrayList<Long>();
        pids.add(pid);
        ProcessHandle.of(pid).ifPresent(p -> p.children().forEach(c -> pids.add(c.pid())));
        return pids;
    }

    /** The machine's cores (the JVM's own count is only those it is pinned to). */
    static int machineCores() {
        try {
            return (int) Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("processor")).count();
        } catch (IOException e) {
            return Runtime.getRuntime().availableProcessors();
        }
    }

    /** The CPUs this process may run on (Linux's list, e.g. "1" when pinned by taskset, "0-1" when not). */
    static String selfCpusAllowed() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Cpus_allowed_list:")) return line.substring(line.indexOf(':') + 1).trim();
            }
        } catch (IOException ignored) {
        }
        return "?";
    }

    static double loadAverage1() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    static long readPid(Path pidFile) {
        try {
            return Long.parseLong(Files.readString(pidFile).trim());
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("no pid in " + pidFile, e);
        }
    }

    private static long statusKb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) return kb(line);
            }
        } catch (IOException gone) {
            return 0;
        }
        return 0;
    }

    private static long kb(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
    }
}
