package net.websocket.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import net.websocket.api.Listener;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;
import net.websocket.runtime.ServerOptions;
import net.websocket.testsupport.JdkWebSocketRecorder;

/**
 * The examples as a plain JPMS application, no framework: {@code java -p <our modules> -m
 * net.websocket.examples/net.websocket.examples.Main serve --port 0} in a child process, then an echo through it
 * with the JDK's client. The echo working proves that {@link java.util.ServiceLoader} found the RFC 6455 variant on
 * the module path. The Jakarta echo runs the same way, with the Jakarta container and API added, as
 * {@code ./ws serve --jakarta} runs it.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ModulePathTest {
    private static final Pattern BANNER =
            Pattern.compile("net\\.websocket example server listening on ws://127\\.0\\.0\\.1:(\\d+)/ \\(paths: .*\\)");

    @Test
    void serveOnTheModulePathAndEcho() throws Exception {
        Map<String, Path> modules = ourModules();
        assertTrue(modules.keySet().containsAll(List.of("net.websocket.api", "net.websocket.runtime",
                "net.websocket.rfc6455", "net.websocket.examples")), "modules found: " + modules);
        modules.keySet().removeIf(name -> name.startsWith("jakarta.") || name.equals("net.websocket.jakarta"));
        serveAndEcho(modules, List.of(), List.of("serve", "--port", "0"), BANNER, "/echo");
    }

    /**
     * {@code ./ws serve --jakarta}: the Jakarta container and the Jakarta WebSocket API join the module path, and the
     * {@code @ServerEndpoint} echo answers at {@code /jakarta-echo}.
     */
    @Test
    void serveTheJakartaEchoOnTheModulePath() throws Exception {
        Map<String, Path> modules = ourModules();
        assertTrue(modules.keySet().containsAll(List.of("net.websocket.jakarta", "jakarta.websocket",
                "jakarta.websocket.client")), "modules found: " + modules);
        serveAndEcho(modules, List.of("--add-modules", "net.websocket.jakarta"),
                List.of("serve", "--jakarta", "--port", "0"), JAKARTA_BANNER, "/jakarta-echo");
    }

    /**
     * {@code ContainerProvider.getWebSocketContainer()} on the module path: a program in the unnamed module, with the
     * Jakarta client API and our container resolved as modules, gets our container (found through the module's
     * {@code provides jakarta.websocket.ContainerProvider}, since {@code META-INF/services} does not count for a
     * named module) and echoes through it with a server of this test.
     */
    @Test
    void theContainerProviderFindsOursOnTheModulePath(@TempDir Path dir) throws Exception {
        Map<String, Path> modules = ourModules();
        modules.keySet().removeIf(name -> name.equals("net.websocket.examples"));
        Path probe = dir.resolve("Probe.java");
        Files.writeString(probe, String.join("\n",
                "import jakarta.websocket.*;",
                "import java.util.concurrent.*;",
                "public class Probe {",
                "    public static void main(String[] args) throws Exception {",
                "        WebSocketContainer c = ContainerProvider.getWebSocketContainer();",
                "        System.out.println(c.getClass().getModule().getName());",
                "        BlockingQueue<String> got = new LinkedBlockingQueue<>();",
                "        Session s = c.connectToServer(new Endpoint() {",
                "            public void onOpen(Session s, EndpointConfig config) {",
                "                s.addMessageHandler(String.class, got::add);",
                "            }",
                "        }, ClientEndpointConfig.Builder.create().build(), java.net.URI.create(args[0]));",
                "        s.getBasicRemote().sendText(\"through the provider\");",
                "        System.out.println(got.poll(20, TimeUnit.SECONDS));",
                "        s.close();",
                "        System.exit(0);",
                "    }",
                "}", ""));
        try (WebSocketServer server = WebSockets.serve(ServerOptions.builder().listen("127.0.0.1", 0).build(),
                Listener.ofText((c, text) -> c.sendText(text)))) {
            String java = ProcessHandle.current().info().command().orElse("java");
            String modulePath = String.join(File.pathSeparator,
                    modules.values().stream().map(Path::toString).toList());
            Process p = new ProcessBuilder(java, "-p", modulePath, "--add-modules",
                    "jakarta.websocket.client,net.websocket.jakarta", probe.toString(),
                    "ws://127.0.0.1:" + server.port() + "/")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            try {
                CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> {
                    try {
                        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                assertEquals(List.of("net.websocket.jakarta", "through the provider"),
                        out.get(50, TimeUnit.SECONDS).lines().toList());
            } finally {
                p.destroy();
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    private static final Pattern JAKARTA_BANNER =
            Pattern.compile("Jakarta echo server listening on ws://127\\.0\\.0\\.1:(\\d+)/jakarta-echo");

    private static void serveAndEcho(Map<String, Path> modules, List<String> javaOptions, List<String> args,
            Pattern expectedBanner, String path) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        String modulePath = String.join(File.pathSeparator, modules.values().stream().map(Path::toString).toList());
        List<String> command = new ArrayList<>(List.of(java, "-p", modulePath));
        command.addAll(javaOptions);
        command.addAll(List.of("-m", "net.websocket.examples/net.websocket.examples.Main"));
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader stdout = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            CompletableFuture<String> firstLine = CompletableFuture.supplyAsync(() -> {
                try {
                    return stdout.readLine();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            String banner = firstLine.get(30, TimeUnit.SECONDS);
            Matcher m = expectedBanner.matcher(banner == null ? "" : banner);
            assertTrue(m.matches(), "unexpected first line: " + banner);
            int port = Integer.parseInt(m.group(1));
            assertTrue(port > 0);

            try (JdkWebSocketRecorder c = JdkWebSocketRecorder.connect(URI.create("ws://127.0.0.1:" + port + path))) {
                c.socket().sendText("through the module path", true).get(10, TimeUnit.SECONDS);
                assertEquals("through the module path", c.nextText());
                c.socket().sendBinary(ByteBuffer.wrap(new byte[] {4, 2}), true).get(10, TimeUnit.SECONDS);
                assertArrayEquals(new byte[] {4, 2}, (byte[]) c.next());
            }
        } finally {
            p.destroy(); // SIGTERM: the shutdown hook closes the server
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /**
     * Our modules among this test's module path and class path entries (jars, or {@code target/classes} directories
     * with a {@code module-info.class}), by module name. Everything else (JUnit, test classes) is left out, so the
     * child runs with our modules only.
     */
    private static Map<String, Path> ourModules() {
        List<String> entries = new ArrayList<>();
        for (String property : List.of("jdk.module.path", "java.class.path")) {
            String value = System.getProperty(property);
            if (value != null && !value.isEmpty()) {
                entries.addAll(List.of(value.split(Pattern.quote(File.pathSeparator))));
            }
        }
        Map<String, Path> found = new LinkedHashMap<>();
        for (String entry : entries) {
            Path path = Path.of(entry);
            boolean candidate = Files.isDirectory(path) ? Files.exists(path.resolve("module-info.class"))
                    : entry.endsWith(".jar") && Files.isRegularFile(path);
            if (!candidate) {
                continue;
            }
            for (ModuleReference ref : ModuleFinder.of(path).findAll()) {
                String name = ref.descriptor().name();
                if ((name.startsWith("net.websocket.") || name.startsWith("jakarta.websocket"))
                        && !ref.descriptor().isAutomatic()) {
                    found.putIfAbsent(name, path);
                }
            }
        }
        return found;
    }
}
