package dev.herald.events;

import dev.herald.hub.BrokerUnavailableException;
import dev.herald.hub.DisconnectReason;
import dev.herald.hub.EventDraft;
import dev.herald.hub.EventHub;
import dev.herald.hub.Subscription;
import dev.herald.hub.SubscriptionListener;
import dev.herald.security.identity.SignIns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.logging.Logger;

import static dev.herald.http.Jsonp.JSON;

/**
 * The {@code events} topic: notable things that happened on the server, one
 * {@code system_event} each, retained like any topic. Capabilities call
 * {@link #record}; sign-ins and slow consumers are picked up here.
 */
@ApplicationScoped
public class SystemEvents {
    private static final Logger LOG = Logger.getLogger(SystemEvents.class.getName());

    public static final String TOPIC = "events";
    public static final String TYPE = "system_event";

    @Inject
    EventHub hub;

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        hub.addListener(new SubscriptionListener() {
            @Override
            public void closed(Subscription s, DisconnectReason reason) {
                if (reason == DisconnectReason.SLOW_CONSUMER) {
                    record("slow_consumer", "warning", "a slow client was disconnected (" + s.topics().size() + " topics)",
                            Map.of("subscription", Long.toString(s.id())));
                }
            }
        });
        record("server_started", "info", "Herald started", Map.of());
    }

    void signedIn(@Observes SignIns.SignedIn event) {
        record("sign_in", "info", event.who().name() + " signed in", Map.of("userId", event.who().id()));
    }

    /**
     * @param kind     a short machine name: {@code sign_in}, {@code room_created}, …
     * @param severity {@code info}, {@code warning} or {@code error}
     */
    public void record(String kind, String severity, String message, Map<String, String> details) {
        var d = JSON.createObjectBuilder();
        details.forEach(d::add);
        String data = JSON.createObjectBuilder()
                .add("kind", kind)
                .add("severity", severity)
                .add("message", message)
                .add("details", d)
                .build().toString();
        try {
            hub.publish(EventDraft.of(TOPIC, TYPE, data));
        } catch (BrokerUnavailableException e) {
            // What happened (a start, a sign-in) must not fail because its record cannot be kept.
            LOG.warning(() -> "system event '" + kind + "' not recorded: " + e.getMessage());
        }
    }
}
