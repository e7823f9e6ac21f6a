package net.websocket.jakarta.servlet;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.stream.Stream;

import org.apache.catalina.Context;
import org.apache.catalina.authenticator.BasicAuthenticator;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.LoginConfig;
import org.apache.tomcat.util.descriptor.web.SecurityCollection;
import org.apache.tomcat.util.descriptor.web.SecurityConstraint;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.handlers.PathHandler;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.api.ServletContainerInitializerInfo;
import io.undertow.servlet.util.ImmediateInstanceFactory;

/**
 * An embedded servlet container on 127.0.0.1 (none with a WebSocket implementation of its own) with the test web
 * application at {@value #CONTEXT_PATH}: {@link JakartaServletInitializer} given the classes a scan finds
 * ({@link TestWebApp#SCANNED}), then {@link TestWebApp}'s own initializer, as a container runs a web application's
 * initializers. In Tomcat a security constraint with BASIC authentication guards {@code /secure/*} (the user and role
 * of {@link TestWebApp}); elsewhere the application's own filter authenticates there
 * ({@link TestWebApp.Authenticates}).
 */
final class HostingContainer implements AutoCloseable {

    static final String CONTEXT_PATH = "/app";

    /** A step of a container's life that may fail. */
    @FunctionalInterface
    interface Step {
        void run() throws Exception;
    }

    private final int port;
    private final Step undeploy;
    private final Step close;

    private HostingContainer(int port, Step undeploy, Step close) {
        this.port = port;
        this.undeploy = undeploy;
        this.close = close;
    }

    /** {@return the port} */
    int port() {
        return port;
    }

    /** Stops the web application (its filters end), leaving the server running. */
    void undeploy() throws Exception {
        undeploy.run();
    }

    @Override
    public void close() throws Exception {
        close.run();
    }

    static HostingContainer tomcat() throws Exception {
        Path base = Files.createTempDirectory("tomcat");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector();
        connector.setProperty("address", "127.0.0.1");
        connector.setPort(0);
        tomcat.setConnector(connector);
        Context context = tomcat.addContext(CONTEXT_PATH, base.toString());
        // Tomcat runs a filter chain only for a request some servlet is mapped to: a web application has the default
        // servlet (from conf/web.xml) at "/", a bare embedded context needs it added
        Tomcat.addServlet(context, "default", new DefaultServlet());
        context.addServletMappingDecoded("/", "default");
        // Tomcat's own authentication in front of /secure/*: BASIC against its simple realm, with the user's role
        tomcat.addUser(TestWebApp.USER, TestWebApp.PASSWORD);
        tomcat.addRole(TestWebApp.USER, TestWebApp.ROLE);
        SecurityCollection secure = new SecurityCollection();
        secure.addPattern("/secure/*");
        SecurityConstraint constraint = new SecurityConstraint();
        constraint.addCollection(secure);
        constraint.addAuthRole(TestWebApp.ROLE);
        context.addConstraint(constraint);
        context.addSecurityRole(TestWebApp.ROLE);
        context.setLoginConfig(new LoginConfig("BASIC", "test", null, null));
        context.getPipeline().addValve(new BasicAuthenticator());
        context.addServletContainerInitializer(new JakartaServletInitializer(), new HashSet<>(TestWebApp.SCANNED));
        context.addServletContainerInitializer(new TestWebApp(), null);
        tomcat.start();
        return new HostingContainer(connector.getLocalPort(), context::stop, () -> {
            tomcat.stop();
            tomcat.destroy();
            deleteTree(base);
        });
    }

    static HostingContainer jetty() throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
        context.setContextPath(CONTEXT_PATH);
        context.addServletContainerInitializer(new JakartaServletInitializer(),
                TestWebApp.SCANNED.toArray(new Class<?>[0]));
        context.addServletContainerInitializer(new TestWebApp());
        server.setHandler(context);
        server.start();
        return new HostingContainer(connector.getLocalPort(), context::stop, server::stop);
    }

    static HostingContainer undertow() throws Exception {
        DeploymentInfo info = Servlets.deployment()
                .setClassLoader(HostingContainer.class.getClassLoader())
                .setContextPath(CONTEXT_PATH)
                .setDeploymentName("app")
                .addServletContainerInitializer(new ServletContainerInitializerInfo(JakartaServletInitializer.class,
                        new ImmediateInstanceFactory<>(new JakartaServletInitializer()),
                        new HashSet<>(TestWebApp.SCANNED)))
                .addServletContainerInitializer(new ServletContainerInitializerInfo(TestWebApp.class,
                        new ImmediateInstanceFactory<>(new TestWebApp()), new HashSet<>()));
        DeploymentManager manager = Servlets.defaultContainer().addDeployment(info);
        manager.deploy();
        PathHandler paths = Handlers.path().addPrefixPath(CONTEXT_PATH, manager.start());
        Undertow undertow = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(paths).build();
        undertow.start();
        int port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
        Step undeploy = () -> {
            if (manager.getState() != DeploymentManager.State.UNDEPLOYED) {
                manager.stop();
                manager.undeploy();
            }
        };
        return new HostingContainer(port, undeploy, () -> {
            undertow.stop();
            undeploy.run();
        });
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // best effort
        }
    }
}
