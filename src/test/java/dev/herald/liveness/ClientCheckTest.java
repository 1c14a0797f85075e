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
    private static final Endpoint HTTP1 = new Endpoint(9080, 50000, false);
    private static final Endpoint HTTP2 = new Endpoint(9443, 50001, true);

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
    void aConnectionThatLeftTheTableIsGoneOnlyIfItWasSeenThere() {
        assertEquals(GONE, judge(HTTP1, ABSENT, true));
        // Never seen: the ports the container reported may not be the socket's.
        assertEquals(PROBE, judge(HTTP1, ABSENT, false));
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
