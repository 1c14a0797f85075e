package dev.herald.hub;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class EnvelopeTest {
    private static final EventId ID = new EventId("e1", 1_764_300_000_000L, 3);

    @Test
    void buildsTheContractEnvelope() {
        assertEquals("{\"id\":\"e1:1764300000000-3\",\"topic\":\"chat/general\",\"type\":\"message\","
                        + "\"timestamp\":1764300000000,\"data\":{\"content\":\"hi\"}}",
                Envelope.json(ID, "chat/general", "message", 1_764_300_000_000L, "{\"content\":\"hi\"}"));
    }

    @Test
    void aSnapshotEnvelopeHasNoId() {
        var snapshot = new Frame.Snapshot("rooms", "rooms_list", "[]", 5);
        assertEquals("{\"topic\":\"rooms\",\"type\":\"rooms_list\",\"timestamp\":5,\"data\":[]}", snapshot.envelope());
    }

    @Test
    void quoteEscapesLineBreaksQuotesAndBackslashes() {
        assertEquals("\"a\\nb\\rc\\td\\\"e\\\\f\"", Envelope.quote("a\nb\rc\td\"e\\f"));
    }

    @Test
    void quoteEscapesEveryOtherControlCharacterAsUnicode() {
        assertEquals("\"\\u0000\\u0001\\u001f\\u2028\\u2029\"", Envelope.quote("\u0000\u0001\u001f\u2028\u2029"));
        assertEquals("\"héllo ✓ 😀\"", Envelope.quote("héllo ✓ 😀"), "other text stays as typed");
    }

    @Test
    void noControlCharacterEverSurvivesQuoting() {
        var all = new StringBuilder();
        for (char c = 0; c < 0x20; c++) all.append("x").append(c);
        String quoted = Envelope.quote(all.toString());
        for (char c = 0; c < 0x20; c++) assertEquals(-1, quoted.indexOf(c), "raw control character " + (int) c);
    }

    @Test
    void aResetNamesItsReasonAndEarliestIdOnOneLine() {
        assertEquals("{\"reason\":\"stale\",\"earliestId\":\"e1:1764300000000-3\"}", new Frame.Reset("stale", ID).data());
        assertEquals("{\"reason\":\"malformed\",\"earliestId\":null}", new Frame.Reset("malformed", null).data());
        assertFalse(new Frame.Reset("bad\nid: 1", null).data().contains("\n"));
    }

    @Test
    void prettyPrintedDataStillMakesAOneLineEnvelope() {
        String pretty = "{\n  \"content\": \"hi\",\r\n  \"n\": 1\n}";
        String envelope = Envelope.json(ID, "custom/demo", "hello", 1L, pretty);

        assertFalse(envelope.contains("\n") || envelope.contains("\r"), "a raw line break would end the SSE data: line: " + envelope);
        assertEquals("{\"id\":\"e1:1764300000000-3\",\"topic\":\"custom/demo\",\"type\":\"hello\",\"timestamp\":1,"
                + "\"data\":{   \"content\": \"hi\",    \"n\": 1 }}", envelope);
    }
}
