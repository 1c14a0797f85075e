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
            new Row("capabilities", "chat", "notify", "metrics", "alerts", "events", "publish", "health"),
            new Row("plug-in point", "api"),
            new Row("transport", "sse"),
            new Row("access", "security", "liveness"),
            new Row("start-up", "boot"),
            new Row("implementations", "broker", "http", "trace"),
            new Row("core", "hub", "redis", "store"));
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(HERALD);

    record Row(String name, String... packages) {
        String[] patterns() {
            return Arrays.stream(packages).map(p -> HERALD + "." + p + "..").toArray(String[]::new);
        }
    }

    /** Each row may use the rows below it; within a row, only the cycle rule holds. */
    static LayeredArchitecture layers() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (Row row : MAP) layers = layers.layer(row.name()).definedBy(row.patterns());
        for (int i = 0; i < MAP.size() - 1; i++) {
            String[] below = MAP.subList(i + 1, MAP.size()).stream().map(Row::name).toArray(String[]::new);
            layers = layers.whereLayer(MAP.get(i).name()).mayOnlyAccessLayers(below);
        }
        return layers.whereLayer(MAP.get(MAP.size() - 1).name()).mayNotAccessAnyLayer();
    }

    @Test
    void aPackageUsesOnlyPackagesBelowItOnTheMap() {
        layers().check(MAIN);
    }

    @Test
    void noPackageCycles() {
        slices().matching(HERALD + ".(*)..").should().beFreeOfCycles().check(MAIN);
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
    }
}
