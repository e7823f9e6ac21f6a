package net.websocket.itest.usage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.websocket.itest.support.ExternalPeer;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A new user's project, as the README tells it: a throwaway Maven project whose only dependency is the README's
 * Maven snippet and whose {@code module-info.java} is the README's, with a main that serves {@code Hello world!}
 * and connects to itself. It is built offline against the local repository the reactor installed into, then run
 * on the class path and on the module path; the same project with the RFC 6455 variant excluded must fail at start
 * with the message the README quotes.
 *
 * <p>Both projects (with the variant, and with it excluded) are modules of one aggregator, so one offline Maven run
 * (about 10 s of CPU) compiles them and writes their class paths; then four short JVMs run them. This checks the
 * installed artifacts: under {@code mvn install} every module this one depends on is installed before its tests run
 * (run alone, {@code -pl itest}, it checks whatever is installed; the local repository is the build's own,
 * {@code settings.localRepository}, passed in by the pom).
 */
class UserProjectTest {

    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);
    private static final String PACKAGE = "com.example.app";
    private static final String GREETING = "Hello world!";
    /** The start of the failure the README quotes. */
    private static final String NO_VARIANT =
            "No WebSocket protocol variant found: put net.websocket:net.websocket.rfc6455";

    private static final String MAIN = """
            package com.example.app;

            import java.net.URI;

            import net.websocket.api.Connection;
            import net.websocket.api.WebSocketServer;
            import net.websocket.nio.WebSockets;
            import net.websocket.runtime.ServerOptions;

            public final class Main {
                public static void main(String[] args) throws Exception {
                    ServerOptions options = ServerOptions.builder().listen("127.0.0.1", 0).build();
                    try (WebSocketServer server = WebSockets.serve(options, c -> c.sendText("Hello world!"));
                         Connection c = WebSockets.connect(URI.create("ws://127.0.0.1:" + server.port() + "/"))) {
                        System.out.println("received: " + c.receiveText());
                        System.out.println("module: " + Main.class.getModule().getName()
                                + ", runtime: " + WebSockets.class.getModule().getName());
                    }
                }
            }
            """;

    private static final String WITH = "app";
    private static final String WITHOUT = "app-without-variant";
    /** Where the two projects are, {@link #WITH} and {@link #WITHOUT}, built together by one Maven run. */
    private static Path projects;

    /** Writes both projects and builds them, offline, against the reactor's local repository. */
    @BeforeAll
    static void writeAndBuildProjects() throws IOException, InterruptedException {
        projects = Path.of(System.getProperty("itest.usage.outdir", "target/usage")).resolve("projects");
        deleteTree(projects);
        Readme.Block xml = Readme.first("xml", c -> c.contains("<artifactId>net.websocket.runtime</artifactId>"),
                "the runtime dependency");
        String dependency = xml.code().strip();
        Matcher version = Pattern.compile("<version>([^<]+)</version>").matcher(dependency);
        assertTrue(version.find(), "the README's dependency (line " + xml.line() + ") names a version");
        assertEquals(System.getProperty("itest.project.version"), version.group(1),
                "the README's dependency (line " + xml.line() + ") names the project's version");
        Readme.Block module = Readme.first("java", c -> c.strip().startsWith("module "), "a module-info.java");
        Matcher name = Pattern.compile("module\\s+([\\w.]+)").matcher(module.code());
        assertTrue(name.find());
        assertEquals(PACKAGE, name.group(1), "the README's module (line " + module.line() + ") is the one this test's"
                + " main lives in");
        writeProject(WITH, dependency, module.code());
        String withoutVariant = dependency.replace("</dependency>", """
                  <exclusions>
                    <exclusion>
                      <groupId>net.websocket</groupId>
                      <artifactId>net.websocket.rfc6455</artifactId>
                    </exclusion>
                  </exclusions>
                </dependency>""");
        writeProject(WITHOUT, withoutVariant, module.code());
        Files.writeString(projects.resolve("pom.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>projects</artifactId>
                  <version>1</version>
                  <packaging>pom</packaging>
                  <modules>
                    <module>%s</module>
                    <module>%s</module>
                  </modules>
                </project>
                """.formatted(WITH, WITHOUT));
        List<String> command = List.of(mvn(), "-B", "-o", "-q",
                "-Dmaven.repo.local=" + System.getProperty("itest.maven.repo.local"),
                "-f", projects.resolve("pom.xml").toString(), "compile", "dependency:build-classpath");
        ExternalPeer.Result result = ExternalPeer.run(command, BUILD_TIMEOUT);
        assertEquals(0, result.exitCode(), () -> "the projects did not build (the reactor's artifacts must be"
                + " installed in the local repository first: mvn install):\n" + result.output());
    }

    private static void writeProject(String name, String dependencies, String moduleInfo) throws IOException {
        Path sources = projects.resolve(name).resolve("src/main/java");
        Files.createDirectories(sources.resolve(PACKAGE.replace('.', '/')));
        Files.writeString(sources.resolve("module-info.java"), moduleInfo);
        Files.writeString(sources.resolve(PACKAGE.replace('.', '/')).resolve("Main.java"), MAIN);
        Files.writeString(projects.resolve(name).resolve("pom.xml"), pom(name, dependencies));
    }

    @Test
    void theReadmeDependencyServesAndConnectsOnTheClassPathAndTheModulePath() throws Exception {
        String classPath = classPath(WITH);
        assertTrue(classPath.contains("net.websocket.rfc6455"), "the runtime brings the RFC 6455 variant: "
                + classPath);
        assertFalse(classPath.contains("net.websocket.hybi00"), classPath);

        ExternalPeer.Result onClassPath = runMain(WITH, false);
        assertEquals(0, onClassPath.exitCode(), onClassPath.output());
        assertTrue(onClassPath.output().contains("received: " + GREETING), onClassPath.output());
        assertTrue(onClassPath.output().contains("module: null, runtime: null"), onClassPath.output());

        ExternalPeer.Result onModulePath = runMain(WITH, true);
        assertEquals(0, onModulePath.exitCode(), onModulePath.output());
        assertTrue(onModulePath.output().contains("received: " + GREETING), onModulePath.output());
        assertTrue(onModulePath.output().contains("module: " + PACKAGE + ", runtime: net.websocket.runtime"),
                onModulePath.output());
    }

    @Test
    void withoutTheVariantItFailsAtStartNamingTheArtifact() throws Exception {
        assertFalse(classPath(WITHOUT).contains("net.websocket.rfc6455"), classPath(WITHOUT));
        for (boolean onModulePath : new boolean[] {false, true}) {
            ExternalPeer.Result result = runMain(WITHOUT, onModulePath);
            assertNotEquals(0, result.exitCode(), result.output());
            assertTrue(result.output().contains("IllegalStateException: " + NO_VARIANT), result.output());
            assertFalse(result.output().contains("received:"), result.output());
        }
    }

    /** Runs a project's main on the class path or on the module path (as the module of its module-info). */
    private static ExternalPeer.Result runMain(String project, boolean onModulePath)
            throws IOException, InterruptedException {
        String path = classes(project) + File.pathSeparator + classPath(project);
        return onModulePath ? java("-p", path, "-m", PACKAGE + "/" + PACKAGE + ".Main")
                : java("-cp", path, PACKAGE + ".Main");
    }

    /** A project's run-time class path, as Maven resolved it (jars in the local repository). */
    private static String classPath(String name) throws IOException {
        return Files.readString(projects.resolve(name).resolve("target/classpath.txt")).strip();
    }

    private static ExternalPeer.Result java(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of(args));
        return ExternalPeer.run(command, RUN_TIMEOUT);
    }

    private static String classes(String name) {
        return projects.resolve(name).resolve("target/classes").toString();
    }

    /** The Maven that runs this build, else the one on the PATH. */
    private static String mvn() {
        String executable = System.getProperty("os.name").startsWith("Windows") ? "mvn.cmd" : "mvn";
        String home = System.getProperty("itest.maven.home");
        if (home != null && !home.isEmpty()) {
            Path candidate = Path.of(home, "bin", executable);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return executable;
    }

    /**
     * A pom with these dependencies, and the versions of the plugins it runs that the reactor uses (the root pom's),
     * so that they are in the local repository for an offline build.
     */
    private static String pom(String artifactId, String dependencies) throws IOException {
        String root = Files.readString(Readme.checkout().resolve("pom.xml"));
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>com.example</groupId>
                  <artifactId>%s</artifactId>
                  <version>1</version>
                  <properties>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                    <maven.compiler.release>17</maven.compiler.release>
                  </properties>
                  <dependencies>
                %s
                  </dependencies>
                  <build>
                    <plugins>
                      <plugin>
                        <artifactId>maven-resources-plugin</artifactId>
                        <version>%s</version>
                      </plugin>
                      <plugin>
                        <artifactId>maven-compiler-plugin</artifactId>
                        <version>%s</version>
                      </plugin>
                      <plugin>
                        <artifactId>maven-dependency-plugin</artifactId>
                        <version>%s</version>
                        <configuration>
                          <includeScope>runtime</includeScope>
                          <outputFile>${project.build.directory}/classpath.txt</outputFile>
                        </configuration>
                      </plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(artifactId, dependencies.indent(4).stripTrailing(),
                pluginVersion(root, "maven-resources-plugin"),
                pluginVersion(root, "maven-compiler-plugin"), pluginVersion(root, "maven-dependency-plugin"));
    }

    private static String pluginVersion(String pom, String artifactId) {
        Matcher m = Pattern.compile("<artifactId>" + Pattern.quote(artifactId) + "</artifactId>\\s*<version>([^<]+)"
                + "</version>").matcher(pom);
        if (!m.find()) {
            throw new IllegalStateException("the root pom names no version of " + artifactId);
        }
        return m.group(1);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.delete(p);
            }
        }
    }
}
