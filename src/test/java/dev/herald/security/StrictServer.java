package dev.herald.security;

import dev.herald.testing.LibertyNode;
import dev.herald.testing.TestNodes;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A second Liberty server, {@code heraldStrict}, for what the shared test server
 * must not be: jwt mode (no dev sign-in) with tight limits. It is started once per
 * test run, first with the default publisher token (to see it refuse), then afresh with
 * a real one, and stopped when the run ends. Its identity provider is {@link #IDP}.
 */
public final class StrictServer implements BeforeAllCallback {
    public static final TestJwts IDP = new TestJwts();
    public static final String PUBLISHER_TOKEN = "strict-publisher-secret-0123456789";
    public static final int STREAMS_PER_USER = 3;
    public static final int CONNECTIONS = 30;
    public static final int PUBLISHES_PER_SECOND = 5;
    public static final int WRITES_PER_SECOND = 20;

    private static volatile boolean refusedDefaultToken;

    public static int port() {
        return TestNodes.STRICT.port();
    }

    public static URI uri(String path) {
        return URI.create("http://localhost:" + port() + path);
    }

    /** Streams other tests closed end on the server at its next heartbeat (1 s): wait for an idle node. */
    public static void awaitIdle() throws InterruptedException {
        long deadline = System.nanoTime() + 15_000_000_000L;
        String open = "";
        while (System.nanoTime() < deadline) {
            String metrics = Http.send(uri("/metrics?scope=application"), "GET", null, (String) null).body();
            open = metrics.lines().filter(l -> l.startsWith("herald_connections_open{")).findFirst().orElse("");
            if (open.endsWith(" 0.0") || open.endsWith(" 0")) return;
            Thread.sleep(200);
        }
        throw new AssertionError("streams still open on the strict server: " + open);
    }

    /** Whether, in jwt mode with the default publisher token, the application refused to start. */
    public static boolean refusedDefaultToken() {
        return refusedDefaultToken;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(StrictServer.class, k -> start(), Running.class);
    }

    /** First with the default publisher token, to see it refused; then as the tests need it. */
    private static Running start() {
        Path key = LibertyNode.wlp().resolve("usr/shared/resources/strict-jwt/public.pem");
        try {
            Files.createDirectories(key.getParent());
            Files.writeString(key, IDP.publicKeyPem());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        var refusing = TestNodes.STRICT.create(settings(key, "dev-publisher-token"));
        String log = refusing.startRefused();
        refusing.stop();
        refusedDefaultToken = log.contains("Herald refuses to start: herald.auth.mode=jwt with the default herald.publisher.token");
        return new Running(TestNodes.STRICT.create(settings(key, PUBLISHER_TOKEN)).start());
    }

    private static Map<String, String> settings(Path key, String publisherToken) {
        var s = new LinkedHashMap<String, String>();
        s.put("herald.auth.mode", "jwt");
        s.put("herald.publisher.token", publisherToken);
        s.put("mp.jwt.verify.publickey.location", key.toAbsolutePath().toString());
        s.put("mp.jwt.verify.issuer", TestJwts.ISSUER);
        s.put("mp.jwt.verify.audiences", TestJwts.AUDIENCE);
        s.put("mp.jwt.verify.clock.skew", "0");
        s.put("herald.heartbeat.interval", "1s");
        s.put("herald.limit.exempt", "127.0.0.1,0:0:0:0:0:0:0:1");
        s.put("herald.limit.streams.per-user", Integer.toString(STREAMS_PER_USER));
        s.put("herald.limit.connections", Integer.toString(CONNECTIONS));
        s.put("herald.limit.publish.rate", PUBLISHES_PER_SECOND + "/s");
        s.put("herald.limit.write.rate", WRITES_PER_SECOND + "/s");
        s.put("herald.cors.origins", "https://app.herald.test");
        return s;
    }

    /** Stops the server when the whole run is over. */
    private record Running(LibertyNode node) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            node.discard();
        }
    }
}
