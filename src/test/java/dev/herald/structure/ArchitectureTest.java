package dev.herald.structure;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The package map of docs/architecture.md, held against the compiled classes of
 * {@code src/main} (ArchUnit reads every reference the bytecode holds, not only imports): a
 * package uses only packages below it on the map, no two packages need each other round a
 * loop, each core package stands alone, and every package says what it is for.
 */
class ArchitectureTest {
    private static final String HERALD = "dev.herald";
    /** The map's rows, top to bottom, with the names architecture.md gives them. */
    private static final List<Row> MAP = List.of(
            new Row(HERALD, "capabilities", "chat", "notify", "metrics", "alerts", "events", "publish", "health"),
            new Row(HERALD, "plug-in point", "api"),
            new Row(HERALD, "transport", "sse"),
            new Row(HERALD, "access", "security", "liveness"),
            new Row(HERALD, "start-up", "boot"),
            new Row(HERALD, "implementations", "broker", "http", "trace"),
            new Row(HERALD, "core", "hub", "redis", "store"));
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(HERALD);

    private static final String SECURITY = HERALD + ".security";
    /**
     * The parts of {@code security}, top to bottom, as architecture.md draws them: the start-up
     * check of them all; what browsers are told and sign-outs; what a stream holds; limits and
     * topic access; who is calling. Identity announces sign-ins and sign-outs as CDI events and
     * defines {@code RevokedTokens}, so nothing below needs what is above it.
     */
    private static final List<Row> SECURITY_MAP = List.of(
            new Row(SECURITY, "checks", ""),
            new Row(SECURITY, "browsers and sign-outs", "web", "signout"),
            new Row(SECURITY, "streams", "streams"),
            new Row(SECURITY, "limits and access", "limits", "access"),
            new Row(SECURITY, "identity", "identity"));

    /** A row of packages under {@code base}; the empty name is {@code base} itself, without its sub-packages. */
    record Row(String base, String name, String... packages) {

        String[] patterns() {
            return Arrays.stream(packages).map(p -> p.isEmpty() ? base : base + "." + p + "..").toArray(String[]::new);
        }
    }

    /** Each row may use the rows below it; within a row, only the cycle rule holds. */
    static LayeredArchitecture layers(List<Row> map) {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (Row row : map) layers = layers.layer(row.name()).definedBy(row.patterns());
        for (int i = 0; i < map.size() - 1; i++) {
            String[] below = map.subList(i + 1, map.size()).stream().map(Row::name).toArray(String[]::new);
            layers = layers.whereLayer(map.get(i).name()).mayOnlyAccessLayers(below);
        }
        return layers.whereLayer(map.get(map.size() - 1).name()).mayNotAccessAnyLayer();
    }

    static LayeredArchitecture layers() {
        return layers(MAP);
    }

    @Test
    void aPackageUsesOnlyPackagesBelowItOnTheMap() {
        layers().check(MAIN);
    }

    @Test
    void aPartOfSecurityUsesOnlyPartsBelowIt() {
        layers(SECURITY_MAP).check(MAIN);
    }

    @Test
    void noPackageCycles() {
        slices().matching(HERALD + ".(*)..").should().beFreeOfCycles().check(MAIN);
        slices().matching(SECURITY + ".(*)..").should().beFreeOfCycles().check(MAIN);
    }

    /** The core row shares it: the hub, Redis's connections and the database use nothing else of ours. */
    @Test
    void eachCorePackageStandsAlone() {
        Row core = MAP.get(MAP.size() - 1);
        for (String pkg : core.packages()) {
            String[] others = MAP.stream().flatMap(r -> Arrays.stream(r.patterns()))
                    .filter(p -> !p.equals(HERALD + "." + pkg + "..")).toArray(String[]::new);
            noClasses().that().resideInAPackage(HERALD + "." + pkg + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .because(pkg + " is core: others plug into its seams, it knows none of them")
                    .check(MAIN);
        }
    }

    /** A stream reports to its keeper through {@code Subscription.Keeper}; it never calls back into the hub. */
    @Test
    void aStreamKnowsNotTheHub() {
        noClasses().that().haveFullyQualifiedName(HERALD + ".hub.Subscription")
                .should().dependOnClassesThat().haveFullyQualifiedName(HERALD + ".hub.EventHub")
                .check(MAIN);
    }

    /** Configuration is injected: one HeraldConfig, made by its producer, not looked up statically. */
    @Test
    void configurationIsInjectedNotLookedUp() {
        noClasses().should().dependOnClassesThat().haveFullyQualifiedName("org.eclipse.microprofile.config.ConfigProvider")
                .because("a static lookup is invisible to CDI and to tests; inject HeraldConfig")
                .check(MAIN);
    }

    /** A package that is on no row would escape every rule above. */
    @Test
    void everyPackageIsOnTheMapAndSaysWhatItIsFor() {
        var packages = new TreeSet<String>();
        MAIN.forEach(c -> packages.add(c.getPackageName().substring(HERALD.length() + 1).split("\\.")[0]));
        var mapped = new TreeSet<String>();
        MAP.forEach(r -> mapped.addAll(List.of(r.packages())));
        assertEquals(mapped, packages, "the packages of src/main and the rows of docs/architecture.md's map");
        for (String pkg : packages) {
            Path info = Path.of("src/main/java", HERALD.replace('.', '/'), pkg, "package-info.java");
            assertTrue(Files.exists(info), pkg + " has no package-info.java");
        }
        var parts = new TreeSet<String>();
        MAIN.forEach(c -> {
            if (c.getPackageName().startsWith(SECURITY + ".")) parts.add(c.getPackageName().substring(SECURITY.length() + 1).split("\\.")[0]);
        });
        var mappedParts = new TreeSet<String>();
        SECURITY_MAP.forEach(r -> mappedParts.addAll(List.of(r.packages())));
        mappedParts.remove("");
        assertEquals(mappedParts, parts, "the parts of security and the rows of its map");
        for (String part : parts) {
            Path info = Path.of("src/main/java", SECURITY.replace('.', '/'), part, "package-info.java");
            assertTrue(Files.exists(info), "security." + part + " has no package-info.java");
        }
    }
}
