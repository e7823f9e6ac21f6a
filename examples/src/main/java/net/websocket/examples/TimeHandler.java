package net.websocket.examples;

import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.TimeoutException;

import net.websocket.api.Connection;
import net.websocket.api.ConnectionClosedException;
import net.websocket.api.Handler;

/**
 * The time server: sends the current time as text (ISO-8601 with the local
 * offset, e.g. {@code 2024-05-01T12:00:03.001+02:00}) at once and then every second, on a fixed schedule, until the
 * client closes. Messages from the client are read and ignored, so a client may send keepalive text.
 */
public final class TimeHandler implements Handler {
    /** The time between two messages. */
    public static final Duration PERIOD = Duration.ofSeconds(1);

    @Override
    public void handle(Connection c) throws IOException {
        long next = System.nanoTime();
        try {
            while (true) {
                c.sendText(now());
                next += PERIOD.toNanos();
                // Wait for the next tick, reading (and ignoring) whatever the client sends meanwhile.
                long wait;
                while ((wait = next - System.nanoTime()) > 0) {
                    try {
                        if (c.receive(Duration.ofNanos(wait)) == null) {
                            return; // the client closed
                        }
                    } catch (TimeoutException tick) {
                        break;
                    }
                }
            }
        } catch (ConnectionClosedException gone) {
            // closed while we were sending: done
        }
    }

    /** @return the current time as this handler sends it */
    public static String now() {
        return OffsetDateTime.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
