package dev.herald.liveness;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TcpTableTest {
    private static final String SAMPLE = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 0100007F:2378 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 1 1
               1: 0100007F:2378 0100007F:C5A2 01 00000000:00000000 00:00000000 00000000  1000        0 2 1
               2: 0100007F:2378 0100007F:C5A3 08 00000000:00000001 00:00000000 00000000  1000        0 3 1
               3: 0100007F:2378 0A000001:C5A3 01 00000000:00000000 00:00000000 00000000  1000        0 4 1
               4: 0100007F:1F90 0100007F:C5A4 08 00000000:00000000 00:00000000 00000000  1000        0 5 1
               5: 00000000000000000000000001000000:2378 0000000000000000FFFF00000100007F:D000 01 00000000:00000000 00:00000000 00000000  1000 0 6 1
              garbage line
            """;

    @Test
    void readsStatesByPortPairOnTheServersPortsOnly() {
        TcpTable table = TcpTable.parse(SAMPLE, Set.of(0x2378));
        assertEquals(TcpTable.Status.OPEN, table.status(endpoint(0x2378, 0xC5A2)));
        // The listening socket (remote port 0) and a port pair nobody uses.
        assertEquals(TcpTable.Status.CLOSING, table.status(endpoint(0x2378, 0)));
        assertEquals(TcpTable.Status.ABSENT, table.status(endpoint(0x2378, 0x1234)));
        // IPv6 lines (IPv4-mapped, as a dual-stack listener lists them) count the same.
        assertEquals(TcpTable.Status.OPEN, table.status(endpoint(0x2378, 0xD000)));
        // Another port of the machine is not read at all.
        assertEquals(TcpTable.Status.ABSENT, table.status(endpoint(0x1F90, 0xC5A4)));
    }

    @Test
    void anEstablishedConnectionOnTheSamePortsFromAnotherHostMakesItLookOpen() {
        // 127.0.0.1:C5A3 is in CLOSE_WAIT, 10.0.0.1:C5A3 established: the ports alone can't tell
        // them apart, and a closed stream that looks open is the safe mistake.
        TcpTable table = TcpTable.parse(SAMPLE, Set.of(0x2378));
        assertEquals(TcpTable.Status.OPEN, table.status(endpoint(0x2378, 0xC5A3)));
    }

    @Test
    void seesARealClientCloseAndReset() throws IOException {
        Assumptions.assumeTrue(TcpTable.available(), "this system has no /proc/self/net/tcp");
        try (var server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            try (var closing = connect(port); var accepted1 = server.accept();
                 var resetting = connect(port); var accepted2 = server.accept()) {
                Endpoint first = endpoint(port, accepted1.getPort());
                Endpoint second = endpoint(port, accepted2.getPort());
                assertEquals(TcpTable.Status.OPEN, read(port).status(first));
                assertEquals(TcpTable.Status.OPEN, read(port).status(second));

                closing.close(); // FIN
                resetting.setSoLinger(true, 0);
                resetting.close(); // RST

                awaitStatus(port, first, TcpTable.Status.CLOSING);
                awaitStatus(port, second, TcpTable.Status.ABSENT);
            }
        }
    }

    @Test
    void readsTheSecondListOnlyForConnectionsTheFirstDoesNotHave(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        var six = java.nio.file.Files.writeString(dir.resolve("tcp6"), SAMPLE.lines().limit(3).map(l -> l + "\n").reduce("", String::concat));
        var four = java.nio.file.Files.writeString(dir.resolve("tcp"), SAMPLE);
        Endpoint inFirst = endpoint(0x2378, 0xC5A2);
        Endpoint inSecond = endpoint(0x2378, 0xD000);
        var onlyFirst = TcpTable.read(List.of(six, four), Set.of(0x2378), List.of(inFirst)).orElseThrow();
        assertEquals(TcpTable.Status.ABSENT, onlyFirst.status(inSecond), "the second list was not read");
        var both = TcpTable.read(List.of(six, four), Set.of(0x2378), List.of(inFirst, inSecond)).orElseThrow();
        assertEquals(TcpTable.Status.OPEN, both.status(inSecond));
    }

    @Test
    void aReaderKeepsItsBufferAndReadsOnlyWhatTheLatestListHolds(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        var header = SAMPLE.lines().findFirst().orElseThrow() + "\n";
        var file = dir.resolve("tcp");
        var read = TcpTable.reader(List.of(file));
        // More than the buffer's first size, so it grows; every connection established.
        var big = new StringBuilder(header);
        for (int i = 0; i < 4000; i++) {
            big.append(String.format("%6d: 0100007F:2378 0100007F:%04X 01 00000000:00000000 00:00000000 00000000  1000        0 %d 1%n",
                    i, 0x8000 + i, i));
        }
        java.nio.file.Files.writeString(file, big);
        Endpoint last = endpoint(0x2378, 0x8000 + 3999);
        assertEquals(TcpTable.Status.OPEN, read.apply(List.of(last)).orElseThrow().status(last));
        assertEquals(4000, read.apply(List.of(last)).orElseThrow().size());

        // A shorter list in the same buffer: what the longer one left behind it is not read.
        java.nio.file.Files.writeString(file, header + SAMPLE.lines().skip(2).limit(1).map(l -> l + "\n").findFirst().orElseThrow());
        var table = read.apply(List.of(last)).orElseThrow();
        assertEquals(TcpTable.Status.ABSENT, table.status(last));
        assertEquals(TcpTable.Status.OPEN, table.status(endpoint(0x2378, 0xC5A2)));
        assertEquals(1, table.size());
    }

    private static Socket connect(int port) throws IOException {
        var s = new Socket();
        s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return s;
    }

    private static TcpTable read(int port) {
        return TcpTable.read(TcpTable.LINUX, Set.of(port), List.of()).orElseThrow();
    }

    private static void awaitStatus(int port, Endpoint endpoint, TcpTable.Status expected) {
        long deadline = System.nanoTime() + 2_000_000_000L;
        TcpTable.Status status;
        do {
            status = read(port).status(endpoint);
        } while (status != expected && System.nanoTime() < deadline);
        assertEquals(expected, status);
    }

    private static Endpoint endpoint(int local, int remote) {
        return new Endpoint(local, remote, false, true);
    }
}
