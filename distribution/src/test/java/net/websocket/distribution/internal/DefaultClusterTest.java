package net.websocket.distribution.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The configuration {@code ./ws serve --cluster BROKER} writes: the broker's password goes in the private property
 * {@code .password}, never in {@code broker}, which the services may show. Config Admin and the bundle context are
 * proxies that keep what they are given.
 */
class DefaultClusterTest {

    @Test
    void aPasswordInTheBrokerGoesInThePrivateProperty() throws Exception {
        Dictionary<String, Object> written = write("redis://app:s3cret@127.0.0.1:6380");
        assertEquals("redis://app@127.0.0.1:6380", written.get(DefaultCluster.BROKER));
        assertEquals("s3cret", written.get(DefaultCluster.PASSWORD));

        written = write("redis://:s3cret@127.0.0.1:6380");
        assertEquals("redis://127.0.0.1:6380", written.get(DefaultCluster.BROKER));
        assertEquals("s3cret", written.get(DefaultCluster.PASSWORD));
    }

    @Test
    void aBrokerWithoutAPasswordIsWrittenAsItIs() throws Exception {
        Dictionary<String, Object> written = write("redis://127.0.0.1:6379");
        assertEquals("redis://127.0.0.1:6379", written.get(DefaultCluster.BROKER));
        assertNull(written.get(DefaultCluster.PASSWORD));
    }

    @SuppressWarnings("unchecked")
    private static Dictionary<String, Object> write(String broker) throws Exception {
        AtomicReference<Dictionary<String, Object>> written = new AtomicReference<>();
        Configuration configuration = (Configuration) Proxy.newProxyInstance(
                DefaultClusterTest.class.getClassLoader(), new Class<?>[] {Configuration.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("update") && args != null && args.length == 1) {
                        written.set((Dictionary<String, Object>) args[0]);
                    }
                    return null;
                });
        ConfigurationAdmin admin = (ConfigurationAdmin) Proxy.newProxyInstance(
                DefaultClusterTest.class.getClassLoader(), new Class<?>[] {ConfigurationAdmin.class},
                (proxy, method, args) -> method.getName().equals("getConfiguration") ? configuration : null);
        BundleContext context = (BundleContext) Proxy.newProxyInstance(
                DefaultClusterTest.class.getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> method.getName().equals("getProperty")
                        && DefaultCluster.BROKER_PROPERTY.equals(args[0]) ? broker : null);
        new DefaultCluster(admin, context);
        return written.get();
    }
}
