package dev.herald.security.limits;

import dev.herald.http.RequestCheck;
import dev.herald.security.identity.Caller;
import dev.herald.security.identity.Identity;
import dev.herald.security.streams.StreamPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;


/**
 * Applies {@link RequestThrottles} before anything else runs: sign-ins per client address, publishes per publisher, every other write per user.
 * Open-stream counts are {@link StreamPolicy}'s.
 */
@ApplicationScoped
public class ThrottleCheck implements RequestCheck {
    @Inject
    RequestThrottles throttles;
    @Inject
    Caller caller;

    @Override
    public int order() {
        return 300;
    }

    @Override
    public void check(HttpServletRequest http, String path) {
        String method = http.getMethod();
        // New streams are counted where every transport's streams are admitted
        // (sse.StreamOpening), not here: an application's own stream resources
        // (HeraldStreams) have paths of their own that no filter can tell from a plain GET.
        if (path.equals("session") && method.equals("POST")) {
            throttles.signIn(http.getRemoteAddr());
        } else if (!RequestCheck.reads(method)) {
            Identity who = caller.identity().orElse(null);
            if (who == null) return;
            // A batch publish is one request against the publish rate; its size bounds the events it carries.
            if (path.equals("publish") || path.equals("publish/batch")) {
                if (who.isPublisher()) throttles.publish(who);
            } else if (who.isUser()) {
                throttles.write(who);
            }
        }
    }
}
