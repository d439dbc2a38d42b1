package io.reportingsuite.suite;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The architecture rules of ARCHITECTURE §2 as tests, over the compiled main classes of every module
 * ({@code <module>/target/classes}; this module runs after all of them in the reactor): services never use each
 * other's code, {@code contracts} uses no framework, production code never uses devstack, and no service reaches
 * another's database (its own datasource only; no SQL naming a table another service's migrations create).
 */
class ArchitectureTest {

    /** Service module -> its root package. */
    private static final Map<String, String> SERVICES = Map.of("ingest-service", "io.reportingsuite.ingest",
            "forwarder-service", "io.reportingsuite.forwarder", "receipt-service", "io.reportingsuite.receipt",
            "debt-service", "io.reportingsuite.debt", "skat-simulator", "io.reportingsuite.simulator");
    private static final List<String> SHARED = List.of("contracts", "service-support", "skat-mq-config");
    private static final Pattern CREATE_TABLE = Pattern.compile(
            "(?i)create\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?([a-z_][a-z0-9_]*)");
    private static final Pattern JDBC_DATABASE = Pattern.compile("jdbc:postgresql://[^/\\s]+/([A-Za-z0-9_]+)");

    private static Path root;
    private static JavaClasses all;

    @BeforeAll
    static void importClasses() {
        root = Path.of(System.getProperty("suite.root", "..")).toAbsolutePath().normalize();
        ClassFileImporter importer = new ClassFileImporter();
        List<Path> folders = new ArrayList<>();
        for (String module : modules()) {
            Path classes = classes(module);
            assertThat(classes).as("%s is compiled (mvn -pl suite-tests -am builds it)", module).isDirectory();
            folders.add(classes);
        }
        all = importer.importPaths(folders);
        assertThat(all.containPackage("io.reportingsuite.debt")).as("the import found debt-service's classes").isTrue();
    }

    private static List<String> modules() {
        List<String> modules = new ArrayList<>(SHARED);
        modules.addAll(new TreeSet<>(SERVICES.keySet()));
        return modules;
    }

    private static Path classes(String module) {
        return root.resolve(module).resolve("target/classes");
    }

    @Test
    void servicesNeverUseEachOthersCode() {
        for (Map.Entry<String, String> service : SERVICES.entrySet()) {
            String[] others = SERVICES.values().stream().filter(p -> !p.equals(service.getValue()))
                    .map(p -> p + "..").toArray(String[]::new);
            noClasses().that().resideInAPackage(service.getValue() + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(others)
                    .because("services talk through the broker and their APIs only (" + service.getKey() + ")")
                    .check(all);
        }
    }

    @Test
    void sharedModulesNeverUseAService() {
        String[] services = SERVICES.values().stream().map(p -> p + "..").toArray(String[]::new);
        noClasses().that().resideInAnyPackage("io.reportingsuite.contracts..", "io.reportingsuite.support..",
                        "io.reportingsuite.skatmq..")
                .should().dependOnClassesThat().resideInAnyPackage(services)
                .check(all);
    }

    @Test
    void contractsUsesNoFramework() {
        noClasses().that().resideInAPackage("io.reportingsuite.contracts..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta.enterprise..",
                        "io.smallrye..", "io.vertx..", "org.eclipse.microprofile..", "jakarta.inject..")
                .because("contracts is the plain Java library of the shared formats (./suite validate, any client)")
                .check(all);
    }

    @Test
    void productionCodeNeverUsesDevstack() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.reportingsuite.devstack..")
                .because("devstack is the embedded broker and database of tests and local runs")
                .check(all);
    }

    /** Each service with a database configures its own, under its own user, and no other. */
    @Test
    void eachServiceConfiguresOnlyItsOwnDatabase() throws IOException {
        Map<String, Set<String>> databases = new LinkedHashMap<>();
        for (String module : modules()) {
            Path properties = root.resolve(module).resolve("src/main/resources/application.properties");
            if (!Files.exists(properties)) {
                continue;
            }
            Set<String> named = new TreeSet<>();
            Matcher url = JDBC_DATABASE.matcher(Files.readString(properties));
            while (url.find()) {
                named.add(url.group(1));
            }
            databases.put(module, named);
            String own = module.replace("-service", "");
            if (!named.isEmpty()) {
                assertThat(named).as("databases in %s", properties).containsExactly(own);
                Properties values = new Properties();
                try (InputStream in = Files.newInputStream(properties)) {
                    values.load(in);
                }
                assertThat(values.getProperty("quarkus.datasource.username")).as("user in %s", properties).isEqualTo(own);
            }
        }
        assertThat(databases).as("the services with a database were found")
                .containsKeys("ingest-service", "receipt-service", "debt-service");
    }

