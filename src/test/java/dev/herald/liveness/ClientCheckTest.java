package dev.herald.liveness;

import org.junit.jupiter.api.Test;

import static dev.herald.liveness.ClientCheck.Verdict.ALIVE;
import static dev.herald.liveness.ClientCheck.Verdict.GONE;
import static dev.herald.liveness.ClientCheck.Verdict.PROBE;
import static dev.herald.liveness.ClientCheck.judge;
import static dev.herald.liveness.TcpTable.Status.ABSENT;
import static dev.herald.liveness.TcpTable.Status.CLOSING;
import static dev.herald.liveness.TcpTable.Status.OPEN;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ClientCheckTest {
    private static final Endpoint HTTP1 = new Endpoint(9080, 50000, false, true);
    private static final Endpoint HTTP2 = new Endpoint(9443, 50001, true, true);
    /** Came through a proxy with forwarding headers: its ports may not be the socket's. */
    private static final Endpoint FORWARDED = new Endpoint(9080, 50002, false, false);

    @Test
    void anEstablishedHttp1ConnectionIsAlive() {
        assertEquals(ALIVE, judge(HTTP1, OPEN, false));
        assertEquals(ALIVE, judge(HTTP1, OPEN, true));
    }

    @Test
    void aClientThatSentFinIsGoneOnEitherProtocol() {
        assertEquals(GONE, judge(HTTP1, CLOSING, false));
        assertEquals(GONE, judge(HTTP2, CLOSING, true));
    }

    @Test
    void aDirectConnectionMissingFromTheTableIsGone() {
        // Reset by the client, or closed by the container before any look saw it.
        assertEquals(GONE, judge(HTTP1, ABSENT, false));
        assertEquals(GONE, judge(HTTP2, ABSENT, false));
    }

    @Test
    void aForwardedConnectionMissingFromTheTableIsGoneOnlyIfItWasSeenThere() {
        assertEquals(GONE, judge(FORWARDED, ABSENT, true));
        // Never seen: its ports may have been rewritten, so the table cannot speak for it.
        assertEquals(PROBE, judge(FORWARDED, ABSENT, false));
        assertEquals(ALIVE, judge(FORWARDED, OPEN, false));
        assertEquals(GONE, judge(FORWARDED, CLOSING, false));
    }

    @Test
    void anHttp2StreamOnALiveConnectionIsProbedItMayHaveBeenReset() {
        assertEquals(PROBE, judge(HTTP2, OPEN, true));
    }

    @Test
    void withoutATableEveryStreamIsProbed() {
        assertEquals(PROBE, judge(HTTP1, null, false));
        assertEquals(PROBE, judge(HTTP2, null, true));
    }
}
