package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import net.websocket.api.Connection;
import net.websocket.api.Listener;
import net.websocket.api.Message;
import net.websocket.api.PayloadType;
import net.websocket.api.WebSocketClient;
import net.websocket.api.WebSocketServer;
import net.websocket.nio.WebSockets;

/**
 * Large binary messages through a listener, which assembles them and sends them back: sizes that change from one
 * message to the next (an assembly sized after the previous message, too small or far too large), messages in one
 * frame and in fragments, each echo compared byte for byte.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class LargeMessagesTest {

    private static final long LIMIT = 8L << 20;

    /** Echoes binary messages, and records the length of the array behind each buffer it was given. */
    static final class Echo implements Listener {
        final LinkedBlockingQueue<Integer> arrays = new LinkedBlockingQueue<>();

        @Override
        public void onBinary(Connection c, ByteBuffer data) throws Exception {
            arrays.add(data.hasArray() ? data.array().length : data.capacity());
            c.sendBinary(data);
        }
    }

    @Test
    void largeMessagesOfChangingSizesComeBackIntact() throws Exception {
        Echo echo = new Echo();
        Random random = new Random(6455);
        WebSocketClient client = WebSockets.client(ClientOptions.builder().closeTimeout(Duration.ofSeconds(3))
                .maxFrameSize(LIMIT).maxMessageSize(LIMIT).build());
        try (WebSocketServer s = WebSockets.serve(TestSupport.options().maxFrameSize(LIMIT).maxMessageSize(LIMIT)
                .build(), echo);
                Connection c = client.connect(TestSupport.uri(s, "/"))) {
            int[] sizes = {3 << 20, 3 << 20, 70_000, 5 << 20, 100, 1 << 20, 200_000, 0, 65_537};
            for (int i = 0; i < sizes.length; i++) {
                byte[] data = new byte[sizes[i]];
                random.nextBytes(data);
                boolean fragmented = i % 2 == 1;
                if (fragmented) {
                    int half = data.length / 2;
                    c.sendFragment(PayloadType.BINARY, ByteBuffer.wrap(data, 0, half), false);
                    c.sendFragment(PayloadType.CONTINUATION, ByteBuffer.wrap(data, half, data.length - half), true);
                } else {
                    c.sendBinary(data);
                }
                Message m = c.receive();
                assertTrue(m.isBinary());
                assertArrayEquals(data, m.bytes(), "message " + i + " of " + sizes[i] + " bytes");
                int array = echo.arrays.poll(10, TimeUnit.SECONDS);
                // the listener keeps the buffer: an assembly sized after an earlier, larger message is cut down
                assertTrue(array >= sizes[i] && array <= Math.max(2L * sizes[i], 256),
                        "message " + i + " of " + sizes[i] + " bytes came in an array of " + array);
            }
        }
    }
}
