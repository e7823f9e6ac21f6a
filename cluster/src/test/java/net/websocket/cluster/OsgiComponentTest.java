package net.websocket.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * The bundle in a real Felix framework with Declarative Services and Config Admin, beside Jedis and its dependencies:
 * it resolves, offers {@link Topics} in one JVM without a configuration, and a configuration {@code
 * net.websocket.cluster} naming a Redis broker (a redis-server the test starts, which asks for a password) replaces
 * it with topics connected to Redis; the password, in the private property {@code .password} or in the broker's
 * address, is a property of no service. Services of the framework are called through reflection, since the test's class path has its own copies.
 */
@Timeout(120)
class OsgiComponentTest {
    /** The broker's password: no service may show it. */
    private static final String SECRET = "s3cret-of-the-broker";

    @Test
    void theComponentOffersTopicsAndAConfigurationConnectsThemToRedis() throws Exception {
        Optional<Path> redisServer = Deployment.binary("redis-server");
        Assumptions.assumeTrue(redisServer.isPresent(),
                "redis-server is not installed (apt-get install -y redis-server, or scripts/install-peers): skipped");
        Path work = Paths.get("target", "osgi-test", Long.toString(System.nanoTime()));
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, work.resolve("fw").toAbsolutePath().toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        Framework framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow()
                .newFramework(config);
        framework.init();
        framework.start();
        try (Deployment deployment = new Deployment(work)) {
            BundleContext context = framework.getBundleContext();
            List<Bundle> bundles = new ArrayList<>();
            for (Path jar : bundleJars()) {
                bundles.add(context.installBundle(jar.toUri().toString()));
            }
            // this module's bundle: the classes directory bnd wrote the manifest and the DS descriptor into
            bundles.add(context.installBundle("reference:" + Paths.get("target", "classes").toUri()));
            for (Bundle b : bundles) {
                b.start();
            }

            Object local = await(context, t -> true);
            assertEquals(true, call(local, "isConnected"));
            assertEquals("FIRE_AND_FORGET", call(local, "delivery", "orders").toString());

            int port = Deployment.freePort();
            deployment.redis(redisServer.get(), port, "requirepass " + SECRET);
            Object cm = context.getService(awaitReference(context, "org.osgi.service.cm.ConfigurationAdmin"));
            Object configuration = cm.getClass().getMethod("getConfiguration", String.class, String.class)
                    .invoke(cm, "net.websocket.cluster", "?");
            Dictionary<String, Object> properties = new Hashtable<>();
            properties.put("broker", "redis://127.0.0.1:" + port);
            properties.put(".password", SECRET);
            properties.put("atLeastOnceTopics", new String[] {"orders*"});
            configuration.getClass().getMethod("update", Dictionary.class).invoke(configuration, properties);

            Object redis = await(context, t -> t != local && Boolean.TRUE.equals(call(t, "isConnected")));
            assertNotSame(local, redis);
            assertEquals("AT_LEAST_ONCE", call(redis, "delivery", "orders").toString());
            call(redis, "publish", "orders", "acknowledged by Redis");
            assertNoServiceShows(context, SECRET);
            assertEquals("redis://127.0.0.1:" + port,
                    context.getAllServiceReferences(Topics.class.getName(), null)[0].getProperty("broker"));

            // the password in the address: accepted, and still shown nowhere (Redis' default user is "default")
            properties.remove(".password");
            properties.put("broker", "redis://default:" + SECRET + "@127.0.0.1:" + port);
            configuration.getClass().getMethod("update", Dictionary.class).invoke(configuration, properties);
            Object inAddress = await(context, t -> t != redis && Boolean.TRUE.equals(call(t, "isConnected")));
            call(inAddress, "publish", "orders", "acknowledged by Redis again");
            assertNoServiceShows(context, SECRET);
            assertEquals("redis://default@127.0.0.1:" + port,
                    context.getAllServiceReferences(Topics.class.getName(), null)[0].getProperty("broker"));
        } finally {
            framework.stop();
            framework.waitForStop(20_000);
        }
    }

    /** Fails if a property of any registered service holds the text (in a string or an array of strings). */
    private static void assertNoServiceShows(BundleContext context, String text) throws Exception {
        ServiceReference<?>[] all = context.getAllServiceReferences(null, null);
        assertNotNull(all);
        for (ServiceReference<?> ref : all) {
            for (String key : ref.getPropertyKeys()) {
                Object value = ref.getProperty(key);
                String shown = value instanceof Object[] a ? Arrays.toString(a) : String.valueOf(value);
                assertFalse(key.contains(text) || shown.contains(text), "service " + ref.getProperty(
                        Constants.OBJECTCLASS) + " shows the password in its property " + key);
            }
        }
    }

    private static List<Path> bundleJars() throws IOException {
        Path dir = Paths.get("target", "osgi-bundles");
        assertNotNull(Files.isDirectory(dir) ? dir : null, dir + " (maven-dependency-plugin copies the bundles there)");
        try (Stream<Path> jars = Files.list(dir)) {
            return jars.filter(p -> p.toString().endsWith(".jar")).sorted().toList();
        }
    }

    private static ServiceReference<?> awaitReference(BundleContext context, String clazz) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            ServiceReference<?>[] refs = context.getAllServiceReferences(clazz, null);
            if (refs != null) {
                return refs[0];
            }
            TimeUnit.MILLISECONDS.sleep(20); // service events would need a listener of the framework's types
        }
        throw new AssertionError("no " + clazz + " service within 20 s");
    }

    /** Waits for a Topics service that satisfies the condition (components activate asynchronously). */
    private static Object await(BundleContext context, Predicate<Object> condition) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            ServiceReference<?>[] refs = context.getAllServiceReferences(Topics.class.getName(), null);
            if (refs != null) {
                Object topics = context.getService(refs[0]);
                if (topics != null && condition.test(topics)) {
                    return topics;
                }
            }
            TimeUnit.MILLISECONDS.sleep(20); // service events would need a listener of the framework's types
        }
        throw new AssertionError("no Topics service as expected within 20 s");
    }

    private static Object call(Object target, String method, Object... args) {
        try {
            for (var m : target.getClass().getMethods()) {
                if (m.getName().equals(method) && m.getParameterCount() == args.length
                        && (args.length == 0 || m.getParameterTypes()[args.length - 1] == String.class
                        || !(args[args.length - 1] instanceof String))) {
                    return m.invoke(target, args);
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(method, e);
        }
        throw new AssertionError("no method " + method);
    }
}
