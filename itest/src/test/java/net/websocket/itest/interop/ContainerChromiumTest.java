package net.websocket.itest.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import net.websocket.itest.support.Chromium;
import net.websocket.servlet.containers.ContainerServer;

/**
 * Headless Chromium through the servlet upgrade in an embedded container: the example page
 * ({@code examples/web/client.html}) connects to {@code /echo} served by {@code WebSocketServlet}, sends a text and
 * gets it back (the browser offers permessage-deflate; the examples' server agrees to it or not, either is fine
 * here), in each of Jetty, Tomcat and Undertow. Skipped, saying why, where Chromium or chromedriver is missing.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ContainerChromiumTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String LOG_SCRIPT =
            "return Array.from(document.querySelectorAll('#log li'), li => li.textContent);";

    @ParameterizedTest
    @EnumSource(ContainerServer.Kind.class)
    void chromiumEchoesThroughTheContainer(ContainerServer.Kind kind) throws Exception {
        String why = Chromium.unavailableReason();
        assumeTrue(why == null, () -> "Chromium skipped: " + why);
        Path page = Path.of(System.getProperty("itest.examples.web", "../examples/web"), "client.html")
                .toAbsolutePath();
        assertTrue(Files.isRegularFile(page), "the example page is missing: " + page);
        try (ContainerServer server = ContainerServer.startExamples(kind, "127.0.0.1", 0);
                Chromium browser = Chromium.start()) {
            URI ws = URI.create("ws://127.0.0.1:" + server.port() + "/echo");
            browser.navigate(URI.create(page.toUri() + "?url=" + URLEncoder.encode(ws.toString(),
                    StandardCharsets.UTF_8)));
            browser.click("#connect");
            awaitLine(browser, "open", 0);
            String text = "through " + kind + ": Grüße \uD83D\uDE00";
            browser.execute("document.getElementById('message').value = arguments[0];"
                    + "document.getElementById('binary').checked = false;", text);
            browser.click("#send");
            awaitLine(browser, "recv: " + text, 1);
        }
    }

    /** Waits (polling the page, bounded) for a log line from {@code from} on that starts with {@code start}. */
    private static void awaitLine(Chromium browser, String start, int from) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        List<String> log;
        do {
            log = ((List<?>) browser.execute(LOG_SCRIPT)).stream().map(String::valueOf).toList();
            for (int i = from; i < log.size(); i++) {
                if (log.get(i).startsWith(start)) {
                    return;
                }
            }
            Thread.sleep(50); // the page is polled: it has no way to call back
        } while (System.nanoTime() < deadline);
        fail("the page did not show \"" + start + "\" within " + WAIT + "; its log: " + log);
    }
}
