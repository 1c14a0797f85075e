package dev.herald.liveness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Linux's list of this process's TCP connections ({@code /proc/self/net/tcp} and
 * {@code tcp6}), read at one instant and kept only for the server's own ports.
 * A client that closed leaves its connection in {@code CLOSE_WAIT} (it sent FIN) or
 * takes it out of the list (it sent RST), long before a write would fail.
 *
 * <p>Connections are keyed by local and remote port only, not by address: behind a
 * proxy or with forwarded addresses the container's idea of the remote address may
 * not be the socket's, while the ports are. Two clients on different hosts that share
 * a port pair can only make a closed stream look open, never the reverse.
 */
public final class TcpTable {
    /** IPv6 first: a JVM's server socket is dual-stack, so its connections are listed there, IPv4 ones too. */
    static final List<Path> LINUX = List.of(Path.of("/proc/self/net/tcp6"), Path.of("/proc/self/net/tcp"));
    private static final int ESTABLISHED = 0x01;

    public enum Status {
        /** At least one connection on these ports is established. */
        OPEN,
        /** Connections on these ports exist but none is established: the client sent FIN. */
        CLOSING,
        /** No connection on these ports: the client reset it, or the ports were never the socket's. */
        ABSENT
    }

    /** Per port pair: true if one of its connections is established. */
    private final Map<Integer, Boolean> connections;

    private TcpTable(Map<Integer, Boolean> connections) {
        this.connections = connections;
    }

    /** Whether this system lists its connections where {@link #read} looks. */
    public static boolean available() {
        return Files.isReadable(LINUX.get(0));
    }

    /**
     * A reader of the system's table for looks made one at a time (the client watch looks
     * under its lock), which keeps its buffer from one read to the next: at tens of
     * thousands of connections the table is megabytes, read every second, and a fresh
     * array that large each time is garbage the collector must treat specially (a
     * humongous object in G1) and that starts collections of its own.
     */
    public static Function<Collection<Endpoint>, Optional<TcpTable>> reader() {
        return reader(LINUX);
    }

    static Function<Collection<Endpoint>, Optional<TcpTable>> reader(List<Path> files) {
        var buffer = new Buffer();
        return wanted -> {
            var localPorts = new HashSet<Integer>();
            for (Endpoint e : wanted) localPorts.add(e.localPort());
            return read(files, localPorts, wanted, buffer);
        };
    }

    /**
     * Reads the system's table now, keeping the connections on the ports of {@code wanted};
     * empty where there is none. The kernel's work grows with every connection on the
     * machine, so a list is read only while some wanted connection has not been found in
     * the lists read before it: on a dual-stack server, one list in the steady state.
     */
    static Optional<TcpTable> read(List<Path> files, Set<Integer> localPorts, Collection<Endpoint> wanted) {
        return read(files, localPorts, wanted, new Buffer());
    }

    private static Optional<TcpTable> read(List<Path> files, Set<Integer> localPorts, Collection<Endpoint> wanted, Buffer buffer) {
        var connections = new HashMap<Integer, Boolean>();
        boolean any = false;
        for (Path file : files) {
            if (any && wanted.stream().allMatch(e -> connections.containsKey(e.key()))) break;
            try {
                buffer.fill(file);
            } catch (IOException | SecurityException missing) {
                continue;
            }
            any = true;
            parse(buffer.bytes, buffer.length, localPorts, connections);
        }
        return any ? Optional.of(new TcpTable(connections)) : Optional.empty();
    }

    /** The bytes of the last list read; grows to the largest list seen and stays. */
    private static final class Buffer {
        /** Below G1's humongous size for the smallest region (1 MB): a few hundred connections fit. */
        byte[] bytes = new byte[256 << 10];
        int length;

        /**
         * The kernel writes this list a chunk per read() and resumes at an offset for the next
         * one, and an entry can be skipped when connections come and go in between: few, large
         * reads keep that rare (and {@link ClientWatch} confirms a missing connection by a
         * second look before it ends a stream).
         */
        void fill(Path file) throws IOException {
            length = 0;
            try (var in = Files.newInputStream(file)) {
                for (int n; (n = in.read(bytes, length, bytes.length - length)) > 0; ) {
                    length += n;
                    if (length == bytes.length) bytes = Arrays.copyOf(bytes, bytes.length * 2);
                }
            }
        }
    }

    static TcpTable parse(String text, Set<Integer> localPorts) {
        var connections = new HashMap<Integer, Boolean>();
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        parse(bytes, bytes.length, localPorts, connections);
        return new TcpTable(connections);
    }

    public Status status(Endpoint endpoint) {
        Boolean established = connections.get(endpoint.key());
        if (established == null) return Status.ABSENT;
        return established ? Status.OPEN : Status.CLOSING;
    }

    public int size() {
        return connections.size();
    }

    static int key(int localPort, int remotePort) {
        return (localPort << 16) | (remotePort & 0xffff);
    }

    /**
     * Each line after the header: {@code sl: local_hex:PORT remote_hex:PORT st …}, ports
     * and state in hex. Parsed from the bytes in place, with no string per line: at ten
     * thousand streams the table is read every second.
     */
    private static void parse(byte[] text, int length, Set<Integer> localPorts, Map<Integer, Boolean> into) {
        var cursor = new Cursor(text, length);
        cursor.nextLine(); // the header
        while (cursor.hasMore()) {
            cursor.skipToken(); // sl
            int localPort = cursor.portOfToken();
            int remotePort = cursor.portOfToken();
            int state = cursor.hexToken();
            if (localPort >= 0 && remotePort >= 0 && state >= 0 && localPorts.contains(localPort)) {
                into.merge(key(localPort, remotePort), state == ESTABLISHED, Boolean::logicalOr);
            }
            cursor.nextLine();
        }
    }

    /** Walks whitespace-separated tokens of one line at a time; -1 for anything malformed. */
    private static final class Cursor {
        private final byte[] text;
        private final int end;
        private int at;

        Cursor(byte[] text, int end) {
            this.text = text;
            this.end = end;
        }

        boolean hasMore() {
            return at < end;
        }

        void nextLine() {
            while (at < end && text[at] != '\n') at++;
            at++;
        }

        private int start() {
            while (at < end && text[at] == ' ') at++;
            return at;
        }

        private boolean inToken() {
            return at < end && text[at] != ' ' && text[at] != '\n';
        }

        void skipToken() {
            start();
            while (inToken()) at++;
        }

        /** The hex after the last ':' of an {@code ADDRESS:PORT} token. */
        int portOfToken() {
            int from = start();
            int colon = -1;
            while (inToken()) {
                if (text[at] == ':') colon = at;
                at++;
            }
            return colon < from ? -1 : hex(colon + 1, at);
        }

        int hexToken() {
            int from = start();
            while (inToken()) at++;
            return hex(from, at);
        }

        private int hex(int from, int to) {
            if (from >= to || to - from > 7) return -1;
            int n = 0;
            for (int i = from; i < to; i++) {
                int d = Character.digit(text[i], 16);
                if (d < 0) return -1;
                n = n * 16 + d;
            }
            return n;
        }
    }
}
