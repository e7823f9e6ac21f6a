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
import java.util.regex.Pattern;
import net.websocket.cluster.BrokerException;
import net.websocket.cluster.ClusterOptions;
import net.websocket.cluster.Delivery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The DS component as Declarative Services sees it: its generated descriptor (PID, policy) and MetaType, and its
 * activation from a configuration's properties (here without a framework: the configuration is a proxy of the
 * component property type, as SCR makes it).
 */
@Timeout(30)
class TopicsComponentTest {

    @Test
    void theDescriptorTakesThePidAndTheServiceIsRegisteredByTheComponent() throws IOException {
        String xml = resource("OSGI-INF/" + TopicsComponent.class.getName() + ".xml");
        assertTrue(xml.contains("configuration-pid=\"net.websocket.cluster\""), xml);
        assertTrue(xml.contains("configuration-policy=\"optional\""), xml);
        assertTrue(xml.contains("immediate=\"true\""), xml);
        // no service of Declarative Services': it would publish the configuration's properties
        assertFalse(xml.contains("<provide"), xml);
    }

    @Test
    void theMetaTypeMakesThePasswordASecretPrivateProperty() throws IOException {
        String xml = resource("OSGI-INF/metatype/net.websocket.cluster.xml");
        assertTrue(xml.contains("<Designate pid=\"net.websocket.cluster\""), xml);
        assertTrue(Pattern.compile("<AD [^>]*id=\"\\.password\"[^>]*type=\"Password\"").matcher(xml).find()
                || Pattern.compile("<AD [^>]*type=\"Password\"[^>]*id=\"\\.password\"").matcher(xml).find(), xml);
    }

    @Test
    void aPasswordIsKeptOutOfTheBrokerAndOutOfErrors() {
        TopicsComponent component = new TopicsComponent();
        try {
            ClusterOptions options = component.open(config(Map.of("broker", "redis://app:hidden@127.0.0.1:1",
                    "reconnectDelayMillis", 50L)));
            assertEquals("redis://app@127.0.0.1:1", options.broker().toString());
            assertEquals("hidden", options.password().orElseThrow());
            BrokerException e = assertThrows(BrokerException.class, () -> component.publish("chat", "lost"));
            assertFalse(e.getMessage().contains("hidden"), e.getMessage());
        } finally {
            component.deactivate();
        }
        TopicsComponent other = new TopicsComponent();
        try {
            ClusterOptions options = other.open(config(Map.of("broker", "redis://127.0.0.1:1", "_password",
                    "hidden", "reconnectDelayMillis", 50L)));
            assertEquals("redis://127.0.0.1:1", options.broker().toString());
            assertEquals("hidden", options.password().orElseThrow());
        } finally {
            other.deactivate();
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TopicsComponent().open(config(Map.of("broker", "redis://app:hid den@127.0.0.1:1"))));
        assertFalse(e.getMessage().contains("hid den"), e.getMessage());
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = TopicsComponentTest.class.getClassLoader().getResourceAsStream(name)) {
            assertNotNull(in, "bnd generated " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
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
        TopicsComponent component = new TopicsComponent();
        component.open(config(properties));
        return component;
    }

    /** The configuration as SCR makes it: a proxy of the component property type, here keyed by method name. */
    private static TopicsComponent.Config config(Map<String, Object> properties) {
        return (TopicsComponent.Config) Proxy.newProxyInstance(
                TopicsComponent.Config.class.getClassLoader(), new Class<?>[] {TopicsComponent.Config.class},
                (proxy, method, args) -> properties.containsKey(method.getName())
                        ? properties.get(method.getName()) : method.getDefaultValue());
    }
}
