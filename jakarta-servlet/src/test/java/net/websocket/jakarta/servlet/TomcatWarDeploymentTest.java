package net.websocket.jakarta.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import net.websocket.testsupport.JdkWebSocketRecorder;

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

            JdkWebSocketRecorder ws = new JdkWebSocketRecorder(Duration.ofSeconds(WAIT_SECONDS))
                    .connect(http.newWebSocketBuilder(), URI.create("ws://" + root + "/rooms/hall"));
            assertEquals("joined hall", ws.nextText());
            ws.socket().sendText("deployed", true).get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals("<hall: DEPLOYED>", ws.nextText());
            context.stop();
            assertEquals(1001, ws.awaitClose(), "stopping the application closes its sessions");
        } finally {
            tomcat.stop();
            tomcat.destroy();
            HostingContainer.deleteTree(base);
        }
    }
}
