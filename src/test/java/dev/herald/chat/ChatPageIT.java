package dev.herald.chat;

import dev.herald.testing.Api;
import dev.herald.testing.Browser;
import dev.herald.testing.SharedNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chat page in real Chromium sessions, two people per test, against a real Liberty. */
@ExtendWith(SharedNode.class)
class ChatPageIT {
    private static final String PAGE = "/chat.html?sharedWorker=0&backoffBase=300&backoffCap=1000";
    /** The default path: the page's stream lives in a SharedWorker. */
    private static final String SHARED_PAGE = "/chat.html?backoffBase=300&backoffCap=1000";

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
        return signedIn(name, room, PAGE);
    }

    private static Browser signedIn(String name, String room, String page) {
        var b = Browser.open();
        b.get(page + "#room=" + room);
        b.waitUntil(d -> b.shown("[data-testid=signin-name]"), "the sign-in form");
        b.find("[data-testid=signin-name]").sendKeys(name);
        b.click("[data-testid=signin-submit]");
        b.waitUntil(d -> name.equals(b.text("[data-testid=current-user]")), "signed in as " + name);
        b.awaitState("connected");
        awaitOpen(b, room);
        return b;
    }

    private static void awaitOpen(Browser b, String room) {
        b.waitUntil(d -> "true".equals(b.attr("[data-testid=room][data-room-id='" + room + "']", "aria-current")), "room " + room + " open");
    }

    /** Opens a room from the list; the click is retried if a live update re-rendered the list meanwhile. */
    private static void openRoom(Browser b, String room) {
        b.click("[data-testid=room][data-room-id='" + room + "'] button");
        awaitOpen(b, room);
    }

    private static int unread(String token, String room) {
        var rooms = Api.json(Api.get("/api/chat/rooms", Map.of("Authorization", "Bearer " + token)).body()).getJsonArray("rooms");
        return rooms.getValuesAs(jakarta.json.JsonObject.class).stream().filter(r -> r.getString("id").equals(room))
                .mapToInt(r -> r.getInt("unreadCount")).findFirst().orElse(-1);
    }

    private static long systemLines(Browser b, String content) {
        return (Long) b.script("return [...document.querySelectorAll('[data-testid=message][data-type=system]')]"
                + ".filter(e => e.textContent === arguments[0]).length", content);
    }

    /** Chat names a user it has not seen by their id, which is the name in lower case. */
    private static long joinedLines(Browser b, String name) {
        return (Long) b.script("return [...document.querySelectorAll('[data-testid=message][data-type=system]')]"
                + ".filter(e => e.textContent.toLowerCase() === arguments[0]).length", (name + " joined").toLowerCase());
    }

    private static String memberCount(Browser b) {
        return b.attr("[data-testid=room-online]", "data-member-count");
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
            alice.waitUntil(d -> (bobName + " is typing…").equals(alice.text("[data-testid=typing]")), "bob is typing");
            assertEquals("", bob.text("[data-testid=typing]"), "bob sees his own typing");
            // Emptying the box says stop at once, well before the client's own idle stop.
            bob.find("[data-testid=composer-input]").sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.BACK_SPACE);
            alice.waitUntil(d -> "".equals(alice.text("[data-testid=typing]")), "bob stopped typing", Duration.ofMillis(2500));

            // Sending ends it at once too.
            bob.find("[data-testid=composer-input]").sendKeys("one more");
            alice.waitUntil(d -> (bobName + " is typing…").equals(alice.text("[data-testid=typing]")), "bob is typing again");
            bob.find("[data-testid=composer-input]").sendKeys(Keys.ENTER);
            awaitShown(alice, "one more");
            assertEquals("", alice.text("[data-testid=typing]"), "the message ended the typing line");
        }
    }

    @Test
    void unreadBadgesCountUpInAnotherRoomAndClearOnOpeningIt() {
        String home = room();
        String other = room();
        String bobToken = Api.signIn(unique("bob"));
        try (var alice = signedIn(unique("Alice"), other)) {
            openRoom(alice, home);
            for (int i = 1; i <= 3; i++) {
                var r = Api.postJson("/api/chat/rooms/" + other + "/messages", "{\"content\":\"unread " + i + "\"}", bobToken);
                assertEquals(201, r.statusCode(), r.body());
            }
            String badge = "[data-testid=room][data-room-id='" + other + "'] [data-testid=unread]";
            alice.waitUntil(d -> "3".equals(alice.attr(badge, "data-count")) && alice.shown(badge), "3 unread in the other room");

            openRoom(alice, other);
            awaitShown(alice, "unread 3");
            alice.waitUntil(d -> "0".equals(alice.attr(badge, "data-count")) && !alice.shown(badge), "badge cleared");
            // The page tells the server a moment after showing the messages; a person would not reload sooner.
            String aliceToken = alice.driver().manage().getCookieNamed("herald_session").getValue();
            alice.waitUntil(d -> unread(aliceToken, other) == 0, "the server has the read marker");
            // The server cleared it too: after a real reload (not a hash change) into the home room, nothing is unread there.
            alice.get(PAGE + "&reloaded=1#room=" + home);
            alice.awaitState("connected");
            awaitOpen(alice, home);
            alice.waitUntil(d -> "0".equals(alice.attr(badge, "data-count")), "still read after reload");
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

    /**
     * Bob types and then does nothing: no send, no emptying. His own client says it
     * stopped after its idle time, so Alice's line goes within 3.5 s of his last key,
     * well before the server's 5 s expiry would end it.
     */
    @Test
    void theTypingLineGoesWithinThreeAndAHalfSecondsOfTheLastKeystroke() {
        String room = room();
        String bobName = unique("Bob");
        try (var alice = signedIn(unique("Alice"), room, SHARED_PAGE); var bob = signedIn(bobName, room, SHARED_PAGE)) {
            bob.find("[data-testid=composer-input]").sendKeys("half a thought");
            long lastKey = System.nanoTime();
            alice.waitUntil(d -> (bobName + " is typing…").equals(alice.text("[data-testid=typing]")), "bob is typing");
            alice.waitUntil(d -> "".equals(alice.text("[data-testid=typing]")), "the typing line gone", Duration.ofSeconds(6));
            long tookMillis = (System.nanoTime() - lastKey) / 1_000_000;
            assertTrue(tookMillis <= 3500, "the typing line went after " + tookMillis + " ms, not within 3.5 s");
            assertEquals("half a thought", bob.find("[data-testid=composer-input]").getDomProperty("value"), "nothing was sent or emptied");
            assertEquals(0L, shown(alice, "half a thought"));
        }
    }

    /**
     * Alice makes a private room for herself and Bob in the page, adds Carol there, and
     * Bob leaves it: each page shows the others' join and leave lines and the member
     * count live; Bob's page drops the room (the server revoked its topic), says why,
     * and every other topic of his stream carries on.
     */
    @Test
    void aPrivateRoomGainsAndLosesMembersLiveOnEveryPage() {
        String lobby = room();
        String aliceName = unique("Alice");
        String bobName = unique("Bob");
        String carolName = unique("Carol");
        Api.signIn(carolName);
        try (var alice = signedIn(aliceName, lobby); var bob = signedIn(bobName, lobby, SHARED_PAGE)) {
            assertEquals("shared-worker", bob.attr("[data-testid=connection-state]", "data-mode"), "bob is on the default path");
            alice.click("[data-testid=new-room]");
            alice.waitUntil(d -> alice.shown("[data-testid=room-form-name]"), "the new-room dialog");
            String roomName = unique("vault");
            alice.find("[data-testid=room-form-name]").sendKeys(roomName);
            alice.click("[data-testid=room-form-private]");
            alice.find("[data-testid=room-form-members]").sendKeys(bobName);
            alice.click("[data-testid=room-form-submit]");
            alice.waitUntil(d -> alice.text("h2[data-testid=room-name]").endsWith(roomName), "alice in the new room");
            String vault = alice.attr("[data-testid=room][aria-current=true]", "data-room-id");
            assertTrue(alice.findAll("[data-testid=room][aria-current=true] [data-testid=room-name] svg[data-icon=lock]").size() == 1,
                    "a private room shows the lock icon");
            alice.waitUntil(d -> "2".equals(memberCount(alice)), "two members");

            bob.waitUntil(d -> bob.attr("[data-testid=room][data-room-id='" + vault + "']", "data-room-id") != null, "the room in bob's list");
            openRoom(bob, vault);
            bob.awaitState("connected");
            assertTrue(bob.shown("[data-testid=leave-room]"));
            assertTrue(!bob.shown("[data-testid=add-member-form]"), "only the creator adds members");

            alice.waitUntil(d -> alice.shown("[data-testid=add-member-form]"), "the add-member form for the creator");
            alice.find("[data-testid=add-member-name]").sendKeys(carolName);
            alice.click("[data-testid=add-member-submit]");
            bob.waitUntil(d -> joinedLines(bob, carolName) == 1, "bob sees carol join");
            bob.waitUntil(d -> "3".equals(memberCount(bob)), "bob sees three members");
            alice.waitUntil(d -> "3".equals(memberCount(alice)), "alice sees three members");

            bob.click("[data-testid=leave-room]");
            alice.waitUntil(d -> systemLines(alice, bobName + " left") == 1, "alice sees bob leave");
            alice.waitUntil(d -> "2".equals(memberCount(alice)), "alice sees two members");
            awaitOpen(bob, "general");
            bob.waitUntil(d -> bob.text("[data-testid=room-notice]").startsWith("You left"), "bob's page says he left");
            bob.waitUntil(d -> bob.findAll("[data-testid=room][data-room-id='" + vault + "']").isEmpty(), "the room gone from bob's list");
            bob.awaitState("connected");
            var r = Api.postJson("/api/chat/rooms/general/messages", "{\"content\":\"still here\"}", Api.signIn(unique("someone")));
            assertEquals(201, r.statusCode(), r.body());
            awaitShown(bob, "still here");
        }
    }

    @Test
    void leavingAPublicRoomShowsOnTheOtherPageLive() {
        String room = room();
        String bobName = unique("Bob");
        try (var alice = signedIn(unique("Alice"), room); var bob = signedIn(bobName, room)) {
            alice.waitUntil(d -> memberCount(alice) != null && Integer.parseInt(memberCount(alice)) >= 3, "owner, alice and bob");
            int before = Integer.parseInt(memberCount(alice));
            bob.click("[data-testid=leave-room]");
            alice.waitUntil(d -> systemLines(alice, bobName + " left") == 1, "alice sees bob leave");
            alice.waitUntil(d -> String.valueOf(before - 1).equals(memberCount(alice)), "one member fewer");
            awaitOpen(bob, "general");
        }
    }

    /** The session ends with the chat open: the page says so, stops saying who is signed in, and offers the sign-in. */
    @Test
    void whenTheSessionEndsThePageSaysSoWithoutRetrying() {
        String room = room();
        String name = unique("Alice");
        try (var alice = signedIn(name, room)) {
            String token = alice.driver().manage().getCookieNamed("herald_session").getValue();
            // The page marks the room it just opened read 300 ms later: if the session ends
            // first, that request is refused, as any request of a session ended elsewhere is.
            alice.allowConsole("/api/chat/rooms/" + room + "/read - Failed to load resource: the server responded with a status of 401");
            var out = Api.send("DELETE", "/api/session", null, Map.of("Authorization", "Bearer " + token));
            assertEquals(204, out.statusCode(), out.body());
            alice.waitUntil(d -> alice.shown("[data-testid=session-ended]"), "the page says the session ended");
            assertTrue(alice.shown("[data-testid=signin-name]"), "the sign-in is offered");
            assertTrue(!alice.shown("[data-testid=current-user]"), "no 'Signed in as' any more");
            assertTrue(!alice.shown("[data-testid=composer]"), "no composer");
            alice.awaitState("expired");
            // No retry loop: nothing is opened behind the user's back.
            alice.script("window.__states = []; window.herald.onState(s => window.__states.push(s));");
            try {
                Thread.sleep(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            assertEquals(java.util.List.of("expired"), alice.script("return window.__states;"));

            // Signing in again brings the chat back; the box kept the name.
            assertEquals(name, alice.find("[data-testid=signin-name]").getDomProperty("value"));
            alice.click("[data-testid=signin-submit]");
            alice.waitUntil(d -> name.equals(alice.text("[data-testid=current-user]")), "signed in again");
            alice.awaitState("connected");
        }
    }

    /**
     * A signed-in page left open renews its session by itself: on a 6 s session it stays on
     * one stream through several token lifetimes (issue 26), and stays live.
     */
    @Test
    void aPageLeftOpenKeepsOneStreamPastSeveralTokenLifetimes() {
        String room = room();
        String name = unique("Ida");
        try (var ida = Browser.open()) {
            ida.get("/chat.html?sharedWorker=0"); // another URL than the page's below, so that one loads anew
            ida.waitUntil(d -> ida.shown("[data-testid=signin-name]"), "the page, not signed in yet");
            // The token only now: a browser started on a loaded machine took longer than 4 s, its first life.
            var signIn = Api.postJson("/api/session", "{\"username\":\"" + name + "\",\"ttl\":6}", null);
            assertEquals(200, signIn.statusCode(), signIn.body());
            String first = Api.json(signIn.body()).getString("token");
            ida.driver().manage().addCookie(new Cookie.Builder("herald_session", first).path("/").isHttpOnly(true).build());
            ida.get(PAGE + "#room=" + room);
            ida.waitUntil(d -> name.equals(ida.text("[data-testid=current-user]")), "signed in by the cookie");
            ida.awaitState("connected");
            awaitOpen(ida, room);
            ida.script("window.__states = []; window.herald.onState(s => window.__states.push(s));");
            long opened = System.currentTimeMillis();

            var tokens = new java.util.HashSet<String>();
            tokens.add(first);
            while (System.currentTimeMillis() - opened < 3 * 6000 + 1000) {
                Cookie session = ida.driver().manage().getCookieNamed("herald_session");
                assertTrue(session != null, "the session cookie ran out: the page did not renew it");
                tokens.add(session.getValue());
                try {
                    Thread.sleep(250);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            assertTrue(tokens.size() >= 4, "renewed about every three seconds: " + tokens.size() + " tokens");
            assertEquals(java.util.List.of("connected"), ida.script("return window.__states;"), "one stream all along, never dropped");
            assertTrue(!ida.shown("[data-testid=session-ended]"), "the session did not end");

            var bob = Api.signIn(unique("bob"));
            Api.postJson("/api/chat/rooms/" + room + "/join", null, bob);
            var posted = Api.postJson("/api/chat/rooms/" + room + "/messages", "{\"content\":\"still there?\"}", bob);
            assertEquals(201, posted.statusCode(), posted.body());
            awaitShown(ida, "still there?");
            say(ida, "yes");
            awaitShown(ida, "yes");
            assertEquals(java.util.List.of("connected"), ida.script("return window.__states;"));
        }
    }

    /**
     * Signed out elsewhere in the same second as the page signs in: its stream is refused at the
     * opening, and the page says the session ended and offers the sign-in, as for a later sign-out.
     */
    @Test
    void aSignOutElsewhereAsThePageSignsInSaysTheSessionEnded() {
        String room = room();
        String name = unique("Una");
        try (var una = Browser.open()) {
            // Calls the page makes with the session already gone are refused (401), as they should be.
            una.allowConsole("status of 401");
            una.get(PAGE + "#room=" + room);
            una.waitUntil(d -> una.shown("[data-testid=signin-name]"), "the sign-in form");
            // Another tab's sign-out lands the moment the sign-in is answered, before the page opens its stream.
            una.script("const real = window.fetch;"
                    + "window.fetch = async (url, init) => {"
                    + "  const answer = await real(url, init);"
                    + "  if (String(url).endsWith('/api/session') && init?.method === 'POST') {"
                    + "    await real('/api/session', { method: 'DELETE', credentials: 'same-origin' });"
                    + "    window.fetch = real;"
                    + "  }"
                    + "  return answer;"
                    + "};");
            una.find("[data-testid=signin-name]").sendKeys(name);
            una.click("[data-testid=signin-submit]");
            una.waitUntil(d -> una.shown("[data-testid=session-ended]"), "the page says the session ended");
            assertTrue(una.shown("[data-testid=signin-name]"), "the sign-in is offered");
            assertTrue(!una.shown("[data-testid=current-user]"), "no 'Signed in as' any more");
            una.awaitState("expired");
            // Signing in again brings the chat back.
            una.click("[data-testid=signin-submit]");
            una.waitUntil(d -> name.equals(una.text("[data-testid=current-user]")), "signed in again");
            una.awaitState("connected");
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
