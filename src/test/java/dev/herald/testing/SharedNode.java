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

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedNode.class, k -> new Running(place().create(TestNodes.shared(transport())).start()), Running.class);
    }

    /** Stops the node when the whole run is over. */
    private record Running(LibertyNode node) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            node.stop();
        }
    }
}
