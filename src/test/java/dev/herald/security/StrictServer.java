package dev.herald.security;

import dev.herald.testing.LibertyNode;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * A second Liberty server, {@code heraldStrict}, for what the shared test server
 * must not be: jwt mode (no dev sign-in) with tight limits. It is started once per
 * test run, first with the default publisher token (to see it refuse), then with a
 * real one, and stopped when the run ends. Its identity provider is {@link #IDP}.
 */
public final class StrictServer implements BeforeAllCallback {
    public static final TestJwts IDP = new TestJwts();
    public static final String PUBLISHER_TOKEN = "strict-publisher-secret-0123456789";
    public static final int STREAMS_PER_USER = 3;
    public static final int CONNECTIONS = 30;
    public static final int PUBLISHES_PER_SECOND = 5;
    public static final int WRITES_PER_SECOND = 20;

    private static final String NAME = "heraldStrict";
    private static final Duration START = Duration.ofSeconds(180);
    private static volatile boolean refusedDefaultToken;

    public static int port() {
        return Integer.getInteger("herald.strict.port", 9387);
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

    private static Running start() {
        try {
            Path wlp = Path.of(System.getProperty("herald.it.wlp", "target/liberty/wlp"));
            Path server = wlp.resolve("usr/servers/" + NAME);
            if (!Files.exists(server.resolve("server.xml"))) {
                run(wlp, "create", NAME);
                for (String file : new String[]{"server.xml", "herald-app.xml"}) {
                    Files.copy(Path.of("liberty/config", file), server.resolve(file), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            Path key = server.resolve("jwt/public.pem");
            Files.createDirectories(key.getParent());
            Files.writeString(key, IDP.publicKeyPem());
            Path overrides = server.resolve("configDropins/overrides");
            Files.createDirectories(overrides);
            Files.createDirectories(server.resolve("apps"));
            Path messages = server.resolve("logs/messages.log");
            Files.deleteIfExists(messages);

            Files.writeString(overrides.resolve("strict.xml"), config(key, "dev-publisher-token"));
            deploy(server);
            run(wlp, "start", NAME);
            try {
                return configureAndAwait(server, key, messages, wlp);
            } catch (RuntimeException | Error failed) {
                run(wlp, "stop", NAME); // never leave a server behind a failed run
                throw failed;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Running configureAndAwait(Path server, Path key, Path messages, Path wlp) {
        try {
            awaitLog(messages, "CWWKZ0012I", "the application refusing to start with the default publisher token");
            refusedDefaultToken = Files.readString(messages).contains("Herald refuses to start: herald.auth.mode=jwt with the default herald.publisher.token");

            Files.writeString(server.resolve("configDropins/overrides/strict.xml"), config(key, PUBLISHER_TOKEN));
            Thread.sleep(1500); // let Liberty's config monitor see the new file before the app restarts
            deploy(server);
            awaitReady();
            return new Running(wlp);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String config(Path key, String publisherToken) {
        return """
                <server>
                    <!-- The production element starts apps/herald.war; this test server polls it,
                         so that a new copy restarts the application with the new configuration. -->
                    <applicationMonitor updateTrigger="polled" pollingRate="500ms" dropinsEnabled="false"/>
                    <variable name="http.port" value="%d"/>
                    <variable name="https.port" value="%d"/>
                    <variable name="herald.auth.mode" value="jwt"/>
                    <variable name="herald.publisher.token" value="%s"/>
                    <variable name="mp.jwt.verify.publickey.location" value="%s"/>
                    <variable name="mp.jwt.verify.issuer" value="%s"/>
                    <variable name="mp.jwt.verify.audiences" value="%s"/>
                    <variable name="mp.jwt.verify.clock.skew" value="0"/>
                    <variable name="herald.heartbeat.interval" value="1s"/>
                    <variable name="herald.limit.exempt" value="127.0.0.1,0:0:0:0:0:0:0:1"/>
                    <variable name="herald.limit.streams.per-user" value="%d"/>
                    <variable name="herald.limit.connections" value="%d"/>
                    <variable name="herald.limit.publish.rate" value="%d/s"/>
                    <variable name="herald.limit.write.rate" value="%d/s"/>
                    <variable name="herald.cors.origins" value="https://app.herald.test"/>
                </server>
                """.formatted(port(), Integer.getInteger("herald.strict.https.port", 9750), publisherToken, key.toAbsolutePath(),
                TestJwts.ISSUER, TestJwts.AUDIENCE, STREAMS_PER_USER, CONNECTIONS, PUBLISHES_PER_SECOND, WRITES_PER_SECOND);
    }

    private static void deploy(Path server) throws IOException {
        Path war = Path.of(System.getProperty("herald.it.war", "target/herald.war"));
        Path target = server.resolve("apps/herald.war");
        Path tmp = server.resolve("herald.war.tmp");
        Files.copy(war, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        target.toFile().setLastModified(System.currentTimeMillis());
    }

    private static void awaitLog(Path log, String marker, String what) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log).contains(marker)) return;
            Thread.sleep(250);
        }
        throw new AssertionError("strict server: timed out waiting for " + what);
    }

    private static void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + START.toNanos();
        while (System.nanoTime() < deadline) {
            if (LibertyNode.heraldAnswers(uri("/"))) return;
            Thread.sleep(250);
        }
        throw new AssertionError("strict server did not come up on port " + port());
    }

    private static void run(Path wlp, String... args) {
        LibertyNode.script(wlp, args);
    }

    /** Stops the server when the whole run is over. */
    private record Running(Path wlp) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            run(wlp, "stop", NAME);
        }
    }
}
