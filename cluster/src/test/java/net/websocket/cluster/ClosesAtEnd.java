package net.websocket.cluster;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/** A test that closes what it opened (servers, clients, topics, deployments) after each test, the last first. */
abstract class ClosesAtEnd {
    private final List<AutoCloseable> closeAtEnd = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeAtEnd.size() - 1; i >= 0; i--) {
            closeAtEnd.get(i).close();
        }
    }

    /** {@return the resource, to be closed after the test} */
    <T extends AutoCloseable> T closeLater(T resource) {
        closeAtEnd.add(resource);
        return resource;
    }
}
