package net.websocket.servlet.containers;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.servlet.http.HttpServlet;

import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

import org.xnio.ChannelListeners;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.Xnio;
import org.xnio.XnioWorker;
import org.xnio.channels.AcceptingChannel;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.protocol.http.HttpOpenListener;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.util.ImmediateInstanceFactory;

import net.websocket.servlet.WebSocketServlet;
import net.websocket.servlet.tomcat.Hybi00Valve;
import net.websocket.servlet.undertow.RawHeadOpenListener;

/** Each embedded container started with the WebSocket servlet at {@code /*} and a plain one at {@code /hello}. */
final class Containers {

    private Containers() {
    }

    static ContainerServer jetty(String host, int port, WebSocketServlet ws, HttpServlet hello) throws Exception {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder("websocket", ws), "/*");
        context.addServlet(new ServletHolder("hello", hello), "/hello");
        server.setHandler(context);
        server.start();
        return ContainerServer.of(ContainerServer.Kind.JETTY, server::stop, connector.getLocalPort(), ws);
    }

    static ContainerServer tomcat(String host, int port, WebSocketServlet ws, HttpServlet hello) throws Exception {
        return tomcat(host, port, ws, hello, true);
    }

    /** Tomcat, with or without {@link Hybi00Valve} in its engine. */
    static ContainerServer tomcat(String host, int port, WebSocketServlet ws, HttpServlet hello, boolean hybi00Valve)
            throws Exception {
        Path base = Files.createTempDirectory("tomcat");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        Connector connector = new Connector();
        connector.setProperty("address", host);
        connector.setPort(port);
        // else Tomcat appends "keep-alive" to its 101's Connection when the request's names it (Firefox 4's hybi-00
        // handshake did, and a hixie-76 client compares that field exactly), were its 101 sent for hybi-00
        connector.setProperty("useKeepAliveResponseHeader", "false");
        tomcat.setConnector(connector);
        if (hybi00Valve) {
            // so that the servlet answers hybi-00 once key3 has come, with nothing of Tomcat's response sent
            tomcat.getEngine().getPipeline().addValve(new Hybi00Valve());
        }
        Context context = tomcat.addContext("", base.toString());
        Tomcat.addServlet(context, "websocket", ws);
        context.addServletMappingDecoded("/*", "websocket");
        Tomcat.addServlet(context, "hello", hello);
        context.addServletMappingDecoded("/hello", "hello");
        tomcat.start();
        return ContainerServer.of(ContainerServer.Kind.TOMCAT, () -> {
            tomcat.stop();
            tomcat.destroy();
            ContainerServer.deleteTree(base);
        }, connector.getLocalPort(), ws);
    }

    /**
     * Undertow 2.3 with its HTTP/1.1 listener built as {@code Undertow#start} builds it (the same worker, buffers,
     * options and socket options), but opening connections through {@link RawHeadOpenListener}, with which the
     * servlet serves hybi-00 too: {@code Undertow.builder()} takes no open listener of one's own.
     */
    static ContainerServer undertow(String host, int port, WebSocketServlet ws, HttpServlet hello) throws Exception {
        DeploymentManager manager = undertowDeployment(ws, hello);
        int ioThreads = Math.max(Runtime.getRuntime().availableProcessors(), 2);
        XnioWorker worker = Xnio.getInstance(Undertow.class.getClassLoader()).createWorker(OptionMap.builder()
                .set(Options.WORKER_IO_THREADS, ioThreads)
                .set(Options.WORKER_TASK_CORE_THREADS, ioThreads * 8)
                .set(Options.WORKER_TASK_MAX_THREADS, ioThreads * 8)
                .set(Options.TCP_NODELAY, true)
                .set(Options.CORK, true)
                .getMap());
        DefaultByteBufferPool buffers = new DefaultByteBufferPool(true, 16 * 1024, -1, 4);
        HttpOpenListener http = new HttpOpenListener(buffers, OptionMap.builder()
                .set(UndertowOptions.NO_REQUEST_TIMEOUT, 60 * 1000)
                .set(UndertowOptions.BUFFER_PIPELINED_DATA, true)
                .getMap());
        http.setRootHandler(manager.start());
        AcceptingChannel<StreamConnection> server = worker.createStreamConnectionServer(
                new InetSocketAddress(InetAddress.getByName(host), port),
                ChannelListeners.openListenerAdapter(new RawHeadOpenListener(http)), OptionMap.builder()
                        .set(Options.WORKER_IO_THREADS, ioThreads)
                        .set(Options.TCP_NODELAY, true)
                        .set(Options.REUSE_ADDRESSES, true)
                        .set(Options.BALANCING_TOKENS, 1)
                        .set(Options.BALANCING_CONNECTIONS, 2)
                        .set(Options.BACKLOG, 1000)
                        .getMap());
        server.resumeAccepts();
        int actual = ((InetSocketAddress) server.getLocalAddress()).getPort();
        return ContainerServer.of(ContainerServer.Kind.UNDERTOW, () -> {
            server.close();
            worker.shutdown();
            worker.awaitTermination();
            buffers.close();
            manager.stop();
            manager.undeploy();
        }, actual, ws);
    }

    /** Undertow 2.3 as {@code Undertow.builder()} makes it: the servlet refuses hybi-00 there, clearly. */
    static ContainerServer undertowAsBuilt(String host, int port, WebSocketServlet ws, HttpServlet hello)
            throws Exception {
        DeploymentManager manager = undertowDeployment(ws, hello);
        Undertow undertow = Undertow.builder().addHttpListener(port, host).setHandler(manager.start()).build();
        undertow.start();
        int actual = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
        return ContainerServer.of(ContainerServer.Kind.UNDERTOW, () -> {
            undertow.stop();
            manager.stop();
            manager.undeploy();
        }, actual, ws);
    }

    private static DeploymentManager undertowDeployment(WebSocketServlet ws, HttpServlet hello) {
        DeploymentInfo info = Servlets.deployment()
                .setClassLoader(Containers.class.getClassLoader())
                .setContextPath("/")
                .setDeploymentName("websocket")
                .addServlet(Servlets.servlet("websocket", WebSocketServlet.class, new ImmediateInstanceFactory<>(ws))
                        .addMapping("/*"))
                .addServlet(Servlets.servlet("hello", HelloServlet.class,
                        new ImmediateInstanceFactory<>((HelloServlet) hello)).addMapping("/hello"));
        DeploymentManager manager = Servlets.defaultContainer().addDeployment(info);
        manager.deploy();
        return manager;
    }
}
