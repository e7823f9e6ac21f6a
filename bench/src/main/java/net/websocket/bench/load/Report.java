package net.websocket.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * The report of a suite run, in Markdown: the machine and settings, the table of medians with ratios to Netty 4.1
 * and 4.2 and to the raw echo (the limit), our server against a baseline build when there is one ({@link BaselineComparison}), the CPU
 * shares, what idle connections hold, every round's values and the problems seen.
 */
final class Report {

    private final Suite suite;
    private final Settings settings;

    Report(Suite suite) {
        this.suite = suite;
        this.settings = suite.settings();
    }

    String render(String startLoad, double seconds) {
        StringBuilder b = new StringBuilder();
        b.append("# Benchmark results\n\n");
        b.append(environment(startLoad, seconds));
        double load = firstLoad(startLoad);
        if (load > Suite.QUIET_LOAD) {
            b.append("\n**Warning: the load average was ").append(startLoad.split(" ")[0])
                    .append(" when the run started: other work competed for the CPUs, so these figures are not ")
                    .append("comparable with runs on a quiet machine.**\n");
        }
        b.append("\nMedians over ").append(settings.rounds()).append(" round(s). netty: Netty 4.1, netty42: ")
                .append("Netty 4.2. Ratios: ours / netty, ours / netty42, ours / raw (for latency and memory lower ")
                .append("is better). Target: what the project aims for, as a ratio to Netty. raw is a TCP echo of ")
                .append("the same bytes that parses nothing: its figures are the limit of each scenario on this ")
                .append("machine (loopback, kernel and load generator), not a competitor's; (d) TCP connects+closes ")
                .append("is its own figure, the limit of the handshake rate, and its (e) holds idle TCP ")
                .append("connections.\n\n");
        List<String> servers = settings.servers();
        b.append("| figure |");
        servers.forEach(s -> b.append(' ').append(s.equals(Suite.RAW) ? "raw (limit)" : s).append(" |"));
        b.append(" ours/netty | ours/netty42 | target | ours/raw |\n|---|");
        servers.forEach(s -> b.append("---:|"));
        b.append("---:|---:|---|---:|\n");
        List<Metric> metrics = Metric.ALL.stream().map(this::withIdleCount).toList();
        for (Metric metric : metrics) {
            if (settings.scenarios().indexOf(metric.key().charAt(0)) < 0) {
                continue;
            }
            b.append("| ").append(metric.label()).append(" |");
            for (String s : servers) {
                b.append(' ').append(Suite.fmt(suite.median(s, metric.key()))).append(" |");
            }
            b.append(' ').append(ratio("ours", "netty", metric.key())).append(" | ")
                    .append(ratio("ours", Netty42.NAME, metric.key())).append(" | ").append(metric.target())
                    .append(" | ").append(ratio("ours", Suite.RAW, metric.key())).append(" |\n");
        }
        if (settings.scenarios().indexOf('i') >= 0) {
            b.append(floodVerdict());
        }
        b.append(containerRatios(metrics));
        Baseline baseline = settings.baseline();
        if (baseline != null) {
            b.append(BaselineComparison.render(baseline, BaselineComparison.rows(metrics, settings.scenarios(),
                    key -> suite.values(Baseline.CURRENT, key), key -> suite.values(baseline.name(), key))));
        }
        b.append("\nCPU share during the measurements (1.0 = one CPU busy all the time; the load generator's own ")
                .append("share near 1.0 means the client, not the server, set the pace):");
        for (String key : List.of("a.serverCpuShare", "a.loadCpuShare", "c.serverCpuShare", "d.serverCpuShare",
                "f.offServerCpuShare", "f.onServerCpuShare", "h.serverCpuShare", "h.loadCpuShare")) {
            b.append("\n- ").append(key.charAt(0)).append(key.startsWith("f.off") ? " uncompressed"
                    : key.startsWith("f.on") ? " permessage-deflate" : "")
                    .append(key.contains("load") ? " load generator:" : " server:");
            for (String s : servers) {
                b.append(' ').append(s).append(' ').append(Suite.fmt(suite.median(s, key)));
            }
        }
        for (String key : List.of("a.serverKernelShare", "c.serverKernelShare")) {
            b.append("\n- ").append(key.charAt(0)).append(" server: share of its CPU time spent in the kernel:");
            for (String s : servers) {
                b.append(' ').append(s).append(' ').append(Suite.fmt(suite.median(s, key)));
            }
        }
        b.append("\n- a server context switches per 1000 messages:");
        for (String s : servers) {
            b.append(' ').append(s).append(' ').append(Suite.fmt(suite.median(s, "a.switchesPer1k")));
        }
        if (!suite.heapGrowth().isEmpty()) {
            b.append("\n\n## What the idle connections hold (live heap growth per connection, bytes, by class; ")
                    .append("last round)\n");
            suite.heapGrowth().forEach((s, g) -> b.append("\n- ").append(s).append(": ").append(g));
        }
        b.append("\n\n## Every round\n\n");
        for (String s : servers) {
            b.append("- ").append(s).append(':');
            suite.results().get(s).forEach((k, v) -> b.append(' ').append(k).append('=')
                    .append(v.stream().map(Suite::fmt).toList()));
            b.append('\n');
        }
        b.append("\n## Problems\n\n");
        if (suite.problems().isEmpty()) {
            b.append("none: every connection opened, echoed and closed cleanly.\n");
        } else {
            suite.problems().forEach(p -> b.append("- ").append(p).append('\n'));
        }
        return b.toString();
    }

