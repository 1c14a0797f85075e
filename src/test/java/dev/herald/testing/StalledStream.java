package dev.herald.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A stream whose client reads its first bytes and then nothing: once the sockets' buffers
 * are full, what is published to it waits in its queue on the server.
 */
public final class StalledStream implements AutoCloseable {
    private final Socket socket = new Socket();

    public StalledStream(String pathAndQuery, String bearer) throws IOException {
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress("localhost", SharedNode.base().getPort()));
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
                + (bearer == null ? "" : "Authorization: Bearer " + bearer + "\r\n") + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        byte[] head = new byte[64];
        if (socket.getInputStream().read(head) <= 0) throw new IOException("the stream never opened");
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
