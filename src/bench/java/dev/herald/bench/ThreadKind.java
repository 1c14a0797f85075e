package dev.herald.bench;

import java.util.regex.Pattern;

/**
 * What a server thread does, from its name as the kernel lists it (the first 15 characters
 * of a Java thread's name): Herald's stream path, Liberty's request threads, the JIT, the
 * garbage collector, or the rest. The report splits Herald's CPU per delivery by these.
 */
final class ThreadKind {
    static final String WRITERS = "writers";
    static final String FAN_OUT = "fan-out";
    static final String REQUESTS = "requests";
    static final String JIT = "jit";
    static final String GC = "gc";
    static final String OTHER = "other";

    private static final Pattern JIT_THREADS = Pattern.compile("C[12] CompilerThre.*|Sweeper thread");
    private static final Pattern GC_THREADS = Pattern.compile("G1 .*|GC Thread.*|VM Thread");
    /** Liberty's executor, its selector and acceptor threads: publish requests and stream openings. */
    private static final Pattern REQUEST_THREADS = Pattern.compile("Default Executo.*|Inbound Read Se.*|Shared TCPChann.*");

    private ThreadKind() {
    }

    static String of(String threadName) {
        if (threadName.startsWith("herald-writer") && !threadName.startsWith("herald-writer-w")) return WRITERS;
        // Herald writes on virtual threads, which run on the JDK scheduler's carriers
        // ("ForkJoinPool-1-worker-N", cut to 15 characters by the kernel); the common pool is "ForkJoinPool.co".
        if (threadName.startsWith("ForkJoinPool-")) return WRITERS;
        if (threadName.startsWith("herald-fanout") || threadName.startsWith("herald-dispatch")) return FAN_OUT;
        if (REQUEST_THREADS.matcher(threadName).matches()) return REQUESTS;
        if (JIT_THREADS.matcher(threadName).matches()) return JIT;
        if (GC_THREADS.matcher(threadName).matches()) return GC;
        return OTHER;
    }
}
