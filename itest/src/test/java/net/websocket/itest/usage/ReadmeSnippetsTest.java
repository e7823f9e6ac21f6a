package net.websocket.itest.usage;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;

/**
 * Every {@code java} block of README.md compiles against the project's jars, as a user would paste it: a block
 * that declares a type is a source file of its own; any other block is the body of a method that may throw. Both
 * get the imports a user would add (the project's exported packages and the JDK's usual ones) and the names the
 * README uses without declaring them ({@link #GIVEN}). The README's {@code module-info.java} is compiled by
 * {@link UserProjectTest}, which builds a project from it.
 */
class ReadmeSnippetsTest {

    private static final String IMPORTS = """
            import java.io.*;
            import java.lang.management.*;
            import java.net.*;
            import java.nio.*;
            import java.nio.file.*;
            import java.security.cert.*;
            import java.time.*;
            import java.util.*;
            import javax.management.*;
            import io.micrometer.core.instrument.*;
            import net.websocket.api.*;
            import net.websocket.api.whiteboard.*;
            import net.websocket.cluster.*;
            import net.websocket.deflate.*;
            import net.websocket.micrometer.*;
            import net.websocket.nio.*;
            import net.websocket.runtime.*;
            import org.osgi.service.component.annotations.*;
            import net.websocket.servlet.WebSocketServlet;
            import net.websocket.servlet.undertow.RawHeadOpenListener;
            import io.undertow.Undertow;
            import io.undertow.UndertowOptions;
            import io.undertow.server.DefaultByteBufferPool;
            import io.undertow.server.protocol.http.HttpOpenListener;
            import io.undertow.servlet.Servlets;
            import io.undertow.servlet.api.DeploymentManager;
            import io.undertow.servlet.util.ImmediateInstanceFactory;
            import org.xnio.ChannelListeners;
            import org.xnio.OptionMap;
            import org.xnio.Options;
            import org.xnio.StreamConnection;
            import org.xnio.Xnio;
            import org.xnio.XnioWorker;
            import org.xnio.channels.AcceptingChannel;
            """;

    /** What the README's fragments refer to without declaring it. */
    private static final String GIVEN = """
                Handler uploadHandler = c -> { };
                Listener echo = Listener.ofText((c, text) -> c.sendText(text));
                WebSocketServer server;
                char[] password;
                char[] trustPassword;
                MeterRegistry meterRegistry;
                ServiceMapper mapper;
                org.apache.catalina.startup.Tomcat tomcat;
            """;

    private static final Pattern TYPE = Pattern.compile(
            "^(?:public\\s+)?(?:final\\s+|abstract\\s+)*(?:class|interface|record|enum)\\s+(\\w+)", Pattern.MULTILINE);

    @Test
    void everyJavaBlockCompiles() throws IOException {
        List<Readme.Block> blocks = Readme.blocks("java");
        assertFalse(blocks.isEmpty(), "README.md has java blocks");
        List<JavaFileObject> sources = new ArrayList<>();
        List<Readme.Block> compiled = new ArrayList<>();
        for (Readme.Block b : blocks) {
            if (b.code().strip().startsWith("module ")) {
                continue; // a module-info.java: UserProjectTest
            }
            String pkg = "readme.line" + b.line();
            Matcher type = TYPE.matcher(b.code());
            String name;
            String text;
            if (type.find()) {
                name = type.group(1);
                text = "package " + pkg + ";\n" + IMPORTS + b.code();
            } else {
                name = "Snippet";
                text = "package " + pkg + ";\n" + IMPORTS + "class Snippet {\n" + GIVEN
                        + "    void run() throws Exception {\n" + b.code() + "    }\n}\n";
            }
            int before = (int) text.substring(0, text.indexOf(b.code())).lines().count();
            sources.add(new Source(pkg.replace('.', '/') + "/" + name + ".java", text, b.line() - before - 1));
            compiled.add(b);
        }
        assertTrue(compiled.size() >= 5, "the README's server, routing, listener, client and OSGi snippets: "
                + compiled.size());

        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Path out = Files.createDirectories(
                Path.of(System.getProperty("itest.usage.outdir", "target/usage")).resolve("readme-classes"));
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        StringWriter log = new StringWriter();
        boolean ok = javac.getTask(log, null, diagnostics, List.of("-proc:none", "-d", out.toString(),
                "-classpath", System.getProperty("java.class.path")), null, sources).call();
        StringBuilder errors = new StringBuilder();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                long line = d.getSource() instanceof Source s ? d.getLineNumber() + s.readmeOffset : d.getLineNumber();
                errors.append("README.md:").append(line).append(": ").append(d.getMessage(Locale.ROOT)).append('\n');
            }
        }
        assertTrue(ok && errors.length() == 0, "README java blocks that do not compile:\n" + errors + log);
    }

    /** A source file in memory. */
    private static final class Source extends SimpleJavaFileObject {
        private final String text;
        /** What to add to a line of this file to get the README's line. */
        private final int readmeOffset;

        Source(String path, String text, int readmeOffset) {
            super(URI.create("string:///" + path), Kind.SOURCE);
            this.text = text;
            this.readmeOffset = readmeOffset;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }
}
