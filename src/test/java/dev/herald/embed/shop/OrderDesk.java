package dev.herald.embed.shop;

import dev.herald.api.Herald;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Any bean of the application publishes through the facade. */
@ApplicationScoped
public class OrderDesk {
    @Inject
    Herald herald;

    /** Returns the event's id: the resume point a client may pass back as Last-Event-ID. */
    public String place(Order order) {
        return herald.publish("custom/orders", "created", order);
    }
}
