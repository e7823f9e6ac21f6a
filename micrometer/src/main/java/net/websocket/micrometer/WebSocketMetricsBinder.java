package net.websocket.micrometer;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;

import net.websocket.api.WebSocketClient;
import net.websocket.api.WebSocketMetrics;
import net.websocket.api.WebSocketMetrics.RefusalReason;
import net.websocket.api.WebSocketServer;

/**
 * Binds the {@link WebSocketMetrics} of a server or a client to a Micrometer {@link MeterRegistry}: every meter reads
 * the live metrics when the registry asks, so nothing is counted twice and nothing runs on the connections' path.
 *
 * <pre>{@code
 * new WebSocketMetricsBinder(server, "chat").bindTo(registry);   // tags side=server, name=chat
 * new WebSocketMetricsBinder(client).bindTo(registry);           // tags side=client, name=client
 * }</pre>
 *
 * <p>The meters (with the binder's tags on each):
 * <table>
 * <caption>Meters</caption>
 * <tr><th>name</th><th>type</th><th>tags</th><th>what</th></tr>
 * <tr><td>{@code websocket.connections.open}</td><td>gauge</td><td></td><td>connections open now</td></tr>
 * <tr><td>{@code websocket.handshakes.accepted}</td><td>counter</td><td></td><td>handshakes that became
 * connections</td></tr>
 * <tr><td>{@code websocket.handshakes.refused}</td><td>counter</td><td>{@code reason}: {@code bad_request},
 * {@code no_route}, {@code origin}, {@code hook}, {@code limits}, {@code timeout}, {@code tls}, {@code rejected},
 * {@code error}, {@code dropped}</td><td>handshakes without a connection ({@link RefusalReason})</td></tr>
 * <tr><td>{@code websocket.messages}</td><td>counter</td><td>{@code direction}: {@code received}, {@code sent}</td>
 * <td>whole messages</td></tr>
 * <tr><td>{@code websocket.payload}</td><td>counter (bytes)</td><td>{@code direction}</td><td>payload bytes of data
 * frames</td></tr>
 * <tr><td>{@code websocket.connections.closed}</td><td>counter</td><td>{@code code}: each of
 * {@link #CLOSE_CODES}, or {@code other}</td><td>connections that ended, by close code</td></tr>
 * <tr><td>{@code websocket.pings}, {@code websocket.pongs}</td><td>counter</td><td>{@code direction}</td><td>control
 * frames</td></tr>
 * <tr><td>{@code websocket.keepalive.failures}</td><td>counter</td><td></td><td>connections dropped after an
 * unanswered keepalive ping</td></tr>
 * <tr><td>{@code websocket.queued.outbound}</td><td>gauge (bytes)</td><td></td><td>bytes waiting to be sent
 * now</td></tr>
 * <tr><td>{@code websocket.handshake.duration}, {@code websocket.close.duration}</td><td>function timer, and a
 * {@code .max} time gauge</td><td></td><td>accepted opening handshakes; closing handshakes</td></tr>
 * </table>
 * Close codes are tagged with a fixed set, so that peers choosing codes cannot multiply the meters. The registry holds
 * the metrics weakly, as Micrometer does for function meters: the meters read them as long as the server or client
 * that holds them lives.
 */
public final class WebSocketMetricsBinder implements MeterBinder {

    /** The close codes that get a {@code code} tag of their own; the others are counted under {@code other}. */
    public static final List<Integer> CLOSE_CODES = List.of(1000, 1001, 1002, 1003, 1005, 1006, 1007, 1008, 1009,
            1010, 1011, 1012, 1013, 1014, 1015);

    private final WebSocketMetrics metrics;
    private final Tags tags;

