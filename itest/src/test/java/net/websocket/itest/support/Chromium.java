package net.websocket.itest.support;

import net.websocket.itest.autobahn.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A headless Chromium driven through {@code chromedriver} with the W3C WebDriver protocol, spoken with the JDK's
 * {@link HttpClient} to 127.0.0.1 (no Selenium). One instance is one chromedriver process, one browser session and a
 * temporary profile; {@link #close()} ends the session, kills chromedriver and whatever it started, and deletes the
 * profile. Every WebDriver call is bounded by {@link #CALL_TIMEOUT}.
 *
 * <p>The executables come from the system properties {@code itest.chromium} and {@code itest.chromedriver}, else
 * from the PATH (Debian's {@code chromium} and {@code chromium-driver} packages).
 */
public final class Chromium implements AutoCloseable {

    /** A WebDriver call, page loads and scripts included, takes at most this long. */
    public static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    /** chromedriver says it listens, and the browser starts, well within this even on a loaded machine. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    /** The key of an element reference in W3C WebDriver. */
    private static final String ELEMENT_KEY = "element-6066-11e4-a52e-4f735466cecf";

    private static final Pattern STARTED = Pattern.compile("started successfully on port (\\d+)");

    /**
     * Browser switches: headless; no sandbox (it needs privileges containers and root do not give); nothing that
     * talks to the network by itself (updates, sync, safe browsing lists, first-run pages); a profile of its own.
     */
    private static final List<String> ARGS = List.of("--headless=new", "--no-sandbox", "--disable-gpu",
            "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-extensions", "--disable-default-apps", "--no-first-run",
            "--no-default-browser-check", "--mute-audio");

    private final ExternalPeer driver;
    private final Path profile;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String base;
    private String session;
    private String version = "unknown";

    private Chromium(ExternalPeer driver, int port, Path profile) {
        this.driver = driver;
        this.profile = profile;
        this.base = "http://127.0.0.1:" + port;
    }

    /** Why no browser can be started here, or {@code null} if the executables are there. */
    public static String unavailableReason() {
        if (browser() == null) {
            return "no chromium executable (install Debian's chromium, or set -Ditest.chromium=PATH)";
        }
        if (chromedriver() == null) {
            return "no chromedriver executable (install Debian's chromium-driver, or set -Ditest.chromedriver=PATH)";
        }
        return null;
    }

    /** Starts chromedriver and a browser session. */
    public static Chromium start() throws IOException, InterruptedException {
        Path browser = browser();
        Path chromedriver = chromedriver();
        if (browser == null || chromedriver == null) {
            throw new IllegalStateException(unavailableReason());
        }
        Path profile = Files.createTempDirectory("itest-chromium-");
        ExternalPeer driver = ExternalPeer.start(List.of(chromedriver.toString(), "--port=0"));
        Chromium c;
        try {
            int port = Integer.parseInt(driver.awaitLine(STARTED, START_TIMEOUT).group(1));
            c = new Chromium(driver, port, profile);
        } catch (IOException | RuntimeException | InterruptedException e) {
            driver.close();
            deleteTree(profile);
            throw e;
        }
        try {
            List<String> args = new ArrayList<>(ARGS);
            args.add("--user-data-dir=" + profile);
            Map<String, Object> options = Map.of("binary", browser.toString(), "args", args);
            Map<String, Object> timeouts = Map.of("script", CALL_TIMEOUT.toMillis(),
                    "pageLoad", CALL_TIMEOUT.toMillis());
            Map<String, Object> caps = Map.of("capabilities", Map.of("alwaysMatch", Map.of(
                    "browserName", "chrome", "goog:chromeOptions", options, "timeouts", timeouts)));
            Map<?, ?> value = (Map<?, ?>) c.call("POST", "/session", caps);
            c.session = (String) value.get("sessionId");
            if (value.get("capabilities") instanceof Map<?, ?> granted) {
                c.version = String.valueOf(granted.get("browserVersion"));
            }
            return c;
        } catch (IOException | RuntimeException | InterruptedException e) {
            c.close();
            throw e;
        }
    }

    /** The browser's version, as the session reported it. */
    public String version() {
        return version;
    }

    /** Loads a page and waits for it to have loaded. */
    public void navigate(URI url) throws IOException, InterruptedException {
        call("POST", sessionPath("/url"), Map.of("url", url.toString()));
    }

    /** Runs a script's body in the page (arguments as {@code arguments[i]}) and returns its result. */
    public Object execute(String script, Object... args) throws IOException, InterruptedException {
        return call("POST", sessionPath("/execute/sync"), Map.of("script", script, "args", List.of(args)));
    }

    /** Clicks the element a CSS selector finds. */
    public void click(String selector) throws IOException, InterruptedException {
        call("POST", sessionPath("/element/" + element(selector) + "/click"), Map.of());
    }

    /** Clears the input field a CSS selector finds and types {@code text} into it. */
    public void type(String selector, String text) throws IOException, InterruptedException {
        String id = element(selector);
        call("POST", sessionPath("/element/" + id + "/clear"), Map.of());
        call("POST", sessionPath("/element/" + id + "/value"), Map.of("text", text));
    }

    private String element(String selector) throws IOException, InterruptedException {
        Map<?, ?> ref = (Map<?, ?>) call("POST", sessionPath("/element"),
                Map.of("using", "css selector", "value", selector));
        return (String) ref.get(ELEMENT_KEY);
    }

    private String sessionPath(String path) {
        if (session == null) {
            throw new IllegalStateException("no session");
        }
        return "/session/" + session + path;
    }

    /** One WebDriver command; returns its {@code value}, or throws with the error WebDriver reported. */
    private Object call(String method, String path, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(CALL_TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(toJson(body)));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        Object parsed;
        try {
            parsed = Json.parse(r.body());
        } catch (RuntimeException e) {
            throw new IOException("WebDriver " + method + " " + path + ": HTTP " + r.statusCode() + ", not JSON: "
                    + abbreviate(r.body()));
        }
        Object value = parsed instanceof Map<?, ?> m ? m.get("value") : null;
        if (r.statusCode() != 200) {
            String error = value instanceof Map<?, ?> e ? e.get("error") + ": " + e.get("message") : r.body();
            throw new IOException("WebDriver " + method + " " + path + ": HTTP " + r.statusCode() + ", "
                    + abbreviate(error) + "\nchromedriver output:\n" + driver.output());
        }
        return value;
    }

    /** Ends the session (the browser quits), then stops chromedriver and everything it started. */
    @Override
    public void close() {
        try {
            if (session != null) {
                call("DELETE", "/session/" + session, null);
            }
        } catch (IOException | RuntimeException e) {
            // the processes are killed below anyway
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            session = null;
            driver.close();
            deleteTree(profile);
        }
    }

    private static Path browser() {
        return executable("itest.chromium", "chromium", "chromium-browser");
    }

    private static Path chromedriver() {
        return executable("itest.chromedriver", "chromedriver");
    }

    /** The executable a system property names, else the first of {@code names} on the PATH. */
    private static Path executable(String property, String... names) {
        String configured = System.getProperty(property, "");
        if (!configured.isBlank()) {
            Path p = Path.of(configured);
            return Files.isExecutable(p) ? p : null;
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : names) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    Path p = Path.of(dir, name);
                    if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                        return p;
                    }
                }
            }
        }
        return null;
    }

    private static String abbreviate(String s) {
        return s.length() <= 2000 ? s : s.substring(0, 2000) + "...";
    }

    /** Writes maps, lists, strings, numbers, booleans and null as JSON. */
    static String toJson(Object o) {
        if (o == null) {
            return "null";
        }
        if (o instanceof String s) {
            return Json.quote(s);
        }
        if (o instanceof Number || o instanceof Boolean) {
            return o.toString();
        }
        if (o instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (b.length() > 1) {
                    b.append(',');
                }
                b.append(Json.quote(String.valueOf(e.getKey()))).append(':').append(toJson(e.getValue()));
            }
            return b.append('}').toString();
        }
        if (o instanceof List<?> l) {
            StringBuilder b = new StringBuilder("[");
            for (Object e : l) {
                if (b.length() > 1) {
                    b.append(',');
                }
                b.append(toJson(e));
            }
            return b.append(']').toString();
        }
        throw new IllegalArgumentException("cannot write " + o.getClass() + " as JSON");
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory: best effort
        }
    }
}