    /**
     * Tables belong to the service whose Flyway migrations create them (two services may each have a table of
     * the same name, each in its own database); no other service's SQL (string constants in
     * its classes, .sql resources) reads or writes them. Shared modules' SQL runs inside each service on its own
     * datasource (service-support's RetentionJob on retention_warning) and counts as the owner's. The owners' own classes must match their tables, so a
     * scan that sees no SQL at all fails too.
     */
    @Test
    void noServiceReadsAnotherServicesTables() throws IOException {
        Map<String, Set<String>> tables = new LinkedHashMap<>();
        for (String module : SERVICES.keySet()) {
            Set<String> owned = new TreeSet<>();
            for (Path sql : files(root.resolve(module).resolve("src/main/resources/db/migration"), ".sql")) {
                Matcher create = CREATE_TABLE.matcher(Files.readString(sql));
                while (create.find()) {
                    owned.add(create.group(1).toLowerCase());
                }
            }
            if (!owned.isEmpty()) {
                tables.put(module, owned);
            }
        }
        assertThat(tables).containsKeys("ingest-service", "receipt-service", "debt-service");
        Map<Path, String> texts = new LinkedHashMap<>();
        for (String module : modules()) {
            for (Path file : sqlCarriers(module)) {
                texts.put(file, text(file));
            }
        }
        List<String> findings = new ArrayList<>();
        for (Map.Entry<String, Set<String>> owner : tables.entrySet()) {
            Path ownerClasses = classes(owner.getKey());
            Path ownerModule = root.resolve(owner.getKey());
            for (String table : owner.getValue()) {
                Pattern use = Pattern.compile("(?i)\\b(from|into|update|join|table)\\s+" + table + "\\b");
                boolean ownerUses = false;
                for (Map.Entry<Path, String> file : texts.entrySet()) {
                    if (!use.matcher(file.getValue()).find()) {
                        continue;
                    }
                    if (file.getKey().startsWith(ownerClasses) || inSharedModule(file.getKey())) {
                        ownerUses = true;
                    } else if (!file.getKey().startsWith(ownerModule) && !ownsTableToo(tables, file.getKey(), table)) {
                        findings.add(root.relativize(file.getKey()) + " names " + owner.getKey() + "'s table " + table);
                    }
                }
                if (!ownerUses) {
                    findings.add("no class of " + owner.getKey() + " names its own table " + table
                            + " in SQL (the scan would miss a use elsewhere)");
                }
            }
        }
        assertThat(findings).isEmpty();
    }

    /** Shared code (service-support's RetentionJob, ...) runs inside each service, on that service's datasource. */
    private static boolean inSharedModule(Path file) {
        return SHARED.stream().anyMatch(module -> file.startsWith(root.resolve(module)));
    }

    /** Whether the module the file belongs to creates a table of that name in its own database as well. */
    private static boolean ownsTableToo(Map<String, Set<String>> tables, Path file, String table) {
        return tables.entrySet().stream()
                .anyMatch(e -> file.startsWith(root.resolve(e.getKey())) && e.getValue().contains(table));
    }

    /** A module's compiled classes (SQL sits in their string constants) and its .sql resources. */
    private static List<Path> sqlCarriers(String module) throws IOException {
        List<Path> files = new ArrayList<>(files(classes(module), ".class"));
        files.addAll(files(root.resolve(module).resolve("src/main/resources"), ".sql"));
        return files;
    }

    private static List<Path> files(Path folder, String suffix) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    /** Class-file constants are (modified) UTF-8; SQL is ASCII, so Latin-1 keeps every SQL word intact. */
    private static String text(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
