package net.websocket.itest.osgi;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import net.websocket.api.spi.ProtocolVariant;
import net.websocket.whiteboard.WhiteboardConfiguration;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * A real Felix framework for one test class, in a temporary storage directory, with Declarative Services, Config
 * Admin and this project's bundles (found on the test class path, or next to the classes directories of a reactor
 * build). Services of bundles inside are used through reflection with the framework's own types, since the test's
 * class path has its own copies of the API.
 */
final class OsgiFramework implements AutoCloseable {

    /** The project's bundles, in install order. */
    static final List<String> CORE = List.of("net.websocket.api", "net.websocket.runtime", "net.websocket.whiteboard",
            "net.websocket.rfc6455", "net.websocket.hybi00", "net.websocket.deflate");
    static final List<String> EXAMPLES = List.of("net.websocket.examples", "net.websocket.distribution");

    /** How long to wait for a service to appear or go away (components activate asynchronously). */
    static final Duration WAIT = Duration.ofSeconds(20);

    static final String RFC6455 = "net.websocket.rfc6455";
    static final String HYBI00 = "net.websocket.hybi00";
    static final String DEFLATE = "net.websocket.deflate";
    static final String PROBE = "net.websocket.itest.probe";

    private final Framework framework;
    private final Path work;
    private final Map<String, Bundle> bundles = new LinkedHashMap<>();

    private OsgiFramework(Framework framework, Path work) {
        this.framework = framework;
        this.work = work;
    }

    /**
     * Starts a framework with SCR, Config Admin (and its API dependencies), the core bundles, optionally the examples
     * and the distribution bundle (whose default server then listens on a free port), and the probe bundle.
     */
    static OsgiFramework start(boolean withExamples) throws Exception {
        return start(withExamples, List.of(), List.of(), Map.of());
    }

    /**
     * Starts a framework as {@link #start(boolean)} does, with more of the project's bundles (by symbolic name),
     * more third-party bundle jars and more framework properties.
     */
    static OsgiFramework start(boolean withExamples, List<String> moreOfOurs, List<Path> moreJars,
            Map<String, String> moreConfig) throws Exception {
        Path work = Files.createTempDirectory("osgi-itest");
        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, work.resolve("fw").toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        config.put("felix.log.level", "1");
        config.put("websocket.port", "0"); // the distribution bundle's default server: any free port
        config.putAll(moreConfig);
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow();
        Framework fw = factory.newFramework(config);
        fw.init();
        fw.start();
        OsgiFramework f = new OsgiFramework(fw, work);
        try {
            for (Path jar : thirdPartyBundles()) {
                f.install(jar);
            }
            for (Path jar : moreJars) {
                f.install(jar);
            }
            List<String> ours = new ArrayList<>(CORE);
            ours.addAll(moreOfOurs);
            if (withExamples) {
                ours.addAll(EXAMPLES);
            }
            for (String bsn : ours) {
                f.install(projectBundle(bsn));
            }
            f.install(Probe.jar(work));
            for (Bundle b : f.bundles.values()) {
                if (b.getHeaders().get(Constants.FRAGMENT_HOST) == null) {
                    b.start();
                }
            }
        } catch (Exception | Error e) {
            f.close();
            throw e;
        }
        return f;
    }

    private void install(Path jar) throws BundleException, IOException {
        try (InputStream in = Files.newInputStream(jar)) {
            Bundle b = context().installBundle(jar.toUri().toString(), in);
            bundles.put(b.getSymbolicName(), b);
        }
    }

    BundleContext context() {
        return framework.getBundleContext();
    }

    Framework framework() {
        return framework;
    }

    /** An installed bundle by symbolic name. */
    Bundle bundle(String bsn) {
        for (Bundle b : context().getBundles()) {
            if (bsn.equals(b.getSymbolicName())) {
                return b;
            }
        }
        throw new AssertionError("no bundle " + bsn);
    }

    /** Every installed bundle but the framework. */
    List<Bundle> bundles() {
        List<Bundle> out = new ArrayList<>();
        for (Bundle b : context().getBundles()) {
            if (b.getBundleId() != 0) {
                out.add(b);
            }
        }
        return out;
    }

