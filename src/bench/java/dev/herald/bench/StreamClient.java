package dev.herald.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Holds tens of thousands of event streams on a few threads: each I/O thread owns a
 * selector and the streams assigned to it, and never blocks. Source addresses rotate
 * over 127.0.0.2 and up, so the count of streams is not capped by one address's
 * ephemeral ports (about 28k), and streams of one phase never meet the TIME_WAIT
 * sockets of an earlier one.
 */
final class StreamClient implements AutoCloseable {
    /** Connections per source address before moving to the next one. */
    private static final int PER_ADDRESS = 10_000;

    private final IoLoop[] loops;
    private final AtomicLong addressCounter = new AtomicLong();
    private final AtomicInteger next = new AtomicInteger();
    /** Bounds connects in flight (SYN sent, response head not yet in), so no accept queue overflows. */
    private final Semaphore opening;
    private final AtomicInteger openStreams = new AtomicInteger();

    StreamClient(int ioThreads, int maxOpening) {
        this.opening = new Semaphore(maxOpening);
        this.loops = IntStream.range(0, ioThreads).mapToObj(IoLoop::new).toArray(IoLoop[]::new);
        for (IoLoop loop : loops) loop.start();
    }

    int ioThreads() {
        return loops.length;
    }

    /** Streams whose response head arrived and that have not ended. */
    int openStreams() {
        return openStreams.get();
    }

    /**
     * Starts opening a stream; blocks only while too many opens are in flight. The listener
     * hears of it on the stream's I/O thread.
     */
    Stream open(InetSocketAddress server, byte[] request, Stream.Listener listener, int receiveBuffer) throws InterruptedException {
        if (!opening.tryAcquire(60, TimeUnit.SECONDS)) throw new IllegalStateException("no connect finished in 60 s");
        IoLoop loop = loops[Math.floorMod(next.getAndIncrement(), loops.length)];
        var stream = new Stream(loop.index, listener, this);
        loop.submit(() -> loop.connect(stream, server, request, receiveBuffer));
        return stream;
    }

    /** Opens {@code count} streams as fast as the in-flight bound lets them go. */
    List<Stream> openAll(int count, InetSocketAddress server, java.util.function.IntFunction<byte[]> request,
                         Stream.Listener listener, int receiveBuffer) throws InterruptedException {
        var streams = new java.util.ArrayList<Stream>(count);
        for (int i = 0; i < count; i++) streams.add(open(server, request.apply(i), listener, receiveBuffer));
        return streams;
    }

    void opened(Stream stream) {
        openStreams.incrementAndGet();
        opening.release();
    }

    void failedBeforeOpen() {
        opening.release();
    }

    void ended() {
        openStreams.decrementAndGet();
    }

    /** Returns once every I/O thread has finished what it was doing: their writes to streams are then visible here. */
    void barrier() throws InterruptedException {
        var done = new java.util.concurrent.CountDownLatch(loops.length);
        for (IoLoop loop : loops) loop.submit(done::countDown);
        if (!done.await(30, TimeUnit.SECONDS)) throw new IllegalStateException("I/O threads stuck");
    }

    void run(Stream stream, Runnable task) {
        loops[stream.ioIndex()].submit(task);
    }

    private InetAddress nextSource() {
        long k = addressCounter.getAndIncrement() / PER_ADDRESS;
        int last = 2 + (int) (k % 250);
        try {
            return InetAddress.getByAddress(new byte[]{127, 0, 0, (byte) last});
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public void close() {
        for (IoLoop loop : loops) loop.shutdown();
    }

    final class IoLoop extends Thread {
        final int index;
        private final Selector selector;
        private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        private final byte[] readArray = new byte[64 * 1024];
        private final ByteBuffer readBuffer = ByteBuffer.wrap(readArray);
        private volatile boolean running = true;

        IoLoop(int index) {
            super("bench-io-" + index);
            setDaemon(true);
            this.index = index;
            try {
                this.selector = Selector.open();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        void submit(Runnable task) {
            tasks.add(task);
            selector.wakeup();
        }

        void shutdown() {
            running = false;
            selector.wakeup();
        }

        void connect(Stream stream, InetSocketAddress server, byte[] request, int receiveBuffer) {
            try {
                SocketChannel ch = SocketChannel.open();
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                if (receiveBuffer > 0) ch.setOption(StandardSocketOptions.SO_RCVBUF, receiveBuffer);
                ch.bind(new InetSocketAddress(nextSource(), 0));
                stream.attach(ch, ByteBuffer.wrap(request));
                if (ch.connect(server)) {
                    stream.key = ch.register(selector, 0, stream);
                    writeRequest(stream);
                } else {
                    stream.key = ch.register(selector, SelectionKey.OP_CONNECT, stream);
                }
            } catch (IOException | RuntimeException e) {
                stream.fail(e);
            }
        }

        private void writeRequest(Stream stream) throws IOException {
            stream.channel.write(stream.request);
            stream.key.interestOps(stream.request.hasRemaining() ? SelectionKey.OP_WRITE : stream.readInterest());
        }

        @Override
        public void run() {
            try {
                while (running) {
                    Runnable t;
                    while ((t = tasks.poll()) != null) t.run();
                    selector.select(100);
                    long now = System.nanoTime();
                    Iterator<SelectionKey> it = selector.selectedKeys().iterator();
                    while (it.hasNext()) {
                        SelectionKey key = it.next();
                        it.remove();
                        Stream s = (Stream) key.attachment();
                        try {
                            if (!key.isValid()) continue;
                            if (key.isConnectable()) {
                                s.channel.finishConnect();
                                writeRequest(s);
                            } else if (key.isWritable()) {
                                writeRequest(s);
                            } else if (key.isReadable()) {
                                read(s, now);
                            }
                        } catch (IOException | RuntimeException e) {
                            s.fail(e);
                        }
                    }
                }
            } catch (IOException | ClosedSelectorException e) {
                if (running) e.printStackTrace();
            } finally {
                for (SelectionKey key : selector.keys()) ((Stream) key.attachment()).closeQuietly();
                try {
                    selector.close();
                } catch (IOException ignored) {
                }
            }
        }

        private void read(Stream s, long now) throws IOException {
            // A bounded number of reads per wakeup, so one busy stream cannot starve the rest.
            for (int round = 0; round < 4; round++) {
                readBuffer.clear();
                int n = s.channel.read(readBuffer);
                if (n < 0) {
                    s.eof();
                    return;
                }
                if (n == 0) return;
                s.received(readArray, n, now);
                if (s.isClosed() || n < readArray.length) return;
            }
        }
    }
}
