package net.websocket.whiteboard.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/** The one tracker of every kind of whiteboard service, with a kind that records what it is asked. */
class TrackedServicesTest {

    private final Object lock = new Object();
    private final List<String> log = new ArrayList<>();
    private final TrackedServices<String, String> services = new TrackedServices<>(lock,
            new TrackedServices.Kind<>() {
                @Override
                public String added(String service, Map<String, Object> props) {
                    log.add("added " + service + (Thread.holdsLock(lock) ? " (locked)" : ""));
                    return service + "@" + props.get("v");
                }

                @Override
                public String modified(String tracked, String service, Map<String, Object> props) {
                    log.add("modified " + tracked);
                    return service + "@" + props.get("v");
                }

                @Override
                public void removed(String tracked) {
                    log.add("removed " + tracked + (Thread.holdsLock(lock) ? " (locked)" : ""));
                }
            }, this::changed);

    private void changed() {
        log.add("changed " + new TreeSet<>(services.values()) + (Thread.holdsLock(lock) ? "" : " (unlocked)"));
    }

    private static Map<String, Object> props(long id, int v) {
        return Map.of(ServiceProps.SERVICE_ID, id, "v", v);
    }

    @Test
    void tracksByServiceIdAndTellsTheKindAndTheWhiteboard() {
        services.add("a", props(1, 1));
        services.add("b", props(2, 1));
        services.modify("a", props(1, 2));
        services.modify("c", props(3, 1)); // not tracked: nothing happens
        services.remove("a", props(1, 2));
        services.remove("a", props(1, 2)); // gone already: the whiteboard rebuilds, the kind hears nothing
        assertEquals(List.of(
                "added a", "changed [a@1]",
                "added b", "changed [a@1, b@1]",
                "modified a@1", "changed [a@2, b@1]",
                "changed [b@1]", "removed a@2",
                "changed [b@1]"), log);
        assertFalse(Thread.holdsLock(lock));
    }
}
