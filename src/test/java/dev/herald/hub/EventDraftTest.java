package dev.herald.hub;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A draft's topic and type are checked where it is made, and say which of the two failed. */
class EventDraftTest {

    @Test
    void aBrokenTopicOrTypeIsRefusedByName() {
        assertEquals("topic", assertThrows(InvalidDraftException.class, () -> EventDraft.of("bad topic", "t", "{}")).field());
        assertEquals("type", assertThrows(InvalidDraftException.class, () -> EventDraft.of("ok", "1type", "{}")).field());
        assertThrows(IllegalArgumentException.class, () -> EventDraft.of(null, "t", "{}"));
    }

    @Test
    void anAddressedOrVolatileDraftIsTheSameEventOtherwise() {
        EventDraft draft = EventDraft.of("chat/general", "message", null);
        assertEquals("{}", draft.data());
        EventDraft addressed = draft.to("alice").volatileEvent();
        assertEquals("alice", addressed.audience());
        assertFalse(addressed.retained());
        assertEquals(EventDraft.of("chat/general", "message", "{}"), draft);
        assertEquals(draft.topic() + draft.type() + draft.data(), addressed.topic() + addressed.type() + addressed.data());
    }
}
