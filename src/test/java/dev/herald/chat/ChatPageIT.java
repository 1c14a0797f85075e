package dev.herald.chat;

import dev.herald.testing.Api;
import dev.herald.testing.Browser;
import dev.herald.testing.HeraldDeployment;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Keys;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chat page in real Chromium sessions, two people per test, against a real Liberty. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ChatPageIT {
    private static final String PAGE = "/chat.html?sharedWorker=0&backoffBase=300&backoffCap=1000";

    @Deployment(testable = false)
    static WebArchive deployment() {
        return HeraldDeployment.war();
    }

    private static String unique(String name) {
        return name + "-" + UUID.randomUUID().toString().substring(0, 6);
    }

    /** A fresh public room, so tests never see each other's messages. */
    private static String room() {
        var r = Api.postJson("/api/chat/rooms", "{\"name\":\"" + unique("page") + "\"}", Api.signIn(unique("owner")));
        assertEquals(201, r.statusCode(), r.body());
        return Api.json(r.body()).getString("id");
    }

    /** Opens the page, signs in through its form and waits for the room to be live. */
    private static Browser signedIn(String name, String room) {
        var b = Browser.open();
        b.get(PAGE + "#room=" + room);
        b.waitUntil(d -> b.find("[data-testid=signin-name]").isDisplayed(), "the sign-in form");
        b.find("[data-testid=signin-name]").sendKeys(name);
        b.find("[data-testid=signin-submit]").click();
        b.waitUntil(d -> b.find("[data-testid=current-user]").getText().equals(name), "signed in as " + name);
        b.awaitState("connected");
        b.waitUntil(d -> !b.findAll("[data-testid=room][data-room-id='" + room + "'][aria-current=true]").isEmpty(), "room " + room + " open");
        return b;
    }

    private static void say(Browser b, String text) {
        var input = b.find("[data-testid=composer-input]");
        input.sendKeys(text);
        input.sendKeys(Keys.ENTER);
    }

    private static long shown(Browser b, String content) {
        return (Long) b.script("return [...document.querySelectorAll('[data-testid=message] [data-testid=message-content]')]"
                + ".filter(e => e.textContent === arguments[0]).length", content);
    }

    private static void awaitShown(Browser b, String content) {
        b.waitUntil(d -> shown(b, content) > 0, "message '" + content + "' shown");
    }

    @Test
    void twoSessionsChatBothWaysAndSeeTypingStartAndStop() {
        String room = room();
        String aliceName = unique("Alice");
        String bobName = unique("Bob");
        try (var alice = signedIn(aliceName, room); var bob = signedIn(bobName, room)) {
            say(alice, "hello from alice");
            awaitShown(bob, "hello from alice");
            say(bob, "hi alice, bob here");
            awaitShown(alice, "hi alice, bob here");
            assertTrue(alice.find("[data-testid=message].chat-msg--own [data-testid=message-content]").getText().contains("hello from alice"));
            assertTrue(!alice.findAll("[data-testid=message][data-message-id]").isEmpty());

            bob.find("[data-testid=composer-input]").sendKeys("typing something");
            alice.waitUntil(d -> alice.find("[data-testid=typing]").getText().equals(bobName + " is typing…"), "bob is typing");
            assertEquals("", bob.find("[data-testid=typing]").getText(), "bob sees his own typing");
            bob.find("[data-testid=composer-input]").clear();
            bob.script("document.getElementById('composer-input').dispatchEvent(new Event('input'))");
            alice.waitUntil(d -> alice.find("[data-testid=typing]").getText().isEmpty(), "bob stopped typing");
        }
    }

    @Test
    void unreadBadgesCountUpInAnotherRoomAndClearOnOpeningIt() {
        String home = room();
        String other = room();
        String bobToken = Api.signIn(unique("bob"));
        try (var alice = signedIn(unique("Alice"), other)) {
            alice.find("[data-testid=room][data-room-id='" + home + "'] button").click();
            alice.waitUntil(d -> !alice.findAll("[data-testid=room][data-room-id='" + home + "'][aria-current=true]").isEmpty(), "home open");
            for (int i = 1; i <= 3; i++) {
                var r = Api.postJson("/api/chat/rooms/" + other + "/messages", "{\"content\":\"unread " + i + "\"}", bobToken);
                assertEquals(201, r.statusCode(), r.body());
            }
            String badge = "[data-testid=room][data-room-id='" + other + "'] [data-testid=unread]";
            alice.waitUntil(d -> "3".equals(alice.find(badge).getAttribute("data-count")) && alice.find(badge).isDisplayed(), "3 unread in the other room");

            alice.find("[data-testid=room][data-room-id='" + other + "'] button").click();
            awaitShown(alice, "unread 3");
            alice.waitUntil(d -> "0".equals(alice.find(badge).getAttribute("data-count")) && !alice.find(badge).isDisplayed(), "badge cleared");
            // The server cleared it too: back in the home room after a reload, nothing is unread there.
            alice.get(PAGE + "#room=" + home);
            alice.awaitState("connected");
            alice.waitUntil(d -> !alice.findAll(badge).isEmpty(), "room list after reload");
            alice.waitUntil(d -> "0".equals(alice.find(badge).getAttribute("data-count")), "still read after reload");
        }
    }

    @Test
    void aMessageSentWhileTheServerDropsConnectionsArrivesExactlyOnce() {
        String room = room();
        try (var alice = signedIn(unique("Alice"), room); var bob = signedIn(unique("Bob"), room)) {
            var dropped = Api.postJson("/api/admin/disconnect", "", Api.PUBLISHER_TOKEN);
            assertEquals(200, dropped.statusCode(), dropped.body());
            say(alice, "through the outage");
            alice.awaitState("connected");
            bob.awaitState("connected");
            awaitShown(bob, "through the outage");
            awaitShown(alice, "through the outage");
            alice.waitUntil(d -> alice.findAll("[data-testid=pending-message]").isEmpty(), "nothing left pending");
            // Give a duplicate every chance to show up before counting.
            say(alice, "after the outage");
            awaitShown(bob, "after the outage");
            assertEquals(1L, shown(bob, "through the outage"));
            assertEquals(1L, shown(alice, "through the outage"));
            var history = Api.get("/api/chat/rooms/" + room + "/messages", Map.of("Authorization", "Bearer " + Api.signIn("auditor")));
            assertEquals(1, history.body().split("through the outage", -1).length - 1, history.body());
        }
    }

    @Test
    void anXssPayloadShowsAsText() {
        String room = room();
        String payload = "<img src=x onerror=\"window.__xss=1\"><b>bold</b><script>window.__xss=2</script>";
        try (var alice = signedIn(unique("Alice"), room); var bob = signedIn(unique("Bob"), room)) {
            say(alice, payload);
            awaitShown(bob, payload);
            assertTrue(bob.findAll("[data-testid=messages] b, [data-testid=messages] script, [data-testid=messages] img").isEmpty(),
                    "the payload became markup");
            assertNull(bob.script("return window.__xss ?? null"));
            assertNull(alice.script("return window.__xss ?? null"));
        }
    }
}
