package dev.herald.docs;

/**
 * A shell block of the docs with the marker right above it: {@code <!-- recipe: NAME -->}
 * ({@code <!-- recipe: NAME, background -->} for a block that runs until stopped), or
 * {@code <!-- not run here: REASON -->}. A block with neither has both null, which
 * {@link DocRecipesIT} refuses.
 *
 * @param doc     the document, relative to the checkout ({@code docs/deploy.md})
 * @param line    the line of the opening fence, from 1
 * @param section the heading the block stands under
 * @param text    the block's text, exactly as written
 */
record Recipe(String doc, int line, String section, String name, boolean background, String notRunReason, String text) {

    boolean runs() {
        return name != null;
    }

    boolean marked() {
        return name != null || notRunReason != null;
    }

    String where() {
        return doc + ":" + line + " (§ " + section + ")";
    }
}
