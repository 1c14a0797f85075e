package dev.herald.embed;

import dev.herald.testing.ThirdLane;
import dev.herald.embed.shop.OrdersResource;
import dev.herald.testing.Api;
import dev.herald.testing.RawStream;
import dev.herald.testing.SseEvent;
import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.sse.InboundSseEvent;
import jakarta.ws.rs.sse.SseEventSource;
import dev.herald.testing.LibertyNode;
import dev.herald.testing.TestNodes;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.exporter.ZipExporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Herald inside another application: a WAR of its own made of Herald's attached classes
 * JAR (as a dependency would bring it), its libraries, and the shop of docs/java-api.md (a
 * resource that streams {@code custom/orders} through its own {@code SseEventSink}, a bean
 * that publishes through the facade, a topic family). The stream resumes with
 * {@code Last-Event-ID} exactly as {@code /api/events} does. The shop is the application of
 * a node of its own: a Herald node's template with its WAR in place of Herald's.
 */
@Tag("own-node")
@ThirdLane
class EmbeddingIT {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static LibertyNode node;

    @BeforeAll
    static void startTheShop() {
        node = TestNodes.HOST.create(TestNodes.shared("servlet"));
        shop().as(ZipExporter.class).exportTo(node.dir().resolve("apps/herald.war").toFile(), true);
        node.start();
    }

    @AfterAll
    static void stopTheShop() {
        if (node != null) node.discard();
    }

    /** A path on the shop's node. */
    private static String at(String path) {
        return node.uri(path).toString();
    }

    static WebArchive shop() {
        var war = ShrinkWrap.create(WebArchive.class, "shop.war")
                .addAsLibrary(new File(System.getProperty("herald.it.classes.jar", "target/herald-classes.jar")))
                .addPackage(OrdersResource.class.getPackage())
                // The host's own context root; Herald's REST API and stream live under it at /api.
                .addAsWebInfResource(new File("web/WEB-INF/ibm-web-ext.xml"), "ibm-web-ext.xml");
        File[] libs = new File(System.getProperty("herald.it.libs", "target/herald/WEB-INF/lib")).listFiles();
        assertNotNull(libs, "Herald's libraries: run `package` first");
        for (File lib : libs) war.addAsLibrary(lib);
        return war;
    }

    private static String place(String item, int quantity) {
        var r = Api.postJson(at("/api/orders"), "{\"item\":\"" + item + "\",\"quantity\":" + quantity + "}", null);
        assertEquals(200, r.statusCode(), r.body());
        return Api.json(r.body()).getString("id");
    }

    @Test
    void jerseyClientResumesOnTheApplicationsOwnStreamWithLastEventId() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        List<String> items = new CopyOnWriteArrayList<>();
        Client client = ClientBuilder.newClient();
        try (SseEventSource source = SseEventSource.target(client.target(node.uri("/api/orders")))
                .reconnectingEvery(200, TimeUnit.MILLISECONDS).build()) {
            source.register((InboundSseEvent e) -> {
                if ("created".equals(e.getName())) {
                    received.add(e.getId());
                    items.add(Api.json(e.readData()).getJsonObject("data").getString("item"));
                }
            });
            source.open();
            var placed = new ArrayList<String>();
            placed.add(place("tea", 1));
            placed.add(place("cake", 2));
            awaitSize(received, 2);

            // Herald cuts every stream, its own and this one; orders are placed before the client is back.
            Api.postJson(at("/api/admin/disconnect"), "", Api.PUBLISHER_TOKEN);
            for (int i = 2; i < 6; i++) placed.add(place("item" + i, i));
            awaitSize(received, 6);
            Thread.sleep(300); // a duplicate would show up here
            assertEquals(placed, received, "every order exactly once, in order");
            assertEquals(List.of("tea", "cake", "item2", "item3", "item4", "item5"), items);
        } finally {
            client.close();
        }
    }

    @Test
    void opensAsTheHubsStreamAndReplaysAfterTheGivenId() {
        String first = place("tea", 1);
        String second = place("scone", 3);
        try (var stream = RawStream.open(at("/api/orders"), Map.of("Last-Event-ID", first))) {
            assertEquals(200, stream.response().statusCode());
            assertEquals("no-cache", stream.response().headers().firstValue("Cache-Control").orElse(null));
            SseEvent opening = stream.next(WAIT);
            assertEquals(3000L, opening.retry(), "retry: before any event");
            List<SseEvent> replayed = stream.events("created", 1, WAIT);
            assertEquals(second, replayed.get(0).id());
            assertEquals("{\"item\":\"scone\",\"quantity\":3}", replayed.get(0).json().getJsonObject("data").toString());
            // Heartbeats keep it alive (1 s on the test server).
            assertNotNull(stream.await(SseEvent::isComment, WAIT), "no heartbeat");
        }
    }

    @Test
    void aTopicFamilyOfTheApplicationHasItsAccessRuleAndSnapshot() {
        try (var stream = RawStream.open(at("/api/events?topic=shop/open"))) {
            SseEvent hours = stream.await(e -> "hours".equals(e.event()), WAIT);
            assertNotNull(hours, "no snapshot");
            assertEquals("18:00", hours.json().getJsonObject("data").getString("closes"));
            assertEquals(null, hours.id(), "a snapshot never moves the resume point");
        }
        var refused = Api.get(at("/api/events?topic=shop/secret"), Map.of());
        assertEquals(404, refused.statusCode());
        assertTrue(refused.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
    }

    @Test
    void theBrowserClientComesWithTheJar() {
        var client = Api.get(at("/js/herald.js"), Map.of());
        assertEquals(200, client.statusCode());
        assertTrue(client.body().contains("export"), "not the client module");
    }

    private static void awaitSize(List<?> list, int size) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (list.size() < size && System.nanoTime() < deadline) Thread.sleep(20);
        assertEquals(size, list.size(), "received " + list);
    }
}
