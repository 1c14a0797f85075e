package dev.herald.embed.shop;

/** What the shop publishes: JSON-B writes it as {@code {"item":"tea","quantity":2}}. */
public record Order(String item, int quantity) {
}
