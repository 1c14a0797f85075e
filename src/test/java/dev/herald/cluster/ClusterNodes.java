package dev.herald.cluster;

import dev.herald.testing.RedisServer;
import dev.herald.testing.TestNodes;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The scale-out tests' two nodes, {@code heraldA} and {@code heraldB}, over the tests' own
 * Redis ({@link #REDIS}, which each test class starts and stops): made and started, side by
 * side, by the first test class that needs them, and stopped when the run ends.
 */
final class ClusterNodes implements BeforeAllCallback {
    static final int REDIS_PORT = Integer.getInteger("herald.cluster.redis.port", 6390);
    static final Node A = new Node(TestNodes.CLUSTER_A.node(TestNodes.cluster(REDIS_PORT)));
    static final Node B = new Node(TestNodes.CLUSTER_B.node(TestNodes.cluster(REDIS_PORT)));

    static RedisServer redis() {
        return new RedisServer(REDIS_PORT, Path.of(System.getProperty("herald.cluster.redis.dir", "target/cluster-redis")).toAbsolutePath());
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).getOrComputeIfAbsent(ClusterNodes.class, k -> {
            List<CompletableFuture<Void>> starting = List.of(A, B).stream()
                    .map(node -> CompletableFuture.runAsync(() -> node.server().create().start())).toList();
            CompletableFuture.allOf(starting.toArray(CompletableFuture[]::new)).join();
            return (ExtensionContext.Store.CloseableResource) () -> List.of(A, B).forEach(node -> node.server().discard());
        }, ExtensionContext.Store.CloseableResource.class);
    }
}
