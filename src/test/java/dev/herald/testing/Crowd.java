package dev.herald.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Many event-stream clients on one selector thread, as many browsers would be: each
 * keeps the id of the last event it got and the sequence numbers ({@code "n"} in the
 * event's data) of every event, so a test can check that each got every event once
 * and in order across a reconnect. Counts every status but 200 and every reset.
 */
public final class Crowd implements AutoCloseable {
    private static final Pattern SEQUENCE = Pattern.compile("\"n\":(\\d+)");

    private final InetSocketAddress server;
    private final String pathAndQuery;
    private final Selector selector;
    private final Thread loop;
    private final List<Client> clients = new ArrayList<>();
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    private final AtomicInteger resets = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private volatile boolean running = true;

    public Crowd(int port, String pathAndQuery) {
        this.server = new InetSocketAddress("127.0.0.1", port);
        this.pathAndQuery = pathAndQuery;
        try {
            this.selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        loop = new Thread(this::run, "crowd");
        loop.setDaemon(true);
        loop.start();
    }

    /** Connects {@code n} clients; returns once every connection is asked for. */
    public void connect(int n) throws InterruptedException {
        onLoop(() -> {
            for (int i = 0; i < n; i++) {
                var c = new Client(clients.size());
                clients.add(c);
                c.connect();
            }
        });
    }

    /** Every client closes its connection (FIN) and at once opens a new one with its Last-Event-ID, as EventSource does. */
    public void reconnectAll() throws InterruptedException {
        onLoop(() -> {
            for (Client c : clients) c.close();
            for (Client c : clients) c.connect();
        });
    }

    /** Streams whose opening ({@code retry:}) has arrived and that have not ended. */
    public int open() {
        return open.get();
    }

    /** Responses by status, for every status but 200. */
    public Map<Integer, AtomicInteger> refusals() {
        return Map.copyOf(statuses);
    }

    public int resets() {
        return resets.get();
    }

    /** Each client's sequence numbers, in the order they arrived; read once the crowd is quiet. */
    public List<List<Integer>> received() throws InterruptedException {
        var all = new ArrayList<List<Integer>>();
        onLoop(() -> clients.forEach(c -> all.add(List.copyOf(c.sequences))));
        return all;
    }

    /** How many clients have received at least {@code count} events. */
    public int haveAtLeast(int count) throws InterruptedException {
        var n = new AtomicInteger();
        onLoop(() -> clients.forEach(c -> {
            if (c.sequences.size() >= count) n.incrementAndGet();
        }));
        return n.get();
    }

    private void onLoop(Runnable task) throws InterruptedException {
        var done = new CountDownLatch(1);
        tasks.add(() -> {
            try {
                task.run();
            } finally {
                done.countDown();
            }
        });
        selector.wakeup();
        done.await();
    }

    private void run() {
        var buffer = ByteBuffer.allocate(64 * 1024);
        while (running) {
            try {
                selector.select(100);
                for (Runnable t; (t = tasks.poll()) != null; ) t.run();
                for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
                    SelectionKey key = it.next();
                    it.remove();
                    var client = (Client) key.attachment();
                    // A key of a connection the client has since closed and replaced: nothing to do.
                    if (key.isValid() && key.channel() == client.channel) client.ready(key, buffer);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        onLoop(() -> clients.forEach(Client::close));
        running = false;
        selector.wakeup();
        loop.join(5000);
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    private final class Client {
        private final int index;
        private final List<Integer> sequences = new ArrayList<>();
        private final Dechunker body = new Dechunker();
        private SocketChannel channel;
        private String lastId;
        private ByteBuffer request;
        private StringBuilder head;
        private StringBuilder line;
        private String dataLine;
        private String idLine;
        private boolean counted;

        Client(int index) {
            this.index = index;
        }

        void connect() {
            try {
                channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                var text = new StringBuilder("GET ").append(pathAndQuery).append(" HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n");
                if (lastId != null) text.append("Last-Event-ID: ").append(lastId).append("\r\n");
                request = ByteBuffer.wrap(text.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
                head = new StringBuilder();
                line = new StringBuilder();
                body.reset();
                dataLine = null;
                idLine = null;
                counted = false;
                boolean connected = channel.connect(server);
                channel.register(selector, connected ? SelectionKey.OP_WRITE : SelectionKey.OP_CONNECT, this);
            } catch (IOException e) {
                resets.incrementAndGet();
            }
        }

        void ready(SelectionKey key, ByteBuffer buffer) {
            try {
                if (key.isConnectable() && channel.finishConnect()) key.interestOps(SelectionKey.OP_WRITE);
                if (key.isValid() && key.isWritable()) {
                    channel.write(request);
                    if (!request.hasRemaining()) key.interestOps(SelectionKey.OP_READ);
                }
                if (key.isValid() && key.isReadable()) {
                    buffer.clear();
                    int n = channel.read(buffer);
                    if (n < 0) {
                        close();
                        return;
                    }
                    buffer.flip();
                    while (buffer.hasRemaining()) take(buffer.get());
                }
            } catch (IOException reset) {
                resets.incrementAndGet();
                close();
            }
        }

        private void take(byte b) {
            if (head != null) {
                head.append((char) b);
                int end = head.indexOf("\r\n\r\n");
                if (end >= 0) {
                    int status = Integer.parseInt(head.substring(9, 12));
                    if (status != 200) statuses.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
                    head = null;
                }
                return;
            }
            int c = body.take(b);
            if (c < 0) return;
            if (c != '\n') {
                line.append((char) c);
                return;
            }
            String l = line.toString();
            line.setLength(0);
            if (l.startsWith("retry:") && !counted) {
                counted = true;
                open.incrementAndGet();
            } else if (l.startsWith("id: ")) {
                idLine = l.substring(4);
            } else if (l.startsWith("data: ")) {
                dataLine = l;
            } else if (l.isEmpty()) {
                if (idLine != null && dataLine != null) {
                    lastId = idLine;
                    Matcher m = SEQUENCE.matcher(dataLine);
                    if (m.find()) sequences.add(Integer.parseInt(m.group(1)));
                }
                idLine = null;
                dataLine = null;
            }
        }

        void close() {
            if (channel == null) return;
            if (counted) open.decrementAndGet();
            counted = false;
            try {
                channel.close();
            } catch (IOException ignored) {
                // gone already
            }
            channel = null;
        }

        @Override
        public String toString() {
            return "client " + index;
        }
    }

    /** HTTP/1.1 chunked transfer coding, a byte at a time: returns payload bytes, -1 for framing. */
    private static final class Dechunker {
        private int remaining;
        private boolean inSize = true;
        private int size;
        private int trailing;

        void reset() {
            remaining = 0;
            inSize = true;
            size = 0;
            trailing = 0;
        }

        int take(byte b) {
            if (trailing > 0) {
                trailing--;
                return -1;
            }
            if (inSize) {
                if (b == '\n') {
                    inSize = false;
                    remaining = size;
                    size = 0;
                    if (remaining == 0) inSize = true;
                } else if (b != '\r') {
                    size = size * 16 + Character.digit(b, 16);
                }
                return -1;
            }
            remaining--;
            if (remaining == 0) {
                inSize = true;
                trailing = 2; // the CRLF after the chunk
            }
            return b & 0xff;
        }
    }
}