    /**
     * Scenario (i)'s verdict for each server: whether the bystanders' p99.9 during the flood stayed within
     * {@link HandshakeFlood#RATIO_BAR} times their quiet p99.9.
     */
    private String floodVerdict() {
        StringBuilder b = new StringBuilder("\n(i) verdict, bystander p99.9 during the flood within ")
                .append(Suite.fmt(HandshakeFlood.RATIO_BAR)).append("x of the quiet p99.9:");
        for (String s : settings.servers()) {
            double r = suite.median(s, "i.ratio");
            if (!Double.isNaN(r)) {
                b.append(' ').append(s).append(' ').append(Suite.fmt(r)).append("x ")
                        .append(s.equals(Suite.RAW) ? "(the limit)" : r <= HandshakeFlood.RATIO_BAR ? "(met)"
                                : "(NOT met)").append(';');
            }
        }
        return b.append('\n').toString();
    }

    /**
     * The ratios of the servlet-container and Jakarta servers ({@link Containers}) that this run has both sides of:
     * ours in a container against that container's own WebSocket and against ours on its own port, and the one
     * Jakarta endpoint on our runtime against it on Tomcat and Jetty and against ours; empty when none.
     */
    private String containerRatios(List<Metric> metrics) {
        List<String[]> pairs = Containers.PAIRS.stream()
                .filter(p -> settings.servers().contains(p[0]) && settings.servers().contains(p[1])).toList();
        if (pairs.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("\nServlet containers and Jakarta WebSocket (for latency and memory ")
                .append("lower is better):\n\n| figure |");
        pairs.forEach(p -> b.append(' ').append(p[0]).append(" / ").append(p[1]).append(" |"));
        b.append("\n|---|");
        pairs.forEach(p -> b.append("---:|"));
        for (Metric metric : metrics) {
            if (settings.scenarios().indexOf(metric.key().charAt(0)) >= 0) {
                b.append("\n| ").append(metric.label()).append(" |");
                pairs.forEach(p -> b.append(' ').append(ratio(p[0], p[1], metric.key())).append(" |"));
            }
        }
        return b.append('\n').toString();
    }

    /** The metric with the number of idle connections of this run in its label, where the label has "N idle". */
    private Metric withIdleCount(Metric m) {
        return new Metric(m.key(), m.label().replace("N idle", settings.idleConnections() + " idle"),
                m.higherIsBetter(), m.target());
    }

    private String environment(String startLoad, double seconds) {
        StringBuilder b = new StringBuilder();
        b.append("- date: ").append(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME)).append('\n');
        b.append("- commit: ").append(settings.commit()).append('\n');
        if (settings.baseline() != null) {
            b.append("- baseline: ").append(settings.baseline().name()).append(", commit ")
                    .append(settings.baseline().commit()).append('\n');
        }
        b.append("- JDK: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append('\n');
        b.append("- machine: nproc ").append(settings.nproc()).append(", ").append(cpuModel()).append('\n');
        b.append("- pinning: ").append(settings.serverCpu() >= 0
                ? "servers on CPU " + settings.serverCpu() + " (taskset), load generator on another"
                : "none (taskset missing or fewer than 2 CPUs)").append('\n');
        b.append("- server JVM flags: ").append(String.join(" ", Suite.SERVER_JVM_FLAGS)).append('\n');
        b.append("- load average: ").append(startLoad).append(" at the start, ").append(Suite.loadAverage())
                .append(" at the end (figures are only meaningful on a quiet machine)\n");
        b.append(String.format(Locale.ROOT, "- settings: %d round(s), warm-up %.0f s, measurement %.0f s, "
                + "latency %.0f s warm-up + %d round trips, handshakes %.0f s, %d idle connections; took %.0f s%n",
                settings.rounds(), settings.warmupSeconds(), settings.measureSeconds(), settings.warmupSeconds(),
                settings.latencySamples(), settings.handshakeSeconds(), settings.idleConnections(), seconds));
        return b.toString();
    }

    private String ratio(String a, String b, String key) {
        double x = suite.median(a, key);
        double y = suite.median(b, key);
        if (Double.isNaN(x) || Double.isNaN(y) || y == 0) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.2fx", x / y);
    }

    private static double firstLoad(String loadAverage) {
        try {
            return Double.parseDouble(loadAverage.split(" ")[0]);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return "unknown CPU";
    }
}
