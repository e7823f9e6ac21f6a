package net.websocket.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;


/**
 * The layering of docs/ARCHITECTURE.md, checked on the compiled classes of every module: the API depends on no
 * implementation, the protocol engines never on the runtime, the runtime's core never on the whiteboard or on OSGi
 * (only on the compile-time OSGi annotations), the connection core never on NIO channels (it runs over a transport),
 * the whiteboard, the Jakarta face and the servlet module only on the runtime's exported API (and nothing below on
 * the Jakarta face; the servlet module never on a container: only its Jetty adapter knows Jetty and only its Tomcat
 * adapter Tomcat, and nothing knows the adapters), the HTTP whiteboard bundle only on exported packages (nothing else
 * on it, and the API, runtime and whiteboard never on servlets), the Jakarta face never on servlets and the
 * jakarta-servlet bundle only on exported packages (nothing else on it), the Micrometer module and the cluster
 * module only on the API (and nothing of the runtime or the whiteboard on the cluster), and no two packages depend
 * on each other in a cycle.
 */
@AnalyzeClasses(packages = "net.websocket", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchRule API_DEPENDS_ON_NO_IMPLEMENTATION = noClasses()
            .that().resideInAPackage("net.websocket.api..")
            .should().dependOnClassesThat().resideInAnyPackage("net.websocket.rfc6455..", "net.websocket.hybi00..",
                    "net.websocket.deflate..", "net.websocket.runtime..", "net.websocket.whiteboard..",
                    "net.websocket.micrometer..", "net.websocket.cluster..")
            .because("the API is what implementations build on");

    @ArchTest
    static final ArchRule ENGINES_NEVER_DEPEND_ON_THE_RUNTIME = noClasses()
            .that().resideInAnyPackage("net.websocket.rfc6455..", "net.websocket.hybi00..", "net.websocket.deflate..")
            .should().dependOnClassesThat().resideInAnyPackage("net.websocket.runtime..", "net.websocket.whiteboard..")
            .because("protocol engines are sans-I/O and reach the runtime only through the SPI it calls");

    @ArchTest
    static final ArchRule ENGINES_ARE_INDEPENDENT_OF_EACH_OTHER = slices()
            .matching("net.websocket.(rfc6455|hybi00|deflate)..").namingSlices("$1")
            .should().notDependOnEachOther()
            .because("a variant or extension plugs in through the SPI alone, so each can be left out");

    @ArchTest
    static final ArchRule RUNTIME_NEVER_DEPENDS_ON_THE_WHITEBOARD_OR_OSGI = noClasses()
            .that().resideInAPackage("net.websocket.runtime..")
            .should().dependOnClassesThat().resideInAPackage("net.websocket.whiteboard..")
            .orShould().dependOnClassesThat(osgiOtherThanAnnotations())
            .because("the runtime runs on a plain module path; only annotations read at build time may name OSGi");

    @ArchTest
    static final ArchRule RUNTIME_NEVER_NAMES_A_VARIANT_OR_EXTENSION = noClasses()
            .that().resideInAnyPackage("net.websocket.runtime..", "net.websocket.nio..")
            .should().dependOnClassesThat().resideInAnyPackage("net.websocket.rfc6455..", "net.websocket.hybi00..",
                    "net.websocket.deflate..")
            .because("variants and extensions are found as services, so the runtime's artifact may bring RFC 6455"
                    + " at run time while its bundle imports none of them and OSGi can swap them");

    @ArchTest
    static final ArchRule WHITEBOARD_USES_ONLY_THE_RUNTIMES_EXPORTED_API = noClasses()
            .that().resideInAPackage("net.websocket.whiteboard..")
            .should().dependOnClassesThat().resideInAPackage("net.websocket.runtime.internal..")
            .because("the whiteboard is a client of the runtime's exported packages");

    @ArchTest
    static final ArchRule MICROMETER_USES_ONLY_THE_API = noClasses()
            .that().resideInAPackage("net.websocket.micrometer..")
            .should().dependOnClassesThat().resideInAnyPackage("net.websocket.runtime..", "net.websocket.nio..",
                    "net.websocket.whiteboard..", "net.websocket.rfc6455..", "net.websocket.hybi00..",
                    "net.websocket.deflate..")
            .because("the Micrometer binder reads the metrics through the API, whichever runtime made them");

    @ArchTest
    static final ArchRule JAKARTA_USES_ONLY_THE_PUBLIC_API = noClasses()
            .that().resideInAPackage("net.websocket.jakarta..")
            .should().dependOnClassesThat().resideInAnyPackage("net.websocket.runtime.internal..",
                    "net.websocket.rfc6455..", "net.websocket.hybi00..", "net.websocket.deflate..",
                    "net.websocket.whiteboard..")
            .because("the Jakarta face is layered on the exported packages of the API and the runtime");

    @ArchTest
    static final ArchRule NOTHING_BELOW_DEPENDS_ON_JAKARTA = noClasses()
            .that().resideInAnyPackage("net.websocket.api..", "net.websocket.runtime..", "net.websocket.nio..",
                    "net.websocket.rfc6455..", "net.websocket.hybi00..", "net.websocket.deflate..",
                    "net.websocket.whiteboard..")
            .should().dependOnClassesThat().resideInAnyPackage("net.websocket.jakarta..", "jakarta.websocket..")
            .because("the core knows nothing of Jakarta WebSocket: that face is a layer of its own on top");

    @ArchTest
    static final ArchRule JAKARTA_NEEDS_NO_SERVLETS = noClasses()
            .that().resideInAPackage("net.websocket.jakarta..")
            .and().resideOutsideOfPackage("net.websocket.jakarta.servlet..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..", "net.websocket.servlet..")
            .because("the Jakarta container runs standalone without the servlet API: the jakarta-servlet bundle joins"
                    + " it to servlet containers");

    @ArchTest
    static final ArchRule JAKARTA_SERVLET_USES_ONLY_EXPORTED_PACKAGES = noClasses()
            .that().resideInAPackage("net.websocket.jakarta.servlet..")
            .should().dependOnClassesThat().resideInAnyPackage("net.websocket.runtime.internal..",
                    "net.websocket.jakarta.internal..", "net.websocket.jakarta.osgi..", "net.websocket.rfc6455..",
                    "net.websocket.hybi00..", "net.websocket.deflate..", "net.websocket.whiteboard..")
            .because("the jakarta-servlet bundle joins the Jakarta container to the servlet module through their"
                    + " exported packages only (net.websocket.jakarta, net.websocket.servlet, net.websocket.upgrade)");

    @ArchTest
    static final ArchRule NOTHING_ELSE_DEPENDS_ON_JAKARTA_SERVLET = noClasses()
            .that().resideOutsideOfPackage("net.websocket.jakarta.servlet..")
            .should().dependOnClassesThat().resideInAPackage("net.websocket.jakarta.servlet..")
            .because("the servlet container initializer is an optional bundle on top of the Jakarta and servlet"
                    + " bundles");

    @ArchTest
    static final ArchRule CLUSTER_USES_ONLY_THE_API = noClasses()
            .that().resideInAPackage("net.websocket.cluster..")
            .should().dependOnClassesThat().resideInAnyPackage("net.websocket.runtime..", "net.websocket.nio..",
                    "net.websocket.whiteboard..", "net.websocket.rfc6455..", "net.websocket.hybi00..",
                    "net.websocket.deflate..")
            .because("topics work with any Connection through the exported API, and no other module depends on them");

    @ArchTest
    static final ArchRule NOTHING_ELSE_DEPENDS_ON_THE_CLUSTER = noClasses()
            .that().resideInAnyPackage("net.websocket.runtime..", "net.websocket.nio..", "net.websocket.whiteboard..")
            .should().dependOnClassesThat().resideInAPackage("net.websocket.cluster..")
            .because("the core runtime gains no dependency from the cluster module");

    @ArchTest
    static final ArchRule SERVLET_USES_ONLY_THE_RUNTIMES_EXPORTED_API = noClasses()
            .that().resideInAPackage("net.websocket.servlet..")
            .should().dependOnClassesThat().resideInAPackage("net.websocket.runtime.internal..")
            .because("the servlet module carries connections through the runtime's exported seam"
                    + " (net.websocket.upgrade), like any other hosting server would");

    @ArchTest
    static final ArchRule THE_SERVLET_MODULE_IS_CONTAINER_NEUTRAL = noClasses()
            .that().resideInAPackage("net.websocket.servlet..")
            .and().resideOutsideOfPackage("net.websocket.servlet.jetty..")
            .and().resideOutsideOfPackage("net.websocket.servlet.undertow..")
            .and().resideOutsideOfPackage("net.websocket.servlet.tomcat..")
            .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jetty..", "org.apache.catalina..",
                    "org.apache.coyote..", "io.undertow..")
            .because("WebSocketServlet runs in any Servlet 5/6 container; a container's own way of switching"
                    + " protocols is a module of its own behind net.websocket.servlet.spi");

    @ArchTest
    static final ArchRule ONLY_THE_JETTY_ADAPTER_USES_JETTY = noClasses()
            .that().resideInAPackage("net.websocket..")
            .and().resideOutsideOfPackage("net.websocket.servlet.jetty..")
            .should().dependOnClassesThat().resideInAPackage("org.eclipse.jetty..")
            .because("Jetty is a dependency of the Jetty adapter alone (the benchmarks and launchers are not checked"
                    + " here)");

    @ArchTest
    static final ArchRule NOTHING_DEPENDS_ON_THE_JETTY_ADAPTER = noClasses()
            .that().resideOutsideOfPackage("net.websocket.servlet.jetty..")
            .should().dependOnClassesThat().resideInAPackage("net.websocket.servlet.jetty..")
            .because("WebSocketServlet finds it through ServiceLoader (net.websocket.servlet.spi.ContainerUpgrade)");

    @ArchTest
    static final ArchRule ONLY_THE_UNDERTOW_ADAPTER_USES_UNDERTOW = noClasses()
            .that().resideInAPackage("net.websocket..")
            .and().resideOutsideOfPackage("net.websocket.servlet.undertow..")
            .should().dependOnClassesThat().resideInAnyPackage("io.undertow..", "org.xnio..")
            .because("Undertow and XNIO are dependencies of the Undertow adapter alone (the benchmarks and launchers"
                    + " are not checked here)");

    @ArchTest
    static final ArchRule NOTHING_DEPENDS_ON_THE_UNDERTOW_ADAPTERS_INSIDES = noClasses()
            .that().resideOutsideOfPackage("net.websocket.servlet.undertow..")
            .should().dependOnClassesThat().resideInAPackage("net.websocket.servlet.undertow.internal..")
            .because("WebSocketServlet finds its ContainerUpgrade through ServiceLoader; a server is built with its"
                    + " exported listener (net.websocket.servlet.undertow) only");

    @ArchTest
    static final ArchRule ONLY_THE_TOMCAT_ADAPTER_USES_TOMCAT = noClasses()
            .that().resideInAPackage("net.websocket..")
            .and().resideOutsideOfPackage("net.websocket.servlet.tomcat..")
            .should().dependOnClassesThat().resideInAnyPackage("org.apache.catalina..", "org.apache.coyote..")
            .because("Tomcat is a dependency of the Tomcat adapter alone (the benchmarks and launchers are not"
                    + " checked here)");

    @ArchTest
    static final ArchRule NOTHING_DEPENDS_ON_THE_TOMCAT_ADAPTER = noClasses()
            .that().resideOutsideOfPackage("net.websocket.servlet.tomcat..")
            .should().dependOnClassesThat().resideInAPackage("net.websocket.servlet.tomcat..")
            .because("WebSocketServlet finds it through ServiceLoader (net.websocket.servlet.spi.ContainerUpgrade),"
                    + " and Tomcat makes its valve by its class name");

    @ArchTest
    static final ArchRule HTTP_WHITEBOARD_USES_ONLY_EXPORTED_PACKAGES = noClasses()
            .that().resideInAPackage("net.websocket.whiteboard.http..")
            .should().dependOnClassesThat().resideInAnyPackage("net.websocket.runtime.internal..",
                    "net.websocket.whiteboard.internal..", "net.websocket.rfc6455..", "net.websocket.hybi00..",
                    "net.websocket.deflate..")
            .because("the HTTP whiteboard bundle joins the whiteboard's servers to the servlet through their exported"
                    + " packages only (net.websocket.upgrade, net.websocket.whiteboard, net.websocket.servlet)");

    @ArchTest
    static final ArchRule NOTHING_ELSE_DEPENDS_ON_THE_HTTP_WHITEBOARD = noClasses()
            .that().resideOutsideOfPackage("net.websocket.whiteboard.http..")
            .should().dependOnClassesThat().resideInAPackage("net.websocket.whiteboard.http..")
            .because("the HTTP whiteboard is an optional bundle on top: neither the whiteboard nor the servlet bundle"
                    + " gains an import for it");

    @ArchTest
    static final ArchRule THE_CORE_AND_THE_WHITEBOARD_NEED_NO_SERVLETS = noClasses()
            .that().resideInAnyPackage("net.websocket.api..", "net.websocket.runtime..", "net.websocket.nio..",
                    "net.websocket.upgrade..", "net.websocket.whiteboard..")
            .and().resideOutsideOfPackage("net.websocket.whiteboard.http..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..", "org.osgi.service.servlet..",
                    "net.websocket.servlet..")
            .because("servlets are the business of the servlet and HTTP whiteboard bundles only");

    /** The classes of the runtime that own sockets (and their nested classes). */
    private static final Set<String> SOCKET_OWNERS = Set.of("IoLoop", "SocketTransport", "TlsTransport",
            "TlsHandshake", "ServerHandshaker", "ClientHandshaker", "ServerImpl", "Acceptor", "FailurePathWarmup",
            "ClosesAfterSelect");

    /**
     * The connection core runs over the transport seam ({@code Transport}): only the loop (and the sockets it closes
     * after its next select), the socket transports, the handshakers, the server and its acceptor (the listening
     * socket), and the start-up warm-up of NIO's closing, which own sockets and selection keys, use NIO channels.
     */
    @ArchTest
    static final ArchRule ONLY_SOCKET_OWNERS_USE_NIO_CHANNELS = noClasses()
            .that().resideInAPackage("net.websocket.runtime..")
            .and(DescribedPredicate.not(topLevelNamed(SOCKET_OWNERS)))
            .should().dependOnClassesThat().resideInAPackage("java.nio.channels..")
            .because("a connection runs over any transport: a socket is one of them");

    /**
     * No cycles among packages. The runtime's entry point {@code net.websocket.nio.WebSockets} stands in a package of
     * its own for this: it constructs the implementation, which reads the options of {@code net.websocket.runtime}.
     */
    @ArchTest
    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("net.websocket.(**)")
            .should().beFreeOfCycles();

    private static DescribedPredicate<JavaClass> topLevelNamed(Set<String> names) {
        return DescribedPredicate.describe("one of " + names + " or nested in one", c -> {
            String simple = c.getName().substring(c.getName().lastIndexOf('.') + 1);
            int nested = simple.indexOf('$');
            return names.contains(nested < 0 ? simple : simple.substring(0, nested));
        });
    }

    private static DescribedPredicate<JavaClass> osgiOtherThanAnnotations() {
        return JavaClass.Predicates.resideInAPackage("org.osgi..")
                .and(DescribedPredicate.not(JavaClass.Predicates.resideInAPackage("org.osgi.annotation..")))
                .as("OSGi classes other than org.osgi.annotation");
    }
}
