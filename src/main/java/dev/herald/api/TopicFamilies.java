package dev.herald.api;

import dev.herald.hub.EventHub;
import dev.herald.security.TopicAccess;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;

import java.util.logging.Logger;

/** Registers every {@link TopicFamily} bean of the application with the hub when it starts. */
@ApplicationScoped
class TopicFamilies {
    private static final Logger LOG = Logger.getLogger(TopicFamilies.class.getName());

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored, Instance<TopicFamily> families,
               TopicAccess access, EventHub hub) {
        for (TopicFamily family : families) {
            String topics = family.topics();
            access.register(topics, family::checkAccess);
            hub.registerSnapshot(topics, family::snapshot);
            LOG.info(() -> "topic family " + topics + " (" + family.getClass().getName() + ")");
        }
    }
}