    /** Waits for a service of this class (any, if null) and filter (if not null); fails after {@link #WAIT}. */
    ServiceReference<?> await(String clazz, String filter) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            ServiceReference<?>[] refs;
            try {
                refs = context().getAllServiceReferences(clazz, filter);
            } catch (InvalidSyntaxException e) {
                throw new IllegalArgumentException(e);
            }
            if (refs != null && refs.length > 0) {
                return refs[0];
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no service " + clazz + " " + filter + " after " + WAIT);
            }
            Thread.sleep(20);
        }
    }

    /** Waits until no service of this class and filter is left. */
    void awaitGone(String clazz, String filter) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                if (context().getAllServiceReferences(clazz, filter) == null) {
                    return;
                }
            } catch (InvalidSyntaxException e) {
                throw new IllegalArgumentException(e);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("service " + clazz + " " + filter + " still there after " + WAIT);
            }
            Thread.sleep(20);
        }
    }

    /** Waits for the WebSocketServer service of the server with this name and returns its port. */
    int serverPort(String name) throws InterruptedException {
        ServiceReference<?> ref = await("net.websocket.api.WebSocketServer", "(websocket.server=" + name + ")");
        return (Integer) ref.getProperty(WhiteboardConfiguration.SERVER_PORT);
    }

    /** Calls a public method of a service object (a type of the framework's, unknown to the test class path). */
    static Object call(Object target, String method, Object... args) throws Exception {
        for (Method m : target.getClass().getMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                m.setAccessible(true); // public methods of classes private to their bundle
                try {
                    return m.invoke(target, args);
                } catch (InvocationTargetException e) {
                    if (e.getCause() instanceof Exception ex) {
                        throw ex;
                    }
                    throw e;
                }
            }
        }
        throw new NoSuchMethodException(target.getClass() + "." + method);
    }

    /** The gogo command service's output for one of its functions ({@code ws:servers}, ...). */
    String command(String function) throws Exception {
        ServiceReference<?> ref = await(null, "(&(osgi.command.scope=ws)(osgi.command.function=" + function + "))");
        Object commands = context().getService(ref);
        try {
            return (String) call(commands, function);
        } finally {
            context().ungetService(ref);
        }
    }

    // ---------------------------------------------------------------------------------------- Config Admin

    /**
     * Creates or replaces the named factory configuration {@code factoryPid~name} with these properties; returns
     * the configuration object (for {@link #deleteConfiguration}).
     */
    Object configure(String factoryPid, String name, Map<String, ?> props) throws Exception {
        ServiceReference<?> ref = await("org.osgi.service.cm.ConfigurationAdmin", null);
        Object admin = context().getService(ref);
        Class<?> adminType = ref.getBundle().loadClass("org.osgi.service.cm.ConfigurationAdmin");
        Object config = adminType.getMethod("getFactoryConfiguration", String.class, String.class, String.class)
                .invoke(admin, factoryPid, name, "?");
        update(config, props);
        return config;
    }

    /** Updates a configuration's properties. */
    static void update(Object config, Map<String, ?> props) throws Exception {
        Method update = configurationType(config).getMethod("update", Dictionary.class);
        update.invoke(config, new Hashtable<>(props));
    }

    /** Deletes a configuration. */
    static void deleteConfiguration(Object config) throws Exception {
        configurationType(config).getMethod("delete").invoke(config);
    }

    private static Class<?> configurationType(Object config) {
        for (Class<?> i : config.getClass().getInterfaces()) {
            if (i.getName().equals("org.osgi.service.cm.Configuration")) {
                return i;
            }
        }
        throw new AssertionError(config.getClass() + " is no Configuration");
    }

    // ----------------------------------------------------------------------------------------------- probe

    /**
     * Registers, from the probe bundle, a {@code Greeter} handler service (sends {@code name}, then echoes) with
     * these service properties.
     */
    ServiceRegistration<?> registerGreeter(String name, Map<String, ?> props) throws Exception {
        Bundle probe = bundle(PROBE);
        Object handler = probe.loadClass(Probe.GREETER).getConstructor(String.class).newInstance(name);
        return probe.getBundleContext().registerService("net.websocket.api.Handler", handler, new Hashtable<>(props));
    }

    /**
     * Registers, from the probe bundle, a second implementation of the variant the given bundle provides: it
     * delegates to that bundle's variant service and marks its handshake responses with {@code mark}.
     */
    ServiceRegistration<?> registerMarkedVariant(String variantBundle, String mark, Map<String, ?> props)
            throws Exception {
        Bundle probe = bundle(PROBE);
        ServiceReference<?> ref = null;
        for (ServiceReference<?> r : bundle(variantBundle).getRegisteredServices()) {
            if (List.of((String[]) r.getProperty(Constants.OBJECTCLASS))
                    .contains("net.websocket.api.spi.ProtocolVariant")) {
                ref = r;
            }
        }
        if (ref == null) {
            throw new AssertionError(variantBundle + " has no variant service");
        }
        Object delegate = probe.getBundleContext().getService(ref);
        Class<?> variantType = probe.loadClass("net.websocket.api.spi.ProtocolVariant");
        Object marked = probe.loadClass(Probe.MARKED).getConstructor(variantType, String.class)
                .newInstance(delegate, mark);
        Hashtable<String, Object> p = new Hashtable<>(props);
        p.put(ProtocolVariant.VARIANT_PROPERTY, ref.getProperty(ProtocolVariant.VARIANT_PROPERTY));
        return probe.getBundleContext().registerService("net.websocket.api.spi.ProtocolVariant", marked, p);
    }

    // --------------------------------------------------------------------------------------------- bundles

    /** The third-party bundles Maven copied aside (SCR, Config Admin, the OSGi APIs they need). */
    static List<Path> thirdPartyBundles() throws IOException {
        Path dir = Path.of(requiredProperty("itest.osgi.bundles"));
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.jar")) {
            ds.forEach(out::add);
        }
        out.sort(Comparator.comparing(Path::toString));
        if (out.isEmpty()) {
            throw new AssertionError("no bundles in " + dir);
        }
        return out;
    }

    /** The distribution's executable jar, as Maven copied it. */
    static Path distributionJar() {
        Path p = Path.of(requiredProperty("itest.osgi.distribution"));
        if (!Files.isRegularFile(p)) {
            throw new AssertionError("no distribution jar at " + p);
        }
        return p;
    }

    private static String requiredProperty(String name) {
        String v = System.getProperty(name);
        if (v == null || v.isBlank()) {
            throw new AssertionError("system property " + name + " is not set (run the tests with Maven)");
        }
        return v;
    }

    /**
     * A project bundle's jar: an entry of the test class path whose manifest names it, or, for a classes directory
     * of a reactor build, the jar its module built next to it.
     */
    static Path projectBundle(String bsn) throws IOException {
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isRegularFile(p) && p.toString().endsWith(".jar") && bsn.equals(symbolicName(p))) {
                return p;
            }
            if (Files.isDirectory(p) && Files.isRegularFile(p.resolve("META-INF/MANIFEST.MF"))) {
                Manifest m;
                try (InputStream in = Files.newInputStream(p.resolve("META-INF/MANIFEST.MF"))) {
                    m = new Manifest(in);
                }
                if (bsn.equals(bsnOf(m)) && p.getParent() != null) {
                    try (Stream<Path> jars = Files.list(p.getParent())) {
                        for (Path j : jars.filter(j -> j.toString().endsWith(".jar")).toList()) {
                            if (bsn.equals(symbolicName(j))) {
                                return j;
                            }
                        }
                    }
                }
            }
        }
        throw new AssertionError("bundle " + bsn + " is not on the test class path");
    }

    static String symbolicName(Path jar) throws IOException {
        try (JarFile jf = new JarFile(jar.toFile())) {
            Manifest m = jf.getManifest();
            return m == null ? null : bsnOf(m);
        }
    }

    private static String bsnOf(Manifest m) {
        String bsn = m.getMainAttributes().getValue(Constants.BUNDLE_SYMBOLICNAME);
        return bsn == null ? null : bsn.split(";")[0].trim();
    }

    /** A copy of a bundle jar with another Bundle-Version: "a new jar" for {@code Bundle.update}. */
    static Path withVersion(Path jar, String version, Path dir) throws IOException {
        Path out = dir.resolve(jar.getFileName().toString().replace(".jar", "-" + version + ".jar"));
        try (JarInputStream in = new JarInputStream(Files.newInputStream(jar))) {
            Manifest m = new Manifest(in.getManifest());
            m.getMainAttributes().put(new Attributes.Name(Constants.BUNDLE_VERSION), version);
            try (OutputStream os = Files.newOutputStream(out); JarOutputStream jos = new JarOutputStream(os, m)) {
                for (JarEntry e; (e = in.getNextJarEntry()) != null;) {
                    jos.putNextEntry(new JarEntry(e.getName()));
                    in.transferTo(jos);
                    jos.closeEntry();
                }
            }
        }
        return out;
    }

    /** A {@code ws://127.0.0.1:port/path} URI. */
    static URI uri(int port, String path) {
        return URI.create("ws://127.0.0.1:" + port + path);
    }

    /** A directory for the test's own files, deleted with the framework. */
    Path work() {
        return work;
    }

    /** Stops the framework and waits for it; deletes its storage. */
    @Override
    public void close() throws Exception {
        try {
            framework.stop();
            framework.waitForStop(WAIT.toMillis());
        } finally {
            try (Stream<Path> all = Files.walk(work)) {
                all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
