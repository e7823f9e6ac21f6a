package net.websocket.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The acceptor on its own: a failure of any kind while accepting pauses accepting and drops that one socket; the
 * listening socket stays open and accepting resumes. And which of a run of failures is reported.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AcceptorTest {

    @Test
    void aFailureOfAnyKindPausesAcceptingAndItResumesWithTheListeningSocketOpen() throws Exception {
        IoLoop loop = new IoLoop("acceptor-loop", true, 0);
        loop.start();
        try (ServerSocketChannel listening = ServerSocketChannel.open()) {
            listening.bind(new InetSocketAddress("127.0.0.1", 0));
            listening.configureBlocking(false);
            int port = ((InetSocketAddress) listening.getLocalAddress()).getPort();
            AtomicInteger offered = new AtomicInteger();
            BlockingQueue<SocketChannel> taken = new LinkedBlockingQueue<>();
            Acceptor acceptor = new Acceptor(listening, loop, ch -> {
                switch (offered.getAndIncrement()) {
                    case 0 -> throw new OutOfMemoryError("test: the hand-over failed with an error");
                    case 1 -> throw new IllegalStateException("test: the hand-over failed with an exception");
                    default -> taken.add(ch);
                }
            }, () -> true);
            CompletableFuture<Void> registered = new CompletableFuture<>();
            loop.execute(() -> {
                try {
                    acceptor.register();
                    registered.complete(null);
                } catch (Exception e) {
                    registered.completeExceptionally(e);
                }
            });
            registered.get(5, TimeUnit.SECONDS);

            for (int i = 0; i < 2; i++) {
                try (Socket dropped = new Socket("127.0.0.1", port)) {
                    dropped.setSoTimeout(10_000);
                    assertEquals(-1, dropped.getInputStream().read(), "the socket whose hand-over failed is closed");
                }
            }
            try (Socket kept = new Socket("127.0.0.1", port)) {
                SocketChannel ch = taken.poll(10, TimeUnit.SECONDS);
                assertNotNull(ch, "accepting resumed after the pause");
                ch.close();
            }
            assertTrue(listening.isOpen(), "only the server's closing closes the listening socket");
            assertEquals(3, offered.get());
        } finally {
            loop.shutdown();
            assertTrue(loop.join(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void aFailureIsReportedFirstThenAtMostOncePerIntervalWithTheCountLeftOut() {
        ReportThrottle r = new ReportThrottle(1000);
        assertEquals(0, r.failure(5_000));
        assertEquals(-1, r.failure(5_001));
        assertEquals(-1, r.failure(5_999));
        assertEquals(2, r.failure(6_000));
        assertEquals(0, r.failure(10_000));
        assertEquals(-1, r.failure(10_500));
        assertEquals(1, r.failure(Long.MAX_VALUE));
        assertEquals(-1, r.failure(Long.MIN_VALUE), "the clock may wrap");
    }
}
