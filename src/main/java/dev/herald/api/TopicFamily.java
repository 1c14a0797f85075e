package dev.herald.api;

import dev.herald.hub.Frame;
import dev.herald.security.Identity;

import java.util.List;

/**
 * The one extension point for a family of topics, as chat and notifications are: a bean
 * of the application that implements this is found at start ({@link TopicFamilies}) and
 * its topics become subscribable on {@code /api/events} and through {@link HeraldStreams},
 * under its access rule, with its snapshot. Publish to them with {@link Herald}.
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
}
