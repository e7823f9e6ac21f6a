package net.websocket.bench.containers;

import java.net.InetSocketAddress;

import jakarta.servlet.http.HttpServlet;

import org.xnio.Options;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.util.ImmediateInstanceFactory;

/**
 * Embedded Undertow 2.3 on 127.0.0.1 with a servlet at {@code /*}, its listening socket's backlog and idle timeout
 * as the other bench servers', its I/O and worker threads Undertow's defaults.
 */
final class UndertowContainer {

    private UndertowContainer() {
    }

    /** Starts Undertow with {@code servlet} at {@code /*}; returns its port. */
    static <S extends HttpServlet> int servlet(int port, Class<S> type, S servlet) throws Exception {
        DeploymentManager manager = Servlets.defaultContainer().addDeployment(Servlets.deployment()
                .setClassLoader(UndertowContainer.class.getClassLoader())
                .setContextPath("/")
                .setDeploymentName("bench")
                .addServlet(Servlets.servlet("websocket", type, new ImmediateInstanceFactory<>(servlet))
                        .addMapping("/*")));
        manager.deploy();
        Undertow undertow = Undertow.builder()
                .addHttpListener(port, ServerMain.HOST)
                .setSocketOption(Options.BACKLOG, ServerMain.ACCEPT_QUEUE)
                .setServerOption(UndertowOptions.IDLE_TIMEOUT, ServerMain.IDLE_TIMEOUT_SECONDS * 1000)
                .setHandler(manager.start())
                .build();
        undertow.start();
        return ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
    }
}
