package dev.herald.hub;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventIdTest {

    @Test
    void formatsAsEpochColonMillisDashSequence() {
        assertEquals("mihf3k2o9z:1764300000000-7", new EventId("mihf3k2o9z", 1_764_300_000_000L, 7).toString());
    }

    @Test
    void parseReadsBackWhatToStringWrote() {
        var id = new EventId("mihf3k2o9z", 1_764_300_000_000L, 42);
        assertEquals(Optional.of(id), EventId.parse(id.toString()));
    }

    @Test
    void parsesTheLargestAllowedShape() {
        String text = "a".repeat(24) + ":" + "9".repeat(15) + "-" + "9".repeat(12);
        var id = EventId.parse(text).orElseThrow();
        assertEquals(999_999_999_999_999L, id.millis());
        assertEquals(999_999_999_999L, id.sequence());
        assertEquals(text, id.toString());
    }

    @Test
    void ordersByMillisThenSequence() {
        var a = new EventId("e", 1000, 5);
        var b = new EventId("e", 1000, 6);
        var c = new EventId("e", 1001, 0);
        List<EventId> ids = new ArrayList<>(List.of(c, a, b));
        Collections.sort(ids);

        assertEquals(List.of(a, b, c), ids);
        assertTrue(b.isAfter(a));
        assertTrue(c.isAfter(b), "a later millisecond wins over any sequence");
        assertFalse(a.isAfter(a));
        assertFalse(a.isAfter(c));
    }

    @Test
    void sameEpochComparesOnlyTheEpoch() {
        assertTrue(new EventId("e1", 1, 0).sameEpoch(new EventId("e1", 99, 3)));
        assertFalse(new EventId("e1", 1, 0).sameEpoch(new EventId("e2", 1, 0)));
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
            "garbage",
            "e1",
            "e1:",
            "e1:1764300000000",
            "e1:1764300000000-",
            ":1764300000000-0",
            "E1:1764300000000-0",           // epochs are lower case
            "e1:-1-0",
            "e1:1764300000000--1",
            "e1:1764300000000-0-0",
            "e1:17643x0000000-0",
            " e1:1764300000000-0",
            "e1:1764300000000-0 ",
            "e1:1764300000000-0\n",
            "e1:1764300000000-0\nid: 9",     // an attempt to forge an SSE line
            "e1:1764300000000-0\u0000",
            "e1:\u0661\u0662-0",              // Arabic-Indic digits are not ASCII digits
            "e1:1764300000000-0;drop",
            "1764300000000-0",                // a bare Redis stream id has no epoch
            "aaaaaaaaaaaaaaaaaaaaaaaaa:1-0",  // 25-character epoch
            "e1:1234567890123456-0",          // 16-digit millis
            "e1:1-1234567890123",             // 13-digit sequence
            "e1:99999999999999999999-0",      // would overflow a long
    })
    void malformedInputIsEmptyNeverAnException(String text) {
        assertEquals(Optional.empty(), EventId.parse(text));
    }

    @Test
    void overLongInputIsEmptyWithoutBeingMatched() {
        assertEquals(Optional.empty(), EventId.parse("e1:1-" + "0".repeat(EventId.MAX_LENGTH)));
        assertEquals(Optional.empty(), EventId.parse("a".repeat(1_000_000)));
    }

    @Test
    void constructorRefusesWhatNoBrokerIssues() {
        assertThrows(IllegalArgumentException.class, () -> new EventId("", 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new EventId(null, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new EventId("e1", -1, 0));
        assertThrows(IllegalArgumentException.class, () -> new EventId("e1", 1, -1));
    }
}
