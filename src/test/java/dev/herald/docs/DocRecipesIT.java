package dev.herald.docs;

import dev.herald.testing.LibertyNode;
import dev.herald.testing.SecondLane;
import dev.herald.broker.RedisTestSupport;
import dev.herald.testing.RawStream;
import dev.herald.testing.SseEvent;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import static dev.herald.testing.Api.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every command the docs tell a reader to run is run here, as written, and what the text
 * says it shows is checked: the deployment guide from the build to {@code server package}
 * and the PostgreSQL set-up, a cluster of two nodes, the README's "Try it", backup and
 * restore, and jwt mode.
 *
 * <h2>Markers</h2>
 * Each shell block ({@code ```sh}, or bash, shell …) of {@code README.md}, the other top-level
 * documents and {@code docs/*.md} has, right above it, either {@code <!-- recipe: NAME -->}
 * (this test runs it and checks it under that name) or {@code <!-- not run here: REASON -->}.
 * A block with neither fails {@link #everyShellBlockIsRunOrSaysWhyNot()}, and so does a recipe
 * no walk below runs: a new recipe cannot slip in untested.
 *
 * <h2>How a block runs</h2>
 * Word for word, from a file, by {@code bash} with {@code set -e -o pipefail} (a failing command
 * fails the recipe, as a reader would notice it), stdin from {@code /dev/null}. Recipes run in
 * walks (one per part of the docs: {@link Route}), in document order; within a walk what a
 * block leaves (variables, exports, the working directory) is there for the next, as in one
 * terminal. A walk starts in a fresh copy of the checkout ({@code target/docs-recipes/checkout}:
 * the working tree without {@code target/} and {@code .git}), since the docs assume a checkout;
 * whatever the recipes write (cookies, backups, key pairs, {@code target/liberty}) lands there,
 * never in the real one. Each block's text, output and the state it left are in
 * {@code target/docs-recipes/<walk>/}.
 *
 * <h2>Long-running commands</h2>
 * A block that runs until stopped ({@code ./mvnw liberty:run}, {@code server run}, {@code curl -N})
 * is marked {@code <!-- recipe: NAME, background -->}: it runs in the background, in a process
 * group of its own, while the walk goes on. It is stopped where the text says so (the stream's
 * Ctrl-C before "publish a few more", "with the server stopped" before {@code server package},
 * liberty:run's Ctrl-C before a restore) or when its walk ends: a {@code server run} the
 * documented way ({@code server stop <name>}), then Ctrl-C (SIGINT) to the block's process group,
 * as its terminal would send it, SIGTERM to what ignores that, and SIGKILL to anything left.
 * A block the text says to run once a server is up runs once the check has seen that server
 * ready, as a reader would wait. A {@code … &} inside a block lives until the walk ends.
 *
 * <h2>What is set around the blocks</h2>
 * Environment variables only, never an edited command:
 * <ul>
 * <li>{@code HERALD_HOME} into {@code target/docs-recipes/herald-home} (the guide's
 *     {@code /opt/herald} unless set);</li>
 * <li>ports: {@code HTTP_PORT}/{@code HTTPS_PORT}, which Liberty reads from the environment as it
 *     does from {@code server.env}, for the deploy guide's server. The README's commands say
 *     {@code localhost:9080}, so its walk (and jwt mode's) serve there; the cluster's nodes are on
 *     9080 and 9081, which the shipped nginx file names, and its nginx on 80 (as root). Each walk
 *     is skipped with a message while its ports are taken (failed under {@code CI=true});</li>
 * <li>{@code HERALD_REDIS_PREFIX} of its own per walk, its keys deleted after;</li>
 * <li>{@code MAVEN_ARGS=-DskipTests} for the guide's build: the build running this test ran them;</li>
 * <li>{@code JVM_ARGS}, which Liberty's {@code server} script adds to its Java options: the test
 *     nodes' ({@link LibertyNode#JVM_ARGS}), which halve the CPU a start takes;</li>
 * <li>{@code LAST_ID} for the README's resume: the id the reader saw on the stream.</li>
 * </ul>
 * The test's own {@code CI}, {@code HERALD_*}, port and Maven variables are not passed on.
 *
 * <h2>Needs</h2>
 * Redis on 127.0.0.1:6379, which the docs name (skipped without, failing under {@code CI=true});
 * {@code bash}, {@code setsid}, {@code curl}, {@code jq}, {@code openssl}, {@code keytool};
 * ports {@code herald.docs.http.port} (9590) and {@code herald.docs.https.port} to +4
 * (9690–9694), 9080, 9081, 9443, 9444 and 80; Debian's {@code nginx} and root for the cluster's.
 */
@Tag("own-node")
@SecondLane
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DocRecipesIT {
    private static final Path ROOT = Path.of(System.getProperty("herald.docs.root", "")).toAbsolutePath();
    private static final Path WORK = Path.of(System.getProperty("herald.docs.dir", "target/docs-recipes")).toAbsolutePath();
    private static final Path CHECKOUT = WORK.resolve("checkout");
    private static final int PORT = Integer.getInteger("herald.docs.http.port", 9590);
    private static final int HTTPS_PORT = Integer.getInteger("herald.docs.https.port", 9690);
    /** The port the README's commands name. */
    private static final int README_PORT = 9080;
    /** The port of the shipped nginx file, which docs/cluster.md runs. */
    private static final int NGINX_PORT = 80;
    /** The Redis the docs' recipes name. */
    private static final String REDIS = "redis://127.0.0.1:6379";
    /** Building, unpacking Liberty and starting it, on a busy 2-core machine. */
    private static final Duration START = Duration.ofMinutes(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** A walk through the docs: the documents in the order it reads them, and the prefixes of its recipes' names. */
    record Route(String walk, List<String> docs, List<String> prefixes) {
        List<Recipe> recipes() {
            return docs.stream().flatMap(doc -> Markdown.shellBlocks(ROOT, doc).stream())
                    .filter(r -> r.runs() && prefixes.stream().anyMatch(p -> r.name().startsWith(p))).toList();
        }
    }

    private static final Route DEPLOY = new Route("deploy", List.of("docs/deploy.md"), List.of("deploy-"));
    private static final Route CLUSTER = new Route("cluster", List.of("docs/cluster.md"), List.of("cluster-"));
    /** The README's server, and the deploy guide's backup and restore, which is of that server. */
    private static final Route README = new Route("readme", List.of("README.md", "docs/deploy.md"), List.of("readme-", "data-"));
    private static final Route JWT = new Route("jwt", List.of("docs/security.md"), List.of("jwt-"));
    private static final List<Route> ROUTES = List.of(DEPLOY, CLUSTER, README, JWT);

    @BeforeAll
    static void freshCopyOfTheCheckout() throws IOException {
        stopServersOfAnEarlierRun();
        deleteTree(WORK);
        Set<String> skipped = Set.of("target", ".git", ".idea", ".vscode", "node_modules");
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path from : (Iterable<Path>) files::iterator) {
                Path rel = ROOT.relativize(from);
                boolean skip = false;
                for (Path part : rel) skip |= skipped.contains(part.toString());
                if (skip || rel.startsWith("bench/work")) continue;
                Path to = CHECKOUT.resolve(rel.toString());
                if (Files.isDirectory(from)) Files.createDirectories(to);
                else Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }

    @Test
    @Order(1)
    void everyShellBlockIsRunOrSaysWhyNot() {
        var all = new ArrayList<Recipe>();
        for (String doc : Markdown.documents(ROOT)) all.addAll(Markdown.shellBlocks(ROOT, doc));
        var unmarked = all.stream().filter(r -> !r.marked()).map(Recipe::where).toList();
        assertEquals(List.of(), unmarked, "shell blocks with neither <!-- recipe: NAME --> nor <!-- not run here: REASON --> right above them");

        var names = new HashMap<String, Recipe>();
        for (Recipe r : all) {
            if (!r.runs()) continue;
            Recipe twin = names.put(r.name(), r);
            if (twin != null) fail("recipe " + r.name() + " twice: " + twin.where() + " and " + r.where());
        }
        var walked = ROUTES.stream().flatMap(route -> route.recipes().stream()).map(Recipe::where).toList();
        var notWalked = all.stream().filter(Recipe::runs).filter(r -> !walked.contains(r.where())).map(r -> r.name() + " at " + r.where()).toList();
        assertEquals(List.of(), notWalked, "recipes no walk of DocRecipesIT runs (name them deploy-…, cluster-…, readme-…, data-… or jwt-… in those documents, and check them there)");
    }

    /** docs/deploy.md, steps 1 to 10 and the PostgreSQL set-up, on a Liberty of its own. */
    @Test
    @Order(2)
    void theDeploymentGuide() throws Exception {
        RedisTestSupport.requireRedis(REDIS, "The deployment guide's server.env (HERALD_BROKER=redis, HERALD_REDIS_URL=" + REDIS + ")");
        requireFree(PORT, HTTPS_PORT);
        Path home = WORK.resolve("herald-home");
        Path wlp = home.resolve("wlp");
        Path server = wlp.resolve("usr/servers/herald");
        String prefix = redisPrefix();
        var env = Map.of("HERALD_HOME", home.toString(), "HTTP_PORT", Integer.toString(PORT), "HTTPS_PORT", Integer.toString(HTTPS_PORT),
                "HERALD_REDIS_PREFIX", prefix, "MAVEN_ARGS", "-DskipTests");
        try (var walk = walk(DEPLOY, env)) {
            walk.through(() -> {
                walk.onClose(() -> RedisTestSupport.deleteKeys(REDIS, prefix));

                walk.run("deploy-1");
                assertTrue(Files.size(CHECKOUT.resolve("target/herald.war")) > 1_000_000, "step 1 builds target/herald.war");

                walk.run("deploy-2");
                assertEquals(wlp.toString(), walk.variable("WLP"));
                assertTrue(Files.isExecutable(wlp.resolve("bin/server")), "step 2 makes $HERALD_HOME/wlp");
                assertEquals(pomProperty("liberty.runtime.version"), libertyVersion(wlp), "the guide's Liberty is the build's");

                walk.run("deploy-3");
                assertEquals(server.toString(), walk.variable("S"));
                for (String file : List.of("server.xml", "apps/herald.war", "configDropins/overrides/production.xml", "jvm.options")) {
                    assertTrue(Files.isRegularFile(server.resolve(file)), "step 3 puts " + file + " in the server");
                }

                walk.run("deploy-4");
                Properties secrets = properties(server.resolve("server.env"));
                assertEquals(Set.of("HERALD_PUBLISHER_TOKEN", "HERALD_SESSION_SECRET", "HERALD_KEYSTORE_PASSWORD", "HERALD_BROKER",
                        "HERALD_REDIS_URL", "HERALD_TRUSTED_PROXIES"), secrets.stringPropertyNames());
                assertTrue(secrets.getProperty("HERALD_PUBLISHER_TOKEN").matches("[0-9a-f]{48}"), "a random publisher token");
                assertTrue(secrets.getProperty("HERALD_SESSION_SECRET").length() >= 32, "a session secret of 32+ characters");
                assertEquals(PosixFilePermissions.fromString("rw-------"), Files.getPosixFilePermissions(server.resolve("server.env")),
                        "server.env readable by the server's user only");
                assertEquals(secrets.getProperty("HERALD_KEYSTORE_PASSWORD"), walk.variable("HERALD_KEYSTORE_PASSWORD"), "step 4 loads server.env into the shell");

                walk.run("deploy-5");
                var keystore = KeyStore.getInstance(server.resolve("resources/security/herald.p12").toFile(),
                        secrets.getProperty("HERALD_KEYSTORE_PASSWORD").toCharArray());
                assertTrue(keystore.containsAlias("default"), "a self-signed key pair named default");

                var node = walk.run("deploy-7").stopWith(wlp.resolve("bin/server").toString(), "stop", "herald");
                node.await(out -> out.contains("CWWKF0011I: The herald server is ready"), START, "CWWKF0011I: The herald server is ready");
                awaitReady(PORT, node);
                var health = CurlOutput.objects(walk.run("deploy-7-health").output());
                assertEquals(2, health.size(), "readiness, then liveness over HTTPS: " + health);
                assertEquals("UP", health.get(0).getString("status"));
                assertEquals(Set.of("hub", "store"), checkNames(health.get(0)), "/health/ready checks the hub and the store");
                assertEquals("UP", health.get(1).getString("status"), "HTTPS answers with the step-5 keystore");
                String accessLog = Files.readString(server.resolve("logs/http_access.log"));
                assertTrue(accessLog.contains("\"GET /health/ready HTTP/1.1\" 200"), "production.xml's access log:\n" + accessLog);

                // Step 10 says "with the server stopped".
                node.stop();
                assertFalse(node.running(), "server stop ends server run");
                walk.run("deploy-10");
                Path zip = home.resolve("herald-server.zip");
                try (var archive = new ZipFile(zip.toFile())) {
                    for (String entry : List.of("wlp/bin/server", "wlp/usr/servers/herald/server.xml",
                            "wlp/usr/servers/herald/apps/herald.war", "wlp/usr/servers/herald/configDropins/overrides/production.xml",
                            "wlp/usr/servers/herald/jvm.options", "wlp/usr/servers/herald/server.env",
                            "wlp/usr/servers/herald/resources/security/herald.p12")) {
                        assertTrue(archive.getEntry(entry) != null, "the archive holds " + entry);
                    }
                }
                long megabytes = Files.size(zip) / 1_000_000;
                assertTrue(megabytes < 100, "--include=minify keeps only the features server.xml needs (Liberty unpacked is 400 MB): " + megabytes + " MB");

                walk.run("deploy-postgresql");
                String driver = "postgresql-" + pomProperty("postgresql.version") + ".jar";
                assertTrue(Files.isRegularFile(wlp.resolve("usr/shared/resources/postgresql").resolve(driver)),
                        "the driver the tests use, where postgresql.xml's library looks: " + driver);
                assertTrue(Files.isRegularFile(server.resolve("configDropins/overrides/postgresql.xml")));
                Properties withDatabase = properties(server.resolve("server.env"));
                assertTrue(withDatabase.stringPropertyNames().containsAll(secrets.stringPropertyNames()), "the secrets of step 4 are kept");
                assertEquals("jdbc:postgresql://127.0.0.1:5432/herald", withDatabase.getProperty("HERALD_POSTGRES_URL"));
                walk.finish();
            });
        }
    }

    /**
     * docs/cluster.md: two nodes over the machine's Redis act as one hub, on the ports the text
     * gives them, which the shipped nginx file names; then nginx with that file in front.
     */
    @Test
    @Order(3)
    void aClusterOfTwoNodesBehindNginx() throws Exception {
        RedisTestSupport.requireRedis(REDIS, "docs/cluster.md's nodes (HERALD_REDIS_URL=" + REDIS + ")");
        int one = README_PORT, two = README_PORT + 1;
        requireFree(one, two, 9443, 9444, NGINX_PORT);
        RedisTestSupport.requireThat("root".equals(System.getProperty("user.name")),
                "docs/cluster.md's nginx listens on port " + NGINX_PORT + ", which takes root");
        Path server = CHECKOUT.resolve("target/liberty/wlp/bin/server");
        String prefix = redisPrefix();
        try (var walk = walk(CLUSTER, Map.of("HERALD_REDIS_PREFIX", prefix))) {
            walk.through(() -> {
                walk.onClose(() -> RedisTestSupport.deleteKeys(REDIS, prefix));
                walk.run("cluster-env");
                assertEquals("redis", walk.variable("HERALD_BROKER"));

                walk.run("cluster-build");
                assertTrue(Files.isRegularFile(CHECKOUT.resolve("target/liberty/wlp/templates/servers/herald/apps/herald.war")),
                        "package lays out the node template");
                // Side by side, as the text allows: a node does not wait for another.
                var node1 = walk.run("cluster-node1").stopWith(server.toString(), "stop", "node1");
                var node2 = walk.run("cluster-node2").stopWith(server.toString(), "stop", "node2");
                awaitReady(one, node1);
                awaitReady(two, node2);

                String token = walk.variable("HERALD_PUBLISHER_TOKEN");
                String seen;
                String missed;
                try (var onNode2 = RawStream.open(uri(two, "/api/events?topic=custom/docs-cluster"), Map.of())) {
                    // The headers come before the subscription, its opening frame after it: publish once that is here.
                    SseEvent opening = onNode2.next(Duration.ofSeconds(10));
                    assertTrue(opening != null && opening.comments().contains("herald"), "node 2's stream opens: " + opening);
                    seen = publish(one, token, "custom/docs-cluster", "{\"n\":1}");
                    assertEquals(seen, onNode2.await(e -> e.id() != null, Duration.ofSeconds(10)).id(), "published on node 1, received on node 2");
                    missed = publish(one, token, "custom/docs-cluster", "{\"n\":2}");
                }
                try (var onNode1 = RawStream.open(uri(one, "/api/events?topic=custom/docs-cluster"), Map.of("Last-Event-ID", seen))) {
                    SseEvent first = onNode1.await(e -> e.id() != null || "reset".equals(e.event()), Duration.ofSeconds(10));
                    assertEquals(missed, first.id(), "a client of node 2 resumes on node 1 with exactly what it missed");
                }

                walk.onClose(DocRecipesIT::stopNginx);
                walk.run("cluster-nginx");
                var stream = walk.run("cluster-nginx-stream");
                stream.await(out -> out.startsWith(": herald\n"), Duration.ofSeconds(10), "a stream through nginx opens at once");
                String onNode = publish(two, token, "custom/demo", "{\"n\":0}");
                stream.await(out -> out.contains("id: " + onNode + "\n"), Duration.ofSeconds(5), "an event published on node 2 comes through nginx at once");
                String through = json(walk.run("cluster-nginx-publish").output()).getString("id");
                stream.await(out -> out.contains("id: " + through + "\nevent: hello\n"), Duration.ofSeconds(5), "an event published through nginx comes back through it");
                stream.stop();
                walk.run("cluster-nginx-stop");
                // -s stop signals the master and returns; the master closes its sockets a moment later.
                assertTrue(awaitFree(NGINX_PORT, Duration.ofSeconds(10)), "`nginx -s stop` stopped it");
                walk.finish();
            });
        }
    }

    /** The nginx of the cluster's walk, if its stop recipe did not run (a failure before it). */
    private static void stopNginx() {
        if (free(NGINX_PORT)) return;
        Path prefix = CHECKOUT.resolve("target/nginx");
        try {
            new ProcessBuilder("nginx", "-p", prefix.toString(), "-c", "nginx.conf", "-s", "stop").inheritIO().start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The README's server and "Try it", then docs/deploy.md's backup and restore of that server. */
    @Test
    @Order(4)
    void theReadmeAndBackupAndRestore() throws Exception {
        RedisTestSupport.requireThat(free(README_PORT), "The README's recipes say localhost:" + README_PORT + ", which something here already serves (a liberty:run?)");
        requireFree(HTTPS_PORT + 3);
        Path wlp = CHECKOUT.resolve("target/liberty/wlp");
        Path data = wlp.resolve("usr/servers/defaultServer/data/herald.db");
        try (var walk = walk(README, Map.of("HTTPS_PORT", Integer.toString(HTTPS_PORT + 3)))) {
            walk.through(() -> {
                var server = walk.run("readme-run");
                assertEquals(data.toString(), awaitReady(README_PORT, server).getJsonArray("checks").stream()
                        .map(c -> c.asJsonObject()).filter(c -> c.getString("name").equals("store")).findFirst()
                        .orElseThrow().getJsonObject("data").getString("database"), "this checkout's server answers, its data where the README says");

                var stream = walk.run("readme-stream");
                stream.await(out -> out.startsWith(": herald\n") && out.contains("\nretry: 3000\n"), Duration.ofSeconds(10), "`: herald` and `retry: 3000` at once");
                JsonObject published = json(walk.run("readme-publish").output());
                assertEquals(Set.of("id", "topic", "type", "timestamp"), published.keySet());
                String first = published.getString("id");
                String shown = "id: " + first + "\nevent: hello\ndata: {\"id\":\"" + first + "\",\"topic\":\"custom/demo\",\"type\":\"hello\",\"timestamp\":"
                        + published.getJsonNumber("timestamp") + ",\"data\":{\"n\":1}}\n\n";
                stream.await(out -> out.contains(shown), Duration.ofSeconds(5), "the event, as the README prints it:\n" + shown);

                // "Stop the stream, publish a few more, and resume where you left off."
                stream.stop();
                var missed = List.of(json(walk.again("readme-publish").output()).getString("id"), json(walk.again("readme-publish").output()).getString("id"));
                var resumed = walk.run("readme-resume", Map.of("LAST_ID", first));
                resumed.await(out -> CurlOutput.ids(out).size() >= 2, Duration.ofSeconds(10), "the two events it missed");
                String live = json(walk.again("readme-publish").output()).getString("id");
                String resumedOutput = resumed.await(out -> CurlOutput.ids(out).size() >= 3, Duration.ofSeconds(10), "the live event after them");
                assertEquals(List.of(missed.get(0), missed.get(1), live), CurlOutput.ids(resumedOutput), "exactly what it missed, then live events");
                assertFalse(resumedOutput.contains("event: reset"), resumedOutput);
                resumed.stop();

                JsonObject session = json(walk.run("readme-signin").output());
                assertEquals("alice", session.getJsonObject("user").getString("id"));
                assertFalse(session.getString("token").isBlank());
                String cookies = Files.readString(CHECKOUT.resolve("cookies"));
                assertTrue(cookies.lines().anyMatch(l -> l.startsWith("#HttpOnly_localhost") && l.contains("herald_session")), "an HttpOnly session cookie:\n" + cookies);

                var chat = walk.run("readme-chat");
                String alice = walk.variable("T");
                assertFalse(alice.isBlank(), "jq read the token");
                chat.await(out -> out.contains("\"content\":\"hello\""), Duration.ofSeconds(5), "the message posted");
                // The stream's opening may come before or after the post's answer, which ends without a newline.
                chat.await(out -> out.contains(": herald\nretry: "), Duration.ofSeconds(5), "alice's stream open");
                assertTrue(history(alice).contains("hello"), "the message is in #general");

                JsonObject notification = json(walk.run("readme-notify").output());
                assertEquals("Deploy done", notification.getString("title"));
                assertTrue(get(README_PORT, "/api/notifications", alice).body().contains("\"Deploy done\""), "alice has it");

                String failures = walk.run("readme-traffic").output();
                assertEquals(10, failures.split("\"status\":500", -1).length - 1, "ten failures, each problem JSON: " + failures);
                awaitAlert("errorRate");

                // docs/deploy.md, "Backup and restore", of this server.
                walk.run("data-backup");
                byte[] backup = Files.readAllBytes(CHECKOUT.resolve("herald-backup.db"));
                assertEquals("SQLite format 3", new String(backup, 0, 15, StandardCharsets.US_ASCII));
                assertEquals(201, post(README_PORT, "/api/chat/rooms/general/messages", "{\"content\":\"after the backup\",\"clientId\":\"docs-after\"}", alice).statusCode());
                assertTrue(history(alice).contains("after the backup"));

                // Stopped with Ctrl-C, restored, and run again, as the restore says for liberty:run.
                server.stop();
                walk.run("data-restore");
                awaitReady(README_PORT, walk.again("readme-run"));
                String restored = history(alice);
                assertTrue(restored.contains("\"hello\"") && !restored.contains("after the backup"), "the data as it was at the backup: " + restored);
                // The README: run again, "the resume above still gets exactly what it missed".
                try (var resumedAgain = RawStream.open(uri(README_PORT, "/api/events?topic=custom/demo"), Map.of("Last-Event-ID", first))) {
                    var replayed = List.of(nextId(resumedAgain), nextId(resumedAgain), nextId(resumedAgain));
                    assertEquals(List.of(missed.get(0), missed.get(1), live), replayed, "after a restart, exactly what it missed, no reset");
                }
                walk.finish();
            });
        }
    }

    /** docs/security.md: jwt mode with a local key pair. */
    @Test
    @Order(5)
    void jwtModeWithALocalKeyPair() throws Exception {
        RedisTestSupport.requireThat(free(README_PORT), "docs/security.md's jwt recipe serves on localhost:" + README_PORT + ", which something here already serves");
        requireFree(HTTPS_PORT + 4);
        try (var walk = walk(JWT, Map.of("HTTPS_PORT", Integer.toString(HTTPS_PORT + 4)))) {
            walk.through(() -> {
                var server = walk.run("jwt-run");
                awaitReady(README_PORT, server);
                var devSignIn = HTTP.send(request(README_PORT, "/api/session", null).POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"alice\"}"))
                        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(404, devSignIn.statusCode(), "jwt mode has no name sign-in: " + devSignIn.body());
                long exp = System.currentTimeMillis() / 1000 + 600;
                String token = signedBy(CHECKOUT.resolve("idp.key"), "{\"iss\":\"https://idp.example\",\"exp\":" + exp + ",\"upn\":\"alice\",\"groups\":[\"admin\"]}");
                JsonObject user = json(get(README_PORT, "/api/session", token).body()).getJsonObject("user");
                assertEquals("alice", user.getString("id"), "a token signed with idp.key signs alice in");
                assertTrue(user.getJsonArray("roles").getValuesAs(JsonString.class).stream().anyMatch(r -> r.getString().equals("admin")), "with her groups");
                walk.finish();
            });
        }
    }

    private static Walk walk(Route route, Map<String, String> env) {
        var around = new HashMap<>(env);
        around.put("JVM_ARGS", LibertyNode.JVM_ARGS);
        return new Walk(route.walk(), CHECKOUT, WORK.resolve(route.walk()), around, route.recipes());
    }

    /** Waits for 200 from /health/ready; a server whose block ended first fails with its output. */
    private static JsonObject awaitReady(int port, Block server) throws Exception {
        long deadline = System.nanoTime() + START.toNanos();
        String last = "no answer";
        while (true) {
            if (!server.running()) throw new RecipeFailure(server.describe("ended before /health/ready answered 200 on port " + port), null);
            try {
                var r = HTTP.send(request(port, "/health/ready", null).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) return json(r.body());
                last = r.statusCode() + " " + r.body();
            } catch (IOException notYet) {
                // still starting
            }
            if (System.nanoTime() > deadline) {
                String why = "/health/ready on port " + port + " not 200 within " + START + " (last: " + last + ")";
                throw new RecipeFailure(server.describe(why), null);
            }
            Thread.sleep(500);
        }
    }

    /** The README: "ten failures fire the error-rate alert" (it holds for herald.alerts.hold, 10 s). */
    private static void awaitAlert(String metric) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String alerts = "";
        while (System.nanoTime() < deadline) {
            alerts = get(README_PORT, "/api/alerts", null).body();
            if (Pattern.compile("\"metric\":\"" + metric + "\"[^}]*\"state\":\"firing\"").matcher(alerts).find()) return;
            Thread.sleep(500);
        }
        fail("no " + metric + " alert firing within 60 s: " + alerts);
    }

    private static String nextId(RawStream stream) {
        SseEvent e = stream.await(x -> x.id() != null || "reset".equals(x.event()), Duration.ofSeconds(10));
        return e.id() != null ? e.id() : "reset " + e.data();
    }

    private static String history(String token) throws Exception {
        var r = get(README_PORT, "/api/chat/rooms/general/messages", token);
        assertEquals(200, r.statusCode(), r.body());
        return r.body();
    }

    private static String publish(int port, String token, String topic, String data) throws Exception {
        var r = post(port, "/api/publish", "{\"topic\":\"" + topic + "\",\"type\":\"ping\",\"data\":" + data + "}", token);
        assertEquals(200, r.statusCode(), r.body());
        return json(r.body()).getString("id");
    }

    private static HttpResponse<String> get(int port, String path, String token) throws Exception {
        return HTTP.send(request(port, path, token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(int port, String path, String json, String token) throws Exception {
        return HTTP.send(request(port, path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(int port, String path, String token) {
        var b = HttpRequest.newBuilder(uri(port, path)).timeout(Duration.ofSeconds(20));
        if (token != null) b.header("Authorization", "Bearer " + token);
        return b;
    }

    private static URI uri(int port, String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static Set<String> checkNames(JsonObject health) {
        var names = new java.util.TreeSet<String>();
        health.getJsonArray("checks").forEach(c -> names.add(c.asJsonObject().getString("name")));
        return names;
    }

    /** An RS256 token signed the way the docs say: with {@code idp.key}, by openssl. */
    private static String signedBy(Path key, String claims) throws Exception {
        var b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString("{\"alg\":\"RS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8));
        Process openssl = new ProcessBuilder("openssl", "dgst", "-sha256", "-sign", key.toString()).start();
        try (var in = openssl.getOutputStream()) {
            in.write(input.getBytes(StandardCharsets.US_ASCII));
        }
        byte[] signature = openssl.getInputStream().readAllBytes();
        assertEquals(0, openssl.waitFor(), new String(openssl.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
        return input + "." + b64.encodeToString(signature);
    }

    private static Properties properties(Path file) throws IOException {
        var p = new Properties();
        // server.env is KEY=value lines; Properties would read a backslash as an escape.
        for (String line : Files.readAllLines(file)) {
            int eq = line.indexOf('=');
            if (eq > 0 && !line.startsWith("#")) p.setProperty(line.substring(0, eq), line.substring(eq + 1));
        }
        return p;
    }

    private static String pomProperty(String name) throws IOException {
        var m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</").matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertTrue(m.find(), name + " in pom.xml");
        return m.group(1);
    }

    private static String libertyVersion(Path wlp) throws IOException {
        return properties(wlp.resolve("lib/versions/openliberty.properties")).getProperty("com.ibm.websphere.productVersion");
    }

    private static String redisPrefix() {
        return "herald-docs-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36) + ":";
    }

    private static boolean free(int port) {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return false;
        } catch (IOException nothingThere) {
            return true;
        }
    }

    private static boolean awaitFree(int port, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!free(port)) {
            if (System.nanoTime() > deadline) return false;
            Thread.sleep(100);
        }
        return true;
    }

    private static void requireFree(int... ports) {
        var taken = new LinkedHashMap<Integer, Boolean>();
        for (int port : ports) if (!free(port)) taken.put(port, true);
        assertEquals(Map.of(), taken, "ports DocRecipesIT serves on are taken (-Dherald.docs.http.port / -Dherald.docs.https.port move them)");
    }

    /** Servers a killed earlier run left, by their pid files: their data is about to be deleted. */
    private static void stopServersOfAnEarlierRun() {
        for (Path wlp : List.of(CHECKOUT.resolve("target/liberty/wlp"), WORK.resolve("herald-home/wlp"))) {
            Path pids = wlp.resolve("usr/servers/.pid");
            if (!Files.isDirectory(pids)) continue;
            try (Stream<Path> files = Files.list(pids)) {
                for (Path pid : files.filter(f -> f.toString().endsWith(".pid")).toList()) {
                    String name = pid.getFileName().toString().replaceFirst("\\.pid$", "");
                    new ProcessBuilder(wlp.resolve("bin/server").toString(), "stop", name)
                            .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