    /**
     * Meters for any metrics, with the given tags. Give every binder of one registry the same tag keys (Prometheus
     * wants one set of keys per meter name); the other constructors tag {@code side} and {@code name}.
     *
     * @param metrics the metrics to read
     * @param tags    tags for every meter
     */
    public WebSocketMetricsBinder(WebSocketMetrics metrics, Iterable<Tag> tags) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.tags = Tags.of(Objects.requireNonNull(tags, "tags"));
    }

    /**
     * Meters for a server, tagged {@code side=server} and {@code name=<its port>}.
     *
     * @param server the server
     */
    public WebSocketMetricsBinder(WebSocketServer server) {
        this(server, Integer.toString(server.port()));
    }

    /**
     * Meters for a server, tagged {@code side=server} and {@code name=<name>}.
     *
     * @param server the server
     * @param name   what tells it from the other servers and clients in the registry
     */
    public WebSocketMetricsBinder(WebSocketServer server, String name) {
        this(server.metrics(), Tags.of("side", "server", "name", name));
    }

    /**
     * Meters for a client, tagged {@code side=client} and {@code name=client}.
     *
     * @param client the client
     */
    public WebSocketMetricsBinder(WebSocketClient client) {
        this(client, "client");
    }

    /**
     * Meters for a client, tagged {@code side=client} and {@code name=<name>}.
     *
     * @param client the client
     * @param name   what tells it from the other servers and clients in the registry
     */
    public WebSocketMetricsBinder(WebSocketClient client, String name) {
        this(client.metrics(), Tags.of("side", "client", "name", name));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        WebSocketMetrics m = metrics;
        gauge(registry, "websocket.connections.open", "WebSocket connections open now", null,
                x -> x.openConnections());
        counter(registry, "websocket.handshakes.accepted", "opening handshakes that became connections", null,
                Tags.empty(), WebSocketMetrics::handshakesAccepted);
        for (RefusalReason reason : RefusalReason.values()) {
            counter(registry, "websocket.handshakes.refused", "opening handshakes that ended without a connection",
                    null, Tags.of("reason", reason.name().toLowerCase(Locale.ROOT)),
                    x -> x.handshakesRefused(reason));
        }
        counter(registry, "websocket.messages", "whole WebSocket messages", null, Tags.of("direction", "received"),
                WebSocketMetrics::messagesReceived);
        counter(registry, "websocket.messages", "whole WebSocket messages", null, Tags.of("direction", "sent"),
                WebSocketMetrics::messagesSent);
        counter(registry, "websocket.payload", "payload bytes of WebSocket data frames", BaseUnits.BYTES,
                Tags.of("direction", "received"), WebSocketMetrics::bytesReceived);
        counter(registry, "websocket.payload", "payload bytes of WebSocket data frames", BaseUnits.BYTES,
                Tags.of("direction", "sent"), WebSocketMetrics::bytesSent);
        for (int code : CLOSE_CODES) {
            counter(registry, "websocket.connections.closed", "connections that ended, by close code", null,
                    Tags.of("code", Integer.toString(code)), x -> x.closeCodes().getOrDefault(code, 0L));
        }
        counter(registry, "websocket.connections.closed", "connections that ended, by close code", null,
                Tags.of("code", "other"), WebSocketMetricsBinder::otherCloseCodes);
        counter(registry, "websocket.pings", "ping frames", null, Tags.of("direction", "received"),
                WebSocketMetrics::pingsReceived);
        counter(registry, "websocket.pings", "ping frames", null, Tags.of("direction", "sent"),
                WebSocketMetrics::pingsSent);
        counter(registry, "websocket.pongs", "pong frames", null, Tags.of("direction", "received"),
                WebSocketMetrics::pongsReceived);
        counter(registry, "websocket.pongs", "pong frames", null, Tags.of("direction", "sent"),
                WebSocketMetrics::pongsSent);
        counter(registry, "websocket.keepalive.failures", "connections dropped after an unanswered keepalive ping",
                null, Tags.empty(), WebSocketMetrics::keepaliveFailures);
        gauge(registry, "websocket.queued.outbound", "bytes queued for sending on the open connections",
                BaseUnits.BYTES, x -> x.queuedOutboundBytes());
        FunctionTimer.builder("websocket.handshake.duration", m, x -> x.handshakeTimes().count(),
                x -> x.handshakeTimes().total().toNanos(), TimeUnit.NANOSECONDS)
                .description("accepted opening handshakes").tags(tags).register(registry);
        TimeGauge.builder("websocket.handshake.duration.max", m, TimeUnit.NANOSECONDS,
                x -> x.handshakeTimes().max().toNanos())
                .description("the longest accepted opening handshake").tags(tags).register(registry);
        FunctionTimer.builder("websocket.close.duration", m, x -> x.closeTimes().count(),
                x -> x.closeTimes().total().toNanos(), TimeUnit.NANOSECONDS)
                .description("closing handshakes").tags(tags).register(registry);
        TimeGauge.builder("websocket.close.duration.max", m, TimeUnit.NANOSECONDS,
                x -> x.closeTimes().max().toNanos())
                .description("the longest closing handshake").tags(tags).register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description, String unit,
            ToDoubleFunction<WebSocketMetrics> value) {
        Gauge.builder(name, metrics, value).description(description).baseUnit(unit).tags(tags).register(registry);
    }

    private void counter(MeterRegistry registry, String name, String description, String unit, Tags more,
            ToDoubleFunction<WebSocketMetrics> count) {
        FunctionCounter.builder(name, metrics, count).description(description).baseUnit(unit).tags(tags).tags(more)
                .register(registry);
    }

    /** The connections closed with a code that has no tag of its own. */
    private static double otherCloseCodes(WebSocketMetrics m) {
        long n = 0;
        for (Map.Entry<Integer, Long> e : m.closeCodes().entrySet()) {
            if (!CLOSE_CODES.contains(e.getKey())) {
                n += e.getValue();
            }
        }
        return n;
    }
}
