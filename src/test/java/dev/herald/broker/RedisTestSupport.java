package dev.herald.broker;

import dev.herald.redis.RedisSettings;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;

import java.net.URI;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Finds the Redis the tests use, and refuses to let a missing one pass silently: without
 * it the tests are skipped with a message, except under {@code CI=true}, where they fail.
 */
public final class RedisTestSupport {
    private RedisTestSupport() {
    }

    /** {@code -Dherald.test.redis.url=…} or {@code HERALD_TEST_REDIS_URL}, else the local default. */
    public static String url() {
        String url = System.getProperty("herald.test.redis.url", System.getenv("HERALD_TEST_REDIS_URL"));
        return url == null || url.isBlank() ? RedisSettings.DEFAULT_URL : url;
    }

    public static void requireRedis(String url, String what) {
        String problem = null;
        try (var redis = RedisClient.create(URI.create(url))) {
            redis.ping();
        } catch (RuntimeException e) {
            problem = e.getMessage();
        }
        requireThat(problem == null, what + " needs a Redis at " + url + " (" + problem
                + "); start one with `redis-server --save '' --appendonly no`");
    }

    /** Skips outside CI, fails under {@code CI=true}. */
    public static void requireThat(boolean present, String message) {
        if (present) return;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) fail(message + " [CI=true: a missing Redis fails the run]");
        // Surefire shows nothing for a class skipped in @BeforeAll: say it in the build log.
        System.err.println("SKIPPED: " + message + " (under CI=true this fails)");
        assumeTrue(false, message + " [skipped; under CI=true this fails]");
    }

    /** A key prefix no other test run uses. */
    public static String uniquePrefix(String what) {
        return "herald-test:" + what + ":" + Long.toString(System.currentTimeMillis(), 36)
                + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36) + ":";
    }

    public static void deleteKeys(String url, String prefix) {
        try (var redis = RedisClient.create(URI.create(url))) {
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                var page = redis.scan(cursor, new ScanParams().match(prefix + "*").count(500));
                List<String> keys = page.getResult();
                if (!keys.isEmpty()) redis.del(keys.toArray(String[]::new));
                cursor = page.getCursor();
            } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
        }
    }
}
