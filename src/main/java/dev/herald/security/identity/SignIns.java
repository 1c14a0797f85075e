package dev.herald.security.identity;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

/** Announces sign-ins as a CDI event, so the dashboard can log them without security knowing it. */
@ApplicationScoped
public class SignIns {
    @Inject
    Event<SignedIn> events;

    public void signedIn(Identity who) {
        events.fire(new SignedIn(who));
    }

    public record SignedIn(Identity who) {
    }
}
