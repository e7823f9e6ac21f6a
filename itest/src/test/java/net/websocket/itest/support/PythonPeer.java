package net.websocket.itest.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Where the python-websockets peer comes from: Debian's {@code python3-websockets} (10.x), which only the system
 * interpreter {@code /usr/bin/python3} sees (another {@code python3} may come first on the PATH).
 */
public final class PythonPeer {

    /** The interpreter that has Debian's packages. */
    public static final String PYTHON = "/usr/bin/python3";

    private static volatile String unavailable;
    private static volatile String version;
    private static volatile boolean checked;

    private PythonPeer() {
    }

    /** Why the peer cannot run here, or {@code null} if it can. */
    public static String unavailableReason() {
        if (!checked) {
            unavailable = check();
            checked = true;
        }
        return unavailable;
    }

    private static String check() {
        if (!Files.isExecutable(Path.of(PYTHON))) {
            return PYTHON + " not found (install python3 and python3-websockets)";
        }
        try {
            ExternalPeer.Result r = ExternalPeer.run(List.of(PYTHON, "-c",
                    "import websockets; print(websockets.__version__)"), Duration.ofSeconds(30));
            if (r.exitCode() != 0) {
                return PYTHON + " has no websockets module (apt-get install python3-websockets): " + r.output();
            }
            String found = r.output().trim();
            if (!found.matches("(1\\d|[2-9]\\d)(\\..*)?")) {
                return "python websockets " + found + " is older than 10";
            }
            version = found;
            return null;
        } catch (Exception e) {
            return "cannot run " + PYTHON + ": " + e;
        }
    }

    /** The version of python-websockets, once {@link #unavailableReason()} found it usable; else {@code null}. */
    public static String version() {
        return unavailableReason() == null ? version : null;
    }

    /** The command that runs one of the peer scripts with {@code args}. */
    public static List<String> command(String script, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of(PYTHON, "-u", ExternalPeer.script(script).toString()));
        cmd.addAll(List.of(args));
        return cmd;
    }
}
