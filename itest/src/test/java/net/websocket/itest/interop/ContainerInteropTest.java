package net.websocket.itest.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import net.websocket.itest.support.ExternalPeer;
import net.websocket.itest.support.InteropServer;
import net.websocket.itest.support.PythonPeer;
import net.websocket.servlet.containers.ContainerServer;
import net.websocket.servlet.containers.HelloServlet;

/**
 * The python-websockets client ({@code ws_client.py}: text, binary, fragmented and large messages, pings both ways,
 * closes both ways, subprotocols) against the interop endpoints served through the servlet upgrade in embedded
 * Jetty, Tomcat and Undertow, and the plain servlet on the same port answering after it. Skipped where that package is
 * missing.
 */
class ContainerInteropTest {

    @ParameterizedTest
    @EnumSource(ContainerServer.Kind.class)
    void pythonWebsocketsClientThroughTheContainer(ContainerServer.Kind kind) throws Exception {
        String why = PythonPeer.unavailableReason();
        assumeTrue(why == null, () -> "python-websockets peer skipped: " + why);
        try (InteropServer server = InteropServer.inContainer(kind)) {
            ExternalPeer.Result r = ExternalPeer.run(PythonPeer.command("ws_client.py",
                    "ws://127.0.0.1:" + server.port()), Duration.ofMinutes(4));
            System.out.println(r.output());
            HttpResponse<String> hello = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/hello")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(0, r.exitCode(), () -> "client checks failed:\n" + r.output());
            assertTrue(r.output().contains("checks failed 0"), () -> "unexpected output:\n" + r.output());
            assertEquals(200, hello.statusCode());
            assertEquals(HelloServlet.BODY, hello.body());
        }
    }
}
