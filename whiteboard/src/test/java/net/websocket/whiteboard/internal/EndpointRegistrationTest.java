package net.websocket.whiteboard.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import net.websocket.api.Connection;
import net.websocket.api.Endpoint;
import net.websocket.api.Listener;

/** The wrapper a server routes to says what the listener service says of itself: non-blocking, borrowing. */
class EndpointRegistrationTest {

    private static final class Borrower implements Listener.BorrowsBuffers {
        final List<ByteBuffer> seen = new ArrayList<>();

        @Override
        public void onBinary(Connection connection, ByteBuffer data) {
            seen.add(data);
        }
    }

    private static Endpoint wrapped(Listener listener) {
        // the wrapper only keeps the server and registry for onOpen, which is not called here
        return EndpointRegistration.listener(1, 2, listener, null).endpointFor(null, null);
    }

    @Test
    void aBorrowingListenerStaysBorrowingAndNonBlockingBehindTheWrapper() throws Exception {
        Borrower borrower = new Borrower();
        Endpoint e = wrapped(borrower);
        assertInstanceOf(Listener.BorrowsBuffers.class, e);
        assertInstanceOf(Listener.NonBlocking.class, e);
        ByteBuffer data = ByteBuffer.wrap(new byte[] {1, 2, 3});
        ((Listener) e).onBinary(null, data);
        assertSame(data, borrower.seen.get(0), "the buffer itself is passed on, not a copy");
    }

    @Test
    void aNonBlockingListenerStaysNonBlockingButDoesNotBorrow() {
        Endpoint e = wrapped(new Listener.NonBlocking() {
        });
        assertInstanceOf(Listener.NonBlocking.class, e);
        assertFalse(e instanceof Listener.BorrowsBuffers);
    }

    @Test
    void aPlainListenerStaysPlain() {
        Endpoint e = wrapped(new Listener() {
        });
        assertInstanceOf(Listener.class, e);
        assertFalse(e instanceof Listener.NonBlocking);
    }
}
