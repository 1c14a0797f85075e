package dev.herald.liveness;

import java.lang.management.ManagementFactory;
import java.util.OptionalLong;

/**
 * The process's open-files limit and use. Every stream holds a socket, and a process
 * at its limit fails to open anything, a class file or a log as much as a socket: the
 * node must refuse streams well before that.
 */
public final class OpenFiles {
    /** Kept for what is not a stream: jars, logs, Redis, REST requests, the JVM's own. */
    static final int MIN_RESERVE = 512;
    /** Used where the system does not say its limit. */
    static final int UNKNOWN_LIMIT_STREAMS = 10_000;

    private OpenFiles() {
    }

    public static OptionalLong max() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix
                ? OptionalLong.of(unix.getMaxFileDescriptorCount()) : OptionalLong.empty();
    }

    public static OptionalLong open() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix
                ? OptionalLong.of(unix.getOpenFileDescriptorCount()) : OptionalLong.empty();
    }

    /** The default {@code herald.limit.connections}: the open-files limit less a fifth of it, at least {@value #MIN_RESERVE}. */
    public static int defaultStreamLimit() {
        return max().stream().mapToInt(OpenFiles::streamLimitFor).findFirst().orElse(UNKNOWN_LIMIT_STREAMS);
    }

    static int streamLimitFor(long maxFiles) {
        long reserve = Math.max(MIN_RESERVE, maxFiles / 5);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, maxFiles - reserve));
    }
}
