package dev.herald.hub;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RetentionRulesTest {
    private static final RetentionPolicy FALLBACK = new RetentionPolicy(1000, Duration.ofHours(1), false);

    @Test
    void theLongestMatchingPrefixWinsWhateverTheOrderOfTheEntries() {
        var rules = RetentionRules.parse(FALLBACK, "chat/vip=5/PT10M, chat/=100/PT24H, metrics=latest");

        assertEquals(new RetentionPolicy(5, Duration.ofMinutes(10), false), rules.forTopic("chat/vip-lounge"));
        assertEquals(new RetentionPolicy(100, Duration.ofHours(24), false), rules.forTopic("chat/general"));
        assertEquals(new RetentionPolicy(1, FALLBACK.age(), true), rules.forTopic("metrics"));
        assertSame(FALLBACK, rules.forTopic("chatter"), "'chat/' is not a prefix of 'chatter'");
        assertSame(FALLBACK, rules.forTopic("alerts"));
    }

    @Test
    void aCountWithoutAgeKeepsTheFallbackAge() {
        var rules = RetentionRules.parse(FALLBACK, "events=50");
        assertEquals(new RetentionPolicy(50, FALLBACK.age(), false), rules.forTopic("events"));
    }

    @Test
    void anEmptySpecMeansTheFallbackEverywhere() {
        assertSame(FALLBACK, RetentionRules.parse(FALLBACK, null).forTopic("chat/general"));
        assertSame(FALLBACK, RetentionRules.parse(FALLBACK, " , ").forTopic("chat/general"));
        assertSame(FALLBACK, RetentionRules.uniform(FALLBACK).forTopic("metrics"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "nonsense",           // no '='
            "=5",                 // no prefix
            "chat/=many",         // count not a number
            "chat/=0/PT1H",       // count below one
            "chat/=10/1h",        // not an ISO duration
            "chat/=10/PT-1H",     // negative age
    })
    void parseErrorsNameTheEntry(String bad) {
        var error = assertThrows(IllegalArgumentException.class,
                () -> RetentionRules.parse(FALLBACK, "metrics=latest, " + bad + " ,events=50"));
        assertTrue(error.getMessage().contains("'" + bad + "'"), error.getMessage());
        assertTrue(error.getMessage().startsWith("herald.retention.rules"), error.getMessage());
    }
}
