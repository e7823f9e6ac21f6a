package net.websocket.cluster.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.websocket.cluster.BrokerException;
import net.websocket.cluster.Delivery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The DS component as Declarative Services sees it: its generated descriptor (service, PID, policy), and its
 * activation from a configuration's properties (here without a framework: the configuration is a proxy of the
 * component property type, as SCR makes it).
 */
@Timeout(30)
class TopicsComponentTest {

    @Test
    void theDescriptorOffersTopicsConfiguredByThePid() throws IOException {
        String xml;
        try (InputStream in = getClass().getClassLoader()
                .getResourceAsStream("OSGI-INF/" + TopicsComponent.class.getName() + ".xml")) {
            assertNotNull(in, "bnd generated the component descriptor");
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertTrue(xml.contains("configuration-pid=\"net.websocket.cluster\""), xml);
        assertTrue(xml.contains("configuration-policy=\"optional\""), xml);
        assertTrue(xml.contains("<provide interface=\"net.websocket.cluster.Topics\"/>"), xml);
    }

    @Test
    void withoutAConfigurationTheTopicsAreInTheJvm() {
        TopicsComponent component = activate(Map.of());
        try {
            assertTrue(component.isConnected());
            assertEquals(0, component.subscriberCount("chat"));
            assertEquals(Delivery.FIRE_AND_FORGET, component.delivery("orders"));
            component.publish("chat", "nobody listens");
        } finally {
            component.deactivate();
        }
    }

    @Test
    void aRedisConfigurationOpensRedisTopicsAndItsDeactivationClosesThem() {
        TopicsComponent component = activate(Map.of("broker", "redis://127.0.0.1:1",
                "atLeastOnceTopics", new String[] {"orders*"}, "slowSubscriberPolicy", "CLOSE",
                "reconnectDelayMillis", 50L));
        try {
            assertFalse(component.isConnected(), "nothing listens on port 1");
            assertEquals(Delivery.AT_LEAST_ONCE, component.delivery("orders-eu"));
            assertThrows(BrokerException.class, () -> component.publish("orders-eu", "lost"));
        } finally {
            component.deactivate();
        }
        assertThrows(IllegalStateException.class, () -> component.publish("chat", "after deactivation"));
    }

    @Test
    void anUnknownPolicyIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> activate(Map.of("slowSubscriberPolicy", "WAIT")));
    }

    private static TopicsComponent activate(Map<String, Object> properties) {
        TopicsComponent.Config config = (TopicsComponent.Config) Proxy.newProxyInstance(
                TopicsComponent.Config.class.getClassLoader(), new Class<?>[] {TopicsComponent.Config.class},
                (proxy, method, args) -> properties.containsKey(method.getName())
                        ? properties.get(method.getName()) : method.getDefaultValue());
        TopicsComponent component = new TopicsComponent();
        component.activate(config);
        return component;
    }
}
