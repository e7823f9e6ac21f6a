package net.websocket.jakarta.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A web application as Tomcat deploys one from its directory: {@code WEB-INF/web.xml} (the default servlet only),
 * the endpoint's classes in {@code WEB-INF/classes}, nothing else. Tomcat finds {@link JakartaServletInitializer}
 * through {@code META-INF/services} and scans the application's classes for its {@code @HandlesTypes} itself.
 */
@Timeout(60)
class TomcatWarDeploymentTest {

    private static final long WAIT_SECONDS = 20;

    private static final String WEB_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
              <servlet>
                <servlet-name>default</servlet-name>
                <servlet-class>org.apache.catalina.servlets.DefaultServlet</servlet-class>
              </servlet>
              <servlet-mapping>
                <servlet-name>default</servlet-name>
                <url-pattern>/</url-pattern>
              </servlet-mapping>
            </web-app>
            """;

    @Test
    void theEndpointOfADeployedWebApplicationIsFoundAndServed() throws Exception {
        Path base = Files.createTempDirectory("tomcat");
        Path war = Files.createDirectories(base.resolve("war"));
        Files.createDirectories(war.resolve("WEB-INF"));
        Files.writeString(war.resolve("WEB-INF/web.xml"), WEB_XML);
        Files.writeString(war.resolve("hello.txt"), "hello");
        for (Class<?> c : List.of(RoomEndpoint.class, Shout.class, Shout.Decoder.class, Shout.Encoder.class)) {
            String file = c.getName().replace('.', '/') + ".class";
            Path target = war.resolve("WEB-INF/classes/" + file);
            Files.createDirectories(target.getParent());
            try (InputStream in = c.getClassLoader().getResourceAsStream(file)) {
                Files.copy(in, target);
            }
        }
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setAddDefaultWebXmlToWebapp(false);
        Connector connector = new Connector();
        connector.setProperty("address", "127.0.0.1");
        connector.setPort(0);
        tomcat.setConnector(connector);
        Context context = tomcat.addWebapp("/war", war.toString());
        // the test's class path is the server's, not the application's: only WEB-INF is the application's to scan
        ((StandardJarScanner) context.getJarScanner()).setScanClassPath(false);
        tomcat.start();
        try {
            String root = "127.0.0.1:" + connector.getLocalPort() + "/war";
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> file = http.send(HttpRequest.newBuilder(URI.create("http://" + root + "/hello.txt"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, file.statusCode());
            assertEquals("hello", file.body());

            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            WebSocket ws = http.newWebSocketBuilder().buildAsync(URI.create("ws://" + root + "/rooms/hall"),
                    new WebSocket.Listener() {
                        @Override
                        public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                            received.add(data.toString());
                            w.request(1);
                            return null;
                        }

                        @Override
                        public CompletionStage<?> onClose(WebSocket w, int code, String reason) {
                            received.add("close " + code);
                            return null;
                        }
                    }).get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals("joined hall", received.poll(WAIT_SECONDS, TimeUnit.SECONDS));
            ws.sendText("deployed", true).get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals("<hall: DEPLOYED>", received.poll(WAIT_SECONDS, TimeUnit.SECONDS));
            context.stop();
            assertEquals("close 1001", received.poll(WAIT_SECONDS, TimeUnit.SECONDS),
                    "stopping the application closes its sessions");
        } finally {
            tomcat.stop();
            tomcat.destroy();
            HostingContainer.deleteTree(base);
        }
    }
}
