package dev.herald.bench;

import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * nginx with the Nchan module, as bench/run.sh configures it: {@code POST /pub?id=} publishes,
 * {@code GET /sub?id=} is an EventSource subscriber, {@code DELETE /pub?id=} deletes the
 * channel, which ends every subscriber's stream (the messages published afterwards are
 * kept in the recreated channel, so subscribers can resume by id).
 */
final class NchanTarget extends Target {
    private final Path pidFile;

    NchanTarget(InetSocketAddress address, Path pidFile) {
        super("nchan", address);
        this.pidFile = pidFile;
    }

    static String channel(String channel) {
        return "bench-" + channel.replace('/', '-');
    }

    @Override
    byte[] subscribeRequest(String channel, String lastEventId) {
        return request("GET", "/sub?id=" + channel(channel), address, lastEventId == null ? null : "Last-Event-ID: " + lastEventId);
    }

    @Override
    byte[] publishRequest(String channel, String payload) {
        return HttpConnection.request("POST", "/pub?id=" + channel(channel), address, "application/json", payload);
    }

    @Override
    void dropAll(String channel) throws Exception {
        var rsp = http.send(HttpRequest.newBuilder(uri("/pub?id=" + channel(channel))).timeout(Duration.ofSeconds(60))
                .DELETE().build(), HttpResponse.BodyHandlers.ofString());
        if (rsp.statusCode() / 100 != 2) throw new IllegalStateException("channel delete: " + rsp.statusCode());
    }

    @Override
    List<Long> pids() {
        return Proc.withChildren(Proc.readPid(pidFile));
    }

    @Override
    Memory memory(boolean collect) {
        long rss = 0;
        long pss = 0;
        for (long pid : pids()) {
            rss += Proc.rssBytes(pid);
            pss += Proc.pssBytes(pid);
        }
        return new Memory(rss, pss, -1);
    }
}
