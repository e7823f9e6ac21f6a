package net.websocket.bench.load;

import java.util.ArrayList;
import java.util.List;

/**
 * Our server as built from another git revision, run as one more server of the suite so that the project's current
 * build and an earlier one are measured side by side in the same interleaved rounds. {@code bench/run --baseline
 * REV} builds that revision's api, variant, deflate, runtime and bench modules from its own sources, and the
 * baseline server is that revision's own {@link #MAIN_CLASS} on that build's class path: exactly what
 * {@code bench/run} measured as "ours" at that revision, whatever API the two revisions differ in.
 *
 * @param name      its name in reports and logs: {@value #CURRENT}, {@code @} and the abbreviated commit
 * @param classPath the class path of the baseline build (its bench classes and their dependencies)
 * @param commit    the commit it was built from, as it is to appear in reports
 */
record Baseline(String name, String classPath, String commit) {

    /** The main class of our echo server, the same at every revision the baseline may be. */
    static final String MAIN_CLASS = "net.websocket.bench.servers.OursEchoServer";

    /** The server the baseline is compared with: the current build of ours. */
    static final String CURRENT = "ours";

    Baseline {
        if (name.equals(CURRENT) || Suite.SERVERS.contains(name)) {
            throw new IllegalArgumentException("the baseline needs a name of its own, not " + name);
        }
    }

    /**
     * The servers of a run with this baseline: those asked for, with {@value #CURRENT} added in front when it is not
     * among them (there is nothing to compare the baseline with otherwise) and the baseline right after it, so that
     * the two run one after the other in every round.
     */
    List<String> joining(List<String> servers) {
        List<String> joined = new ArrayList<>(servers);
        joined.remove(name);
        if (!joined.contains(CURRENT)) {
            joined.add(0, CURRENT);
        }
        joined.add(joined.indexOf(CURRENT) + 1, name);
        return List.copyOf(joined);
    }
}
