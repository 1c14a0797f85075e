package dev.herald.http;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one rule of ids made of names, as api.md gives it for user and room ids. */
class SlugTest {

    @Test
    void foldsAccentsCaseAndEveryRunOfOtherCharacters() {
        assertEquals("design-team", Slug.of("Design Team!", 48));
        assertEquals("alice-smith", Slug.of("  Alice   Smith ", 40));
        assertEquals("zoe-s-cafe", Slug.of("Zoë's Café", 40));
    }

    @Test
    void cutsAtTheLengthWithoutATrailingDash() {
        assertEquals("ab", Slug.of("ab cd", 3));
        assertEquals("abc", Slug.of("abcdef", 3));
    }

    @Test
    void leavesNothingWhenNoLetterOrDigitIsLeft() {
        assertEquals("", Slug.of("!!! ---", 40));
        assertEquals("", Slug.of("東京", 40));
    }
}
