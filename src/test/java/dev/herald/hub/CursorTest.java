package dev.herald.hub;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CursorTest {
    private static final EventId A1 = new EventId("aaa", 100, 0);
    private static final EventId A2 = new EventId("aaa", 100, 1);
    private static final EventId B1 = new EventId("bbb", 90, 0);

    @Test
    void aCursorOfOneIdIsWrittenAsThatId() {
        assertEquals("aaa:100-0", Cursor.of(A1).toString());
        assertEquals(Optional.of(Cursor.of(A1)), Cursor.parse("aaa:100-0"));
    }

    @Test
    void severalIdsAreWrittenInEpochOrderAndReadInAnyOrder() {
        Cursor both = Cursor.of(B1).at(A1);
        assertEquals("aaa:100-0,bbb:90-0", both.toString());
        assertEquals(Optional.of(both), Cursor.parse("bbb:90-0,aaa:100-0"));
    }

    @Test
    void anythingOffShapeIsNoCursor() {
        for (String bad : List.of("", ",", "aaa:1-0,", "aaa:1-0,aaa:2-0", "aaa:1-0;bbb:1-0", "x".repeat(Cursor.MAX_LENGTH + 1))) {
            assertEquals(Optional.empty(), Cursor.parse(bad), bad);
        }
        StringBuilder seventeen = new StringBuilder();
        for (int i = 0; i <= Cursor.MAX_IDS; i++) seventeen.append(i == 0 ? "" : ",").append("e").append(i).append(":1-0");
        assertEquals(Optional.empty(), Cursor.parse(seventeen.toString()), "more ids than shards can be");
    }

    @Test
    void anEventIsPastTheCursorInItsOwnEpochOnly() {
        Cursor c = Cursor.of(A1);
        assertFalse(c.admits(A1));
        assertTrue(c.admits(A2));
        assertTrue(c.admits(B1), "no position in b: every event of b is new to it");
        assertNull(c.in("bbb"));
    }

    @Test
    void movingReplacesTheEpochsPositionAndKeepsTheOthers() {
        Cursor c = Cursor.of(A2).at(B1);
        assertEquals(Cursor.of(A1).at(B1), c.at(A1), "moved, even back: a stream writes in its own order");
        assertEquals(Cursor.of(A2).at(B1), Cursor.of(A1).at(Cursor.of(A2).at(B1)));
        assertTrue(Cursor.of(A1).isBehind(Cursor.of(A2)));
        assertFalse(Cursor.of(A2).isBehind(Cursor.of(A1)));
        assertFalse(Cursor.of(A2).isBehind(Cursor.of(B1)), "no common epoch: nothing to compare");
    }
}
