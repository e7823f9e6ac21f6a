package net.websocket.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import net.websocket.api.CloseCodes;
import net.websocket.api.Handler;
import net.websocket.api.PayloadType;
import net.websocket.api.WebSocketServer;

/**
 * Control frames sent from several threads while another sends fragmented messages, read by the JDK's own client
 * (which fails the connection on any framing fault): each ping goes out whole, between frames, and gets the JDK's pong,
 * and every message arrives as sent. A ping finds the control queue empty and the send lock free most of the time
 * (it is then encoded at once) or held by the sender (it then waits in the queue).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ControlInterleavingTest {

    private static final int MESSAGES = 60;
    private static final int FRAGMENTS = 8;
    private static final int FRAGMENT_BYTES = 1500;
    private static final int PINGERS = 2;
    private static final int PINGS_EACH = 200;

    private static byte[] message(int m) {
        byte[] b = new byte[FRAGMENTS * FRAGMENT_BYTES];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (m * 31 + i * 7);
        }
        return b;
    }

    @Test
    void pingsFromOtherThreadsWhileFragmentedMessagesGoOutAreAllAnsweredAndNothingIsTorn() throws Exception {
        CompletableFuture<Integer> pongs = new CompletableFuture<>();
        Handler handler = c -> {
            List<CompletableFuture<?>> answered = new ArrayList<>();
            List<Thread> pingers = new ArrayList<>();
            for (int t = 0; t < PINGERS; t++) {
                int id = t;
                Thread p = new Thread(() -> {
                    try {
                        for (int i = 0; i < PINGS_EACH; i++) {
                            CompletableFuture<?> f = c.ping(ByteBuffer.wrap(new byte[] {(byte) id, (byte) i}))
                                    .toCompletableFuture();
                            synchronized (answered) {
                                answered.add(f);
                            }
                        }
                    } catch (Exception e) {
                        pongs.completeExceptionally(e);
                    }
                }, "pinger-" + t);
                pingers.add(p);
                p.start();
            }
            for (int m = 0; m < MESSAGES; m++) {
                byte[] b = message(m);
                for (int f = 0; f < FRAGMENTS; f++) {
                    c.sendFragment(f == 0 ? PayloadType.BINARY : PayloadType.CONTINUATION,
                            ByteBuffer.wrap(b, f * FRAGMENT_BYTES, FRAGMENT_BYTES), f == FRAGMENTS - 1);
                }
            }
            for (Thread p : pingers) {
                p.join();
            }
            CompletableFuture<?>[] all;
            synchronized (answered) {
                all = answered.toArray(new CompletableFuture<?>[0]);
            }
            CompletableFuture.allOf(all).get(30, TimeUnit.SECONDS);
            pongs.complete(all.length);
            c.sendText("done");
            c.close(CloseCodes.NORMAL, "");
        };
        try (WebSocketServer s = TestSupport.serve(handler)) {
            LinkedBlockingQueue<byte[]> messages = new LinkedBlockingQueue<>();
            CompletableFuture<String> done = new CompletableFuture<>();
            java.net.http.WebSocket.Listener l = new java.net.http.WebSocket.Listener() {
                private final ByteArrayOutputStream open = new ByteArrayOutputStream();

                @Override
                public CompletionStage<?> onBinary(java.net.http.WebSocket ws, ByteBuffer data, boolean last) {
                    byte[] b = new byte[data.remaining()];
                    data.get(b);
                    open.writeBytes(b);
                    if (last) {
                        messages.add(open.toByteArray());
                        open.reset();
                    }
                    ws.request(1);
                    return null;
                }

                @Override
                public CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence data, boolean last) {
                    done.complete(data.toString());
                    ws.request(1);
                    return null;
                }

                @Override
                public void onError(java.net.http.WebSocket ws, Throwable error) {
                    done.completeExceptionally(error);
                }
            };
            java.net.http.WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(TestSupport.uri(s, "/"), l).get(10, TimeUnit.SECONDS);
            assertEquals(PINGERS * PINGS_EACH, pongs.get(40, TimeUnit.SECONDS), "every ping got its pong");
            assertEquals("done", done.get(10, TimeUnit.SECONDS));
            assertEquals(MESSAGES, messages.size());
            for (int m = 0; m < MESSAGES; m++) {
                assertArrayEquals(message(m), messages.poll(), "message " + m);
            }
            ws.abort();
        }
    }
}
