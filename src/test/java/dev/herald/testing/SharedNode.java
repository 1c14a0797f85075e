package dev.herald.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.URI;

/**
 * The node most integration tests share: started, as a user starts one, by the first test
 * class that needs it, and stopped when the test run ends. The run's transport
 * ({@code -Dherald.it.transport=jaxrs} in failsafe's jaxrs-transport-tests) picks the node.
 */
public final class SharedNode implements BeforeAllCallback {

    public static String transport() {
        return System.getProperty("herald.it.transport", "servlet");
    }

    public static TestNodes.Place place() {
        return "jaxrs".equals(transport()) ? TestNodes.SHARED_JAXRS : TestNodes.SHARED;
    }

    public static URI base() {
        return URI.create("http://localhost:" + place().port() + "/");
    }

    /**
     * Waits until no stream is open on the node: the streams an earlier test class closed end
     * on the server at their next heartbeat (1 s). For tests that count streams.
     */
    public static void awaitNoStreams() throws Exception {
        if (!Await.until(() -> Api.metric("herald_connections_open", null) == 0, 20_000)) {
            throw new AssertionError("streams still open on the shared node: " + Api.metric("herald_connections_open", null));
        }
    }

    /** The node's server directory: its apps/, configDropins/, logs/. */
    public static java.nio.file.Path dir() {
        return LibertyNode.wlp().resolve("usr/servers").resolve(place().name());
    }

    /**
     * For a test class that reads what the whole node has counted (the dashboard's request rate,
     * error rate, alerts): the node is made afresh before it, as a node that has served nothing
     * but this class.
     */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @java.lang.annotation.Target(java.lang.annotation.ElementType.TYPE)
    public @interface Fresh {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Running running = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedNode.class, k -> new Running(place().create(TestNodes.shared(transport())).start()), Running.class);
        if (context.getRequiredTestClass().isAnnotationPresent(Fresh.class) && running.served.getAndSet(true)) {
            running.node.discard();
            running.node.create().start();
        }
        running.served.set(true);
    }

    /** The node, whether a test class has used it yet; stopped when the whole run is over. */
    private static final class Running implements ExtensionContext.Store.CloseableResource {
        final LibertyNode node;
        final java.util.concurrent.atomic.AtomicBoolean served = new java.util.concurrent.atomic.AtomicBoolean();

        Running(LibertyNode node) {
            this.node = node;
        }

        @Override
        public void close() {
            node.discard();
        }
    }
}
