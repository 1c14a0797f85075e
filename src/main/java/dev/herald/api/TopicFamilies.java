package dev.herald.api;

import dev.herald.hub.EventHub;
import dev.herald.security.access.TopicAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import java.util.logging.Logger;

/** Registers every {@link TopicFamily} bean, Herald's own and the application's, when the application starts. */
@ApplicationScoped
class TopicFamilies {
    private static final Logger LOG = Logger.getLogger(TopicFamilies.class.getName());

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored, Instance<TopicFamily> families,
               TopicAccess access, EventHub hub) {
        register(families, access, hub);
    }

    /** Each family's access rule, snapshot and volatile types, where the stream and the hub look for them. */
    static void register(Iterable<? extends TopicFamily> families, TopicAccess access, EventHub hub) {
        for (TopicFamily family : families) {
            String topics = family.topics();
            access.register(topics, family::checkAccess);
            hub.registerSnapshot(topics, family::snapshot);
            hub.registerVolatileTypes(family.volatileTypes());
            LOG.info(() -> "topic family " + topics + " (" + family.getClass().getName() + ")");
        }
    }
}
