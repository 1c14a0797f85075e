package dev.herald.api;

import dev.herald.hub.Frame;
import dev.herald.security.identity.Identity;

import java.util.List;
import java.util.Set;

/**
 * The one way a family of topics plugs in, Herald's own ({@code rooms}, {@code chat/},
 * {@code notifications}, {@code metrics}, {@code alerts}, {@code events}, {@code custom/})
 * and an application's alike: a CDI bean that implements this is found at start
 * ({@link TopicFamilies}) and its topics become subscribable on {@code /api/events} and
 * through {@link HeraldStreams}, under its access rule, with its snapshot and volatile
 * types. Publish to them with {@link Herald}. State that must be shared between nodes is
 * built through {@code dev.herald.boot.Storage}, which picks memory or Redis once for all.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class OrderTopics implements TopicFamily {
 *     public String topics() { return "orders/"; }
 *     public void checkAccess(String topic, Identity who) {
 *         if (who == null) throw ProblemException.unauthorized("sign in to follow orders");
 *     }
 * }
 * }</pre>
 */
public interface TopicFamily {

    /** An exact topic ({@code orders}) or a prefix ending in {@code /} ({@code orders/}). */
    String topics();

    /**
     * Whether {@code who} may subscribe to {@code topic}: return to allow, throw a
     * {@code dev.herald.http.ProblemException} ({@code unauthorized}, {@code forbidden},
     * {@code notFound}) to refuse with that problem. Also checked again when a stream has
     * just opened (a stream whose access was lost meanwhile ends with {@code revoked}).
     *
     * @param who the caller, or null when anonymous
     */
    void checkAccess(String topic, Identity who);

    /**
     * The current state a new stream gets at once, before replay and live events; none by
     * default. Snapshots have no id, so they never move a client's resume point.
     *
     * @param userId the subscriber, or null when anonymous
     */
    default List<Frame.Snapshot> snapshot(String topic, String userId) {
        return List.of();
    }

    /**
     * Event types fanned out live but never retained or replayed (a typing indicator); none by
     * default. Like {@code herald.volatile.types}, a listed type is volatile on every topic.
     */
    default Set<String> volatileTypes() {
        return Set.of();
    }
}
